// gene::Handle: reading, converting and calling a value C++ holds.
#include <fmt/format.h>

#include "embed/core.hpp"
#include "runtime/printer.hpp"
#include "runtime/symbol.hpp"

namespace gene {

using detail::Access;
using detail::EngineCore;

namespace {
// The value behind a handle, with the engine that owns it; nil for a detached handle.
struct Held {
  EngineCore* core;
  Value value;
};

Held held(const Handle& h) {
  EngineCore* c = Access::core(h);
  return {c, c ? c->slot_value(Access::slot(h)) : make_nil()};
}

EngineCore& owner_of(const Handle& h, const char* what) {
  EngineCore* c = Access::core(h);
  if (!c) throw Error(fmt::format("{} on a gene::Handle that belongs to no engine", what));
  return *c;
}

[[noreturn]] void wrong_kind(const Handle& h, const char* expected) {
  throw Error(fmt::format("expected {}, got {}", expected, h.kind_name()));
}
}  // namespace

Handle::Handle(const Handle& other) : core_(other.core_), slot_(core_ ? core_->acquire(core_->slot_value(other.slot_)) : 0) {}

Handle::Handle(Handle&& other) noexcept : core_(other.core_), slot_(other.slot_) { other.core_ = nullptr; }

Handle& Handle::operator=(const Handle& other) {
  if (this != &other) *this = Handle(other);
  return *this;
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    if (core_) core_->release(slot_);
    core_ = other.core_;
    slot_ = other.slot_;
    other.core_ = nullptr;
  }
  return *this;
}

Handle::~Handle() {
  if (core_) core_->release(slot_);
}

Kind Handle::kind() const {
  switch (held(*this).value.tag) {
    case Tag::Nil: return Kind::Nil;
    case Tag::Bool: return Kind::Bool;
    case Tag::Int: return Kind::Int;
    case Tag::Float: return Kind::Float;
    case Tag::String: return Kind::String;
    case Tag::Array: return Kind::Array;
    case Tag::Map: return Kind::Map;
    case Tag::Function:
    case Tag::NativeFn:
    case Tag::BoundMethod: return Kind::Function;
    case Tag::Class: return Kind::Class;
    case Tag::Instance: return Kind::Object;
    default: return Kind::Other;
  }
}

std::string Handle::kind_name() const {
  auto [core, v] = held(*this);
  if (v.tag == Tag::Nil) return "nil";
  if (Class* c = core ? core->vm.class_of(v) : nullptr) return c->name->name;
  return gene::kind_name(v.tag);
}

bool Handle::truthy() const { return is_truthy(held(*this).value); }

bool Handle::as_bool() const {
  Value v = held(*this).value;
  if (v.tag != Tag::Bool) wrong_kind(*this, "Bool");
  return gene::as_bool(v);
}

int64_t Handle::as_int() const {
  Value v = held(*this).value;
  if (v.tag != Tag::Int) wrong_kind(*this, "Int");
  return gene::as_int(v);
}

double Handle::as_float() const {
  Value v = held(*this).value;
  if (!is_number(v)) wrong_kind(*this, "Float");
  return to_double(v);
}

std::string Handle::as_string() const {
  Value v = held(*this).value;
  if (v.tag != Tag::String) wrong_kind(*this, "String");
  return std::string(gene::as_string(v)->view());
}

std::vector<Handle> Handle::items() const {
  auto [core, v] = held(*this);
  if (v.tag != Tag::Array) wrong_kind(*this, "Array");
  std::vector<Handle> out;
  out.reserve(as_array(v)->items.size());
  for (Value item : as_array(v)->items) out.push_back(core->wrap(item));
  return out;
}

std::vector<std::pair<std::string, Handle>> Handle::entries() const {
  auto [core, v] = held(*this);
  if (v.tag != Tag::Map) wrong_kind(*this, "Map");
  std::vector<std::pair<std::string, Handle>> out;
  for (const auto& [key, value] : as_map(v)->map.entries()) out.emplace_back(key.name(), core->wrap(value));
  return out;
}

namespace {
PropMap* properties(const Handle& h, Value v) {
  if (v.tag == Tag::Map) return &as_map(v)->map;
  if (v.tag == Tag::Instance) return &as_instance(v)->props;
  wrong_kind(h, "Map or object");
}
}  // namespace

Handle Handle::get(std::string_view key) const {
  auto [core, v] = held(*this);
  const Value* found = properties(*this, v)->find(intern(key));
  return core->wrap(found ? *found : make_nil());
}

void Handle::set(std::string_view key, const Handle& value) const {
  auto [core, v] = held(*this);
  PropMap* props = properties(*this, v);
  props->set(intern(key), core->unwrap(value));
}

std::string Handle::repr() const { return gene::repr(held(*this).value); }

Handle Handle::call(std::span<const Handle> args) const {
  EngineCore& c = owner_of(*this, "call");
  std::vector<Value> argv;
  argv.reserve(args.size());
  for (const Handle& a : args) argv.push_back(c.unwrap(a));
  Value fn = c.slot_value(slot_);
  return c.guarded([&] { return c.wrap(c.vm.call(fn, argv.data(), static_cast<int>(argv.size()))); });
}

Handle Handle::call_method(std::string_view name, std::span<const Handle> args) const {
  EngineCore& c = owner_of(*this, "call_method");
  std::vector<Value> argv;
  argv.reserve(args.size());
  for (const Handle& a : args) argv.push_back(c.unwrap(a));
  Value receiver = c.slot_value(slot_);
  return c.guarded([&] { return c.wrap(c.vm.call_method(receiver, intern(name), argv.data(), static_cast<int>(argv.size()))); });
}

Engine* Handle::engine() const { return core_ ? &core_->owner : nullptr; }

}  // namespace gene
