// Every zoo network generates, validates, and matches its published parameter and MAC counts
// within 2%. Conventions behind the published figures:
// - Parameters are counted with BatchNorm folded into the conv (a bias of Cout instead of
//   gamma and beta, 2*Cout), as the traces are; torchvision's figures count the unfolded
//   BatchNorm, which is 0.04-0.5% more.
// - Ultralytics quotes GFLOPs = 2 x MACs (thop), and parameters of the fused model.
// - Image classifiers: torchvision's model documentation ("GFLOPS" there are G MACs), or the
//   paper where torchvision has no such model.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "workloads/trace/counts.h"
#include "workloads/trace/validate.h"
#include "workloads/zoo/zoo.h"

namespace axsim::zoo {
namespace {

struct Published {
  const char* name;
  double params;  // 0 = no published figure to compare with
  double macs;    // 0 = no published figure to compare with
  // Relative tolerance: 2%, unless the published figure is rounded more coarsely than that.
  double tolerance = 0.02;
};

constexpr Published kPublished[] = {
    {"resnet18", 11.69e6, 1.82e9},       // torchvision: 11,689,512 / 1.81 G
    {"resnet34", 21.80e6, 3.67e9},       // torchvision: 21,797,672 / 3.66 G
    {"resnet50", 25.56e6, 4.10e9},       // torchvision (v1.5): 25,557,032 / 4.09 G
    {"mobilenet-v1", 4.2e6, 569e6},      // Howard et al. 2017, Table 8
    {"mobilenet-v2", 3.5e6, 300e6},      // Sandler et al. 2018, Table 4 (torchvision 3,504,872)
    {"squeezenet1.1", 1.24e6, 0.35e9},   // torchvision: 1,235,496 / 0.35 G
    {"efficientnet-b0", 5.3e6, 0.39e9},  // Tan & Le 2019, Table 2
    {"regnetx-800mf", 7.26e6, 0.80e9},   // torchvision: 7,259,656 / 0.80 G
    {"vit-b16", 86.6e6, 17.6e9},         // torchvision: 86,567,656 / 17.56 G
    // MobileNet paper, Table 13: SSD 300 on MobileNet, 6.8 M parameters, 1.2 G mult-adds.
    // Two significant digits: "1.2 G" is anything from 1.15 to 1.25 G, so the check allows
    // that rounding (the trace measures 1.237 G, +3.1%) rather than 2%.
    {"ssd-mobilenet-v1", 6.8e6, 1.2e9, 0.05 / 1.2},
    {"yolov5s", 7.2e6, 16.5e9 / 2},   // README v7.0 at 640: 7.2 M, 16.5 GFLOPs
    {"yolov5m", 21.2e6, 49.0e9 / 2},  // 21.2 M, 49.0 GFLOPs
    {"yolov5m6", 35.7e6,
     200.0e9 / 2},                    // 35.7 M, 50.0 GFLOPs at 640 = 200 at 1280 (Hailo: 200 GOPs)
    {"yolov8n", 3.2e6, 8.7e9 / 2},    // Ultralytics docs at 640: 3.2 M, 8.7 GFLOPs
    {"yolov8s", 11.2e6, 28.6e9 / 2},  // 11.2 M, 28.6 GFLOPs
    {"yolov8m", 25.9e6, 78.9e9 / 2},  // 25.9 M, 78.9 GFLOPs
    // Hello Edge, Table 8, DS-CNN S: 5.4 M ops = 2.7 M MACs. Its 38.6 KB "memory" is weights
    // plus activation buffers, not a parameter count.
    {"ds-cnn", 0, 2.7e6},
    // Devlin et al.: 110 M, which includes the 0.6 M pooler the trace leaves out.
    {"bert-base", 110e6, 0},
    {"llama2-7b", 6.74e9, 0},    // model card: 6,738,415,616
    {"llama2-70b", 68.98e9, 0},  // model card: 68,976,648,192
    // Brown et al.: 175 B (174.6 B counted). The trace's lm_head carries its own copy of the
    // tied 50,257 x 12,288 embedding (0.62 B), because decode reads it a second time.
    {"gpt3-175b", 174.6e9 + 50257.0 * 12288.0, 0},
};

void check_close(const std::string& what, double measured, double published, double tolerance) {
  INFO(what << ": measured " << measured << ", published " << published << ", error "
            << 100.0 * (measured / published - 1.0) << "%");
  CHECK(std::abs(measured / published - 1.0) <= tolerance);
}

TEST_CASE("every zoo network validates and matches its published counts") {
  for (const Published& p : kPublished) {
    SECTION(p.name) {
      const trace::Trace t = make_network(p.name, ZooOptions{});
      REQUIRE_NOTHROW(trace::validate_trace(t, p.name));
      const trace::TraceCounts c = trace::count_trace(t);
      const std::string name = p.name;
      if (p.params > 0) check_close(name + " params", c.params, p.params, p.tolerance);
      if (p.macs > 0) check_close(name + " MACs", c.macs, p.macs, p.tolerance);
    }
  }
}

TEST_CASE("the published table covers the whole zoo") {
  std::vector<std::string> listed;
  for (const Published& p : kPublished) listed.emplace_back(p.name);
  std::sort(listed.begin(), listed.end());
  CHECK(listed == zoo_names());
}

TEST_CASE("LLM prefill does one MAC per weight per token plus the attention") {
  ZooOptions o;
  o.seq_len = 512;
  const trace::Trace t = make_network("llama2-7b", o);
  const trace::TraceCounts c = trace::count_trace(t);
  const double embedding = 32000.0 * 4096;
  const double norms = 4096.0 * (2 * 32 + 1);
  const double attention = 32.0 * 32 * 512 * 512 * 128 * 2;
  CHECK(static_cast<double>(c.macs) ==
        Approx(512.0 * (static_cast<double>(c.params) - embedding - norms) + attention));
}

}  // namespace
}  // namespace axsim::zoo
