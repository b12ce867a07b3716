// One request queue in arrival order: entry 0 is the oldest. The scheduler may serve any
// entry; the ones behind it move up, so the order stays the arrival order. A request
// pushed in cycle t is stored at the clock edge ending t and so is first seen in t + 1.
module dram_channel_queue
  import dram_channel_pkg::*;
#(
    parameter int DEPTH = 16,
    localparam int COUNT_W = $clog2(DEPTH + 1),
    localparam int INDEX_W = $clog2(DEPTH)
) (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               push,
    input  request_t           push_request,
    input  logic               pop,
    input  logic [INDEX_W-1:0] pop_index,
    output request_t           entries     [DEPTH],
    output logic [COUNT_W-1:0] count
);
  request_t stored[DEPTH];
  logic [COUNT_W-1:0] stored_count;

  // The push lands behind whatever remains after this cycle's pop.
  logic [COUNT_W-1:0] push_slot;
  assign push_slot = stored_count - COUNT_W'(pop);

  request_t after_pop[DEPTH];
  always_comb begin
    for (int k = 0; k < DEPTH - 1; k++) begin
      after_pop[k] = (pop && INDEX_W'(k) >= pop_index) ? stored[k+1] : stored[k];
    end
    // The last slot is empty after a pop: its old value lies beyond the count.
    after_pop[DEPTH-1] = stored[DEPTH-1];
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      stored_count <= '0;
      for (int k = 0; k < DEPTH; k++) stored[k] <= '0;
    end else begin
      for (int k = 0; k < DEPTH; k++) begin
        stored[k] <= (push && COUNT_W'(k) == push_slot) ? push_request : after_pop[k];
      end
      stored_count <= push_slot + COUNT_W'(push);
    end
  end

  assign entries = stored;
  assign count = stored_count;
endmodule
