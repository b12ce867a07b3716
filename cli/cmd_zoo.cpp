#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/commands.h"
#include "models/core/error.h"
#include "workloads/trace/counts.h"
#include "workloads/trace/trace_io.h"
#include "workloads/zoo/zoo.h"

namespace axsim::cli {

namespace {

struct ZooCommandOptions {
  std::string network;
  std::string out;
  std::string dtype = "int8";
  zoo::ZooOptions zoo;
  bool list = false;
};

int list_networks() {
  for (const std::string& name : zoo::zoo_names()) {
    std::cout << name << "  " << zoo::zoo_description(name) << "\n";
  }
  return 0;
}

}  // namespace

Command add_zoo_command(CLI::App& app) {
  auto options = std::make_shared<ZooCommandOptions>();
  CLI::App* cmd = app.add_subcommand("zoo", "Generate the trace of a standard network");
  cmd->add_option("network", options->network, "Network name (see --list)");
  cmd->add_flag("-l,--list", options->list, "List the networks");
  cmd->add_option("-o,--out", options->out, "Trace file to write (.json or .yaml)");
  cmd->add_option("--batch", options->zoo.batch, "Batch size")->capture_default_str();
  cmd->add_option("--input-size", options->zoo.input_size,
                  "Input height and width (0: the network's default)")
      ->capture_default_str();
  cmd->add_option("--dtype", options->dtype, "Weight and activation type (int4, int8, fp16...)")
      ->capture_default_str();
  cmd->add_option("--phase", options->zoo.phase, "LLMs: prefill or decode")
      ->capture_default_str();
  cmd->add_option("--seq-len", options->zoo.seq_len, "Tokens per sequence (0: default)");
  cmd->add_option("--context", options->zoo.context, "Decode: tokens in the KV cache (0: default)");
  return [options]() {
    if (options->list) return list_networks();
    if (options->network.empty()) throw core::InputError("zoo: name a network (or --list)");
    try {
      options->zoo.dtype = trace::parse_dtype(options->dtype);
    } catch (const std::invalid_argument& e) {
      throw core::InputError(std::string("zoo: --dtype: ") + e.what());
    }
    trace::Trace net;
    try {
      net = zoo::make_network(options->network, options->zoo);
    } catch (const std::invalid_argument& e) {
      throw core::InputError(std::string("zoo: ") + e.what());
    }
    const trace::TraceCounts counts = trace::count_trace(net);
    if (options->out.empty()) {
      std::cout << trace::trace_to_json(net);
    } else {
      trace::write_trace(net, options->out);
      std::cout << net.name << ": " << net.layers.size() << " layers, " << counts.params
                << " parameters, " << counts.macs << " MACs -> " << options->out << "\n";
    }
    return 0;
  };
}

}  // namespace axsim::cli
