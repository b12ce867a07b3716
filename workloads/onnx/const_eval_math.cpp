#include <cmath>
#include <functional>
#include <map>

#include "workloads/onnx/attributes.h"
#include "workloads/onnx/const_eval_support.h"

namespace axsim::onnx_import::fold {

namespace {

using ::onnx::TensorProto;

std::optional<std::vector<int64_t>> broadcast_dims(const std::vector<const Constant*>& operands) {
  std::vector<int64_t> out;
  for (const Constant* c : operands) {
    const std::vector<int64_t>& d = c->dims;
    if (d.size() > out.size()) out.insert(out.begin(), d.size() - out.size(), 1);
    const size_t offset = out.size() - d.size();
    for (size_t i = 0; i < d.size(); ++i) {
      int64_t& o = out[offset + i];
      if (o == d[i] || d[i] == 1) continue;
      if (o != 1) return std::nullopt;
      o = d[i];
    }
  }
  return out;
}

// For each output element, the index of the element of `c` numpy broadcasting reads.
std::vector<int64_t> broadcast_sources(const Constant& c, const std::vector<int64_t>& out_dims) {
  const size_t rank = out_dims.size();
  std::vector<int64_t> strides(rank, 0);
  const std::vector<int64_t> own = strides_of(c.dims);
  const size_t offset = rank - c.dims.size();
  for (size_t i = 0; i < c.dims.size(); ++i) {
    strides[offset + i] = c.dims[i] == 1 ? 0 : own[i];
  }
  const int64_t n = element_count(out_dims);
  std::vector<int64_t> sources(static_cast<size_t>(n));
  std::vector<int64_t> index(rank, 0);
  int64_t source = 0;
  for (int64_t i = 0; i < n; ++i) {
    sources[static_cast<size_t>(i)] = source;
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < out_dims[d]) {
        source += strides[d];
        break;
      }
      source -= strides[d] * (out_dims[d] - 1);
      index[d] = 0;
    }
  }
  return sources;
}

using RealOp = std::function<double(double, double)>;
using IntOp = std::function<int64_t(int64_t, int64_t)>;

struct BinaryOp {
  RealOp real;
  IntOp integer;
  bool boolean_result;
};

const std::map<std::string, BinaryOp>& binary_ops() {
  static const std::map<std::string, BinaryOp> ops = {
      {"Add", {std::plus<double>(), std::plus<int64_t>(), false}},
      {"Sub", {std::minus<double>(), std::minus<int64_t>(), false}},
      {"Mul", {std::multiplies<double>(), std::multiplies<int64_t>(), false}},
      {"Div",
       {std::divides<double>(), [](int64_t a, int64_t b) { return b == 0 ? 0 : a / b; }, false}},
      {"Pow",
       {[](double a, double b) { return std::pow(a, b); },
        [](int64_t a, int64_t b) {
          return static_cast<int64_t>(std::pow(static_cast<double>(a), static_cast<double>(b)));
        },
        false}},
      {"Min",
       {[](double a, double b) { return std::min(a, b); },
        [](int64_t a, int64_t b) { return std::min(a, b); }, false}},
      {"Max",
       {[](double a, double b) { return std::max(a, b); },
        [](int64_t a, int64_t b) { return std::max(a, b); }, false}},
      {"Equal",
       {[](double a, double b) { return a == b ? 1.0 : 0.0; }, std::equal_to<int64_t>(), true}},
      {"Less", {[](double a, double b) { return a < b ? 1.0 : 0.0; }, std::less<int64_t>(), true}},
      {"Greater",
       {[](double a, double b) { return a > b ? 1.0 : 0.0; }, std::greater<int64_t>(), true}},
      {"And",
       {[](double a, double b) { return a != 0 && b != 0 ? 1.0 : 0.0; },
        [](int64_t a, int64_t b) { return a != 0 && b != 0 ? 1 : 0; }, true}},
      {"Or",
       {[](double a, double b) { return a != 0 || b != 0 ? 1.0 : 0.0; },
        [](int64_t a, int64_t b) { return a != 0 || b != 0 ? 1 : 0; }, true}},
  };
  return ops;
}

std::optional<Constant> apply_binary(const BinaryOp& op, const Constant& a, const Constant& b) {
  const std::optional<std::vector<int64_t>> dims = broadcast_dims({&a, &b});
  if (!dims || element_count(*dims) > kMaxFoldedElements) return std::nullopt;
  const std::vector<int64_t> sa = broadcast_sources(a, *dims);
  const std::vector<int64_t> sb = broadcast_sources(b, *dims);
  Constant out;
  out.dims = *dims;
  const bool real = a.is_real() || b.is_real();
  out.elem_type =
      op.boolean_result ? TensorProto::BOOL : (real && !a.is_real() ? b.elem_type : a.elem_type);
  for (size_t i = 0; i < sa.size(); ++i) {
    const size_t ia = static_cast<size_t>(sa[i]), ib = static_cast<size_t>(sb[i]);
    if (real) {
      const double v = op.real(a.real(ia), b.real(ib));
      if (out.is_real()) {
        out.reals.push_back(v);
      } else {
        out.ints.push_back(static_cast<int64_t>(v));
      }
    } else {
      out.ints.push_back(op.integer(a.ints[ia], b.ints[ib]));
    }
  }
  return out;
}

std::optional<Constant> apply_unary(const std::string& op, const Constant& in) {
  static const std::map<std::string, std::function<double(double)>> ops = {
      {"Neg", [](double x) { return -x; }},
      {"Abs", [](double x) { return std::fabs(x); }},
      {"Sqrt", [](double x) { return std::sqrt(x); }},
      {"Reciprocal", [](double x) { return 1.0 / x; }},
      {"Floor", [](double x) { return std::floor(x); }},
      {"Ceil", [](double x) { return std::ceil(x); }},
      {"Not", [](double x) { return x == 0.0 ? 1.0 : 0.0; }},
  };
  const auto found = ops.find(op);
  if (found == ops.end()) return std::nullopt;
  Constant out = in;
  for (size_t i = 0; i < static_cast<size_t>(in.size()); ++i) {
    if (out.is_real()) {
      out.reals[i] = found->second(in.reals[i]);
    } else {
      out.ints[i] = static_cast<int64_t>(found->second(static_cast<double>(in.ints[i])));
    }
  }
  return out;
}

std::optional<Constant> apply_where(const Constant& cond, const Constant& x, const Constant& y) {
  const std::optional<std::vector<int64_t>> dims = broadcast_dims({&cond, &x, &y});
  if (!dims || element_count(*dims) > kMaxFoldedElements) return std::nullopt;
  const std::vector<int64_t> sc = broadcast_sources(cond, *dims);
  const std::vector<int64_t> sx = broadcast_sources(x, *dims);
  const std::vector<int64_t> sy = broadcast_sources(y, *dims);
  Constant out = make_constant(x.elem_type, *dims);
  for (size_t i = 0; i < sc.size(); ++i) {
    const bool take_x = cond.real(static_cast<size_t>(sc[i])) != 0.0;
    const Constant& from = take_x ? x : y;
    const size_t at = static_cast<size_t>(take_x ? sx[i] : sy[i]);
    if (out.is_real()) {
      out.reals[i] = from.real(at);
    } else {
      out.ints[i] = from.integer(at);
    }
  }
  return out;
}

}  // namespace

Outputs eval_math(const ::onnx::NodeProto& node, const std::vector<FoldInput>& in) {
  const std::string& op = node.op_type();
  for (const FoldInput& i : in) {
    if (i.value == nullptr) return std::nullopt;
  }
  if (in.empty()) return std::nullopt;
  const auto binary = binary_ops().find(op);
  if (binary != binary_ops().end()) {
    // Min and Max are variadic; the others take exactly two inputs.
    if (in.size() < 2 && op != "Min" && op != "Max") return std::nullopt;
    std::optional<Constant> acc = *in[0].value;
    for (size_t i = 1; i < in.size() && acc; ++i)
      acc = apply_binary(binary->second, *acc, *in[i].value);
    if (!acc) return std::nullopt;
    return std::vector<Constant>{*acc};
  }
  if (op == "Where" && in.size() == 3) {
    std::optional<Constant> out = apply_where(*in[0].value, *in[1].value, *in[2].value);
    if (!out) return std::nullopt;
    return std::vector<Constant>{*out};
  }
  if (in.size() == 1) {
    std::optional<Constant> out = apply_unary(op, *in[0].value);
    if (!out) return std::nullopt;
    return std::vector<Constant>{*out};
  }
  return std::nullopt;
}

}  // namespace axsim::onnx_import::fold
