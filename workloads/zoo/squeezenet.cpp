// SqueezeNet 1.1: Iandola et al., "SqueezeNet: AlexNet-level accuracy with 50x fewer
// parameters and <0.5MB model size", 2016; version 1.1 as published in the authors'
// repository (3x3/64 first conv, pooling moved earlier), 2.4x cheaper than 1.0. It has no
// BatchNorm: the convs carry their own biases.
#include <array>

#include "workloads/zoo/builder.h"
#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

struct FireSpec {
  int64_t squeeze;
  int64_t expand;  // each of the 1x1 and 3x3 expand branches
  bool pool_before;
};

constexpr std::array<FireSpec, 8> kFires{{{16, 64, false},
                                          {16, 64, false},
                                          {32, 128, true},
                                          {32, 128, false},
                                          {48, 192, true},
                                          {48, 192, false},
                                          {64, 256, false},
                                          {64, 256, false}}};

std::string fire(Builder& b, const std::string& name, const std::string& x, const FireSpec& spec) {
  const std::string s = conv_bn_act(b, name + ".squeeze", x, conv(spec.squeeze, 1), "relu");
  const std::string e1 = conv_bn_act(b, name + ".expand1x1", s, conv(spec.expand, 1), "relu");
  const std::string e3 = conv_bn_act(b, name + ".expand3x3", s, conv(spec.expand, 3), "relu");
  return b.concat(name + ".concat", {e1, e3}, 1);
}

}  // namespace

trace::Trace build_squeezenet(const ZooOptions& options) {
  Builder b("squeezenet1.1", "", options, WeightQuant::per_channel);
  std::string x =
      b.image_input("image", {options.batch, 3, options.input_size, options.input_size});
  ConvSpec first = conv(64, 3, 2);
  first.padding = std::array<int64_t, 4>{0, 0, 0, 0};
  x = conv_bn_act(b, "conv1", x, first, "relu");
  x = b.max_pool("pool1", x, 3, 2, 0, true);
  int index = 2;
  for (const FireSpec& spec : kFires) {
    if (spec.pool_before) x = b.max_pool("pool" + std::to_string(index), x, 3, 2, 0, true);
    x = fire(b, "fire" + std::to_string(index++), x, spec);
  }
  x = conv_bn_act(b, "conv10", x, conv(1000, 1), "relu");
  b.mark_output(b.flatten("flatten", b.global_avg_pool("avgpool", x)));
  return b.finish();
}

}  // namespace axsim::zoo
