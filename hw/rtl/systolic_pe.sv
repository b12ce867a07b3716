// One processing element of the INT8 systolic array (see systolic_array.sv).
//
// The operand from the left (a) always flows right, one PE per cycle. The int32 register
// `acc` is the output-stationary accumulator or the weight-stationary partial sum; in both
// dataflows it is chained down the column, so the same wire serves to drain finished
// outputs (OS) and to pass partial sums (WS).
module systolic_pe (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               ws,        // 1: weight-stationary, 0: output-stationary
    input  logic               drain,     // OS only: shift accumulators down one row
    input  logic               w_load,    // WS only: shift stationary weights down one row
    input  logic signed [ 7:0] a_in,      // from the left neighbour (or the row skew)
    input  logic signed [ 7:0] b_in,      // from the upper neighbour (or the column edge)
    input  logic signed [31:0] acc_in,    // upper neighbour's acc; 0 on the top row
    output logic signed [ 7:0] a_out,
    output logic signed [ 7:0] b_out,
    output logic signed [31:0] acc_out
);
  logic signed [ 7:0] a_q;
  logic signed [ 7:0] b_q;
  logic signed [31:0] acc_q;

  // OS multiplies the B element passing by this cycle; WS multiplies the weight it holds.
  logic signed [ 7:0] b_operand;
  logic signed [15:0] product;
  logic signed [31:0] product_ext;

  assign b_operand   = ws ? b_q : b_in;
  assign product     = a_in * b_operand;
  assign product_ext = {{16{product[15]}}, product};

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      a_q   <= '0;
      b_q   <= '0;
      acc_q <= '0;
    end else begin
      a_q <= a_in;
      // In WS the vertical register is the stationary weight and moves only while loading.
      if (!ws || w_load) b_q <= b_in;
      if (ws) acc_q <= acc_in + product_ext;
      else if (drain) acc_q <= acc_in;
      else acc_q <= acc_q + product_ext;
    end
  end

  assign a_out   = a_q;
  assign b_out   = b_q;
  assign acc_out = acc_q;
endmodule
