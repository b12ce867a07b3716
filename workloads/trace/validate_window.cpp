#include "workloads/trace/validate_support.h"

namespace axsim::trace {

namespace {

std::string pair_string(const std::array<int64_t, 2>& v) {
  return std::to_string(v[0]) + "x" + std::to_string(v[1]);
}

void require_window_attrs(const LayerCheck& c) {
  const Attributes& a = c.layer().attrs;
  for (int i = 0; i < 2; ++i) {
    require_attr_range(c, "kernel", a.kernel[i], 1);
    require_attr_range(c, "stride", a.stride[i], 1);
    require_attr_range(c, "dilation", a.dilation[i], 1);
  }
  for (int64_t p : a.padding) require_attr_range(c, "padding", p, 0);
}

// Output size of a sliding window along one axis (axis 0: height, 1: width); `ceil` rounds
// the last partial window up, as frameworks' ceil_mode pooling does. 0 when nothing fits.
int64_t window_output(int64_t in, const Attributes& a, int axis, bool ceil) {
  const int64_t padded = in + a.padding[axis] + a.padding[axis + 2];
  const int64_t span = a.dilation[axis] * (a.kernel[axis] - 1) + 1;
  if (padded < span) return 0;
  const int64_t steps = padded - span;
  return (ceil ? (steps + a.stride[axis] - 1) / a.stride[axis] : steps / a.stride[axis]) + 1;
}

std::string window_story(const Attributes& a, const Tensor& input, bool with_dilation) {
  std::string s = "kernel " + pair_string(a.kernel) + " stride " + pair_string(a.stride) +
                  " padding " + shape_string({a.padding.begin(), a.padding.end()});
  if (with_dilation && a.dilation != std::array<int64_t, 2>{1, 1}) {
    s += " dilation " + pair_string(a.dilation);
  }
  return s + " on input " + shape_string(input.shape);
}

}  // namespace

void check_conv2d(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(1, 2);
  const Tensor& x = c.layer().inputs[0].tensor;
  const Tensor& w = c.layer().weights[0].tensor;
  const Attributes& a = c.layer().attrs;
  c.require_rank(x, "input", 4, 4);
  c.require_rank(w, "weights[0]", 4, 4);
  require_window_attrs(c);
  require_attr_range(c, "groups", a.groups, 1);
  const int64_t cin = x.shape[1];
  const int64_t cout = w.shape[0];
  if (cin % a.groups != 0) {
    c.fail("input channels " + std::to_string(cin) + " are not divisible by groups " +
           std::to_string(a.groups));
  }
  if (cout % a.groups != 0) {
    c.fail("output channels " + std::to_string(cout) +
           " (weights[0] dim 0) are not divisible by groups " + std::to_string(a.groups));
  }
  const std::vector<int64_t> expected_w{cout, cin / a.groups, a.kernel[0], a.kernel[1]};
  if (w.shape != expected_w) {
    c.fail("weights[0] shape " + shape_string(w.shape) + " but [Cout, Cin/groups, kh, kw] for " +
           std::to_string(cin) + " input channels, groups " + std::to_string(a.groups) +
           " and kernel " + pair_string(a.kernel) + " is " + shape_string(expected_w));
  }
  check_bias(c, cout);
  const int64_t ho = window_output(x.shape[2], a, 0, false);
  const int64_t wo = window_output(x.shape[3], a, 1, false);
  if (ho < 1 || wo < 1)
    c.fail("kernel does not fit in the padded input: " + window_story(a, x, true));
  std::string story = window_story(a, x, true);
  if (a.groups != 1) story += " with groups " + std::to_string(a.groups);
  c.require_output({x.shape[0], cout, ho, wo}, story);
}

void check_pool(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(0, 0);
  const Tensor& x = c.layer().inputs[0].tensor;
  const Attributes& a = c.layer().attrs;
  c.require_rank(x, "input", 4, 4);
  require_window_attrs(c);
  const std::vector<int64_t> floor{x.shape[0], x.shape[1], window_output(x.shape[2], a, 0, false),
                                   window_output(x.shape[3], a, 1, false)};
  const std::vector<int64_t> ceil{x.shape[0], x.shape[1], window_output(x.shape[2], a, 0, true),
                                  window_output(x.shape[3], a, 1, true)};
  if (floor[2] < 1 || floor[3] < 1) {
    c.fail("kernel does not fit in the padded input: " + window_story(a, x, false));
  }
  if (c.layer().output.shape == ceil) return;
  c.require_output(floor, window_story(a, x, false));
}

void check_global_avg_pool(const LayerCheck& c) {
  c.require_inputs(1, 1);
  c.require_weights(0, 0);
  const Tensor& x = c.layer().inputs[0].tensor;
  c.require_rank(x, "input", 4, 4);
  c.require_output({x.shape[0], x.shape[1], 1, 1},
                   "global pooling of input " + shape_string(x.shape));
}

}  // namespace axsim::trace
