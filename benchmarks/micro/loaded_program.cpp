#include "loaded_program.hpp"

#include <fmt/format.h>

#include "compiler/compiler.hpp"
#include "reader/reader.hpp"
#include "runtime/source.hpp"
#include "runtime/symbol.hpp"

namespace gene::micro {

LoadedProgram::LoadedProgram(std::string_view source) : ns_(vm.new_module_ns("<micro>")) {
  uint32_t file = register_source("<micro>", std::string(source));
  try {
    vm.eval_source(file, ns_);
  } catch (const ParseError& e) {
    throw std::runtime_error(format_diagnostic(e.pos, e.what()));
  } catch (const CompileError& e) {
    throw std::runtime_error(format_diagnostic(e.pos, e.what()));
  } catch (const GeneError& e) {
    throw std::runtime_error(format_error(e));
  }
}

Value LoadedProgram::call(std::string_view name, std::vector<Value> args) {
  Value* fn = ns_->members.find(intern(name));
  if (!fn) throw std::runtime_error(fmt::format("no function {} in the program", name));
  try {
    return vm.call(*fn, args.data(), static_cast<int>(args.size()));
  } catch (const GeneError& e) {
    throw std::runtime_error(format_error(e));
  }
}

}  // namespace gene::micro
