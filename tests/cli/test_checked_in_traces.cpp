// The traces under workloads/traces/ are what the zoo generates today: a change to a
// generator or to the trace writer that alters them must regenerate them (scripts/gen-traces.sh).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("traces: the checked-in traces match what the zoo generates") {
  const fs::path source = AXSIM_SOURCE_DIR;
  const fs::path out = fs::temp_directory_path() / "axsim-checked-in-traces";
  fs::remove_all(out);
  const std::string command = "AXSIM=" + std::string(AXSIM_BINARY) + " " +
                              (source / "scripts" / "gen-traces.sh").string() + " " +
                              out.string() + " > /dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    const fs::path committed = source / "workloads" / "traces" / entry.path().filename();
    INFO("trace " << entry.path().filename().string() << " (run scripts/gen-traces.sh)");
    REQUIRE(fs::exists(committed));
    CHECK(read_file(committed) == read_file(entry.path()));
    ++compared;
  }
  CHECK(compared >= 7);
}
