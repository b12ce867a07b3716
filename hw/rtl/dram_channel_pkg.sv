// Types shared by the modules of the DRAM channel controller (docs/dram-controller.md).
// Field widths are fixed here; the bank-group and bank counts and the queue depth are
// parameters of dram_channel, bounded by these widths.
package dram_channel_pkg;
  localparam int CYCLE_W = 64;  // cycle counter and every "earliest cycle" register
  localparam int TIME_W = 16;   // one timing parameter, in cycles
  localparam int TAG_W = 32;    // request tag, chosen by the driver
  localparam int BG_W = 3;      // bank group index: up to 8 groups
  localparam int BA_W = 3;      // bank index within its group: up to 8 banks
  localparam int ROW_W = 18;    // 256 Ki rows
  localparam int COL_W = 10;    // 1024 bursts per row

  typedef logic [CYCLE_W-1:0] cycle_t;
  typedef logic [TIME_W-1:0] time_t;

  // Same order as axsim::mem::CommandKind, so the driver can cast the code.
  typedef enum logic [2:0] {
    CMD_ACT = 3'd0,
    CMD_PRE = 3'd1,
    CMD_RD = 3'd2,
    CMD_WR = 3'd3,
    CMD_RDA = 3'd4,
    CMD_WRA = 3'd5,
    CMD_REFPB = 3'd6,
    CMD_REFAB = 3'd7
  } command_kind_t;

  typedef enum logic [1:0] {
    REFRESH_NONE = 2'd0,
    REFRESH_PER_BANK = 2'd1,
    REFRESH_ALL_BANK = 2'd2
  } refresh_mode_t;

  // The JEDEC timing set that gates commands, named as in axsim::mem::DramTiming; tREFI
  // only paces the refresh counter and travels apart.
  typedef struct packed {
    time_t cl;
    time_t cwl;
    time_t bl;
    time_t rcdrd;
    time_t rcdwr;
    time_t rp;
    time_t ras;
    time_t rc;
    time_t ccd_s;
    time_t ccd_l;
    time_t rrd_s;
    time_t rrd_l;
    time_t faw;
    time_t wr;
    time_t rtp;
    time_t wtr_s;
    time_t wtr_l;
    time_t rtrs;
    time_t rfc;
    time_t rfcpb;
    time_t rrefd;
  } timing_t;

  // A queued request; read or write is implied by the queue holding it.
  typedef struct packed {
    logic [TAG_W-1:0] tag;
    logic [BG_W-1:0] bank_group;
    logic [BA_W-1:0] bank;
    logic [ROW_W-1:0] row;
    logic [COL_W-1:0] column;
  } request_t;

  typedef struct packed {
    logic valid;
    command_kind_t kind;
    logic [BG_W-1:0] bank_group;
    logic [BA_W-1:0] bank;
    logic [ROW_W-1:0] row;
    logic [COL_W-1:0] column;
    logic [TAG_W-1:0] tag;
  } command_t;

  function automatic cycle_t later(cycle_t a, cycle_t b);
    return a > b ? a : b;
  endfunction

  function automatic cycle_t plus(cycle_t t, int unsigned delay);
    return t + cycle_t'(delay);
  endfunction
endpackage
