// embed-demo: a C++ program that runs Gene code, calls it, and lets it call back.
#include <gene/gene.hpp>

#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::string script = argc > 1 ? argv[1] : "script.gene";
  gene::EngineOptions options;
  options.output = [](std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); };
  options.max_heap_bytes = 32 << 20;  // a runaway script gets "out of memory", not the host
  gene::Engine engine(options);

  // A native function with typed parameters; a C++ exception becomes a Gene error.
  engine.define("host_sqrt", [](double x) {
    if (x < 0) throw std::domain_error("negative input");
    return std::sqrt(x);
  });
  // The untyped form: from 1 to any number of arguments, each a gene::Handle.
  engine.define_native("host_join", 1, -1, [](gene::NativeCall& call) {
    std::string text;
    for (const gene::Handle& arg : call.args) text += (text.empty() ? "" : " + ") + arg.repr();
    return call.engine.string(text);
  });
  // A class whose constructor and methods are C++.
  engine.define_class("Rect")
      .constructor([](gene::Handle self, double w, double h) {
        self.set("w", w);
        self.set("h", h);
      })
      .method("name", [](gene::Handle) { return std::string("rect"); })
      .method("area", [](gene::Handle self) { return self.get("w").as_float() * self.get("h").as_float(); });

  try {
    engine.eval_file(script);
    std::printf("fib 20 = %lld\n", static_cast<long long>(engine.call("fib", 20).as_int()));
    std::printf("%s\n", engine.eval("(describe (new Rect 3 4))").as_string().c_str());
    std::printf("%s\n", engine.call("safe_sqrt", -1).as_string().c_str());
    std::printf("%s\n", engine.eval("(try (host_sqrt \"nine\") catch * $ex/message)").as_string().c_str());
    std::printf("%s\n", engine.call("host_join", 1, "two", nullptr).as_string().c_str());

    // Values both ways.
    std::map<std::string, std::vector<int>> data{{"odd", {1, 3, 5}}, {"even", {2, 4}}};
    engine.set("data", data);
    engine.eval("(println \"from Gene:\" data)");
    auto sums = engine.eval("{^odd (total data/odd) ^even (total data/even)}").as<std::map<std::string, long>>();
    std::printf("sums: odd=%ld even=%ld\n", sums["odd"], sums["even"]);

    // A handle keeps its value alive across collections; the heap cap is a Gene error.
    gene::Handle kept = engine.eval("{^name \"kept\" ^items [1 2 3]}");
    engine.collect_garbage();
    std::printf("%s\n", kept.repr().c_str());
    std::printf("%s\n", engine.eval("(var xs []) (try (loop (xs .add [1 2])) catch * $ex/message)").as_string().c_str());

    // A Gene error reaches C++ with its position and stack trace.
    engine.eval("(fn inner [] (throw \"boom\"))\n(fn outer [] (var r (inner)) r)", "lib.gene");
    engine.call("outer");
  } catch (const gene::Error& e) {
    std::printf("gene::Error: %s at %s:%u (%zu frames)\n", e.message().c_str(), e.location().file.c_str(),
                e.location().line, e.trace().size());
    return 0;
  }
  std::printf("no error?\n");
  return 1;
}
