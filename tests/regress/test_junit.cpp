// The JUnit XML of `axsim regress`, checked by a small parser: CI servers reject a file that
// is not well-formed, so structure and escaping matter as much as content.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "regress/junit.h"

using namespace axsim::regress;

namespace {

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // character data directly inside, references resolved
  std::vector<Element> children;
};

// Resolves the five predefined entities and numeric references; FAILs on a bare '&' or '<'.
std::string unescape(const std::string& raw) {
  static const std::map<std::string, std::string> entities = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    REQUIRE(raw[i] != '<');
    if (raw[i] != '&') {
      out += raw[i];
      continue;
    }
    const size_t end = raw.find(';', i);
    REQUIRE(end != std::string::npos);
    const std::string ref = raw.substr(i + 1, end - i - 1);
    if (!ref.empty() && ref[0] == '#') {
      out += static_cast<char>(std::stoi(ref.substr(1)));
    } else {
      REQUIRE(entities.count(ref) == 1);
      out += entities.at(ref);
    }
    i = end;
  }
  return out;
}

// Parses one element at `pos` (after whitespace); REQUIREs matching tags and quoted attributes.
Element parse_element(const std::string& xml, size_t& pos) {
  REQUIRE(xml.compare(pos, 1, "<") == 0);
  Element e;
  size_t i = pos + 1;
  while (i < xml.size() && xml[i] != ' ' && xml[i] != '>' && xml[i] != '/') e.name += xml[i++];
  for (;;) {
    while (xml.at(i) == ' ') ++i;
    if (xml.compare(i, 2, "/>") == 0) {
      pos = i + 2;
      return e;
    }
    if (xml[i] == '>') break;
    const size_t eq = xml.find('=', i);
    const std::string key = xml.substr(i, eq - i);
    REQUIRE(xml.at(eq + 1) == '"');
    const size_t close = xml.find('"', eq + 2);
    REQUIRE(close != std::string::npos);
    REQUIRE(e.attributes.count(key) == 0);
    e.attributes[key] = unescape(xml.substr(eq + 2, close - eq - 2));
    i = close + 1;
  }
  ++i;
  for (;;) {
    const size_t lt = xml.find('<', i);
    REQUIRE(lt != std::string::npos);
    e.text += unescape(xml.substr(i, lt - i));
    if (xml.compare(lt, 2, "</") == 0) {
      const size_t gt = xml.find('>', lt);
      REQUIRE(xml.substr(lt + 2, gt - lt - 2) == e.name);
      pos = gt + 1;
      return e;
    }
    i = lt;
    e.children.push_back(parse_element(xml, i));
  }
}

Element parse_document(const std::string& xml) {
  const std::string declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  REQUIRE(xml.compare(0, declaration.size(), declaration) == 0);
  size_t pos = declaration.size();
  Element root = parse_element(xml, pos);
  CHECK(xml.find_first_not_of(" \n", pos) == std::string::npos);
  return root;
}

Check number_check(const std::string& metric, double golden, double now, bool pass) {
  return {metric, golden, now, (now - golden) / golden, 0.001, pass, ""};
}

std::vector<CaseVerdict> verdicts() {
  CaseVerdict ok{"resnet50-tpu-v1",
                 "g/resnet50-tpu-v1.json",
                 "out/0/result.json",
                 {number_check("latency_s", 1e-3, 1e-3, true)},
                 2.5};
  CaseVerdict slow{
      "bert-tpu-v1",
      "g/bert-tpu-v1.json",
      "out/1/result.json",
      {number_check("latency_s", 1e-3, 2e-3, false), number_check("energy_j", 0.02, 0.02, true),
       number_check("cycles", 700, 1400, false)},
      3.0};
  CaseVerdict crashed{
      "gpt<&\"'>", "g/gpt.json", "", {run_failed("failed: bad 'key' <x> & \"y\"")}, 0};
  return {ok, slow, crashed};
}

Suite suite_named(const std::string& name) {
  Suite s;
  s.name = name;
  s.file = "configs/regress/default.yaml";
  return s;
}

}  // namespace

TEST_CASE("regress junit: one testsuite with counts, time and one testcase per case") {
  const Element root = parse_document(junit_xml(suite_named("default"), verdicts(), 12.25));
  CHECK(root.name == "testsuite");
  CHECK(root.attributes.at("name") == "default");
  CHECK(root.attributes.at("tests") == "3");
  CHECK(root.attributes.at("failures") == "2");
  CHECK(root.attributes.at("time") == "12.250");
  REQUIRE(root.children.size() == 3);
  for (const Element& testcase : root.children) {
    CHECK(testcase.name == "testcase");
    CHECK(testcase.attributes.at("classname") == "default");
    CHECK(testcase.attributes.count("time") == 1);
  }
  CHECK(root.children[0].attributes.at("name") == "resnet50-tpu-v1");
  CHECK(root.children[0].attributes.at("time") == "2.500");
}

TEST_CASE("regress junit: only failing cases have a failure naming their failing metrics") {
  const Element root = parse_document(junit_xml(suite_named("default"), verdicts(), 1));
  REQUIRE(root.children.size() == 3);
  CHECK(root.children[0].children.empty());
  REQUIRE(root.children[1].children.size() == 1);
  const Element& failure = root.children[1].children[0];
  CHECK(failure.name == "failure");
  const std::string& message = failure.attributes.at("message");
  CHECK_THAT(message, Catch::Contains("latency_s: golden 0.001, now 0.002, change +100.000%, "
                                      "tolerance 0.100%"));
  CHECK_THAT(message, Catch::Contains("cycles: golden 700, now 1400"));
  CHECK_THAT(message, !Catch::Contains("energy_j"));
  CHECK_THAT(failure.text, Catch::Contains("latency_s:") && Catch::Contains("cycles:"));
}

TEST_CASE("regress junit: names and messages escape < & \" '") {
  const std::string xml = junit_xml(suite_named("s<&\"'>"), verdicts(), 1);
  const Element root = parse_document(xml);
  CHECK(root.attributes.at("name") == "s<&\"'>");
  const Element& crashed = root.children.at(2);
  CHECK(crashed.attributes.at("name") == "gpt<&\"'>");
  CHECK(crashed.attributes.at("classname") == "s<&\"'>");
  REQUIRE(crashed.children.size() == 1);
  CHECK(crashed.children[0].attributes.at("type") == "run failed");
  CHECK_THAT(crashed.children[0].attributes.at("message"),
             Catch::Contains("bad 'key' <x> & \"y\""));
  CHECK_THAT(crashed.children[0].text, Catch::Contains("bad 'key' <x> & \"y\""));
}

TEST_CASE("regress junit: control characters from a run's stderr do not break the XML") {
  std::vector<CaseVerdict> v = verdicts();
  v[2].checks = {run_failed("\x1b[31mboom\x1b[0m")};
  const std::string xml = junit_xml(suite_named("default"), v, 1);
  CHECK(xml.find('\x1b') == std::string::npos);
  CHECK_THAT(parse_document(xml).children.at(2).children.at(0).attributes.at("message"),
             Catch::Contains("boom"));
}
