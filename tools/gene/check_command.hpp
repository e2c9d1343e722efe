// `gene check` and `gene run --warn`: the static checker's warnings, printed gcc-style.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gene {

// gene check [--werror] FILE…: exit status 1 on a file that cannot be read or parsed,
// and with --werror also when there are warnings.
int cmd_check(const std::vector<std::string>& args);

// Prints the warnings about a registered source to stderr; returns their number. A parse
// error is left for the run that follows to report.
size_t print_warnings(uint32_t file);

}  // namespace gene
