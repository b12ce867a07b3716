#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/core/config.h"

using namespace axsim::core;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

// A fresh directory per test, removed afterwards, so file tests never see each other.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "axsim_config_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// The InputError message thrown by `action`.
template <typename Action>
std::string input_error(Action action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("no InputError was thrown");
  return "";
}

ConfigNode parse(const std::string& text) { return parse_config_text(text, "cfg.yaml"); }

const char* const kArray =
    "name: demo\n"
    "array:\n"
    "  rows: 128\n"
    "  cols: 64\n"
    "  clock: 940 MHz\n"
    "memory:\n"
    "  latency: 100 ns\n"
    "  bandwidth: 12.8 GB/s\n"
    "  capacity: 24 MiB\n"
    "layers:\n"
    "  - {name: conv1, shape: [3, 224, 224]}\n"
    "  - {name: fc, shape: [1000]}\n";

}  // namespace

TEST_CASE("core.config: nodes carry 1-based file positions and dotted paths", "[config]") {
  const ConfigNode root = parse(kArray);
  const ConfigNode& rows = root.at("array").at("rows");
  CHECK(rows.scalar() == "128");
  CHECK(rows.path() == "array.rows");
  CHECK(rows.location().to_string() == "cfg.yaml:3:3");
  CHECK(root.at("array").location().to_string() == "cfg.yaml:2:1");
  CHECK(root.at("layers").items()[1].path() == "layers[1]");
  CHECK(root.at("layers").items()[1].at("name").path() == "layers[1].name");
  CHECK(root.at("layers").items()[1].location().line == 12);
  CHECK(root.keys() == std::vector<std::string>{"name", "array", "memory", "layers"});
}

TEST_CASE("core.config: Section reads typed values, units and nested sections", "[config]") {
  const ConfigNode root = parse(std::string(kArray) + "debug: true\nscale: 0.5\nids: [1, -2]\n");
  const Section top(root);
  CHECK(top.string("name") == "demo");
  CHECK(top.boolean("debug"));
  CHECK(top.number("scale") == 0.5);
  CHECK(top.integers("ids") == std::vector<int64_t>{1, -2});
  CHECK(top.string_or("mode", "fast") == "fast");
  CHECK(top.integer_or("depth", 7) == 7);
  CHECK(top.boolean_or("trace", false) == false);
  CHECK(top.number_or("gain", 2.0) == 2.0);

  const Section array = top.section("array");
  CHECK(array.positive_integer("rows") == 128);
  CHECK(array.integer("cols") == 64);
  CHECK(array.frequency("clock") == megahertz(940));
  const Section memory = top.section("memory");
  CHECK(memory.time("latency") == nanoseconds(100));
  CHECK(memory.bandwidth("bandwidth").si == Approx(12.8e9));
  CHECK(memory.bytes("capacity").si == 24.0 * 1024 * 1024);
  const std::vector<Section> layers = top.sections("layers");
  REQUIRE(layers.size() == 2);
  CHECK(layers[0].choice("name", {"conv1", "fc"}) == "conv1");
  CHECK(layers[1].string("name") == "fc");
  CHECK(layers[1].integers("shape") == std::vector<int64_t>{1000});
  CHECK(layers[0].integers("shape").size() == 3);
  CHECK_NOTHROW(top.finish());
}

TEST_CASE("core.config: YAML syntax errors name the file, line and column", "[config]") {
  const std::string message = input_error([] { parse("a: 1\nb: [1, 2\nc: 3\n"); });
  CHECK_THAT(message, StartsWith("cfg.yaml:3:2: ") && Contains("YAML syntax error"));
  CHECK_THAT(message, Contains("end of sequence flow not found"));
  CHECK_THAT(input_error([] { parse("a: b: c\n"); }), StartsWith("cfg.yaml:1:5: "));
  // yaml-cpp 0.7 loops forever on these through YAML::LoadAll.
  CHECK_THAT(input_error([] { parse(","); }), StartsWith("cfg.yaml:1:1: YAML syntax error"));
  CHECK_THAT(input_error([] { parse(", tru"); }), Contains("YAML syntax error"));
}

TEST_CASE("core.config: duplicate keys, odd keys and non-map documents are errors", "[config]") {
  CHECK(input_error([] { parse("a: 1\nb: 2\na: 3\n"); }) ==
        "cfg.yaml:3:1: key 'a': duplicate key (first defined at cfg.yaml:1:1)");
  CHECK_THAT(input_error([] { parse("? [x]\n: 1\n"); }), Contains("non-empty strings"));
  CHECK_THAT(input_error([] { parse("- 1\n- 2\n"); }),
             StartsWith("cfg.yaml:1:1: ") && Contains("top level of a config must be a map"));
  CHECK_THAT(input_error([] { parse("a: 1\n---\nb: 2\n"); }),
             StartsWith("cfg.yaml:2:1: ") && Contains("expected one YAML document"));
  CHECK(parse("").keys().empty());
  CHECK(parse("# only a comment\n").keys().empty());
}

TEST_CASE("core.config: recursive and exploding aliases are bounded", "[config]") {
  CHECK_THAT(input_error([] { parse("a: &x [*x]\n"); }),
             StartsWith("cfg.yaml:1:8: key 'a[0]': an alias cannot refer to a node containing it"));
  const ConfigNode copied = parse("a: &x {b: 1}\nc: *x\n");
  CHECK(copied.at("c").at("b").path() == "c.b");
  CHECK(copied.at("c").at("b").location().line == 1);
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 8; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 0; j < 9; ++j) bomb += ", " + prev;
    bomb += "]\n";
  }
  CHECK_THAT(input_error([&] { parse(bomb); }), Contains("after expanding aliases"));
}

TEST_CASE("core.config: unknown keys are rejected with a did-you-mean", "[config]") {
  const ConfigNode root = parse("array:\n  rows: 4\n  colz: 4\nmemroy: {}\n");
  const Section top(root);
  const Section array = top.section("array");
  array.integer("rows");
  array.integer_or("cols", 1);
  CHECK(input_error([&] { array.finish(); }) ==
        "cfg.yaml:3:3: key 'array': unknown key 'colz' (did you mean 'cols'?)");
  top.has("memory");
  CHECK(input_error([&] { top.finish(); }) ==
        "cfg.yaml:4:1: unknown key 'memroy' (did you mean 'memory'?)");
}

TEST_CASE("core.config: unknown keys suggest by prefix, else list what is known", "[config]") {
  const ConfigNode root = parse("freq: 1 GHz\n");
  const Section by_prefix(root);
  by_prefix.has("frequency");
  CHECK_THAT(input_error([&] { by_prefix.finish(); }), Contains("(did you mean 'frequency'?)"));
  const Section far(root);
  far.has("rows");
  far.has("cols");
  CHECK_THAT(input_error([&] { far.finish(); }),
             Contains("unknown key 'freq' (known keys: cols, rows)"));
}

TEST_CASE("core.config: finish on the root checks the nested sections it handed out", "[config]") {
  const ConfigNode root = parse("array:\n  rows: 4\n  rowz: 5\n");
  const Section top(root);
  top.section("array").integer("rows");
  CHECK_THAT(input_error([&] { top.finish(); }),
             StartsWith("cfg.yaml:3:3: key 'array': unknown key 'rowz'"));
}

TEST_CASE("core.config: a rejected list of sections leaves nothing for finish", "[config]") {
  const ConfigNode root = parse("layers: [{name: a}, 3]\n");
  const Section top(root);
  CHECK(input_error([&] { top.sections("layers"); }) ==
        "cfg.yaml:1:21: key 'layers[1]': expected a map, got '3'");
  CHECK_NOTHROW(top.finish());
}

TEST_CASE("core.config: wrong types name the location, the key and what was expected", "[config]") {
  const ConfigNode root = parse(
      "array:\n  rows: abc\n  cols: 1.5\n  on: yes\n  dims: [1, x]\n"
      "  kind: tpu\n  size: -3\n  list: [1]\n");
  const Section array = Section(root).section("array");
  CHECK(input_error([&] { array.integer("rows"); }) ==
        "cfg.yaml:2:3: key 'array.rows': expected an integer, got 'abc'");
  CHECK_THAT(input_error([&] { array.integer("cols"); }), Contains("got '1.5'"));
  CHECK_THAT(input_error([&] { array.number("rows"); }), Contains("expected a number"));
  CHECK_THAT(input_error([&] { array.boolean("on"); }), Contains("expected true or false"));
  CHECK(input_error([&] { array.integers("dims"); }) ==
        "cfg.yaml:5:13: key 'array.dims[1]': expected an integer, got 'x'");
  CHECK_THAT(input_error([&] {
               array.choice("kind", {"systolic", "simd"});
             }),
             Contains("expected one of 'systolic', 'simd', got 'tpu'"));
  CHECK_THAT(input_error([&] { array.positive_integer("size"); }),
             Contains("key 'array.size': must be a positive integer, got -3"));
  CHECK_THAT(input_error([&] { array.string("list"); }), Contains("expected a string, got a list"));
  CHECK_THAT(input_error([&] { Section(root).section("array").section("rows"); }),
             Contains("key 'array.rows': expected a map, got 'abc'"));
}

TEST_CASE("core.config: unit errors become InputErrors at the key", "[config]") {
  const ConfigNode root = parse("memory:\n  latency: 100\n  capacity: 8 Mb\n");
  const Section memory = Section(root).section("memory");
  CHECK(input_error([&] { memory.time("latency"); }) ==
        "cfg.yaml:2:3: key 'memory.latency': invalid time '100': missing unit (accepted units: "
        "ps, ns, us (or \xC2\xB5s), ms, s)");
  CHECK_THAT(input_error([&] { memory.bytes("capacity"); }),
             StartsWith("cfg.yaml:3:3: key 'memory.capacity': ") && Contains("counts bits"));
}

TEST_CASE("core.config: a missing required key names the parent's location and the full path",
          "[config]") {
  const ConfigNode root = parse("name: x\narray:\n  rows: 4\n");
  const Section array = Section(root).section("array");
  CHECK(input_error([&] { array.integer("cols"); }) ==
        "cfg.yaml:2:1: key 'array.cols': missing required key");
  CHECK(input_error([&] { Section(root).section("memory"); }) ==
        "cfg.yaml: key 'memory': missing required key");
}

TEST_CASE("core.config: base files are merged under the including file", "[config][files]") {
  const TempDir dir;
  dir.write("common/base.yaml",
            "array: {rows: 128, cols: 128, clock: 1 GHz}\nlayers: [a, b]\nname: base\n");
  const std::string top =
      dir.write("exp/top.yaml", "base: ../common/base.yaml\narray:\n  cols: 64\nlayers: [c]\n");
  const ConfigNode root = load_config_file(top);
  CHECK_FALSE(root.has("base"));
  CHECK(root.at("name").scalar() == "base");
  CHECK(root.at("array").at("rows").scalar() == "128");
  CHECK(root.at("array").at("cols").scalar() == "64");
  CHECK(root.at("array").keys() == std::vector<std::string>{"rows", "cols", "clock"});
  CHECK(root.at("layers").items().size() == 1);
  CHECK_THAT(root.at("array").at("cols").location().to_string(), Contains("top.yaml:3:3"));
  CHECK_THAT(root.at("array").at("rows").location().file, Contains("base.yaml"));
}

TEST_CASE("core.config: includes merge in order before the file's own keys", "[config][files]") {
  const TempDir dir;
  dir.write("a.yaml", "x: 1\ny: 1\nz: 1\n");
  dir.write("b.yaml", "y: 2\nz: 2\n");
  dir.write("base.yaml", "w: 0\nx: 0\n");
  const std::string top =
      dir.write("top.yaml", "base: base.yaml\ninclude: [a.yaml, b.yaml]\nz: 3\n");
  const ConfigNode root = load_config(top, {"w=9"});
  CHECK_FALSE(root.has("include"));
  CHECK(root.at("w").scalar() == "9");
  CHECK(root.at("x").scalar() == "1");
  CHECK(root.at("y").scalar() == "2");
  CHECK(root.at("z").scalar() == "3");
  dir.write("single.yaml", "include: b.yaml\n");
  CHECK(load_config_file(dir.path("single.yaml")).at("y").scalar() == "2");
}

TEST_CASE("core.config: missing files are named", "[config][files]") {
  const TempDir dir;
  const std::string top = dir.write("top.yaml", "name: x\nbase: nowhere.yaml\n");
  const std::string message = input_error([&] { load_config_file(top); });
  CHECK_THAT(message, StartsWith(top + ":2:1: key 'base': cannot read 'nowhere.yaml'"));
  CHECK_THAT(message, Contains(dir.path("nowhere.yaml")));
  CHECK(input_error([&] { load_config_file(dir.path("absent.yaml")); }) ==
        dir.path("absent.yaml") + ": cannot read config file: no such file");
}

TEST_CASE("core.config: include cycles are reported with the chain", "[config][files]") {
  const TempDir dir;
  const std::string a = dir.write("a.yaml", "include: [b.yaml]\n");
  const std::string b = dir.write("b.yaml", "base: sub/../c.yaml\n");
  const std::string c = dir.write("c.yaml", "x: 1\ninclude: a.yaml\n");
  CHECK(input_error([&] { load_config_file(a); }) ==
        c + ":2:1: key 'include': include cycle: " + a + " -> " + b + " -> " + c + " -> " + a);
  const std::string self = dir.write("self.yaml", "base: self.yaml\n");
  CHECK_THAT(input_error([&] { load_config_file(self); }), Contains("include cycle"));
}

TEST_CASE("core.config: base and include errors inside the referenced file point into it",
          "[config][files]") {
  const TempDir dir;
  const std::string bad = dir.write("bad.yaml", "ok: 1\nbroken: [\n");
  const std::string top = dir.write("top.yaml", "include: bad.yaml\n");
  CHECK_THAT(input_error([&] { load_config_file(top); }), StartsWith(bad + ":3:"));
  CHECK_THAT(input_error([] { parse("base: x.yaml\n"); }),
             StartsWith("cfg.yaml:1:1: key 'base': cannot resolve other files"));
  const std::string odd = dir.write("odd.yaml", "include: {a: 1}\n");
  CHECK_THAT(input_error([&] { load_config_file(odd); }), Contains("expected a file name"));
}

TEST_CASE("core.config: overrides replace values and report themselves as the source",
          "[config][set]") {
  ConfigNode root = parse(kArray);
  apply_override(root, "array.rows=256");
  const ConfigNode& rows = root.at("array").at("rows");
  CHECK(rows.scalar() == "256");
  CHECK(rows.location().to_string() == "--set array.rows=256");
  CHECK(rows.path() == "array.rows");
  apply_override(root, "array.clock=1 GHz");
  CHECK(Section(root).section("array").frequency("clock") == gigahertz(1));
  apply_override(root, "array.rows=abc");
  CHECK(input_error([&] { Section(root).section("array").integer("rows"); }) ==
        "--set array.rows=abc: key 'array.rows': expected an integer, got 'abc'");
}

TEST_CASE("core.config: overrides create missing keys and parse YAML values", "[config][set]") {
  ConfigNode root = parse(kArray);
  apply_override(root, "sim.trace.enabled=true");
  apply_override(root, "array.dims=[4, 8]");
  const Section top(root);
  CHECK(top.section("sim").section("trace").boolean("enabled"));
  CHECK(top.section("array").integers("dims") == std::vector<int64_t>{4, 8});
  CHECK(root.at("sim").at("trace").at("enabled").path() == "sim.trace.enabled");
}

TEST_CASE("core.config: overrides index into lists", "[config][set]") {
  ConfigNode root = parse(kArray);
  apply_override(root, "layers.1.name=head");
  apply_override(root, "layers.0.shape.2=112");
  const ConfigNode& layers = root.at("layers");
  CHECK(layers.items()[1].at("name").scalar() == "head");
  CHECK(layers.items()[1].at("name").path() == "layers[1].name");
  CHECK(layers.items()[0].at("shape").items()[2].scalar() == "112");
  CHECK(layers.items()[0].at("name").scalar() == "conv1");
  CHECK(input_error([&] { apply_override(root, "layers.5.name=x"); }) ==
        "--set layers.5.name=x: key 'layers': is a list of 2 items; '5' is not an index into it "
        "(0 to 1)");
  CHECK_THAT(input_error([&] { apply_override(root, "layers.name=x"); }),
             Contains("'name' is not an index"));
}

TEST_CASE("core.config: malformed overrides are errors naming the override", "[config][set]") {
  ConfigNode root = parse(kArray);
  CHECK(input_error([&] { apply_override(root, "array.rows"); }) ==
        "--set array.rows: expected key.path=value");
  CHECK_THAT(input_error([&] { apply_override(root, "=4"); }), Contains("expected key.path"));
  CHECK_THAT(input_error([&] { apply_override(root, "array..rows=4"); }), Contains("empty key"));
  CHECK_THAT(input_error([&] { apply_override(root, "array.rows.x=4"); }),
             Contains("key 'array.rows': holds the value '128' (set at cfg.yaml:3:3)"));
  CHECK_THAT(input_error([&] { apply_override(root, "array.rows=[1, 2"); }),
             StartsWith("--set array.rows=[1, 2: key 'array.rows': YAML syntax error"));
}
