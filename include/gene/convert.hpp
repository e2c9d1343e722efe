// gene::Convert<T>: how a C++ type crosses into Gene and back.
//
// Each specialisation has
//   static std::string name();               // the Gene kind it expects, for errors
//   static bool accepts(const Handle& h);    // whether h converts to T
//   static T from(const Handle& h);          // h as T (after accepts)
//   static Handle to(Engine& e, const T& v); // v as a Gene value
// Built in: Handle, bool, every integer type (Int), float and double (Float; an Int is
// accepted too), std::string (String), std::nullptr_t (nil), std::optional<T> (nil or T),
// std::vector<T> (Array), std::map / std::unordered_map with string keys (Map). String
// views, C strings and string literals convert to Gene only. Specialise it to pass your
// own types.
#pragma once
#include <array>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gene/engine.hpp"

namespace gene {

template <class T, class Enable = void>
struct Convert;

template <>
struct Convert<Handle> {
  static std::string name() { return "any value"; }
  static bool accepts(const Handle&) { return true; }
  static Handle from(const Handle& h) { return h; }
  static Handle to(Engine&, const Handle& h) { return h; }
};

template <>
struct Convert<bool> {
  static std::string name() { return "Bool"; }
  static bool accepts(const Handle& h) { return h.kind() == Kind::Bool; }
  static bool from(const Handle& h) { return h.as_bool(); }
  static Handle to(Engine& e, bool v) { return e.boolean(v); }
};

template <class T>
struct Convert<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static std::string name() { return "Int"; }
  // An Int that the C++ type cannot hold is refused rather than truncated.
  static bool accepts(const Handle& h) {
    if (h.kind() != Kind::Int) return false;
    int64_t i = h.as_int();
    if constexpr (std::is_signed_v<T>) {
      return i >= static_cast<int64_t>(std::numeric_limits<T>::min()) && i <= static_cast<int64_t>(std::numeric_limits<T>::max());
    } else {
      return i >= 0 && static_cast<uint64_t>(i) <= static_cast<uint64_t>(std::numeric_limits<T>::max());
    }
  }
  static T from(const Handle& h) { return static_cast<T>(h.as_int()); }
  static Handle to(Engine& e, T v) { return e.integer(static_cast<int64_t>(v)); }
  // The values T holds, for the error on an Int outside them: "0..255".
  static std::string range() {
    return std::to_string(std::numeric_limits<T>::min()) + ".." + std::to_string(std::numeric_limits<T>::max());
  }
};

template <class T>
struct Convert<T, std::enable_if_t<std::is_floating_point_v<T>>> {
  static std::string name() { return "Float"; }
  static bool accepts(const Handle& h) { return h.kind() == Kind::Float || h.kind() == Kind::Int; }
  static T from(const Handle& h) { return static_cast<T>(h.as_float()); }
  static Handle to(Engine& e, T v) { return e.number(static_cast<double>(v)); }
};

template <>
struct Convert<std::string> {
  static std::string name() { return "String"; }
  static bool accepts(const Handle& h) { return h.kind() == Kind::String; }
  static std::string from(const Handle& h) { return h.as_string(); }
  static Handle to(Engine& e, const std::string& v) { return e.string(v); }
};

template <>
struct Convert<std::string_view> {
  static Handle to(Engine& e, std::string_view v) { return e.string(v); }
};

template <>
struct Convert<const char*> {
  static Handle to(Engine& e, const char* v) { return v ? e.string(v) : e.nil(); }
};

template <std::size_t N>
struct Convert<char[N]> {
  static Handle to(Engine& e, const char (&v)[N]) { return e.string(std::string_view(v)); }
};

template <>
struct Convert<std::nullptr_t> {
  static std::string name() { return "nil"; }
  static bool accepts(const Handle& h) { return h.is_nil(); }
  static std::nullptr_t from(const Handle&) { return nullptr; }
  static Handle to(Engine& e, std::nullptr_t) { return e.nil(); }
};

template <class T>
struct Convert<std::optional<T>> {
  static std::string name() { return Convert<T>::name() + " or nil"; }
  static bool accepts(const Handle& h) { return h.is_nil() || Convert<T>::accepts(h); }
  static std::optional<T> from(const Handle& h) {
    if (h.is_nil()) return std::nullopt;
    return Convert<T>::from(h);
  }
  static Handle to(Engine& e, const std::optional<T>& v) { return v ? Convert<T>::to(e, *v) : e.nil(); }
};

template <class T>
struct Convert<std::vector<T>> {
  static std::string name() { return "Array of " + Convert<T>::name(); }
  static bool accepts(const Handle& h) {
    if (h.kind() != Kind::Array) return false;
    for (const Handle& item : h.items())
      if (!Convert<T>::accepts(item)) return false;
    return true;
  }
  static std::vector<T> from(const Handle& h) {
    std::vector<T> out;
    for (const Handle& item : h.items()) out.push_back(Convert<T>::from(item));
    return out;
  }
  static Handle to(Engine& e, const std::vector<T>& v) {
    std::vector<Handle> items;
    items.reserve(v.size());
    for (const T& item : v) items.push_back(Convert<T>::to(e, item));
    return e.array(items);
  }
};

namespace detail {
// std::map and std::unordered_map with string keys, both ways.
template <class M>
struct ConvertStringMap {
  using T = typename M::mapped_type;
  static std::string name() { return "Map of " + Convert<T>::name(); }
  static bool accepts(const Handle& h) {
    if (h.kind() != Kind::Map) return false;
    for (const auto& entry : h.entries())
      if (!Convert<T>::accepts(entry.second)) return false;
    return true;
  }
  static M from(const Handle& h) {
    M out;
    for (const auto& [key, value] : h.entries()) out.emplace(key, Convert<T>::from(value));
    return out;
  }
  static Handle to(Engine& e, const M& v) {
    std::vector<std::pair<std::string, Handle>> entries;
    entries.reserve(v.size());
    for (const auto& [key, value] : v) entries.emplace_back(key, Convert<T>::to(e, value));
    return e.map(entries);
  }
};
}  // namespace detail

template <class T>
struct Convert<std::map<std::string, T>> : detail::ConvertStringMap<std::map<std::string, T>> {};
template <class T>
struct Convert<std::unordered_map<std::string, T>> : detail::ConvertStringMap<std::unordered_map<std::string, T>> {};

// ---- binding C++ callables as native functions ----
namespace detail {

template <class T>
using Bare = std::remove_cvref_t<T>;

// The parameter and result types of a function pointer or a lambda (any callable with
// one operator()).
template <class F>
struct Signature : Signature<decltype(&Bare<F>::operator())> {};
template <class R, class... P>
struct Signature<R (*)(P...)> {
  using Result = R;
  using Params = std::tuple<P...>;
};
template <class R, class... P>
struct Signature<R (*)(P...) noexcept> : Signature<R (*)(P...)> {};
template <class R, class... P>
struct Signature<R(P...)> : Signature<R (*)(P...)> {};
template <class R, class... P>
struct Signature<R(P...) noexcept> : Signature<R (*)(P...)> {};
template <class C, class R, class... P>
struct Signature<R (C::*)(P...)> : Signature<R (*)(P...)> {};
template <class C, class R, class... P>
struct Signature<R (C::*)(P...) const> : Signature<R (*)(P...)> {};
template <class C, class R, class... P>
struct Signature<R (C::*)(P...) noexcept> : Signature<R (*)(P...)> {};
template <class C, class R, class... P>
struct Signature<R (C::*)(P...) const noexcept> : Signature<R (*)(P...)> {};

// Throws the gene::Error "fn: argument 2 must be Int, got String" (argument 0 is self).
[[noreturn]] void reject_argument(const std::string& function, std::size_t number, const std::string& expected, const Handle& got);
// Throws "fn: argument 1 must be Int in 0..255, got 300": an Int that the C++ type cannot hold.
[[noreturn]] void reject_out_of_range(const std::string& function, std::size_t number, const std::string& range, int64_t got);

// Refuses h as a T: an Int out of an integer type's range says so, anything else names kinds.
template <class T>
[[noreturn]] void reject(const std::string& function, std::size_t number, const Handle& h) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    if (h.kind() == Kind::Int) reject_out_of_range(function, number, Convert<T>::range(), h.as_int());
  reject_argument(function, number, Convert<T>::name(), h);
}
// The values a bound callable receives: self first for a method.
std::vector<Handle> method_arguments(const NativeCall& call);

template <class P>
void check_argument(const std::string& function, std::size_t number, const Handle& h) {
  if (!Convert<Bare<P>>::accepts(h)) reject<Bare<P>>(function, number, h);
}

template <class R, class F, class... P, std::size_t... I>
Handle invoke_bound(F& fn, const std::string& name, Engine& engine, std::span<const Handle> in, std::size_t first_number,
                    std::type_identity<std::tuple<P...>>, std::index_sequence<I...>) {
  // Every argument is checked, left to right, before any converts.
  (check_argument<P>(name, first_number + I, in[I]), ...);
  if constexpr (std::is_void_v<R>) {
    fn(Convert<Bare<P>>::from(in[I])...);
    return Handle();
  } else {
    return Convert<Bare<R>>::to(engine, fn(Convert<Bare<P>>::from(in[I])...));
  }
}

// Wraps fn as a NativeFunction taking exactly its parameters (for a method, self first).
template <class F>
NativeFunction bind(std::string name, F fn, bool method) {
  using Sig = Signature<F>;
  using Params = typename Sig::Params;
  constexpr std::size_t kCount = std::tuple_size_v<Params>;
  return [name = std::move(name), fn = std::move(fn), method](NativeCall& call) mutable -> Handle {
    auto run = [&](std::span<const Handle> in, std::size_t first_number) {
      return invoke_bound<typename Sig::Result>(fn, name, call.engine, in, first_number, std::type_identity<Params>{},
                                                std::make_index_sequence<kCount>{});
    };
    if (!method) return run(call.args, 1);
    std::vector<Handle> with_self = method_arguments(call);
    return run(with_self, 0);
  };
}

template <class F>
constexpr int arity() {
  return static_cast<int>(std::tuple_size_v<typename Signature<F>::Params>);
}

}  // namespace detail

// ---- template members of Handle, Engine and ClassBuilder ----

template <class T>
T Handle::as() const {
  if (!Convert<T>::accepts(*this)) detail::reject<T>("", 0, *this);
  return Convert<T>::from(*this);
}

template <class T>
void Handle::set(std::string_view key, const T& value) const {
  set(key, Convert<detail::Bare<T>>::to(*engine(), value));
}

template <class... Args>
Handle Handle::operator()(const Args&... args) const {
  std::array<Handle, sizeof...(Args)> argv{Convert<detail::Bare<Args>>::to(*engine(), args)...};
  return call(argv);
}

template <class... Args>
Handle Handle::method(std::string_view name, const Args&... args) const {
  std::array<Handle, sizeof...(Args)> argv{Convert<detail::Bare<Args>>::to(*engine(), args)...};
  return call_method(name, argv);
}

template <class T>
void Engine::set(std::string_view name, const T& value) {
  set(name, make(value));
}

template <class T>
Handle Engine::make(const T& value) {
  return Convert<detail::Bare<T>>::to(*this, value);
}

template <class... Args>
Handle Engine::call(std::string_view function, const Args&... args) {
  Handle fn = get(function);
  if (fn.is_nil()) throw Error(std::string(function) + " is not defined");
  std::array<Handle, sizeof...(Args)> argv{make(args)...};
  return fn.call(argv);
}

template <class F>
void Engine::define(std::string_view name, F&& fn) {
  constexpr int n = detail::arity<F>();
  define_native(name, n, n, detail::bind(std::string(name), std::forward<F>(fn), false));
}

template <class F>
ClassBuilder& ClassBuilder::constructor(F&& fn) {
  constexpr int n = detail::arity<F>() - 1;
  static_assert(n >= 0, "a constructor's first parameter receives self");
  return native_method(".ctor", n, n, detail::bind(name_ + " constructor", std::forward<F>(fn), true));
}

template <class F>
ClassBuilder& ClassBuilder::method(std::string_view name, F&& fn) {
  constexpr int n = detail::arity<F>() - 1;
  static_assert(n >= 0, "a method's first parameter receives self");
  return native_method(name, n, n, detail::bind(name_ + "." + std::string(name), std::forward<F>(fn), true));
}

}  // namespace gene
