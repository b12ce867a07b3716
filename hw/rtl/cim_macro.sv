// One compute-in-memory macro: a ROWS x COLUMNS array of BITS_PER_CELL-bit cells that does
// one signed matrix-vector multiply per run, exactly as docs/cim-macro.md specifies (the
// contract models/cim/macro.{h,cpp} implements in C++): offset-binary operands, weights
// cut into SLICES cells side by side, the input applied DAC_BITS per step, one ADC per
// COLUMNS_PER_ADC columns converting them in turn, shift-and-add per column, and a digital
// offset correction with the column sums stored when the weights were programmed.
//
// Programming: w_clear empties the array (every cell 0, every column sum 0) in one cycle;
// w_valid writes weight w_data to row w_row, logical column w_col (its SLICES cells) and
// updates that column's sum, one weight per cycle. Cells never written since the last
// w_clear hold offset-binary 0 and add nothing to a column sum, so a tile smaller than the
// macro is a w_clear and its K x N weights. Writes are ignored while busy.
//
// MVM: start (while idle) latches x_vec and k_rows; rows k >= k_rows are not driven and not
// counted. The sequence is fixed by the geometry: the start cycle latches, then STEPS input
// steps of COLUMNS_PER_ADC conversion rounds of CONVERSION_CYCLES cycles each, then one
// correction cycle writing y_vec. done is high for the one cycle after that, so from the
// start edge to the edge that raises done there are
// STEPS * COLUMNS_PER_ADC * CONVERSION_CYCLES + 2 rising edges: mvm_cycles() of the model.
module cim_macro #(
    parameter int ROWS              = 16,
    parameter int COLUMNS           = 32,
    parameter int BITS_PER_CELL     = 2,
    parameter int WEIGHT_BITS       = 8,
    parameter int INPUT_BITS        = 8,
    parameter int DAC_BITS          = 1,
    parameter int ADC_BITS          = 6,
    parameter int COLUMNS_PER_ADC   = 4,
    parameter int ADC_RANGE_BITS    = 0,  // 0: the full range of the partial sums
    parameter int CONVERSION_CYCLES = 1,
    // Derived; not to be overridden.
    localparam int SLICES = (WEIGHT_BITS + BITS_PER_CELL - 1) / BITS_PER_CELL,
    localparam int LCOLS  = COLUMNS / SLICES,
    localparam int ROW_W  = (ROWS > 1) ? $clog2(ROWS) : 1,
    localparam int LCOL_W = (LCOLS > 1) ? $clog2(LCOLS) : 1,
    localparam int K_W    = $clog2(ROWS + 1)
) (
    input  logic                          clk,
    input  logic                          rst_n,
    input  logic                          w_clear,
    input  logic                          w_valid,
    input  logic        [      ROW_W-1:0] w_row,
    input  logic        [     LCOL_W-1:0] w_col,
    input  logic signed [WEIGHT_BITS-1:0] w_data,
    input  logic                          start,
    input  logic        [        K_W-1:0] k_rows,
    input  logic signed [ INPUT_BITS-1:0] x_vec    [ROWS],
    output logic                          busy,
    output logic                          done,
    output logic signed [           63:0] y_vec    [LCOLS]
);
  localparam int STEPS = (INPUT_BITS + DAC_BITS - 1) / DAC_BITS;
  localparam int ADCS = COLUMNS / COLUMNS_PER_ADC;
  localparam longint PSUM_MAX = longint'(ROWS) * ((longint'(1) << DAC_BITS) - 1) *
      ((longint'(1) << BITS_PER_CELL) - 1);
  localparam int PSUM_W = $clog2(PSUM_MAX + 1);
  localparam int RANGE_BITS = (ADC_RANGE_BITS > 0) ? ADC_RANGE_BITS : PSUM_W;
  localparam int SHIFT = (RANGE_BITS > ADC_BITS) ? RANGE_BITS - ADC_BITS : 0;
  localparam int U_W = SLICES * BITS_PER_CELL;  // offset weight, padded to whole cells
  localparam int V_W = STEPS * DAC_BITS;        // offset input, padded to whole steps
  // sum_j (code << SHIFT) << j*DAC_BITS stays below 2^(ADC_BITS + SHIFT + V_W).
  localparam int ACC_W = ADC_BITS + SHIFT + V_W;
  localparam int CSUM_W = WEIGHT_BITS + K_W;
  localparam int VSUM_W = INPUT_BITS + K_W;
  localparam int Y_W = 64;
  localparam int CC_W = (CONVERSION_CYCLES > 1) ? $clog2(CONVERSION_CYCLES) : 1;
  localparam int MUX_W = (COLUMNS_PER_ADC > 1) ? $clog2(COLUMNS_PER_ADC) : 1;
  localparam int STEP_W = (STEPS > 1) ? $clog2(STEPS) : 1;
  localparam logic [Y_W-1:0] WOFF = Y_W'(1) << (WEIGHT_BITS - 1);
  localparam logic [Y_W-1:0] IOFF = Y_W'(1) << (INPUT_BITS - 1);

  typedef enum logic [1:0] {
    IDLE,
    CONVERT,
    CORRECT
  } state_t;

  state_t                    state_q;
  logic   [      CC_W-1:0]   cc_q;  // cycle within the conversion
  logic   [     MUX_W-1:0]   mux_q;  // column each ADC converts: adc * COLUMNS_PER_ADC + mux_q
  logic   [    STEP_W-1:0]   step_q;  // input step
  logic                      conv_last;
  logic                      mux_last;
  logic                      step_last;
  logic                      done_q;

  logic   [BITS_PER_CELL-1:0] cell_q  [ROWS][COLUMNS];
  logic   [     CSUM_W-1:0]   csum_q  [LCOLS];  // sum over rows of the offset weights
  logic   [        V_W-1:0]   v_q     [ROWS];  // latched offset inputs, 0 on undriven rows
  logic   [     VSUM_W-1:0]   vsum_q;
  logic   [        K_W-1:0]   k_q;
  logic   [      ACC_W-1:0]   acc_q   [COLUMNS];  // shift-and-add of each column's codes
  logic   [     DAC_BITS-1:0] v_step  [ROWS];  // the word-line levels of this step
  logic   [     ADC_BITS-1:0] code    [ADCS];
  logic   [        Y_W-1:0]   y_next  [LCOLS];
  logic   [        Y_W-1:0]   y_q     [LCOLS];

  wire latch = start && state_q == IDLE;
  wire write = w_valid && state_q == IDLE;

  // Offset binary is the two's complement with its sign bit inverted.
  logic [U_W-1:0] w_offset;
  assign w_offset = U_W'({~w_data[WEIGHT_BITS-1], w_data[WEIGHT_BITS-2:0]});

  // ---- programming: cells and column sums ----------------------------------------------------
  logic [U_W-1:0] w_old;  // the weight being overwritten, offset binary
  always_comb begin
    w_old = '0;
    for (int r = 0; r < ROWS; r++) begin
      for (int c = 0; c < COLUMNS; c++) begin
        if (w_row == ROW_W'(r) && w_col == LCOL_W'(c / SLICES)) begin
          w_old[(c % SLICES)*BITS_PER_CELL+:BITS_PER_CELL] = cell_q[r][c];
        end
      end
    end
  end

  for (genvar r = 0; r < ROWS; r++) begin : g_cell_row
    for (genvar c = 0; c < COLUMNS; c++) begin : g_cell
      always_ff @(posedge clk) begin
        if (w_clear) cell_q[r][c] <= '0;
        else if (write && w_row == ROW_W'(r) && w_col == LCOL_W'(c / SLICES)) begin
          cell_q[r][c] <= w_offset[(c%SLICES)*BITS_PER_CELL+:BITS_PER_CELL];
        end
      end
    end
  end

  for (genvar n = 0; n < LCOLS; n++) begin : g_csum
    always_ff @(posedge clk) begin
      if (w_clear) csum_q[n] <= '0;
      else if (write && w_col == LCOL_W'(n)) begin
        csum_q[n] <= csum_q[n] - CSUM_W'(w_old) + CSUM_W'(w_offset);
      end
    end
  end

  // ---- input latch ---------------------------------------------------------------------------
  logic [V_W-1:0] v_in[ROWS];
  logic [VSUM_W-1:0] v_in_sum;
  always_comb begin
    v_in_sum = '0;
    for (int k = 0; k < ROWS; k++) begin
      v_in[k] = (K_W'(k) < k_rows) ? V_W'({~x_vec[k][INPUT_BITS-1], x_vec[k][INPUT_BITS-2:0]})
                                   : '0;
      v_in_sum = v_in_sum + VSUM_W'(v_in[k]);
    end
  end

  always_ff @(posedge clk) begin
    if (latch) begin
      v_q    <= v_in;
      vsum_q <= v_in_sum;
      k_q    <= k_rows;
    end
  end

  // ---- sequencer: STEPS x COLUMNS_PER_ADC x CONVERSION_CYCLES ---------------------------------
  assign conv_last = cc_q == CC_W'(CONVERSION_CYCLES - 1);
  assign mux_last  = mux_q == MUX_W'(COLUMNS_PER_ADC - 1);
  assign step_last = step_q == STEP_W'(STEPS - 1);

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state_q <= IDLE;
      cc_q    <= '0;
      mux_q   <= '0;
      step_q  <= '0;
      done_q  <= 1'b0;
    end else begin
      done_q <= state_q == CORRECT;
      case (state_q)
        IDLE: if (latch) state_q <= CONVERT;
        CONVERT: begin
          cc_q <= conv_last ? '0 : cc_q + 1'b1;
          if (conv_last) mux_q <= mux_last ? '0 : mux_q + 1'b1;
          if (conv_last && mux_last) step_q <= step_last ? '0 : step_q + 1'b1;
          if (conv_last && mux_last && step_last) state_q <= CORRECT;
        end
        default: state_q <= IDLE;  // CORRECT lasts one cycle
      endcase
    end
  end

  // ---- array, column mux and ADCs ------------------------------------------------------------
  always_comb begin
    for (int k = 0; k < ROWS; k++) begin
      v_step[k] = DAC_BITS'(v_q[k] >> (int'(step_q) * DAC_BITS));
    end
  end

  for (genvar a = 0; a < ADCS; a++) begin : g_adc
    logic [PSUM_W-1:0] psum;  // the muxed column's bit-line sum
    always_comb begin
      psum = '0;
      for (int m = 0; m < COLUMNS_PER_ADC; m++) begin
        if (mux_q == MUX_W'(m)) begin
          for (int k = 0; k < ROWS; k++) begin
            psum = psum + PSUM_W'(v_step[k]) * PSUM_W'(cell_q[k][a*COLUMNS_PER_ADC+m]);
          end
        end
      end
    end
    cim_adc #(
        .PSUM_BITS(PSUM_W),
        .ADC_BITS (ADC_BITS),
        .SHIFT    (SHIFT)
    ) u_adc (
        .psum,
        .code(code[a])
    );
  end

  // Shift-and-add: a code enters its column's accumulator at the end of its conversion.
  for (genvar c = 0; c < COLUMNS; c++) begin : g_acc
    always_ff @(posedge clk) begin
      if (latch) acc_q[c] <= '0;
      else if (state_q == CONVERT && conv_last && mux_q == MUX_W'(c % COLUMNS_PER_ADC)) begin
        acc_q[c] <= acc_q[c] +
            ((ACC_W'(code[c/COLUMNS_PER_ADC]) << SHIFT) << (int'(step_q) * DAC_BITS));
      end
    end
  end

  // ---- correction: y = acc - WOFF*sum(v) - IOFF*sum(u) + K*IOFF*WOFF ------------------------
  always_comb begin
    for (int n = 0; n < LCOLS; n++) begin
      y_next[n] = Y_W'(k_q) * IOFF * WOFF - WOFF * Y_W'(vsum_q) - IOFF * Y_W'(csum_q[n]);
      for (int s = 0; s < SLICES; s++) begin
        y_next[n] = y_next[n] + (Y_W'(acc_q[n*SLICES+s]) << (s * BITS_PER_CELL));
      end
    end
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      for (int n = 0; n < LCOLS; n++) y_q[n] <= '0;
    end else if (state_q == CORRECT) begin
      y_q <= y_next;
    end
  end

  always_comb begin
    for (int n = 0; n < LCOLS; n++) y_vec[n] = y_q[n];
  end
  assign busy = state_q != IDLE;
  assign done = done_q;
endmodule
