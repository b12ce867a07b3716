// One column ADC of the CIM macro (docs/cim-macro.md, numerics step 4): the partial sum of
// the column it is muxed to, rounded half up to a step of 2^SHIFT and clipped to the code
// range: code = clamp((p + 2^(SHIFT-1)) >> SHIFT, 0, 2^ADC_BITS - 1), no half when SHIFT = 0.
// The conversion's timing (CONVERSION_CYCLES) is the sequencer's in cim_macro.sv; the code
// here is what the converter settles to while the partial sum is held.
module cim_adc #(
    parameter int PSUM_BITS = 8,  // width of the partial sum
    parameter int ADC_BITS  = 8,
    parameter int SHIFT     = 0
) (
    input  logic [PSUM_BITS-1:0] psum,
    output logic [ ADC_BITS-1:0] code
);
  // Wide enough for the rounded sum, the shift and the largest code, plus a carry.
  localparam int W = ((PSUM_BITS > SHIFT) ? ((PSUM_BITS > ADC_BITS) ? PSUM_BITS : ADC_BITS)
                                          : ((SHIFT > ADC_BITS) ? SHIFT : ADC_BITS)) + 1;
  localparam logic [W-1:0] HALF = (W'(1) << SHIFT) >> 1;
  localparam logic [W-1:0] CODE_MAX = (W'(1) << ADC_BITS) - W'(1);

  logic [W-1:0] scaled;

  assign scaled = (W'(psum) + HALF) >> SHIFT;
  assign code   = (scaled > CODE_MAX) ? CODE_MAX[ADC_BITS-1:0] : scaled[ADC_BITS-1:0];
endmodule
