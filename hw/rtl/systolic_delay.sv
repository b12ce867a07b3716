// A DEPTH-cycle shift register; DEPTH = 0 is a wire. The array uses it for the input skew,
// the weight-stationary output de-skew and the valid/last pipelines.
module systolic_delay #(
    parameter int WIDTH = 8,
    parameter int DEPTH = 1
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic [WIDTH-1:0] d,
    output logic [WIDTH-1:0] q
);
  if (DEPTH == 0) begin : g_wire
    // A zero-depth instance (row 0's skew, the last column's de-skew) has no flops.
    /* verilator lint_off UNUSEDSIGNAL */
    logic unused_clock;
    assign unused_clock = clk ^ rst_n;
    /* verilator lint_on UNUSEDSIGNAL */
    assign q = d;
  end else begin : g_regs
    logic [WIDTH-1:0] stage[DEPTH];
    always_ff @(posedge clk or negedge rst_n) begin
      if (!rst_n) begin
        for (int s = 0; s < DEPTH; s++) stage[s] <= '0;
      end else begin
        stage[0] <= d;
        for (int s = 1; s < DEPTH; s++) stage[s] <= stage[s-1];
      end
    end
    assign q = stage[DEPTH-1];
  end
endmodule
