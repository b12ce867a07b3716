#include "workloads/zoo/zoo.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "workloads/zoo/networks.h"

namespace axsim::zoo {

namespace {

// What a network's input is, which decides the options it accepts.
enum class InputKind {
  image,    // square image of input_size pixels
  fixed,    // a fixed feature map (keyword spotting's MFCC frames)
  encoder,  // a token sequence, one pass
  decoder,  // a token sequence, prefill or decode over a KV cache
};

struct Entry {
  const char* name;
  const char* description;
  InputKind kind;
  int64_t default_input;  // image side in pixels
  std::function<trace::Trace(const ZooOptions&)> build;
};

const std::vector<Entry>& registry() {
  using O = const ZooOptions&;
  static const std::vector<Entry> entries{
      {"bert-base", "BERT-base encoder, 12 x 768, 12 heads (Devlin et al., NAACL 2019)",
       InputKind::encoder, 0, [](O o) { return build_bert_base(o); }},
      {"ds-cnn", "DS-CNN-S keyword spotting on 49x10 MFCC (Zhang et al., Hello Edge, 2017)",
       InputKind::fixed, 0, [](O o) { return build_ds_cnn(o); }},
      {"efficientnet-b0", "EfficientNet-B0 (Tan & Le, ICML 2019)", InputKind::image, 224,
       [](O o) { return build_efficientnet_b0(o); }},
      {"gpt3-175b", "GPT-3 175B, 96 x 12288, 96 heads (Brown et al., NeurIPS 2020)",
       InputKind::decoder, 0, [](O o) { return build_gpt3_175b(o); }},
      {"llama2-70b", "Llama 2 70B, 80 x 8192, 64 heads / 8 KV heads (Touvron et al., 2023)",
       InputKind::decoder, 0, [](O o) { return build_llama2(70, o); }},
      {"llama2-7b", "Llama 2 7B, 32 x 4096, 32 heads (Touvron et al., 2023)", InputKind::decoder, 0,
       [](O o) { return build_llama2(7, o); }},
      {"mobilenet-v1", "MobileNetV1 1.0 (Howard et al., 2017)", InputKind::image, 224,
       [](O o) { return build_mobilenet_v1(o); }},
      {"mobilenet-v2", "MobileNetV2 1.0 (Sandler et al., CVPR 2018)", InputKind::image, 224,
       [](O o) { return build_mobilenet_v2(o); }},
      {"regnetx-800mf", "RegNetX-800MF (Radosavovic et al., CVPR 2020)", InputKind::image, 224,
       [](O o) { return build_regnetx_800mf(o); }},
      {"resnet18", "ResNet-18 (He et al., CVPR 2016)", InputKind::image, 224,
       [](O o) { return build_resnet(18, o); }},
      {"resnet34", "ResNet-34 (He et al., CVPR 2016)", InputKind::image, 224,
       [](O o) { return build_resnet(34, o); }},
      {"resnet50", "ResNet-50 v1.5, stride on the 3x3 conv (He et al., CVPR 2016)",
       InputKind::image, 224, [](O o) { return build_resnet(50, o); }},
      {"squeezenet1.1", "SqueezeNet 1.1 (Iandola et al., 2016)", InputKind::image, 224,
       [](O o) { return build_squeezenet(o); }},
      {"ssd-mobilenet-v1", "SSD on MobileNetV1, COCO (Liu et al., ECCV 2016; Howard et al.)",
       InputKind::image, 300, [](O o) { return build_ssd_mobilenet_v1(o); }},
      {"vit-b16", "ViT-B/16 (Dosovitskiy et al., ICLR 2021)", InputKind::image, 224,
       [](O o) { return build_vit_b16(o); }},
      {"yolov5m", "YOLOv5m v6.0+, COCO (Ultralytics, 2020-2022)", InputKind::image, 640,
       [](O o) { return build_yolov5('m', false, o); }},
      {"yolov5m6", "YOLOv5m6 with a P6 output, COCO (Ultralytics, 2021)", InputKind::image, 1280,
       [](O o) { return build_yolov5('m', true, o); }},
      {"yolov5s", "YOLOv5s v6.0+, COCO (Ultralytics, 2020-2022)", InputKind::image, 640,
       [](O o) { return build_yolov5('s', false, o); }},
      {"yolov8m", "YOLOv8m, COCO (Ultralytics, 2023)", InputKind::image, 640,
       [](O o) { return build_yolov8('m', o); }},
      {"yolov8n", "YOLOv8n, COCO (Ultralytics, 2023)", InputKind::image, 640,
       [](O o) { return build_yolov8('n', o); }},
      {"yolov8s", "YOLOv8s, COCO (Ultralytics, 2023)", InputKind::image, 640,
       [](O o) { return build_yolov8('s', o); }},
  };
  return entries;
}

std::string joined_names() {
  std::string out;
  for (const std::string& n : zoo_names()) out += (out.empty() ? "" : ", ") + n;
  return out;
}

const Entry& find(const std::string& name) {
  for (const Entry& e : registry()) {
    if (name == e.name) return e;
  }
  throw std::invalid_argument("unknown network '" + name + "'; the zoo has: " + joined_names());
}

void require(bool ok, const std::string& network, const std::string& message) {
  if (!ok) throw std::invalid_argument(network + ": " + message);
}

// Checks the options against what the network takes and fills in the defaults.
ZooOptions resolve(const Entry& e, ZooOptions o) {
  const std::string n = e.name;
  require(o.batch >= 1, n, "batch must be at least 1");
  require(o.input_size >= 0 && o.seq_len >= 0 && o.context >= 0, n,
          "input_size, seq_len and context must not be negative");
  require(o.phase == "prefill" || o.phase == "decode", n,
          "phase must be prefill or decode, not '" + o.phase + "'");
  const bool sequence = e.kind == InputKind::encoder || e.kind == InputKind::decoder;
  if (!sequence) {
    require(o.phase == "prefill" && o.seq_len == 0 && o.context == 0, n,
            "phase, seq_len and context apply to language models only");
  }
  if (e.kind != InputKind::image) {
    require(o.input_size == 0, n, "input_size applies to image networks only");
  }
  switch (e.kind) {
    case InputKind::image:
      if (o.input_size == 0) o.input_size = e.default_input;
      break;
    case InputKind::fixed:
      break;
    case InputKind::encoder:
      require(o.phase == "prefill" && o.context == 0, n,
              "an encoder has no decode phase or KV cache");
      if (o.seq_len == 0) o.seq_len = 128;
      break;
    case InputKind::decoder:
      if (o.phase == "prefill") {
        require(o.context == 0, n,
                "context applies to decode (a chunked prefill is a decode with seq_len > 1)");
        if (o.seq_len == 0) o.seq_len = 2048;
      } else {
        if (o.seq_len == 0) o.seq_len = 1;
        if (o.context == 0) o.context = 2048;
      }
      break;
  }
  return o;
}

std::string input_summary(const Entry& e, const ZooOptions& o) {
  std::string s;
  switch (e.kind) {
    case InputKind::image:
      s = std::to_string(o.input_size) + "x" + std::to_string(o.input_size) + " input";
      break;
    case InputKind::fixed:
      s = "fixed input";
      break;
    case InputKind::encoder:
      s = std::to_string(o.seq_len) + " tokens";
      break;
    case InputKind::decoder:
      s = o.phase == "prefill" ? "prefill of " + std::to_string(o.seq_len) + " tokens"
                               : "decode of " + std::to_string(o.seq_len) + " token(s) over " +
                                     std::to_string(o.context) + " cached";
      break;
  }
  return s + ", batch " + std::to_string(o.batch) + ", " + trace::dtype_name(o.dtype);
}

}  // namespace

std::vector<std::string> zoo_names() {
  std::vector<std::string> names;
  for (const Entry& e : registry()) names.emplace_back(e.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::string zoo_description(const std::string& name) { return find(name).description; }

trace::Trace make_network(const std::string& name, const ZooOptions& options) {
  const Entry& e = find(name);
  const ZooOptions resolved = resolve(e, options);
  trace::Trace t = e.build(resolved);
  // An LLM's phases are different workloads; the name says which one a result is about.
  t.name = e.kind == InputKind::decoder ? std::string(e.name) + "-" + resolved.phase : e.name;
  t.description = std::string(e.description) + "; " + input_summary(e, resolved);
  return t;
}

}  // namespace axsim::zoo
