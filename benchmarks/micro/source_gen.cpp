#include "source_gen.hpp"

#include <fmt/format.h>

namespace gene::micro {

std::string generate_source(int functions) {
  std::string out = "# Generated for gene-micro.\n\n";
  for (int i = 0; i < functions; ++i) {
    out += fmt::format(R"((fn f{0} [a b]
  # local state, a loop, a branch
  (var s 0)
  (var xs [a b {0} "text number {0}" 1.5 :sym{0}])
  (var m {{^k{0} a ^name "f{0}" ^vals [1 2 3] ^nested {{^x 1.25 ^y -7}}}})
  (while (s < 10)
    (if ((s + a) == {0})
      (s += 2)
      (s += 1)))
  (var total ((xs .size) + (m/k{0} * b)))
  (if (total > 100)
    (total - (a * 3))
    {1}))

)",
                       i, i > 0 ? fmt::format("(f{} total (b + 1))", i - 1) : std::string("(total + 1)"));
  }
  out += fmt::format("(println (f{} 1 2))\n", functions - 1);
  return out;
}

}  // namespace gene::micro
