// axsim: the command line. Exit codes: 0 success, 2 bad input, 1 internal failure; errors are
// one line on stderr.
#include <cstdlib>
#include <iostream>
#include <map>

#include <systemc>

#include "cli/commands.h"
#include "models/core/error.h"

namespace {

// SystemC's own reports (e.g. an error raised inside a module) should end the run as an
// exception the CLI can print, never as an abort.
void configure_systemc_reports() {
  sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
  sc_core::sc_report_handler::set_actions(sc_core::SC_FATAL, sc_core::SC_THROW);
  sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  CLI::App app{"axsim: cycle-approximate simulation of AI accelerators"};
  app.set_version_flag("--version", std::string("axsim ") + AXSIM_VERSION);
  app.require_subcommand(1);
  std::map<std::string, axsim::cli::Command> commands = {
      {"run", axsim::cli::add_run_command(app)},
      {"validate", axsim::cli::add_validate_command(app)},
      {"zoo", axsim::cli::add_zoo_command(app)},
      {"import", axsim::cli::add_import_command(app)},
      {"sweep", axsim::cli::add_sweep_command(app)},
      {"report", axsim::cli::add_report_command(app)},
      {"regress", axsim::cli::add_regress_command(app)},
      {"rtl-check", axsim::cli::add_rtl_check_command(app)},
      {"mem-bench", axsim::cli::add_mem_bench_command(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "axsim: " << e.what() << " (see axsim --help)\n";
    return 2;
  }
  configure_systemc_reports();
  try {
    for (const auto& [name, command] : commands) {
      if (app.got_subcommand(name)) return command();
    }
    return 2;
  } catch (const axsim::core::InputError& e) {
    std::cerr << "axsim: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "axsim: internal error: " << e.what() << "\n";
    return 1;
  }
}

// libsystemc's main() prints the kernel's banner before sc_main runs; this main replaces it so
// the banner can be switched off (set SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=0 to see it).
int main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  return sc_core::sc_elab_and_sim(argc, argv);
}
