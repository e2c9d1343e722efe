// A generated Gene source of a given size for the reader and compiler benchmarks: many
// small functions with locals, loops, branches, arithmetic, arrays, maps and strings.
#pragma once
#include <string>

namespace gene::micro {

std::string generate_source(int functions);

}  // namespace gene::micro
