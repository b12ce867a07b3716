#include "models/dataflow/dataflow_accelerator.h"

#include <map>
#include <memory>
#include <stdexcept>

#include "models/core/energy.h"
#include "models/core/stats.h"
#include "models/dataflow/allocator.h"
#include "models/dataflow/dataflow_config.h"
#include "models/dataflow/graph.h"
#include "models/dataflow/pipeline.h"
#include "models/dataflow/results.h"

namespace axsim::dataflow {

namespace {

class DataflowAccelerator : public run::Accelerator {
 public:
  DataflowAccelerator(DataflowConfig config, const core::TechTable& tech)
      : config_(std::move(config)), tech_(tech) {}

  void build(const trace::Trace& trace) override {
    trace_ = trace;
    graph_ = build_graph(trace);
    plan_ = allocate(graph_, config_);
    pipeline_ = std::make_unique<Pipeline>("dataflow", plan_, config_,
                                           std::vector<int64_t>{1, graph_.batch});
  }

  void collect(core::RunResult& result) override {
    if (!pipeline_->finished()) {
      throw std::logic_error("dataflow pipeline stalled for good in context " +
                             std::to_string(pipeline_->running_context()) +
                             ": a FIFO is too shallow for a skip path");
    }
    fill_result(RunView{config_, tech_, trace_, graph_, plan_, pipeline_->passes()}, result);
  }

 private:
  DataflowConfig config_;
  const core::TechTable& tech_;
  trace::Trace trace_;
  Graph graph_;
  Plan plan_;
  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace

run::AcceleratorEntry dataflow_entry() {
  return {"dataflow",
          "Hailo-style dataflow VPU: clusters of MAC units with local memory, each layer on its "
          "own units, the network as a pipeline, cut into contexts when it does not fit",
          [](const run::AcceleratorContext& context) -> std::unique_ptr<run::Accelerator> {
            return std::make_unique<DataflowAccelerator>(parse_dataflow_config(context.config),
                                                         context.tech);
          }};
}

}  // namespace axsim::dataflow
