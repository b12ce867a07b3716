// Chooses at most one command per cycle from the state at the start of the cycle, in the
// contract's priority: the head refresh (or the PRE it needs), then the oldest request of the
// active queue whose column command is legal (first ready), then the oldest request for
// which an ACT, or a PRE of a row nobody in the active queue wants, is legal (FCFS).
module dram_channel_scheduler
  import dram_channel_pkg::*;
#(
    parameter int BANK_GROUPS = 4,
    parameter int BANKS_PER_GROUP = 4,
    parameter int DEPTH = 16,
    localparam int BANKS = BANK_GROUPS * BANKS_PER_GROUP,
    localparam int COUNT_W = $clog2(DEPTH + 1),
    localparam int INDEX_W = $clog2(DEPTH)
) (
    input  request_t               entries      [DEPTH],  // the active queue, oldest first
    input  logic     [COUNT_W-1:0] count,
    input  logic                   write_mode,
    input  logic                   closed_page,
    input  logic                   open_q       [BANKS],
    input  logic     [  ROW_W-1:0] open_row     [BANKS],
    input  logic                   act_ok       [BANKS],
    input  logic                   pre_ok       [BANKS],
    input  logic                   rd_ok        [BANKS],
    input  logic                   wr_ok        [BANKS],
    input  logic                   refpb_ok     [BANKS],
    input  logic                   refab_ok,
    input  logic                   per_bank_due,
    input  logic                   all_bank_due,
    input  logic     [   BG_W-1:0] refresh_group,
    input  logic     [   BA_W-1:0] refresh_bank,
    output command_t               command,
    output logic                   serve,                  // command serves entries[serve_index]
    output logic     [INDEX_W-1:0] serve_index
);
  function automatic int unsigned bank_of(logic [BG_W-1:0] group, logic [BA_W-1:0] bank);
    return int'(group) * BANKS_PER_GROUP + int'(bank);
  endfunction

  // Per entry: its bank, whether it may be scheduled (not waiting on a refresh), and whether
  // its row is the open one. Per bank: how many schedulable entries hit the open row.
  int unsigned entry_bank[DEPTH];
  logic live[DEPTH];
  logic hit[DEPTH];
  logic [COUNT_W-1:0] bank_hits[BANKS];
  int unsigned refresh_target;
  always_comb begin
    refresh_target = bank_of(refresh_group, refresh_bank);
    for (int b = 0; b < BANKS; b++) bank_hits[b] = '0;
    for (int i = 0; i < DEPTH; i++) begin
      entry_bank[i] = bank_of(entries[i].bank_group, entries[i].bank);
      live[i] = COUNT_W'(i) < count && !all_bank_due &&
          !(per_bank_due && entry_bank[i] == refresh_target);
      hit[i] = live[i] && open_q[entry_bank[i]] && open_row[entry_bank[i]] == entries[i].row;
      if (hit[i]) bank_hits[entry_bank[i]] = bank_hits[entry_bank[i]] + 1'b1;
    end
  end

  // Refresh: the head's own command, if legal now.
  command_t refresh_command;
  logic any_open;
  always_comb begin
    refresh_command = '0;
    any_open = 1'b0;
    for (int b = 0; b < BANKS; b++) any_open = any_open | open_q[b];
    if (per_bank_due) begin
      refresh_command.bank_group = refresh_group;
      refresh_command.bank = refresh_bank;
      if (open_q[refresh_target]) begin
        refresh_command.valid = pre_ok[refresh_target];
        refresh_command.kind = CMD_PRE;
      end else begin
        refresh_command.valid = refpb_ok[refresh_target];
        refresh_command.kind = CMD_REFPB;
      end
    end else if (all_bank_due) begin
      if (any_open) begin
        // The lowest-index open bank whose PRE is legal.
        for (int b = BANKS - 1; b >= 0; b--) begin
          if (open_q[b] && pre_ok[b]) begin
            refresh_command.valid = 1'b1;
            refresh_command.kind = CMD_PRE;
            refresh_command.bank_group = BG_W'(b / BANKS_PER_GROUP);
            refresh_command.bank = BA_W'(b % BANKS_PER_GROUP);
          end
        end
      end else begin
        refresh_command.valid = refab_ok;
        refresh_command.kind = CMD_REFAB;
      end
    end
  end

  // First ready: the oldest hit whose column command is legal.
  logic column_found;
  logic [INDEX_W-1:0] column_index;
  always_comb begin
    column_found = 1'b0;
    column_index = '0;
    for (int i = DEPTH - 1; i >= 0; i--) begin
      if (hit[i] && (write_mode ? wr_ok[entry_bank[i]] : rd_ok[entry_bank[i]])) begin
        column_found = 1'b1;
        column_index = INDEX_W'(i);
      end
    end
  end

  // FCFS row command: ACT a closed bank, or PRE a bank whose open row no entry wants.
  logic row_found, row_is_act;
  logic [INDEX_W-1:0] row_index;
  always_comb begin
    row_found = 1'b0;
    row_is_act = 1'b0;
    row_index = '0;
    for (int i = DEPTH - 1; i >= 0; i--) begin
      if (live[i] && !open_q[entry_bank[i]] && act_ok[entry_bank[i]]) begin
        row_found = 1'b1;
        row_is_act = 1'b1;
        row_index = INDEX_W'(i);
      end else if (live[i] && open_q[entry_bank[i]] && !hit[i] &&
                   bank_hits[entry_bank[i]] == '0 && pre_ok[entry_bank[i]]) begin
        row_found = 1'b1;
        row_is_act = 1'b0;
        row_index = INDEX_W'(i);
      end
    end
  end

  always_comb begin
    command = '0;
    serve = 1'b0;
    serve_index = '0;
    if (refresh_command.valid) begin
      command = refresh_command;
    end else if (column_found) begin
      // Closed page: auto-precharge unless another queued request hits the same row.
      command.valid = 1'b1;
      if (closed_page && bank_hits[entry_bank[column_index]] == COUNT_W'(1)) begin
        command.kind = write_mode ? CMD_WRA : CMD_RDA;
      end else begin
        command.kind = write_mode ? CMD_WR : CMD_RD;
      end
      command.bank_group = entries[column_index].bank_group;
      command.bank = entries[column_index].bank;
      command.row = entries[column_index].row;
      command.column = entries[column_index].column;
      command.tag = entries[column_index].tag;
      serve = 1'b1;
      serve_index = column_index;
    end else if (row_found) begin
      command.valid = 1'b1;
      command.kind = row_is_act ? CMD_ACT : CMD_PRE;
      command.bank_group = entries[row_index].bank_group;
      command.bank = entries[row_index].bank;
      command.row = row_is_act ? entries[row_index].row : '0;
    end
  end
endmodule
