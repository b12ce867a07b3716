// The in-memory form of an axsim trace: a quantized neural network as a list of layers with
// shapes, data types and graph edges. The file format is specified in workloads/FORMAT.md;
// trace_io.h reads and writes it, validate.h checks it, counts.h derives MACs and bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace axsim::trace {

inline constexpr int kFormatVersion = 1;

enum class DType { int4, int8, int16, int32, fp8, fp16, bf16, fp32 };

// Storage width of a dtype in bits (int4 -> 4, bf16 -> 16, ...).
int dtype_bits(DType t);
bool dtype_is_integer(DType t);
const char* dtype_name(DType t);  // "int8", "bf16", ...
// Throws std::invalid_argument listing the accepted names.
DType parse_dtype(const std::string& name);

enum class QuantScheme { none, per_tensor, per_channel };

struct Quantization {
  QuantScheme scheme = QuantScheme::none;
  int axis = 0;                     // channel axis, per_channel only
  std::vector<double> scale;        // 1 value (per_tensor) or one per channel
  std::vector<int64_t> zero_point;  // empty (symmetric) or same length as scale
};

struct Tensor {
  std::vector<int64_t> shape;
  DType dtype = DType::int8;
  int bits = 8;  // value width; <= dtype_bits(dtype) for integers, == for floats
  Quantization quant;
};

// An activation input of a layer: the output of another layer or a graph input, by name.
struct InputRef {
  std::string from;
  Tensor tensor;  // the shape/dtype this layer expects; validation checks it against `from`
};

// A parameter tensor that lives with the layer (conv kernels, linear weights, biases,
// embedding tables, norm gains).
struct Weight {
  std::string name;
  Tensor tensor;
};

enum class Op {
  conv2d,            // NCHW input, weight [Cout, Cin/groups, kh, kw] (+ optional bias [Cout])
  matmul,            // two activation inputs: [.., M, K] x [.., K, N] -> [.., M, N]
  linear,            // one activation [.., K], weight [N, K] (+ bias [N]) -> [.., N]
  attention,         // fused scaled-dot-product attention: inputs q [B, Sq, H*D],
                     // k [B, Skv, KVH*D], v [B, Skv, KVH*D] -> [B, Sq, H*D]
  max_pool,          // NCHW, kernel/stride/padding
  avg_pool,          // NCHW, kernel/stride/padding
  global_avg_pool,   // NCHW -> [N, C, 1, 1]
  elementwise,       // `function`: add | sub | mul | div; 2+ inputs, same (or broadcast) shape
  activation,        // `function`: relu | relu6 | silu | gelu | sigmoid | hardswish | tanh
                     //             | hardsigmoid | swish ... ; one input, same shape out
  softmax,           // along `axis`
  layer_norm,        // along the last axis; weights gain (+ bias)
  rms_norm,          // along the last axis; weight gain
  batch_norm,        // NCHW inference batch norm (unfused); weights scale/shift per channel
  concat,            // along `axis`
  resize,            // NCHW, `mode` nearest | bilinear; output shape gives the size
  embedding,         // input token ids [B, S] (int32), weight [vocab, dim] -> [B, S, dim]
  kv_cache_write,    // appends k or v [B, S, KVH*D] to the cache; output = cache after the
                     // write [B, past+S, KVH*D]
  kv_cache_read,     // reads the cache [B, context, KVH*D] (no activation input needed)
  reshape,           // shape-only: costs nothing, output shape says the new shape
  flatten,           // shape-only: NCHW -> [N, C*H*W]
  slice,             // part of x (same rank, no dimension larger): moves data, no arithmetic
  rnn,               // recurrent layer, `function` lstm | gru | rnn: x [S, B, I] with weights
                     // W [D, G*H, I], R [D, G*H, H] -> all steps' hidden states [S, D, B, H]
  generic,           // an operator no machine models (`function` names it); kept so the
                     // graph stays whole, e.g. for a host CPU to run
};

const char* op_name(Op op);
// Throws std::invalid_argument listing the accepted names.
Op parse_op(const std::string& name);

// Operator attributes. Only those relevant to the op are written to files.
struct Attributes {
  std::array<int64_t, 2> kernel{1, 1};       // kh, kw
  std::array<int64_t, 2> stride{1, 1};       // sh, sw
  std::array<int64_t, 2> dilation{1, 1};     // dh, dw
  std::array<int64_t, 4> padding{0, 0, 0, 0};  // top, left, bottom, right
  int64_t groups = 1;                        // conv2d: Cin for depthwise
  int64_t heads = 0;                         // attention: query heads
  int64_t kv_heads = 0;                      // attention: key/value heads (GQA when < heads)
  int64_t head_dim = 0;                      // attention
  bool causal = false;                       // attention
  int64_t axis = -1;                         // softmax, concat
  std::string function;                      // elementwise / activation function
  std::string mode;                          // resize: nearest | bilinear
};

struct Layer {
  std::string name;  // unique in the trace; also the name of its output
  Op op = Op::conv2d;
  std::vector<InputRef> inputs;
  std::vector<Weight> weights;
  Tensor output;
  Attributes attrs;
};

struct GraphInput {
  std::string name;
  Tensor tensor;
};

struct Trace {
  int version = kFormatVersion;
  std::string name;          // e.g. "resnet50"
  std::string description;   // free text: source of the architecture, input size, phase
  int64_t batch = 1;
  std::vector<GraphInput> inputs;
  std::vector<Layer> layers;   // in a topological order
  std::vector<std::string> outputs;  // names of layers whose outputs leave the graph
};

}  // namespace axsim::trace
