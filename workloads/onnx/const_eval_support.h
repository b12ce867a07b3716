// What the constant evaluators share (const_eval*.cpp): index arithmetic over row-major
// tensors and the evaluators of each operator family.
#pragma once

#include <optional>
#include <vector>

#include "workloads/onnx/const_eval.h"

namespace axsim::onnx_import::fold {

using Outputs = std::optional<std::vector<Constant>>;

// Folded results larger than this are left in the graph: a constant that big is a weight
// the graph builds at run time (Expand, Tile), not shape arithmetic.
inline constexpr int64_t kMaxFoldedElements = int64_t{1} << 26;

std::vector<int64_t> strides_of(const std::vector<int64_t>& dims);
// Axis in [0, rank), or nullopt when out of range.
std::optional<int64_t> normalized_axis(int64_t axis, int64_t rank);
// A copy of `in` reshaped to `dims` holding the elements at `source` (indices into `in`).
Constant pick(const Constant& in, std::vector<int64_t> dims, const std::vector<int64_t>& source);
// All values of a constant as int64 (shape and axis inputs).
std::vector<int64_t> as_ints(const Constant& c);
Constant int64_vector(const std::vector<int64_t>& values);

// Element-wise arithmetic and comparisons with numpy broadcasting (const_eval_math.cpp).
Outputs eval_math(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in);
// Layout operators: Reshape, Transpose, Slice, Gather, Concat, ... (const_eval_layout.cpp).
Outputs eval_layout(const ::onnx::NodeProto& node, int opset, const std::vector<FoldInput>& in);

}  // namespace axsim::onnx_import::fold
