// gene::Handle: a Gene value held by C++.
//
// A handle keeps its value alive: the collector treats every live handle as a root, so a
// value stays valid across calls, evaluations and collections for as long as a handle to
// it exists. Handles are cheap to copy (each copy is one more root) and must not outlive
// the Engine that made them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gene {

class Engine;
namespace detail {
class EngineCore;
struct Access;
}  // namespace detail

// The kinds of value the embedding API converts; everything else is Other (symbols,
// genes, ranges, dates …), which C++ can still hold, pass back, print and call.
enum class Kind { Nil, Bool, Int, Float, String, Array, Map, Function, Class, Object, Other };

class Handle {
 public:
  // nil, attached to no engine.
  Handle() noexcept = default;
  Handle(const Handle& other);
  Handle(Handle&& other) noexcept;
  Handle& operator=(const Handle& other);
  Handle& operator=(Handle&& other) noexcept;
  ~Handle();

  Kind kind() const;
  // The name Gene gives the value's kind or class: "Int", "String", "Point" …
  std::string kind_name() const;
  bool is_nil() const { return kind() == Kind::Nil; }
  // Gene truthiness: everything but nil and false.
  bool truthy() const;

  // Checked accessors: a value of another kind throws gene::Error.
  bool as_bool() const;
  int64_t as_int() const;
  double as_float() const;  // an Int converts
  std::string as_string() const;
  std::vector<Handle> items() const;                             // an Array's elements
  std::vector<std::pair<std::string, Handle>> entries() const;  // a Map's entries, in order

  // Any type with a gene::Convert specialisation (see convert.hpp): h.as<std::vector<int>>().
  template <class T>
  T as() const;

  // A map entry or an object's property (/name); nil when absent.
  Handle get(std::string_view key) const;
  // Sets a map entry or an object's property.
  void set(std::string_view key, const Handle& value) const;
  template <class T>
  void set(std::string_view key, const T& value) const;

  // How Gene prints the value (repr): "[1 2]", "\"text\"", "{^a 1}".
  std::string repr() const;

  // Calls the value (a Gene function, a native function, a class's constructor …).
  // A Gene error comes out as gene::Error.
  Handle call(std::span<const Handle> args) const;
  template <class... Args>
  Handle operator()(const Args&... args) const;
  // Calls method name of the value: (value .name args…).
  Handle call_method(std::string_view name, std::span<const Handle> args) const;
  template <class... Args>
  Handle method(std::string_view name, const Args&... args) const;

  // The engine this value belongs to; nullptr for a default-constructed handle.
  Engine* engine() const;

 private:
  friend struct detail::Access;
  detail::EngineCore* core_ = nullptr;
  uint32_t slot_ = 0;
};

}  // namespace gene
