// Parameterised ROWS x COLS INT8 systolic array: signed 8-bit operands, 32-bit accumulators
// that wrap on overflow. It computes one tile per run; the driver folds larger GEMMs by
// running tile after tile. The cycle equations this RTL obeys are in docs/compute-timing.md.
//
// Output-stationary (ws = 0): PE(i,j) accumulates C[i][j]. For each of the K streamed
// beats the driver presents a_vec[i] = A[i][k] and b_vec[j] = B[k][j] with in_valid, and
// in_last on the final beat. Row i of A is skewed by i cycles and column j of B by j, so
// PE(i,j) sees beat k at cycle k+i+j. After the last MAC the accumulators shift down and
// leave the bottom edge one row per cycle (row ROWS-1 first) with c_valid; zeros shift in
// from the top, which clears the array for the next tile.
//
// Weight-stationary (ws = 1): PE(i,j) holds W[i][j]. The driver first shifts the weights in
// from the top edge with w_load for ROWS cycles (last row first), then streams one input
// row per beat: a_vec[i] = X[m][i]. Partial sums flow down the columns; a de-skew on the
// bottom edge aligns them, so c_vec is output row m with c_valid, in stream order.
//
// done is high for one cycle, together with the last c_valid; the next tile may start on
// the following cycle.
module systolic_array #(
    parameter int ROWS = 4,
    parameter int COLS = 4
) (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               ws,
    input  logic               in_valid,
    input  logic               in_last,
    input  logic               w_load,
    input  logic signed [ 7:0] a_vec [ROWS],
    input  logic signed [ 7:0] b_vec [COLS],
    output logic               c_valid,
    output logic signed [31:0] c_vec [COLS],
    output logic               done,
    output logic               busy
);
  // Beat-to-output latency of the array: ROWS partial-sum registers down a column plus
  // COLS-1 cycles of skew across it (WS); in OS it is when the last MAC has retired.
  localparam int PIPE = ROWS + COLS - 1;
  localparam int CNT_W = (ROWS > 1) ? $clog2(ROWS) : 1;

  logic signed [ 7:0] a_h  [ROWS][COLS+1];  // horizontal operand wires, column COLS unused
  logic signed [ 7:0] b_v  [ROWS+1][COLS];  // vertical operand wires, row ROWS unused
  logic signed [31:0] acc_v[ROWS+1][COLS];  // accumulator chain, row 0 is the zero input

  logic drain;
  logic drain_busy_q;
  logic [CNT_W-1:0] drain_cnt_q;
  logic valid_piped;
  logic last_piped;
  logic busy_q;

  // Left edge: gate idle beats to zero so the skew registers flush clean, then skew row i.
  for (genvar i = 0; i < ROWS; i++) begin : g_row_edge
    logic signed [7:0] a_edge;
    assign a_edge = in_valid ? a_vec[i] : '0;
    systolic_delay #(.WIDTH(8), .DEPTH(i)) u_skew (
        .clk, .rst_n, .d(a_edge), .q(a_h[i][0])
    );
  end

  // Top edge: a skewed B stream in OS; the raw weight row while loading in WS.
  for (genvar j = 0; j < COLS; j++) begin : g_col_edge
    logic signed [7:0] b_edge;
    logic signed [7:0] b_skewed;
    assign b_edge = (in_valid && !ws) ? b_vec[j] : '0;
    systolic_delay #(.WIDTH(8), .DEPTH(j)) u_skew (
        .clk, .rst_n, .d(b_edge), .q(b_skewed)
    );
    assign b_v[0][j]   = ws ? b_vec[j] : b_skewed;
    assign acc_v[0][j] = '0;
  end

  for (genvar i = 0; i < ROWS; i++) begin : g_pe_row
    for (genvar j = 0; j < COLS; j++) begin : g_pe_col
      systolic_pe u_pe (
          .clk, .rst_n, .ws, .drain, .w_load,
          .a_in(a_h[i][j]), .b_in(b_v[i][j]), .acc_in(acc_v[i][j]),
          .a_out(a_h[i][j+1]), .b_out(b_v[i+1][j]), .acc_out(acc_v[i+1][j])
      );
    end
  end

  // Bottom edge: WS output column j is COLS-1-j cycles ahead of the last one; re-align.
  for (genvar j = 0; j < COLS; j++) begin : g_out
    logic signed [31:0] acc_aligned;
    systolic_delay #(.WIDTH(32), .DEPTH(COLS - 1 - j)) u_deskew (
        .clk, .rst_n, .d(acc_v[ROWS][j]), .q(acc_aligned)
    );
    assign c_vec[j] = ws ? acc_aligned : acc_v[ROWS][j];
  end

  systolic_delay #(.WIDTH(2), .DEPTH(PIPE)) u_ctrl_pipe (
      .clk, .rst_n, .d({in_valid, in_valid && in_last}), .q({valid_piped, last_piped})
  );

  // OS drain: starts when the last beat has crossed the array, lasts ROWS cycles.
  assign drain = !ws && (last_piped || drain_busy_q);

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      drain_busy_q <= 1'b0;
      drain_cnt_q  <= '0;
    end else if (drain) begin
      drain_busy_q <= drain_cnt_q != CNT_W'(ROWS - 1);
      drain_cnt_q  <= (drain_cnt_q == CNT_W'(ROWS - 1)) ? '0 : drain_cnt_q + 1'b1;
    end
  end

  assign c_valid = ws ? valid_piped : drain;
  assign done    = ws ? last_piped : (drain && drain_cnt_q == CNT_W'(ROWS - 1));

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) busy_q <= 1'b0;
    else if (done) busy_q <= 1'b0;
    else if (in_valid || w_load) busy_q <= 1'b1;
  end
  assign busy = busy_q;
endmodule
