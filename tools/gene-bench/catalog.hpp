// The benchmark programs: where they live, their names and aliases, and what their
// header comments say.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gene::bench {

struct Program {
  std::string name;              // file stem, e.g. "fib30"
  std::filesystem::path path;
  std::string description;       // "# Measures: …", else "# Benchmark: NAME -- …" (first line)
  std::string expected;          // from "# Expected output: LINE" (empty if absent)
};

// The directory of *.gene programs: dir_option if given (or its gene/ subdirectory),
// else benchmarks/gene in the working directory or one of its parents, else next to
// this executable or one of its parents. nullopt (and *error) when none is found.
std::optional<std::filesystem::path> find_programs_dir(const std::optional<std::string>& dir_option,
                                                       std::string* error);

// Every *.gene program in dir, sorted by name.
std::vector<Program> list_programs(const std::filesystem::path& dir);

// NAME.gene; else the alias NAME → NAME<digits>.gene with the fewest digits value
// (fib → fib30); else, when name looks like a path (has a '/' or ends in .gene), that
// file. nullopt when nothing matches.
std::optional<Program> resolve_program(const std::filesystem::path& dir, const std::string& name);

// True when name is a path to a program rather than a name: it has a '/' or ends in .gene.
bool is_program_path(const std::string& name);

// Aliases of the programs in dir, as (alias, program name) pairs.
std::vector<std::pair<std::string, std::string>> list_aliases(const std::vector<Program>& programs);

}  // namespace gene::bench
