// The process and its environment (§25.6): $env, $set_env, $cmd_args and gene/os/exec.
#include <fmt/format.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"
#include "stdlib/method_support.hpp"
#include "stdlib/stdlib.hpp"

namespace gene {

namespace {
using namespace methods;

Value env(VM& vm, CallArgs& a) {
  const char* v = std::getenv(std::string(string_arg(vm, a, 0, "env", "a variable name")).c_str());
  return v ? vm.heap.string_value(v) : a.arg(1);
}

Value set_env(VM& vm, CallArgs& a) {
  const std::string name(string_arg(vm, a, 0, "set_env", "a variable name"));
  if (name.empty() || name.find('=') != std::string::npos) vm.raise(fmt::format("Invalid environment variable name '{}'", name));
  if (::setenv(name.c_str(), to_s(a.args[1]).c_str(), 1) != 0)
    vm.raise(fmt::format("Failed to set environment variable '{}': {}", name, std::strerror(errno)));
  return make_nil();
}

// Runs cmd through /bin/sh; stdout is the result, stderr goes to ours.
Value exec(VM& vm, CallArgs& a) {
  const std::string cmd(string_arg(vm, a, 0, "exec", "a command string"));
  vm.flush_out();  // the command's stderr must come after what the program printed
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) vm.raise(fmt::format("Failed to run command '{}': {}", cmd, std::strerror(errno)));
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = ::pclose(p);
  if (status == -1) vm.raise(fmt::format("Failed to run command '{}': {}", cmd, std::strerror(errno)));
  if (WIFSIGNALED(status)) vm.raise(fmt::format("Command '{}' was killed by signal {}", cmd, WTERMSIG(status)));
  if (WEXITSTATUS(status) != 0) vm.raise(fmt::format("Command '{}' failed with exit status {}", cmd, WEXITSTATUS(status)));
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return vm.heap.string_value(out);
}

const NativeEntry kGene[] = {{"env", env, 1, 2}, {"set_env", set_env, 2, 2}};
const NativeEntry kOs[] = {{"exec", exec, 1, 1}};
}  // namespace

void set_cmd_args(VM& vm, const std::vector<std::string>& args) {
  std::vector<std::string_view> views(args.begin(), args.end());
  vm.gene_ns()->define(intern("cmd_args"), string_array(vm, views));
}

void install_os(VM& vm) {
  define_natives(vm, vm.gene_ns(), kGene);
  define_natives(vm, child_namespace(vm, vm.gene_ns(), "os"), kOs);
  set_cmd_args(vm, {});
}

}  // namespace gene
