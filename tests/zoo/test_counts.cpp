// count_layer / count_trace on hand-built layers whose work is known in closed form.
#include <catch2/catch.hpp>

#include "workloads/trace/counts.h"

namespace axsim::trace {
namespace {

Tensor tensor(std::vector<int64_t> shape, int bits = 8) {
  Tensor t;
  t.shape = std::move(shape);
  t.dtype = bits == 4 ? DType::int4 : DType::int8;
  t.bits = bits;
  return t;
}

TEST_CASE("conv2d MACs are N*Cout*Hout*Wout*(Cin/groups)*kh*kw") {
  Layer l;
  l.op = Op::conv2d;
  l.inputs = {{"x", tensor({2, 32, 56, 56})}};
  l.weights = {{"weight", tensor({64, 16, 3, 3})}, {"bias", tensor({64})}};
  l.attrs.kernel = {3, 3};
  l.attrs.groups = 2;
  l.output = tensor({2, 64, 28, 28});
  const LayerCounts c = count_layer(l);
  CHECK(c.macs == int64_t{2} * 64 * 28 * 28 * 16 * 9);
  CHECK(c.params == 64 * 16 * 9 + 64);
  CHECK(c.input_bytes == 2 * 32 * 56 * 56);
  CHECK(c.output_bytes == 2 * 64 * 28 * 28);
  CHECK(c.vector_ops == 0);
}

TEST_CASE("linear and matmul MACs are rows*K*N") {
  Layer l;
  l.op = Op::linear;
  l.inputs = {{"x", tensor({4, 10, 768})}};
  l.weights = {{"weight", tensor({3072, 768})}};
  l.output = tensor({4, 10, 3072});
  CHECK(count_layer(l).macs == int64_t{40} * 768 * 3072);

  Layer m;
  m.op = Op::matmul;
  m.inputs = {{"a", tensor({8, 5, 64})}, {"b", tensor({8, 64, 7})}};
  m.output = tensor({8, 5, 7});
  CHECK(count_layer(m).macs == int64_t{8} * 5 * 64 * 7);
}

TEST_CASE("attention counts QK^T and AV over the full rectangle, with GQA") {
  Layer l;
  l.op = Op::attention;
  l.attrs.heads = 8;
  l.attrs.kv_heads = 2;
  l.attrs.head_dim = 16;
  l.attrs.causal = true;  // still the full rectangle
  l.inputs = {{"q", tensor({2, 5, 128})}, {"k", tensor({2, 9, 32})}, {"v", tensor({2, 9, 32})}};
  l.output = tensor({2, 5, 128});
  const LayerCounts c = count_layer(l);
  CHECK(c.macs == int64_t{2} * 8 * 5 * 9 * 16 * 2);
  CHECK(c.vector_ops == int64_t{2} * 8 * 5 * 9);  // the softmax over the scores
}

TEST_CASE("vector ops: pooling by window, elementwise by output, reshapes are free") {
  Layer pool;
  pool.op = Op::max_pool;
  pool.attrs.kernel = {3, 3};
  pool.inputs = {{"x", tensor({1, 4, 9, 9})}};
  pool.output = tensor({1, 4, 4, 4});
  CHECK(count_layer(pool).vector_ops == 4 * 16 * 9);

  Layer gap;
  gap.op = Op::global_avg_pool;
  gap.inputs = {{"x", tensor({1, 4, 7, 7})}};
  gap.output = tensor({1, 4, 1, 1});
  CHECK(count_layer(gap).vector_ops == 4 * 49);

  Layer act;
  act.op = Op::activation;
  act.inputs = {{"x", tensor({3, 5})}};
  act.output = tensor({3, 5});
  CHECK(count_layer(act).vector_ops == 15);

  Layer flat;
  flat.op = Op::flatten;
  flat.inputs = {{"x", tensor({1, 4, 2, 2})}};
  flat.output = tensor({1, 16});
  CHECK(count_layer(flat).vector_ops == 0);
  CHECK(count_layer(flat).macs == 0);
}

TEST_CASE("bytes honour the bit width, rounding up") {
  CHECK(tensor_bytes(tensor({10}, 4)) == 5);
  CHECK(tensor_bytes(tensor({3}, 4)) == 2);
  Tensor odd = tensor({3}, 8);
  odd.bits = 5;
  CHECK(tensor_bytes(odd) == 2);  // 15 bits
  CHECK(element_count({}) == 1);

  Trace t;
  Layer l;
  l.op = Op::linear;
  l.inputs = {{"x", tensor({1, 16}, 4)}};
  l.weights = {{"weight", tensor({8, 16}, 4)}};
  l.output = tensor({1, 8}, 4);
  t.layers = {l, l};
  const TraceCounts c = count_trace(t);
  CHECK(c.macs == 2 * 16 * 8);
  CHECK(c.params == 2 * 128);
  CHECK(c.weight_bytes == 2 * 64);
  CHECK(c.activation_bytes == 2 * 4);
}

}  // namespace
}  // namespace axsim::trace
