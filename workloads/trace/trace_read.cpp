#include "workloads/trace/trace_read.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "workloads/trace/op_attrs.h"

namespace axsim::trace {

namespace {

using nlohmann::json;

// Optimal-string-alignment distance: a swap of two neighbouring letters ("shpae") counts as
// one edit, as it is the most common typo.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// "unknown key 'shpae' (did you mean 'shape'?)" when a known key is a typo away.
std::string unknown_key_message(const std::string& key, const std::vector<std::string>& allowed) {
  std::string best;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const std::string& candidate : allowed) {
    const size_t d = edit_distance(key, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  const size_t tolerance = std::max<size_t>(1, std::min(key.size(), best.size()) / 3);
  if (!best.empty() && best_distance <= tolerance) {
    return "unknown key '" + key + "' (did you mean '" + best + "'?)";
  }
  return "unknown key '" + key + "' (expected one of: " + join(allowed) + ")";
}

std::string describe(const json& value) {
  std::string text = value.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return std::string(value.type_name()) + " " + text;
}

const std::vector<std::string>& all_attr_keys() {
  static const std::vector<std::string> keys{"kernel", "stride", "dilation", "padding",
                                             "groups", "heads",  "kv_heads", "head_dim",
                                             "causal", "axis",   "function", "mode"};
  return keys;
}

class Reader {
 public:
  explicit Reader(const JsonDocument& doc) : doc_(doc) {}

  Trace trace() const {
    const json& root = doc_.root;
    if (!root.is_object()) fail("", "a trace must be a JSON object, got " + describe(root));
    Trace t;
    // The version is read before anything else: a newer file may use keys this build does
    // not know, and "version too new" is the useful message then.
    t.version = version(required(root, "", "version"));
    check_keys(root, "",
               {"version", "name", "description", "batch", "inputs", "layers", "outputs"});
    t.name = string(required(root, "", "name"), "name");
    if (const json* d = optional(root, "description")) t.description = string(*d, "description");
    if (const json* b = optional(root, "batch")) t.batch = integer(*b, "batch");
    const json& inputs = array(required(root, "", "inputs"), "inputs");
    for (size_t i = 0; i < inputs.size(); ++i) {
      t.inputs.push_back(graph_input(inputs[i], element_path("inputs", i)));
    }
    const json& layers = array(required(root, "", "layers"), "layers");
    for (size_t i = 0; i < layers.size(); ++i) {
      t.layers.push_back(layer(layers[i], element_path("layers", i)));
    }
    const json& outputs = array(required(root, "", "outputs"), "outputs");
    for (size_t i = 0; i < outputs.size(); ++i) {
      t.outputs.push_back(string(outputs[i], element_path("outputs", i)));
    }
    return t;
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw core::InputError(doc_.locate(path), path, what);
  }

  void check_keys(const json& object, const std::string& path,
                  const std::vector<std::string>& allowed) const {
    if (!object.is_object()) fail(path, "expected an object, got " + describe(object));
    for (const auto& item : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
        fail(child_path(path, item.key()), unknown_key_message(item.key(), allowed));
      }
    }
  }

  const json& required(const json& object, const std::string& path, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end()) fail(path, "missing required key '" + key + "'");
    return *found;
  }

  static const json* optional(const json& object, const std::string& key) {
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
  }

  const json& array(const json& value, const std::string& path) const {
    if (!value.is_array()) fail(path, "expected an array, got " + describe(value));
    return value;
  }

  int64_t integer(const json& value, const std::string& path) const {
    if (value.is_number_unsigned()) {
      if (value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        fail(path, "integer " + value.dump() + " is out of range");
      }
      return static_cast<int64_t>(value.get<uint64_t>());
    }
    if (!value.is_number_integer()) fail(path, "expected an integer, got " + describe(value));
    return value.get<int64_t>();
  }

  int small_integer(const json& value, const std::string& path) const {
    const int64_t v = integer(value, path);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
      fail(path, "integer " + std::to_string(v) + " is out of range");
    }
    return static_cast<int>(v);
  }

  double number(const json& value, const std::string& path) const {
    if (!value.is_number()) fail(path, "expected a number, got " + describe(value));
    return value.get<double>();
  }

  bool boolean(const json& value, const std::string& path) const {
    if (!value.is_boolean()) fail(path, "expected true or false, got " + describe(value));
    return value.get<bool>();
  }

  std::string string(const json& value, const std::string& path) const {
    if (!value.is_string()) fail(path, "expected a string, got " + describe(value));
    return value.get<std::string>();
  }

  std::vector<int64_t> integers(const json& value, const std::string& path) const {
    std::vector<int64_t> out;
    for (size_t i = 0; i < array(value, path).size(); ++i) {
      out.push_back(integer(value[i], element_path(path, i)));
    }
    return out;
  }

  template <size_t N>
  std::array<int64_t, N> fixed_integers(const json& value, const std::string& path) const {
    const std::vector<int64_t> v = integers(value, path);
    if (v.size() != N) {
      fail(path, "expected " + std::to_string(N) + " integers, got " + std::to_string(v.size()));
    }
    std::array<int64_t, N> out{};
    std::copy(v.begin(), v.end(), out.begin());
    return out;
  }

  // Per-tensor quantization may write its single scale or zero point without the list.
  std::vector<double> numbers_or_one(const json& value, const std::string& path) const {
    if (value.is_number()) return {number(value, path)};
    std::vector<double> out;
    for (size_t i = 0; i < array(value, path).size(); ++i) {
      out.push_back(number(value[i], element_path(path, i)));
    }
    return out;
  }

  std::vector<int64_t> integers_or_one(const json& value, const std::string& path) const {
    if (value.is_number()) return {integer(value, path)};
    return integers(value, path);
  }

  int version(const json& value) const {
    const int v = small_integer(value, "version");
    if (v > kFormatVersion) {
      fail("version", "trace format version " + std::to_string(v) +
                          " is newer than this axsim supports (up to " +
                          std::to_string(kFormatVersion) + "); use a newer axsim");
    }
    if (v < 1) fail("version", "unsupported trace format version " + std::to_string(v));
    return v;
  }

  Quantization quantization(const json& value, const std::string& path) const {
    if (!value.is_object()) fail(path, "expected an object, got " + describe(value));
    Quantization q;
    const std::string scheme_path = child_path(path, "scheme");
    const std::string scheme = string(required(value, path, "scheme"), scheme_path);
    if (scheme == "none") {
      check_keys(value, path, {"scheme"});
      return q;
    }
    if (scheme == "per_tensor") {
      q.scheme = QuantScheme::per_tensor;
      check_keys(value, path, {"scheme", "scale", "zero_point"});
    } else if (scheme == "per_channel") {
      q.scheme = QuantScheme::per_channel;
      check_keys(value, path, {"scheme", "axis", "scale", "zero_point"});
      q.axis = small_integer(required(value, path, "axis"), child_path(path, "axis"));
    } else {
      fail(scheme_path, "unknown quantization scheme '" + scheme +
                            "' (accepted: none, per_tensor, per_channel)");
    }
    q.scale = numbers_or_one(required(value, path, "scale"), child_path(path, "scale"));
    if (const json* zp = optional(value, "zero_point")) {
      q.zero_point = integers_or_one(*zp, child_path(path, "zero_point"));
    }
    return q;
  }

  // Reads the tensor fields of an object whose keys the caller has already checked.
  Tensor tensor(const json& object, const std::string& path) const {
    Tensor t;
    t.shape = integers(required(object, path, "shape"), child_path(path, "shape"));
    const std::string dtype_path = child_path(path, "dtype");
    try {
      t.dtype = parse_dtype(string(required(object, path, "dtype"), dtype_path));
    } catch (const std::invalid_argument& e) {
      fail(dtype_path, e.what());
    }
    t.bits = dtype_bits(t.dtype);
    if (const json* b = optional(object, "bits"))
      t.bits = small_integer(*b, child_path(path, "bits"));
    if (const json* q = optional(object, "quant"))
      t.quant = quantization(*q, child_path(path, "quant"));
    return t;
  }

  GraphInput graph_input(const json& value, const std::string& path) const {
    check_keys(value, path, {"name", "shape", "dtype", "bits", "quant"});
    GraphInput in;
    in.name = string(required(value, path, "name"), child_path(path, "name"));
    in.tensor = tensor(value, path);
    return in;
  }

  InputRef input_ref(const json& value, const std::string& path) const {
    check_keys(value, path, {"from", "shape", "dtype", "bits", "quant"});
    InputRef in;
    in.from = string(required(value, path, "from"), child_path(path, "from"));
    in.tensor = tensor(value, path);
    return in;
  }

  Weight weight(const json& value, const std::string& path) const {
    check_keys(value, path, {"name", "shape", "dtype", "bits", "quant"});
    Weight w;
    w.name = string(required(value, path, "name"), child_path(path, "name"));
    w.tensor = tensor(value, path);
    return w;
  }

  Layer layer(const json& value, const std::string& path) const {
    check_keys(value, path, {"name", "op", "inputs", "weights", "output", "attrs"});
    Layer l;
    l.name = string(required(value, path, "name"), child_path(path, "name"));
    const std::string op_path = child_path(path, "op");
    try {
      l.op = parse_op(string(required(value, path, "op"), op_path));
    } catch (const std::invalid_argument& e) {
      fail(op_path, e.what());
    }
    if (const json* inputs = optional(value, "inputs")) {
      const std::string inputs_path = child_path(path, "inputs");
      for (size_t i = 0; i < array(*inputs, inputs_path).size(); ++i) {
        l.inputs.push_back(input_ref((*inputs)[i], element_path(inputs_path, i)));
      }
    }
    if (const json* weights = optional(value, "weights")) {
      const std::string weights_path = child_path(path, "weights");
      for (size_t i = 0; i < array(*weights, weights_path).size(); ++i) {
        l.weights.push_back(weight((*weights)[i], element_path(weights_path, i)));
      }
    }
    const std::string output_path = child_path(path, "output");
    const json& output = required(value, path, "output");
    check_keys(output, output_path, {"shape", "dtype", "bits", "quant"});
    l.output = tensor(output, output_path);
    if (const json* attrs = optional(value, "attrs")) {
      read_attributes(*attrs, child_path(path, "attrs"), l.op, l.attrs);
    }
    return l;
  }

  void read_attributes(const json& value, const std::string& path, Op op, Attributes& a) const {
    std::vector<std::string> allowed;
    for (const AttrSpec& spec : op_attrs(op)) allowed.push_back(spec.key);
    if (!value.is_object()) fail(path, "expected an object, got " + describe(value));
    for (const auto& item : value.items()) {
      const std::vector<std::string>& any = all_attr_keys();
      const bool known_elsewhere = std::find(any.begin(), any.end(), item.key()) != any.end();
      const bool allowed_here =
          std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end();
      if (known_elsewhere && !allowed_here) {
        fail(child_path(path, item.key()),
             "attribute '" + item.key() + "' does not apply to op " + op_name(op) +
                 (allowed.empty() ? " (it takes none)" : " (it takes: " + join(allowed) + ")"));
      }
    }
    check_keys(value, path, allowed);
    for (const auto& item : value.items()) {
      const std::string& key = item.key();
      const json& v = item.value();
      const std::string p = child_path(path, key);
      if (key == "kernel") {
        a.kernel = fixed_integers<2>(v, p);
      } else if (key == "stride") {
        a.stride = fixed_integers<2>(v, p);
      } else if (key == "dilation") {
        a.dilation = fixed_integers<2>(v, p);
      } else if (key == "padding") {
        a.padding = padding(v, p);
      } else if (key == "groups") {
        a.groups = integer(v, p);
      } else if (key == "heads") {
        a.heads = integer(v, p);
      } else if (key == "kv_heads") {
        a.kv_heads = integer(v, p);
      } else if (key == "head_dim") {
        a.head_dim = integer(v, p);
      } else if (key == "causal") {
        a.causal = boolean(v, p);
      } else if (key == "axis") {
        a.axis = integer(v, p);
      } else if (key == "function") {
        a.function = string(v, p);
      } else if (key == "mode") {
        a.mode = string(v, p);
      }
    }
  }

  // [top, left, bottom, right], or [height, width] for symmetric padding.
  std::array<int64_t, 4> padding(const json& value, const std::string& path) const {
    const std::vector<int64_t> v = integers(value, path);
    if (v.size() == 2) return {v[0], v[1], v[0], v[1]};
    if (v.size() == 4) return {v[0], v[1], v[2], v[3]};
    fail(path, "expected 4 integers [top, left, bottom, right] or 2 [height, width], got " +
                   std::to_string(v.size()));
  }

  const JsonDocument& doc_;
};

}  // namespace

Trace read_trace_document(const JsonDocument& doc) { return Reader(doc).trace(); }

}  // namespace axsim::trace
