#include "workloads/scalesim/scalesim_import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <set>

#include "models/core/error.h"
#include "workloads/trace/validate.h"

namespace axsim::trace {

namespace {

const std::vector<std::string> kConvColumns{"layer name",    "ifmap height", "ifmap width",
                                            "filter height", "filter width", "channels",
                                            "num filter",    "strides"};
const std::vector<std::string> kGemmColumns{"layer", "m", "n", "k"};

std::string trim(const std::string& text) {
  const auto first =
      std::find_if_not(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
  const auto last =
      std::find_if_not(text.rbegin(), text.rend(), [](unsigned char c) { return std::isspace(c); });
  return first < last.base() ? std::string(first, last.base()) : std::string();
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Cells of one CSV line, trimmed; the trailing empty cell SCALE-Sim files end with is dropped.
std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    cells.push_back(
        trim(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

class Importer {
 public:
  Importer(const std::string& path, DType dtype) : path_(path), dtype_(dtype) {}

  Trace run() {
    std::ifstream file(path_);
    if (!file) throw core::InputError("cannot open SCALE-Sim topology '" + path_ + "'");
    const size_t slash = path_.find_last_of('/');
    std::string stem = path_.substr(slash == std::string::npos ? 0 : slash + 1);
    stem = stem.substr(0, stem.find_last_of('.'));
    trace_.name = stem;
    trace_.description = "imported from SCALE-Sim topology " + path_;
    std::string line;
    bool have_header = false;
    while (std::getline(file, line)) {
      ++line_;
      const std::vector<std::string> cells = split_cells(line);
      if (cells.empty()) continue;
      if (!have_header) {
        read_header(cells);
        have_header = true;
      } else if (gemm_) {
        add_gemm(cells);
      } else {
        add_conv(cells);
      }
    }
    if (!have_header) fail(0, "", "the file is empty; expected a SCALE-Sim topology header");
    if (trace_.layers.empty()) fail(0, "", "the file has a header but no layers");
    for (const Layer& layer : trace_.layers) {
      if (consumed_.count(layer.name) == 0) trace_.outputs.push_back(layer.name);
    }
    validate_trace(trace_, path_);
    return std::move(trace_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& column, const std::string& what) const {
    const std::string where = column.empty() ? "" : "column '" + column + "': ";
    throw core::InputError(core::SourceLocation{path_, line, 0}, "", where + what);
  }

  void read_header(const std::vector<std::string>& cells) {
    std::vector<std::string> names;
    for (const std::string& c : cells) names.push_back(lower(c));
    if (names == kConvColumns) {
      gemm_ = false;
    } else if (names == kGemmColumns) {
      gemm_ = true;
    } else {
      fail(line_, "",
           "unrecognised header; expected \"Layer name, IFMAP Height, IFMAP Width, Filter Height, "
           "Filter Width, Channels, Num Filter, Strides\" (convolution) or \"Layer, M, N, K\" "
           "(GEMM)");
    }
    columns_ = cells;
  }

  // The row's cells after the name, as positive integers.
  std::vector<int64_t> numbers(const std::vector<std::string>& cells) const {
    if (cells.size() != columns_.size()) {
      const size_t missing = std::min(cells.size(), columns_.size());
      fail(line_, cells.size() < columns_.size() ? columns_[missing] : "",
           "row has " + std::to_string(cells.size()) + " values, the header " +
               std::to_string(columns_.size()));
    }
    if (cells[0].empty()) fail(line_, columns_[0], "layer name is empty");
    std::vector<int64_t> values;
    for (size_t i = 1; i < cells.size(); ++i) {
      int64_t v = 0;
      const std::string& text = cells[i];
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (error != std::errc() || end != text.data() + text.size()) {
        fail(line_, columns_[i], "'" + text + "' is not an integer");
      }
      if (v < 1) fail(line_, columns_[i], "must be at least 1, is " + text);
      values.push_back(v);
    }
    return values;
  }

  Tensor tensor(std::vector<int64_t> shape) const {
    Tensor t;
    t.shape = std::move(shape);
    t.dtype = dtype_;
    t.bits = dtype_bits(dtype_);
    return t;
  }

  void add_conv(const std::vector<std::string>& cells) {
    const std::vector<int64_t> v = numbers(cells);
    const int64_t h = v[0], w = v[1], fh = v[2], fw = v[3], c = v[4], filters = v[5], s = v[6];
    if (fh > h)
      fail(line_, columns_[3],
           "filter height " + std::to_string(fh) + " exceeds IFMAP height " + std::to_string(h));
    if (fw > w)
      fail(line_, columns_[4],
           "filter width " + std::to_string(fw) + " exceeds IFMAP width " + std::to_string(w));
    Layer layer;
    layer.op = Op::conv2d;
    layer.weights.push_back({"weight", tensor({filters, c, fh, fw})});
    layer.attrs.kernel = {fh, fw};
    layer.attrs.stride = {s, s};
    layer.output = tensor({1, filters, (h - fh) / s + 1, (w - fw) / s + 1});
    add_layer(cells[0], std::move(layer), tensor({1, c, h, w}));
  }

  void add_gemm(const std::vector<std::string>& cells) {
    const std::vector<int64_t> v = numbers(cells);
    const int64_t m = v[0], n = v[1], k = v[2];
    Layer layer;
    layer.op = Op::linear;
    layer.weights.push_back({"weight", tensor({n, k})});
    layer.output = tensor({m, n});
    add_layer(cells[0], std::move(layer), tensor({m, k}));
  }

  void add_layer(const std::string& name, Layer layer, const Tensor& input) {
    if (!names_.insert(name).second)
      fail(line_, columns_[0], "layer name '" + name + "' appears twice");
    layer.name = name;
    const Layer* previous = trace_.layers.empty() ? nullptr : &trace_.layers.back();
    if (previous != nullptr && previous->output.shape == input.shape) {
      layer.inputs.push_back({previous->name, input});
      consumed_.insert(previous->name);
    } else {
      const std::string input_name = name + ".input";
      if (!names_.insert(input_name).second) {
        fail(line_, columns_[0], "graph input name '" + input_name + "' clashes with a layer");
      }
      trace_.inputs.push_back({input_name, input});
      layer.inputs.push_back({input_name, input});
    }
    trace_.layers.push_back(std::move(layer));
  }

  const std::string& path_;
  DType dtype_;
  Trace trace_;
  int line_ = 0;
  bool gemm_ = false;
  std::vector<std::string> columns_;
  std::set<std::string> names_;     // layers and graph inputs so far
  std::set<std::string> consumed_;  // layers another layer reads
};

}  // namespace

Trace import_scalesim_csv(const std::string& path, DType dtype) {
  return Importer(path, dtype).run();
}

}  // namespace axsim::trace
