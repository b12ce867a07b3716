// Names, descriptions and the options each network refuses.
#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "workloads/zoo/zoo.h"

namespace axsim::zoo {
namespace {

TEST_CASE("the zoo lists its networks sorted, each with a description") {
  const std::vector<std::string> names = zoo_names();
  CHECK(names.size() == 21);
  CHECK(std::is_sorted(names.begin(), names.end()));
  for (const std::string& n : names) CHECK_FALSE(zoo_description(n).empty());
  const trace::Trace t = make_network("resnet50", ZooOptions{});
  CHECK(t.name == "resnet50");
  CHECK(t.description.find("224x224") != std::string::npos);
}

TEST_CASE("an unknown name is an error that lists the zoo") {
  CHECK_THROWS_WITH(make_network("resnet51", ZooOptions{}),
                    Catch::Contains("resnet51") && Catch::Contains("yolov8m"));
  CHECK_THROWS_AS(zoo_description("nope"), std::invalid_argument);
}

TEST_CASE("options a network cannot take are errors") {
  ZooOptions o;
  o.batch = 0;
  CHECK_THROWS_AS(make_network("resnet18", o), std::invalid_argument);

  o = ZooOptions{};
  o.phase = "decode";
  CHECK_THROWS_WITH(make_network("resnet18", o), Catch::Contains("language models"));

  o.phase = "generate";
  CHECK_THROWS_WITH(make_network("llama2-7b", o), Catch::Contains("prefill or decode"));

  o = ZooOptions{};
  o.input_size = 224;
  CHECK_THROWS_WITH(make_network("llama2-7b", o), Catch::Contains("image networks"));
  CHECK_THROWS_AS(make_network("ds-cnn", o), std::invalid_argument);

  o = ZooOptions{};
  o.context = 100;  // a prefill has no cache to start from
  CHECK_THROWS_AS(make_network("llama2-7b", o), std::invalid_argument);

  o = ZooOptions{};
  o.seq_len = 1024;
  CHECK_THROWS_WITH(make_network("bert-base", o), Catch::Contains("512"));
  o.seq_len = 4096;
  CHECK_THROWS_WITH(make_network("gpt3-175b", o), Catch::Contains("2048"));

  o = ZooOptions{};
  o.input_size = 200;
  CHECK_THROWS_WITH(make_network("vit-b16", o), Catch::Contains("multiple"));
  o.input_size = 8;
  CHECK_THROWS_WITH(make_network("squeezenet1.1", o), Catch::Contains("input_size"));
}

}  // namespace
}  // namespace axsim::zoo
