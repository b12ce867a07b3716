#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "models/core/error.h"
#include "workloads/trace/op_attrs.h"
#include "workloads/trace/trace_io.h"

namespace axsim::trace {

namespace {

using nlohmann::ordered_json;

ordered_json quant_json(const Quantization& q) {
  ordered_json out;
  out["scheme"] = q.scheme == QuantScheme::per_tensor ? "per_tensor" : "per_channel";
  if (q.scheme == QuantScheme::per_channel) out["axis"] = q.axis;
  out["scale"] = q.scale;
  if (!q.zero_point.empty()) out["zero_point"] = q.zero_point;
  return out;
}

// Adds the tensor fields to `out`, which may already hold "name" or "from".
void add_tensor(ordered_json& out, const Tensor& t) {
  out["shape"] = t.shape;
  out["dtype"] = dtype_name(t.dtype);
  if (t.bits != dtype_bits(t.dtype)) out["bits"] = t.bits;
  if (t.quant.scheme != QuantScheme::none) out["quant"] = quant_json(t.quant);
}

ordered_json attrs_json(const Layer& layer) {
  const Attributes& a = layer.attrs;
  const Attributes defaults;
  ordered_json out = ordered_json::object();
  for (const AttrSpec& spec : op_attrs(layer.op)) {
    const std::string& k = spec.key;
    const bool all = spec.always_written;
    if (k == "kernel" && (all || a.kernel != defaults.kernel)) out[k] = a.kernel;
    if (k == "stride" && (all || a.stride != defaults.stride)) out[k] = a.stride;
    if (k == "dilation" && (all || a.dilation != defaults.dilation)) out[k] = a.dilation;
    if (k == "padding" && (all || a.padding != defaults.padding)) out[k] = a.padding;
    if (k == "groups" && (all || a.groups != defaults.groups)) out[k] = a.groups;
    if (k == "heads" && (all || a.heads != defaults.heads)) out[k] = a.heads;
    if (k == "kv_heads" && (all || a.kv_heads != defaults.kv_heads)) out[k] = a.kv_heads;
    if (k == "head_dim" && (all || a.head_dim != defaults.head_dim)) out[k] = a.head_dim;
    if (k == "causal" && (all || a.causal != defaults.causal)) out[k] = a.causal;
    if (k == "axis" && (all || a.axis != defaults.axis)) out[k] = a.axis;
    if (k == "function" && (all || a.function != defaults.function)) out[k] = a.function;
    if (k == "mode" && (all || a.mode != defaults.mode)) out[k] = a.mode;
  }
  return out;
}

ordered_json layer_json(const Layer& layer) {
  ordered_json out;
  out["name"] = layer.name;
  out["op"] = op_name(layer.op);
  if (!layer.inputs.empty()) {
    ordered_json inputs = ordered_json::array();
    for (const InputRef& in : layer.inputs) {
      ordered_json item;
      item["from"] = in.from;
      add_tensor(item, in.tensor);
      inputs.push_back(item);
    }
    out["inputs"] = inputs;
  }
  if (!layer.weights.empty()) {
    ordered_json weights = ordered_json::array();
    for (const Weight& w : layer.weights) {
      ordered_json item;
      item["name"] = w.name;
      add_tensor(item, w.tensor);
      weights.push_back(item);
    }
    out["weights"] = weights;
  }
  ordered_json output = ordered_json::object();
  add_tensor(output, layer.output);
  out["output"] = output;
  ordered_json attrs = attrs_json(layer);
  if (!attrs.empty()) out["attrs"] = attrs;
  return out;
}

bool is_flat(const ordered_json& value) {
  if (!value.is_array()) return false;
  for (const ordered_json& item : value) {
    if (item.is_structured()) return false;
  }
  return true;
}

// nlohmann's pretty printer puts every array element on its own line, which turns a shape
// into five lines; lists of scalars stay on one line here.
void print(const ordered_json& value, int indent, std::string& out) {
  const std::string pad(static_cast<size_t>(indent) + 2, ' ');
  const std::string close_pad(static_cast<size_t>(indent), ' ');
  if (value.is_object() && !value.empty()) {
    out += "{\n";
    size_t i = 0;
    for (const auto& item : value.items()) {
      out += pad + ordered_json(item.key()).dump() + ": ";
      print(item.value(), indent + 2, out);
      out += ++i < value.size() ? ",\n" : "\n";
    }
    out += close_pad + "}";
  } else if (value.is_array() && !value.empty() && !is_flat(value)) {
    out += "[\n";
    for (size_t i = 0; i < value.size(); ++i) {
      out += pad;
      print(value[i], indent + 2, out);
      out += i + 1 < value.size() ? ",\n" : "\n";
    }
    out += close_pad + "]";
  } else if (value.is_array()) {
    out += "[";
    for (size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + value[i].dump();
    out += "]";
  } else {
    out += value.dump();
  }
}

}  // namespace

std::string trace_to_json(const Trace& trace) {
  ordered_json root;
  root["version"] = trace.version;
  root["name"] = trace.name;
  if (!trace.description.empty()) root["description"] = trace.description;
  root["batch"] = trace.batch;
  ordered_json inputs = ordered_json::array();
  for (const GraphInput& in : trace.inputs) {
    ordered_json item;
    item["name"] = in.name;
    add_tensor(item, in.tensor);
    inputs.push_back(item);
  }
  root["inputs"] = inputs;
  ordered_json layers = ordered_json::array();
  for (const Layer& layer : trace.layers) layers.push_back(layer_json(layer));
  root["layers"] = layers;
  root["outputs"] = trace.outputs;
  std::string out;
  print(root, 0, out);
  return out + "\n";
}

void write_trace(const Trace& trace, const std::string& path) {
  const std::string text = trace_to_json(trace);
  // A reader (a running sweep, an editor) must never see half a file: write beside the
  // target, then rename over it, which is atomic within one file system.
  const std::string temp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) throw core::InputError("cannot write trace '" + path + "': cannot create " + temp);
    file << text;
    file.close();
    if (!file) {
      std::remove(temp.c_str());
      throw core::InputError("cannot write trace '" + path + "': writing " + temp + " failed");
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw core::InputError("cannot write trace '" + path + "': rename from " + temp + " failed");
  }
}

}  // namespace axsim::trace
