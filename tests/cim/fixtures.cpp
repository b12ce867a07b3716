#include "tests/cim/fixtures.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "models/core/config.h"
#include "workloads/zoo/zoo.h"

namespace axsim::test {

namespace {

const std::string kSource = AXSIM_SOURCE_DIR;

std::string preset_path(const std::string& preset) {
  return kSource + "/configs/cim/" + preset + ".yaml";
}

}  // namespace

cim::CimConfig cim_preset(const std::string& preset, const std::vector<std::string>& overrides) {
  const core::ConfigNode root = core::load_config(preset_path(preset), overrides);
  const core::Section section(root.at("cim"));
  return cim::parse_cim_config(section);
}

core::TechTable cim_tech(const std::string& preset) {
  const core::ConfigNode root = core::load_config(preset_path(preset));
  return core::load_tech_table(kSource + "/configs/cim/" + root.at("tech").scalar());
}

cim::CimConfig parse_cim_text(const std::string& text) {
  const core::ConfigNode root =
      core::parse_config_text(text, "test.yaml", kSource + "/configs/cim");
  const core::Section section(root.at("cim"));
  return cim::parse_cim_config(section);
}

std::string wtm2101_text_with(const std::string& find, const std::string& replace) {
  std::ifstream in(preset_path("wtm2101"));
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const size_t at = s.find(find);
  if (at == std::string::npos) throw std::logic_error("wtm2101.yaml has no '" + find + "'");
  s.replace(at, find.size(), replace);
  // The text is parsed away from its file: point the memory preset at its absolute path.
  const std::string relative = "../mem/";
  const size_t mem = s.find(relative);
  if (mem != std::string::npos) s.replace(mem, relative.size(), kSource + "/configs/mem/");
  return s;
}

trace::Trace zoo_trace(const std::string& name) { return zoo::make_network(name, {}); }

}  // namespace axsim::test
