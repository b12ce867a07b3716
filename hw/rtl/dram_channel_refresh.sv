// Refresh bookkeeping: refresh k becomes pending at cycle k * I, pending refreshes queue up
// in order and only the head is worked on. Per-bank refreshes take the banks round-robin in
// index order (g * banks_per_group + b) from bank 0, with I = floor(tREFI / banks); all-bank
// refreshes come every tREFI.
module dram_channel_refresh
  import dram_channel_pkg::*;
#(
    parameter int BANK_GROUPS = 4,
    parameter int BANKS_PER_GROUP = 4,
    localparam int GROUPS_W = $clog2(BANK_GROUPS + 1),
    localparam int PER_GROUP_W = $clog2(BANKS_PER_GROUP + 1)
) (
    input  logic                   clk,
    input  logic                   rst_n,
    input  cycle_t                 now,
    input  time_t                  refi,
    input  refresh_mode_t          mode,
    input  logic [   GROUPS_W-1:0] bank_groups,      // in use, at most BANK_GROUPS
    input  logic [PER_GROUP_W-1:0] banks_per_group,  // in use, at most BANKS_PER_GROUP
    input  logic                   refreshed,        // the head was served this cycle
    output logic                   per_bank_due,     // the head is a REFpb of head_bank
    output logic                   all_bank_due,     // the head is a REFab
    output logic        [BG_W-1:0] head_group,
    output logic        [BA_W-1:0] head_bank
);
  // Refreshes due but not yet issued. A schedule the controller keeps up with holds a few;
  // the width only has to outlast a run that does not.
  localparam int PENDING_W = 16;

  time_t interval;
  always_comb begin
    if (mode == REFRESH_PER_BANK) begin
      interval = refi / TIME_W'(int'(bank_groups) * int'(banks_per_group));
    end else begin
      interval = refi;
    end
  end

  // phase = now mod interval; refresh k falls on phase 0 of cycle k * interval, k >= 1.
  time_t phase;
  logic due_now;
  assign due_now = mode != REFRESH_NONE && phase == '0 && now != '0;

  logic [PENDING_W-1:0] pending_q, pending;
  assign pending = pending_q + PENDING_W'(due_now);
  assign per_bank_due = mode == REFRESH_PER_BANK && pending != '0;
  assign all_bank_due = mode == REFRESH_ALL_BANK && pending != '0;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      phase <= '0;
      pending_q <= '0;
      head_group <= '0;
      head_bank <= '0;
    end else begin
      phase <= phase + 1'b1 == interval ? '0 : phase + 1'b1;
      pending_q <= pending - PENDING_W'(refreshed);
      if (refreshed && mode == REFRESH_PER_BANK) begin
        if (int'(head_bank) + 1 < int'(banks_per_group)) begin
          head_bank <= head_bank + 1'b1;
        end else begin
          head_bank <= '0;
          head_group <= int'(head_group) + 1 < int'(bank_groups) ? head_group + 1'b1 : '0;
        end
      end
    end
  end
endmodule
