// Bank and channel timing state, and which command each bank could take this cycle.
//
// Every rule of the contract reads "t >= last X + d" with d fixed for the run. Each register
// here keeps the largest such bound seen so far for the commands it gates; since the X
// cycles only grow, that maximum is exactly the bound from the last X, and several rules
// that gate the same command can share one register.
module dram_channel_banks
  import dram_channel_pkg::*;
#(
    parameter int BANK_GROUPS = 4,
    parameter int BANKS_PER_GROUP = 4,
    localparam int BANKS = BANK_GROUPS * BANKS_PER_GROUP
) (
    input  logic                 clk,
    input  logic                 rst_n,
    input  cycle_t               now,
    input  timing_t              timing,
    input  logic                 issue_valid,  // the command issued this cycle
    input  command_kind_t        issue_kind,
    input  logic     [ BG_W-1:0] issue_group,
    input  logic     [ BA_W-1:0] issue_bank,
    input  logic     [ROW_W-1:0] issue_row,
    output logic                 open_q   [BANKS],
    output logic     [ROW_W-1:0] open_row [BANKS],
    output logic                 act_ok   [BANKS],
    output logic                 pre_ok   [BANKS],
    output logic                 rd_ok    [BANKS],
    output logic                 wr_ok    [BANKS],
    output logic                 refpb_ok [BANKS],
    output logic                 refab_ok
);
  // Per bank group: tRRD, tCCD, tWTR and (for WR, in every group) the read-to-write turnaround.
  cycle_t group_next_act[BANK_GROUPS];
  cycle_t group_next_rd[BANK_GROUPS];
  cycle_t group_next_wr[BANK_GROUPS];
  // Per channel: the last four ACTs, newest first, and REFpb to REFpb.
  cycle_t faw_act[4];
  logic [2:0] faw_count;
  cycle_t next_refpb;

  // Delays that sum several parameters.
  int unsigned write_to_pre, write_to_rd_s, write_to_rd_l, read_to_write;
  always_comb begin
    write_to_pre = int'(timing.cwl) + int'(timing.bl) + int'(timing.wr);
    write_to_rd_s = int'(timing.cwl) + int'(timing.bl) + int'(timing.wtr_s);
    write_to_rd_l = int'(timing.cwl) + int'(timing.bl) + int'(timing.wtr_l);
    // CL + tBL + tRTRS - CWL can be negative; a bound at or before now constrains nothing.
    if (int'(timing.cl) + int'(timing.bl) + int'(timing.rtrs) > int'(timing.cwl)) begin
      read_to_write = int'(timing.cl) + int'(timing.bl) + int'(timing.rtrs) - int'(timing.cwl);
    end else begin
      read_to_write = 0;
    end
  end

  logic faw_ok;
  assign faw_ok = faw_count < 3'd4 || now >= plus(faw_act[3], int'(timing.faw));

  // Decoded issue.
  logic is_act, is_pre, is_read, is_write, auto_pre, is_refpb, is_refab;
  int unsigned target, target_group;
  always_comb begin
    is_act = issue_valid && issue_kind == CMD_ACT;
    is_pre = issue_valid && issue_kind == CMD_PRE;
    is_read = issue_valid && (issue_kind == CMD_RD || issue_kind == CMD_RDA);
    is_write = issue_valid && (issue_kind == CMD_WR || issue_kind == CMD_WRA);
    auto_pre = issue_valid && (issue_kind == CMD_RDA || issue_kind == CMD_WRA);
    is_refpb = issue_valid && issue_kind == CMD_REFPB;
    is_refab = issue_valid && issue_kind == CMD_REFAB;
    target_group = int'(issue_group);
    target = target_group * BANKS_PER_GROUP + int'(issue_bank);
  end

  // Every bank is closed and past its next-ACT bound (REFab's own rule).
  logic bank_idle[BANKS];
  always_comb begin
    refab_ok = 1'b1;
    for (int b = 0; b < BANKS; b++) refab_ok = refab_ok && bank_idle[b];
  end

  for (genvar b = 0; b < BANKS; b++) begin : g_bank
    localparam int GROUP = b / BANKS_PER_GROUP;

    // next_act also gates REFpb and REFab: it holds PRE + tRP, ACT + tRC, REFpb + tRFCpb and
    // REFab + tRFC. A run uses one refresh mode, so REFpb and REFab never meet and sharing
    // the register adds no bound the contract lacks.
    logic open;
    logic [ROW_W-1:0] row;
    cycle_t next_act, next_pre, next_rd, next_wr;

    logic targeted;
    assign targeted = target == b;

    // An auto-precharge takes effect when an explicit PRE would first be legal after this
    // command: next_pre already holds ACT + tRAS and the recovery of earlier RD/WR to the row.
    // The bank is closed from now on and its next ACT waits tRP after that.
    cycle_t auto_pre_at;
    assign auto_pre_at = later(plus(now, is_write ? write_to_pre : int'(timing.rtp)), next_pre);

    always_ff @(posedge clk or negedge rst_n) begin
      if (!rst_n) begin
        open <= 1'b0;
        row <= '0;
        next_act <= '0;
        next_pre <= '0;
        next_rd <= '0;
        next_wr <= '0;
      end else begin
        if (targeted && is_act) begin
          open <= 1'b1;
          row <= issue_row;
          next_act <= later(next_act, plus(now, int'(timing.rc)));
          next_pre <= later(next_pre, plus(now, int'(timing.ras)));
          next_rd <= later(next_rd, plus(now, int'(timing.rcdrd)));
          next_wr <= later(next_wr, plus(now, int'(timing.rcdwr)));
        end
        if (targeted && is_pre) begin
          open <= 1'b0;
          next_act <= later(next_act, plus(now, int'(timing.rp)));
        end
        if (targeted && is_read) next_pre <= later(next_pre, plus(now, int'(timing.rtp)));
        if (targeted && is_write) next_pre <= later(next_pre, plus(now, write_to_pre));
        if (targeted && auto_pre) begin
          open <= 1'b0;
          next_act <= later(next_act, plus(auto_pre_at, int'(timing.rp)));
        end
        if (targeted && is_refpb) next_act <= later(next_act, plus(now, int'(timing.rfcpb)));
        if (is_refab) next_act <= later(next_act, plus(now, int'(timing.rfc)));
      end
    end

    assign open_q[b] = open;
    assign open_row[b] = row;
    assign act_ok[b] = !open && now >= next_act && now >= group_next_act[GROUP] && faw_ok;
    assign pre_ok[b] = open && now >= next_pre;
    assign rd_ok[b] = open && now >= next_rd && now >= group_next_rd[GROUP];
    assign wr_ok[b] = open && now >= next_wr && now >= group_next_wr[GROUP];
    assign refpb_ok[b] = !open && now >= next_act && now >= next_refpb;
    assign bank_idle[b] = !open && now >= next_act;
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      for (int g = 0; g < BANK_GROUPS; g++) begin
        group_next_act[g] <= '0;
        group_next_rd[g] <= '0;
        group_next_wr[g] <= '0;
      end
      for (int k = 0; k < 4; k++) faw_act[k] <= '0;
      faw_count <= '0;
      next_refpb <= '0;
    end else begin
      for (int g = 0; g < BANK_GROUPS; g++) begin
        if (is_act) begin
          group_next_act[g] <= later(group_next_act[g],
                                     plus(now, g == target_group ? int'(timing.rrd_l) :
                                                                   int'(timing.rrd_s)));
        end
        if (is_read) begin
          group_next_rd[g] <= later(group_next_rd[g],
                                    plus(now, g == target_group ? int'(timing.ccd_l) :
                                                                  int'(timing.ccd_s)));
          group_next_wr[g] <= later(group_next_wr[g], plus(now, read_to_write));
        end
        if (is_write) begin
          group_next_wr[g] <= later(group_next_wr[g],
                                    plus(now, g == target_group ? int'(timing.ccd_l) :
                                                                  int'(timing.ccd_s)));
          group_next_rd[g] <= later(group_next_rd[g],
                                    plus(now, g == target_group ? write_to_rd_l : write_to_rd_s));
        end
      end
      if (is_act) begin
        faw_act[0] <= now;
        for (int k = 1; k < 4; k++) faw_act[k] <= faw_act[k-1];
        if (faw_count < 3'd4) faw_count <= faw_count + 3'd1;
      end
      if (is_refpb) next_refpb <= later(next_refpb, plus(now, int'(timing.rrefd)));
    end
  end
endmodule
