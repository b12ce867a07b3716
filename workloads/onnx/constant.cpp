#include "workloads/onnx/constant.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "models/core/error.h"

namespace axsim::onnx_import {

namespace {

using ::onnx::TensorProto;

float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exponent = (h >> 10) & 0x1fu;
  const uint32_t mantissa = h & 0x3ffu;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24.
    const float value = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -value : value;
  }
  uint32_t bits = 0;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  }
  float value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

uint16_t float_to_half(float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  if (std::isnan(value)) return static_cast<uint16_t>(sign | 0x7e00u);
  const float magnitude = std::fabs(value);
  if (magnitude >= 65520.0f) return static_cast<uint16_t>(sign | 0x7c00u);
  if (magnitude < std::ldexp(1.0f, -14)) {
    return static_cast<uint16_t>(sign |
                                 static_cast<uint16_t>(std::lround(magnitude * 16777216.0f)));
  }
  int exponent = 0;
  const float fraction = std::frexp(magnitude, &exponent);  // magnitude = fraction * 2^exponent
  long mantissa = std::lround((fraction * 2.0f - 1.0f) * 1024.0f);
  if (mantissa == 1024) {
    mantissa = 0;
    ++exponent;
  }
  return static_cast<uint16_t>(sign | ((exponent + 14) << 10) | mantissa);
}

float bfloat_to_float(uint16_t b) {
  const uint32_t bits = static_cast<uint32_t>(b) << 16;
  float value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

uint16_t float_to_bfloat(float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return static_cast<uint16_t>(bits >> 16);
}

// Bytes per element in raw_data; 0 for types this importer does not read.
size_t raw_width(int32_t type) {
  switch (type) {
    case TensorProto::BOOL:
    case TensorProto::INT8:
    case TensorProto::UINT8:
      return 1;
    case TensorProto::INT16:
    case TensorProto::UINT16:
    case TensorProto::FLOAT16:
    case TensorProto::BFLOAT16:
      return 2;
    case TensorProto::INT32:
    case TensorProto::UINT32:
    case TensorProto::FLOAT:
      return 4;
    case TensorProto::INT64:
    case TensorProto::UINT64:
    case TensorProto::DOUBLE:
      return 8;
    default:
      return 0;
  }
}

template <typename T>
T load(const char* bytes) {
  T value;
  std::memcpy(&value, bytes, sizeof value);
  return value;
}

void decode_raw(const std::string& raw, Constant& c) {
  const size_t width = raw_width(c.elem_type);
  const size_t n = raw.size() / width;
  const char* p = raw.data();
  for (size_t i = 0; i < n; ++i, p += width) {
    switch (c.elem_type) {
      case TensorProto::BOOL:
      case TensorProto::UINT8:
        c.ints.push_back(load<uint8_t>(p));
        break;
      case TensorProto::INT8:
        c.ints.push_back(load<int8_t>(p));
        break;
      case TensorProto::INT16:
        c.ints.push_back(load<int16_t>(p));
        break;
      case TensorProto::UINT16:
        c.ints.push_back(load<uint16_t>(p));
        break;
      case TensorProto::INT32:
        c.ints.push_back(load<int32_t>(p));
        break;
      case TensorProto::UINT32:
        c.ints.push_back(load<uint32_t>(p));
        break;
      case TensorProto::INT64:
        c.ints.push_back(load<int64_t>(p));
        break;
      case TensorProto::UINT64:
        c.ints.push_back(static_cast<int64_t>(std::min<uint64_t>(
            load<uint64_t>(p), static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))));
        break;
      case TensorProto::FLOAT:
        c.reals.push_back(load<float>(p));
        break;
      case TensorProto::DOUBLE:
        c.reals.push_back(load<double>(p));
        break;
      case TensorProto::FLOAT16:
        c.reals.push_back(half_to_float(load<uint16_t>(p)));
        break;
      case TensorProto::BFLOAT16:
        c.reals.push_back(bfloat_to_float(load<uint16_t>(p)));
        break;
      default:
        break;
    }
  }
}

// Typed fields: ONNX stores narrow integers and 16-bit floats (as bit patterns) in int32_data.
void decode_typed(const TensorProto& t, Constant& c) {
  switch (c.elem_type) {
    case TensorProto::FLOAT:
      c.reals.assign(t.float_data().begin(), t.float_data().end());
      break;
    case TensorProto::DOUBLE:
      c.reals.assign(t.double_data().begin(), t.double_data().end());
      break;
    case TensorProto::FLOAT16:
      for (int32_t bits : t.int32_data())
        c.reals.push_back(half_to_float(static_cast<uint16_t>(bits)));
      break;
    case TensorProto::BFLOAT16:
      for (int32_t bits : t.int32_data())
        c.reals.push_back(bfloat_to_float(static_cast<uint16_t>(bits)));
      break;
    case TensorProto::INT64:
      c.ints.assign(t.int64_data().begin(), t.int64_data().end());
      break;
    case TensorProto::UINT32:
    case TensorProto::UINT64:
      for (uint64_t v : t.uint64_data()) {
        c.ints.push_back(static_cast<int64_t>(
            std::min<uint64_t>(v, static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))));
      }
      break;
    default:
      c.ints.assign(t.int32_data().begin(), t.int32_data().end());
      break;
  }
}

}  // namespace

bool is_real_type(int32_t elem_type) {
  return elem_type == TensorProto::FLOAT || elem_type == TensorProto::DOUBLE ||
         elem_type == TensorProto::FLOAT16 || elem_type == TensorProto::BFLOAT16;
}

std::string elem_type_name(int32_t elem_type) {
  if (TensorProto::DataType_IsValid(elem_type)) {
    std::string name = TensorProto::DataType_Name(static_cast<TensorProto::DataType>(elem_type));
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return name;
  }
  return "type " + std::to_string(elem_type);
}

int64_t element_count(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

bool Constant::is_real() const { return is_real_type(elem_type); }

int64_t Constant::size() const { return element_count(dims); }

double Constant::real(size_t i) const {
  return is_real() ? reals.at(i) : static_cast<double>(ints.at(i));
}

int64_t Constant::integer(size_t i) const {
  if (!is_real()) return ints.at(i);
  const double v = reals.at(i);
  if (!(std::fabs(v) < 9.2e18))
    return v < 0 ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(v);
}

Constant make_constant(int32_t elem_type, std::vector<int64_t> dims) {
  Constant c;
  c.elem_type = elem_type;
  c.dims = std::move(dims);
  if (c.is_real()) {
    c.reals.assign(static_cast<size_t>(c.size()), 0.0);
  } else {
    c.ints.assign(static_cast<size_t>(c.size()), 0);
  }
  return c;
}

Constant read_constant(const TensorProto& t, const std::string& where) {
  Constant c;
  c.elem_type = t.data_type();
  if (raw_width(c.elem_type) == 0) {
    throw core::InputError(where + ": element type " + elem_type_name(c.elem_type) +
                           " is not supported (numbers and booleans are)");
  }
  if (t.has_segment()) throw core::InputError(where + ": segmented tensors are not supported");
  if (t.data_location() == TensorProto::EXTERNAL) {
    throw core::InputError(where + ": external data was not loaded");
  }
  int64_t expected = 1;
  for (int64_t d : t.dims()) {
    if (d < 0) throw core::InputError(where + ": negative dimension " + std::to_string(d));
    if (__builtin_mul_overflow(expected, d, &expected)) {
      throw core::InputError(where + ": its shape has too many elements");
    }
    c.dims.push_back(d);
  }
  if (t.has_raw_data()) {
    const size_t width = raw_width(c.elem_type);
    if (t.raw_data().size() != static_cast<size_t>(expected) * width) {
      throw core::InputError(
          where + ": holds " + std::to_string(t.raw_data().size()) + " bytes, but " +
          std::to_string(expected) + " " + elem_type_name(c.elem_type) + " elements need " +
          std::to_string(static_cast<size_t>(expected) * width) + " (truncated or corrupt file?)");
    }
    decode_raw(t.raw_data(), c);
  } else {
    decode_typed(t, c);
    const size_t got = c.is_real() ? c.reals.size() : c.ints.size();
    if (got != static_cast<size_t>(expected)) {
      throw core::InputError(where + ": holds " + std::to_string(got) +
                             " elements, its shape needs " + std::to_string(expected));
    }
  }
  return c;
}

TensorProto to_tensor_proto(const Constant& c, const std::string& name) {
  TensorProto t;
  t.set_name(name);
  t.set_data_type(c.elem_type);
  for (int64_t d : c.dims) t.add_dims(d);
  const size_t n = static_cast<size_t>(c.size());
  switch (c.elem_type) {
    case TensorProto::FLOAT:
      for (size_t i = 0; i < n; ++i) t.add_float_data(static_cast<float>(c.reals[i]));
      break;
    case TensorProto::DOUBLE:
      for (size_t i = 0; i < n; ++i) t.add_double_data(c.reals[i]);
      break;
    case TensorProto::FLOAT16:
      for (size_t i = 0; i < n; ++i)
        t.add_int32_data(float_to_half(static_cast<float>(c.reals[i])));
      break;
    case TensorProto::BFLOAT16:
      for (size_t i = 0; i < n; ++i)
        t.add_int32_data(float_to_bfloat(static_cast<float>(c.reals[i])));
      break;
    case TensorProto::INT64:
      for (size_t i = 0; i < n; ++i) t.add_int64_data(c.ints[i]);
      break;
    case TensorProto::UINT32:
    case TensorProto::UINT64:
      for (size_t i = 0; i < n; ++i) t.add_uint64_data(static_cast<uint64_t>(c.ints[i]));
      break;
    default:
      for (size_t i = 0; i < n; ++i) t.add_int32_data(static_cast<int32_t>(c.ints[i]));
      break;
  }
  return t;
}

}  // namespace axsim::onnx_import
