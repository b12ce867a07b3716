// The axsim subcommands. Each registers its options on a CLI11 app and returns a function that
// runs it; main.cpp turns exceptions into exit codes (InputError -> 2, anything else -> 1).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace axsim::cli {

using Command = std::function<int()>;

Command add_run_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_zoo_command(CLI::App& app);
Command add_import_command(CLI::App& app);
Command add_sweep_command(CLI::App& app);
Command add_report_command(CLI::App& app);
Command add_regress_command(CLI::App& app);
Command add_rtl_check_command(CLI::App& app);
Command add_mem_bench_command(CLI::App& app);

}  // namespace axsim::cli
