// Streaming KERNEL x KERNEL convolution stage with line buffers (docs/dataflow-stage.md).
//
// One input and one output channel, stride 1, zero padding KERNEL / 2 ("same"), int8 pixels
// and weights, int32 outputs (cross-correlation, as in every DL framework):
//   out(r, c) = sum_{i,j} w[i][j] * x[r + i - KERNEL/2][c + j - KERNEL/2]
// over a width x height map in raster order, at most one pixel per cycle in and out.
//
// Storage is one circular line buffer of (KERNEL-1)*width + KERNEL + 1 pixels: pixel k of
// the frame lives in slot k mod span. That is KERNEL-1 lines plus the KERNEL-pixel window,
// plus one pixel of slack that lets in_ready come from registers alone at full rate.
//
// Timing rules (everything below is registered; in_ready depends on no input port):
//   * output (r, c) is computed in a cycle when input D(r, c) =
//     (min(r + KERNEL/2, height-1), min(c + KERNEL/2, width-1)) arrived in an earlier cycle
//     and the output register is free (empty, or handshaking this cycle); it leaves from
//     the output register in a later cycle, when out_ready is high.
//   * input k (overwriting slot k - span) is accepted in a cycle when output D(k - span)
//     (the last output that reads pixel k - span) was computed in an earlier cycle.
module conv_stream #(
    parameter int MAX_WIDTH = 64,  // largest runtime width
    parameter int KERNEL    = 3,   // odd
    parameter int DIM_BITS  = 16   // width of the width and height ports
) (
    input  logic                clk,
    input  logic                rst_n,
    // Weights, while no frame runs: KERNEL*KERNEL beats in raster order, w[0][0] first.
    input  logic                w_load,
    input  logic signed [ 7:0]  w_data,
    // One cycle: latch width (1..MAX_WIDTH) and height (>= 1) and clear the stage. The
    // frame's first pixel can be accepted in the next cycle.
    input  logic                start,
    input  logic [DIM_BITS-1:0] width,
    input  logic [DIM_BITS-1:0] height,
    input  logic                in_valid,
    output logic                in_ready,
    input  logic signed [ 7:0]  in_data,
    output logic                out_valid,
    input  logic                out_ready,
    output logic signed [31:0]  out_data
);
  localparam int HALF = KERNEL / 2;
  localparam int TAPS = KERNEL * KERNEL;
  localparam int DEPTH = (KERNEL - 1) * MAX_WIDTH + KERNEL + 1;
  localparam int PTR_BITS = $clog2(DEPTH);
  // Coordinates with room for r + HALF past the last row.
  localparam int POS_BITS = DIM_BITS + 1;

  typedef logic [POS_BITS-1:0] pos_t;
  typedef logic [PTR_BITS-1:0] ptr_t;

  logic signed [7:0] weight_q[TAPS];
  logic signed [7:0] line_q  [DEPTH];

  pos_t width_q, height_q;
  ptr_t span_q;          // slots in use: (KERNEL-1)*width + KERNEL + 1
  logic running_q;
  // Next input to accept, next output to compute, and the pixel the next input overwrites
  // (meaningful once `full_q`: every slot has been written once).
  pos_t in_r_q, in_c_q, out_r_q, out_c_q, old_r_q, old_c_q;
  ptr_t in_slot_q, out_slot_q, fill_q;
  logic full_q;
  logic out_valid_q;
  logic signed [31:0] out_data_q;

  // Raster successor of (r, c).
  function automatic pos_t next_row(pos_t r, pos_t c, pos_t w);
    return (c + 1'b1 == w) ? r + 1'b1 : r;
  endfunction
  function automatic pos_t next_col(pos_t c, pos_t w);
    return (c + 1'b1 == w) ? '0 : c + 1'b1;
  endfunction
  // The last pixel in raster order that the window centred on (r, c) reads: D(r, c).
  function automatic pos_t reach(pos_t p, pos_t limit);
    return (p + pos_t'(HALF) > limit - 1'b1) ? limit - 1'b1 : p + pos_t'(HALF);
  endfunction
  // (ar, ac) after (br, bc) in raster order.
  function automatic logic after(pos_t ar, pos_t ac, pos_t br, pos_t bc);
    return (ar > br) || (ar == br && ac > bc);
  endfunction

  logic in_fire, compute, out_free;

  // Input: pixel in_r/in_c may overwrite slot in_slot once the last output reading its old
  // occupant has been computed (or every output has: the frame's outputs are all out).
  assign in_ready = running_q && (in_r_q < height_q) &&
                    (!full_q || (out_r_q == height_q) ||
                     after(out_r_q, out_c_q, reach(old_r_q, height_q), reach(old_c_q, width_q)));
  assign in_fire = in_valid && in_ready;

  // Compute: every pixel the window reads has arrived, and the output register is free.
  assign out_free = !out_valid_q || out_ready;
  assign compute = running_q && (out_r_q < height_q) && out_free &&
                   after(in_r_q, in_c_q, reach(out_r_q, height_q), reach(out_c_q, width_q));

  // The window of output (out_r, out_c), zero outside the map.
  logic signed [31:0] window_sum;
  always_comb begin
    int row, col, slot;
    window_sum = '0;
    for (int i = 0; i < KERNEL; i++) begin
      for (int j = 0; j < KERNEL; j++) begin
        row  = int'(out_r_q) + i - HALF;
        col  = int'(out_c_q) + j - HALF;
        slot = int'(out_slot_q) + (i - HALF) * int'(width_q) + (j - HALF);
        if (slot < 0) slot = slot + int'(span_q);
        else if (slot >= int'(span_q)) slot = slot - int'(span_q);
        if (row >= 0 && row < int'(height_q) && col >= 0 && col < int'(width_q)) begin
          window_sum = window_sum + 32'(weight_q[i*KERNEL+j]) * 32'(line_q[PTR_BITS'(slot)]);
        end
      end
    end
  end

  function automatic ptr_t wrap_inc(ptr_t p, ptr_t span);
    return (p + 1'b1 == span) ? '0 : p + 1'b1;
  endfunction

  always_ff @(posedge clk) begin
    if (w_load) begin
      for (int t = 0; t < TAPS - 1; t++) weight_q[t] <= weight_q[t+1];
      weight_q[TAPS-1] <= w_data;
    end
    if (in_fire) line_q[in_slot_q] <= in_data;
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      width_q     <= '0;
      height_q    <= '0;
      span_q      <= '0;
      running_q   <= 1'b0;
      in_r_q      <= '0;
      in_c_q      <= '0;
      out_r_q     <= '0;
      out_c_q     <= '0;
      old_r_q     <= '0;
      old_c_q     <= '0;
      in_slot_q   <= '0;
      out_slot_q  <= '0;
      fill_q      <= '0;
      full_q      <= 1'b0;
      out_valid_q <= 1'b0;
      out_data_q  <= '0;
    end else if (start) begin
      width_q     <= pos_t'(width);
      height_q    <= pos_t'(height);
      span_q      <= PTR_BITS'((KERNEL - 1) * int'(width) + KERNEL + 1);
      running_q   <= 1'b1;
      in_r_q      <= '0;
      in_c_q      <= '0;
      out_r_q     <= '0;
      out_c_q     <= '0;
      old_r_q     <= '0;
      old_c_q     <= '0;
      in_slot_q   <= '0;
      out_slot_q  <= '0;
      fill_q      <= '0;
      full_q      <= 1'b0;
      out_valid_q <= 1'b0;
    end else begin
      if (in_fire) begin
        in_r_q    <= next_row(in_r_q, in_c_q, width_q);
        in_c_q    <= next_col(in_c_q, width_q);
        in_slot_q <= wrap_inc(in_slot_q, span_q);
        if (full_q) begin
          old_r_q <= next_row(old_r_q, old_c_q, width_q);
          old_c_q <= next_col(old_c_q, width_q);
        end else if (fill_q + 1'b1 == span_q) begin
          full_q <= 1'b1;
        end else begin
          fill_q <= fill_q + 1'b1;
        end
      end
      if (compute) begin
        out_r_q     <= next_row(out_r_q, out_c_q, width_q);
        out_c_q     <= next_col(out_c_q, width_q);
        out_slot_q  <= wrap_inc(out_slot_q, span_q);
        out_valid_q <= 1'b1;
        out_data_q  <= window_sum;
      end else if (out_ready) begin
        out_valid_q <= 1'b0;
      end
    end
  end

  assign out_valid = out_valid_q;
  assign out_data  = out_data_q;
endmodule
