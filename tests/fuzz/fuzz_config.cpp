// libFuzzer target for the config reader: arbitrary bytes go through YAML parsing, a generic
// Section walk that tries every accessor on every key, the unit parsers and formatters, and a
// --set override taken from the first line. InputError and std::invalid_argument are the
// expected ways to reject input; any other exception escapes and libFuzzer reports it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "models/core/config.h"
#include "models/core/units.h"

namespace {

using axsim::core::ConfigNode;
using axsim::core::InputError;
using axsim::core::Section;

template <typename Action>
void expect_input_error(Action action) {
  try {
    action();
  } catch (const InputError&) {
  } catch (const std::invalid_argument&) {
  }
}

void parse_as_units(const std::string& text) {
  using namespace axsim::core;
  expect_input_error([&] { format_time(parse_time(text)); });
  expect_input_error([&] { format_frequency(parse_frequency(text)); });
  expect_input_error([&] { format_bytes(parse_bytes(text)); });
  expect_input_error([&] { format_bandwidth(parse_bandwidth(text)); });
  expect_input_error([&] { format_energy(parse_energy(text)); });
  expect_input_error([&] { format_power(parse_power(text)); });
}

void walk(const Section& section) {
  for (const std::string& key : section.node().keys()) {
    const ConfigNode& value = section.child(key);
    if (value.is_map()) {
      walk(section.section(key));
    } else if (value.is_sequence()) {
      expect_input_error([&] { section.integers(key); });
      expect_input_error([&] {
        for (const Section& item : section.sections(key)) walk(item);
      });
    } else {
      expect_input_error([&] { section.string(key); });
      expect_input_error([&] { section.integer(key); });
      expect_input_error([&] { section.positive_number(key); });
      expect_input_error([&] { section.boolean(key); });
      expect_input_error([&] { section.choice(key, {"a", "b"}); });
      expect_input_error([&] { section.time(key); });
      expect_input_error([&] { section.frequency(key); });
      expect_input_error([&] { section.bytes(key); });
      expect_input_error([&] { section.bandwidth(key); });
      expect_input_error([&] { section.energy(key); });
      expect_input_error([&] { section.power(key); });
      if (value.is_scalar()) parse_as_units(value.scalar());
    }
  }
  // A near-miss declared key exercises the did-you-mean search on every unknown key.
  section.has("frequency");
  expect_input_error([&] { section.fail("frequency", "fuzz"); });
  // Every key was read above, so a complaint here is a bug in the known-key tracking.
  try {
    section.finish();
  } catch (const InputError& e) {
    std::fprintf(stderr, "finish() after reading every key: %s\n", e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  parse_as_units(text);
  ConfigNode root;
  try {
    root = axsim::core::parse_config_text(text, "fuzz.yaml");
  } catch (const InputError&) {
    return 0;
  }
  const Section unread(root);
  unread.has("fuzz");
  expect_input_error([&] { unread.finish(); });
  walk(Section(root));
  expect_input_error([&] { axsim::core::apply_override(root, text.substr(0, text.find('\n'))); });
  walk(Section(root));
  return 0;
}
