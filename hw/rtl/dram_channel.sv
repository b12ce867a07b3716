// One DRAM channel controller, cycle by cycle as docs/dram-controller.md defines it: FR-FCFS
// over a read and a write queue with write drain, open- or closed-page, per-bank or
// all-bank refresh, and the JEDEC timing rules. It emits at most one command per cycle.
//
// Timing, organisation and policy are inputs, so one verilation serves several devices:
// set them before releasing reset and hold them for the whole run. The parameters are the
// synthesized maxima the inputs must stay within.
module dram_channel
  import dram_channel_pkg::*;
#(
    parameter int BANK_GROUPS = 4,
    parameter int BANKS_PER_GROUP = 4,
    parameter int QUEUE_DEPTH = 16,  // per queue
    localparam int BANKS = BANK_GROUPS * BANKS_PER_GROUP,
    localparam int GROUPS_W = $clog2(BANK_GROUPS + 1),
    localparam int PER_GROUP_W = $clog2(BANKS_PER_GROUP + 1),
    localparam int COUNT_W = $clog2(QUEUE_DEPTH + 1)
) (
    input logic clk,
    input logic rst_n,  // asynchronous, active low

    // Timing in cycles (DramTiming).
    input time_t t_cl,
    input time_t t_cwl,
    input time_t t_bl,
    input time_t t_rcdrd,
    input time_t t_rcdwr,
    input time_t t_rp,
    input time_t t_ras,
    input time_t t_rc,
    input time_t t_ccd_s,
    input time_t t_ccd_l,
    input time_t t_rrd_s,
    input time_t t_rrd_l,
    input time_t t_faw,
    input time_t t_wr,
    input time_t t_rtp,
    input time_t t_wtr_s,
    input time_t t_wtr_l,
    input time_t t_rtrs,
    input time_t t_refi,
    input time_t t_rfc,
    input time_t t_rfcpb,
    input time_t t_rrefd,

    // Organisation and controller settings (ChannelOrg, ControllerConfig).
    input logic [   GROUPS_W-1:0] bank_groups,
    input logic [PER_GROUP_W-1:0] banks_per_group,
    input logic [    COUNT_W-1:0] read_queue,       // depth in use, at most QUEUE_DEPTH
    input logic [    COUNT_W-1:0] write_queue,
    input logic [    COUNT_W-1:0] write_high,
    input logic [    COUNT_W-1:0] write_low,
    input logic                   closed_page,
    input logic [            1:0] refresh_mode,     // 0 none, 1 per bank, 2 all bank

    // Request in: present the head of the stream once its arrival cycle has come; it is
    // taken at the clock edge when req_ready is high.
    input  logic             req_valid,
    output logic             req_ready,
    input  logic [TAG_W-1:0] req_tag,
    input  logic             req_is_write,
    input  logic [ BG_W-1:0] req_bank_group,
    input  logic [ BA_W-1:0] req_bank,
    input  logic [ROW_W-1:0] req_row,
    input  logic [COL_W-1:0] req_column,

    // Command out, for the cycle now showing on `cycle`. kind follows mem::CommandKind;
    // row is set for ACT and column commands, column and tag for column commands.
    output logic               cmd_valid,
    output logic [        2:0] cmd_kind,
    output logic [ BG_W-1:0]   cmd_bank_group,
    output logic [ BA_W-1:0]   cmd_bank,
    output logic [ROW_W-1:0]   cmd_row,
    output logic [COL_W-1:0]   cmd_column,
    output logic [TAG_W-1:0]   cmd_tag,
    output cycle_t             cycle
);
  localparam int INDEX_W = $clog2(QUEUE_DEPTH);

  timing_t timing;
  assign timing = '{
          cl: t_cl,
          cwl: t_cwl,
          bl: t_bl,
          rcdrd: t_rcdrd,
          rcdwr: t_rcdwr,
          rp: t_rp,
          ras: t_ras,
          rc: t_rc,
          ccd_s: t_ccd_s,
          ccd_l: t_ccd_l,
          rrd_s: t_rrd_s,
          rrd_l: t_rrd_l,
          faw: t_faw,
          wr: t_wr,
          rtp: t_rtp,
          wtr_s: t_wtr_s,
          wtr_l: t_wtr_l,
          rtrs: t_rtrs,
          rfc: t_rfc,
          rfcpb: t_rfcpb,
          rrefd: t_rrefd
      };

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) cycle <= '0;
    else cycle <= cycle + 1'b1;
  end

  // Queues. A request is taken when its queue held fewer than its depth at the start of the
  // cycle, whatever the scheduler serves in the same cycle.
  request_t read_entries[QUEUE_DEPTH];
  request_t write_entries[QUEUE_DEPTH];
  logic [COUNT_W-1:0] reads, writes;
  logic write_mode;  // the scheduler serves the write queue
  logic serve;
  logic [INDEX_W-1:0] serve_index;
  request_t incoming;

  assign incoming = '{
          tag: req_tag,
          bank_group: req_bank_group,
          bank: req_bank,
          row: req_row,
          column: req_column
      };
  assign req_ready = req_is_write ? writes < write_queue : reads < read_queue;

  dram_channel_queue #(
      .DEPTH(QUEUE_DEPTH)
  ) u_read_queue (
      .clk,
      .rst_n,
      .push(req_valid && req_ready && !req_is_write),
      .push_request(incoming),
      .pop(serve && !write_mode),
      .pop_index(serve_index),
      .entries(read_entries),
      .count(reads)
  );

  dram_channel_queue #(
      .DEPTH(QUEUE_DEPTH)
  ) u_write_queue (
      .clk,
      .rst_n,
      .push(req_valid && req_ready && req_is_write),
      .push_request(incoming),
      .pop(serve && write_mode),
      .pop_index(serve_index),
      .entries(write_entries),
      .count(writes)
  );

  // Mode for the next cycle, from the queue counts at the start of this one.
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      write_mode <= 1'b0;
    end else if (!write_mode) begin
      if (writes >= write_high || (reads == '0 && writes != '0)) write_mode <= 1'b1;
    end else if (writes == '0 || (writes <= write_low && reads != '0)) begin
      write_mode <= 1'b0;
    end
  end

  // The scheduler sees only the active queue.
  request_t active_entries[QUEUE_DEPTH];
  always_comb begin
    for (int i = 0; i < QUEUE_DEPTH; i++) begin
      active_entries[i] = write_mode ? write_entries[i] : read_entries[i];
    end
  end

  command_t command;

  logic open_q[BANKS];
  logic [ROW_W-1:0] open_row[BANKS];
  logic act_ok[BANKS], pre_ok[BANKS], rd_ok[BANKS], wr_ok[BANKS], refpb_ok[BANKS];
  logic refab_ok;

  dram_channel_banks #(
      .BANK_GROUPS(BANK_GROUPS),
      .BANKS_PER_GROUP(BANKS_PER_GROUP)
  ) u_banks (
      .clk,
      .rst_n,
      .now(cycle),
      .timing,
      .issue_valid(command.valid),
      .issue_kind(command.kind),
      .issue_group(command.bank_group),
      .issue_bank(command.bank),
      .issue_row(command.row),
      .open_q,
      .open_row,
      .act_ok,
      .pre_ok,
      .rd_ok,
      .wr_ok,
      .refpb_ok,
      .refab_ok
  );

  logic per_bank_due, all_bank_due;
  logic [BG_W-1:0] refresh_group;
  logic [BA_W-1:0] refresh_bank;

  dram_channel_refresh #(
      .BANK_GROUPS(BANK_GROUPS),
      .BANKS_PER_GROUP(BANKS_PER_GROUP)
  ) u_refresh (
      .clk,
      .rst_n,
      .now(cycle),
      .refi(t_refi),
      .mode(refresh_mode_t'(refresh_mode)),
      .bank_groups,
      .banks_per_group,
      .refreshed(command.valid && (command.kind == CMD_REFPB || command.kind == CMD_REFAB)),
      .per_bank_due,
      .all_bank_due,
      .head_group(refresh_group),
      .head_bank(refresh_bank)
  );

  dram_channel_scheduler #(
      .BANK_GROUPS(BANK_GROUPS),
      .BANKS_PER_GROUP(BANKS_PER_GROUP),
      .DEPTH(QUEUE_DEPTH)
  ) u_scheduler (
      .entries(active_entries),
      .count(write_mode ? writes : reads),
      .write_mode,
      .closed_page,
      .open_q,
      .open_row,
      .act_ok,
      .pre_ok,
      .rd_ok,
      .wr_ok,
      .refpb_ok,
      .refab_ok,
      .per_bank_due,
      .all_bank_due,
      .refresh_group,
      .refresh_bank,
      .command,
      .serve,
      .serve_index
  );

  assign cmd_valid = command.valid;
  assign cmd_kind = command.kind;
  assign cmd_bank_group = command.bank_group;
  assign cmd_bank = command.bank;
  assign cmd_row = command.row;
  assign cmd_column = command.column;
  assign cmd_tag = command.tag;
endmodule
