#include "runtime/object.hpp"

#include <cstdint>

#include "runtime/heap.hpp"
#include "runtime/symbol.hpp"

namespace gene {

namespace {
// Index slots hold the entry's position, or one of these.
constexpr int32_t kEmpty = -1, kErased = -2;
constexpr size_t kNoSlot = SIZE_MAX;

// Fibonacci hashing of the key bits: pointers and small Ints both spread.
size_t slot_of(PropKey key, size_t mask) { return static_cast<size_t>((key.bits() * 0x9E3779B97F4A7C15ull) >> 32) & mask; }
}  // namespace

std::string PropKey::name() const { return is_int() ? std::to_string(as_int()) : to_symbol()->name; }

Symbol* PropKey::to_symbol() const {
  return is_int() ? intern(std::to_string(as_int())) : reinterpret_cast<Symbol*>(bits_);
}

const Value* PropMap::find(PropKey key) const {
  int at = index_of(key);
  return at < 0 ? nullptr : &entries_[static_cast<size_t>(at)].second;
}

Value* PropMap::find(PropKey key) {
  int at = index_of(key);
  if (at < 0) return nullptr;
  changing(static_cast<size_t>(at));
  return &entries_[static_cast<size_t>(at)].second;
}

PropMap& PropMap::operator=(const PropMap& other) {
  if (this == &other) return *this;
  moving();
  entries_ = other.entries_;
  index_ = other.index_;
  dead_ = other.dead_;
  return *this;
}

int PropMap::index_of(PropKey key) const {
  if (index_.empty()) {
    for (size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].first == key) return static_cast<int>(i);
    return -1;
  }
  size_t s = index_slot(key);
  return s == kNoSlot ? -1 : index_[s];
}

// The index slot holding key's position, or kNoSlot (the map is indexed).
size_t PropMap::index_slot(PropKey key) const {
  size_t mask = index_.size() - 1;
  for (size_t s = slot_of(key, mask);; s = (s + 1) & mask) {
    int32_t at = index_[s];
    if (at == kEmpty) return kNoSlot;
    if (at >= 0 && entries_[static_cast<size_t>(at)].first == key) return s;
  }
}

bool PropMap::set(PropKey key, Value v) {
  if (int at = index_of(key); at >= 0) {
    changing(static_cast<size_t>(at));
    entries_[static_cast<size_t>(at)].second = v;
    return false;
  }
  add_new(key, v);
  return true;
}

void PropMap::add_new(PropKey key, Value v) {
  entries_.emplace_back(key, v);
  if (entries_.size() >= kIndexThreshold) {
    if (index_.empty() || entries_.size() * 2 > index_.size()) {
      if (dead_) drop_dead();  // and a new index
      else rebuild_index();
    } else {
      // Half the slots at most are taken or erased (each erased slot's entry is still in
      // entries_), so probing always ends.
      size_t mask = index_.size() - 1;
      size_t s = slot_of(key, mask);
      while (index_[s] >= 0) s = (s + 1) & mask;
      index_[s] = static_cast<int32_t>(entries_.size() - 1);
    }
  }
}

bool PropMap::erase(PropKey key, Value* out) {
  if (index_.empty()) {
    int at = index_of(key);
    if (at < 0) return false;
    if (out) *out = entries_[static_cast<size_t>(at)].second;
    moving();  // the later entries shift
    entries_.erase(entries_.begin() + at);
    return true;
  }
  size_t s = index_slot(key);
  if (s == kNoSlot) return false;
  changing(static_cast<size_t>(index_[s]));
  Entry& e = entries_[static_cast<size_t>(index_[s])];
  if (out) *out = e.second;
  e = Entry(PropKey::dead(), make_nil());
  index_[s] = kErased;
  if (++dead_ * 2 > entries_.size()) drop_dead();
  return true;
}

void PropMap::copy_entries(const PropMap& other, size_t from, size_t to) {
  moving();
  entries_.clear();
  entries_.reserve(to - from);
  for (size_t i = from; i < to && i < other.entries_.size(); ++i)
    if (other.entries_[i].first != PropKey::dead()) entries_.push_back(other.entries_[i]);
  index_.clear();
  dead_ = 0;
}

void PropMap::drop_dead() const {
  moving();
  std::erase_if(entries_, [](const Entry& e) { return e.first == PropKey::dead(); });
  dead_ = 0;
  rebuild_index();
}

void PropMap::rebuild_index() const {
  if (entries_.size() < kIndexThreshold) {
    index_.clear();
    return;
  }
  size_t cap = 16;
  while (cap < entries_.size() * 4) cap *= 2;
  index_.assign(cap, kEmpty);
  size_t mask = cap - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t s = slot_of(entries_[i].first, mask);
    while (index_[s] >= 0) s = (s + 1) & mask;
    index_[s] = static_cast<int32_t>(i);
  }
}

void PropMap::trace(Marker& m) const {
  for (auto& e : entries_) m.mark(e.second);
  if (view_) m.mark(view_);  // it lets go of this map before it dies
}

void PropMap::view_changing(size_t at) const {
  if (at >= view_->next && at < view_->end) view_->keep_rest();
}

void PropMap::view_moving() const { view_->keep_rest(); }


MapView::MapView(Map* of, bool pairs_wanted) : source(of), pairs(pairs_wanted) {
  subkind = kSubkindMapView;
  PropMap& from = of->map;
  if (from.view_) from.view_->keep_rest();  // another loop's, nested or left by return or throw
  end = static_cast<uint32_t>(from.entries_.size());
  from.view_ = this;
}

const PropMap::Entry* MapView::advance() {
  const PropMap::Entries& slots = source ? source->map.entries_ : map.entries_;
  while (next < end) {
    const PropMap::Entry& e = slots[next++];
    if (e.first != PropKey::dead()) return &e;
  }
  let_go();
  return nullptr;
}

void MapView::let_go() {
  if (!source) return;
  if (source->map.view_ == this) source->map.view_ = nullptr;
  source = nullptr;
}

void MapView::keep_rest() {
  Map* from = source;
  if (!from) return;
  let_go();  // first: copying must not tell this view again
  map.copy_entries(from->map, next, end);
  next = 0;
  end = static_cast<uint32_t>(map.entries_.size());
}

void MapView::trace(Marker& m) {
  Map::trace(m);
  if (source) m.mark(source);
}

void Array::trace(Marker& m) {
  for (Value v : items) m.mark(v);
}
void Map::trace(Marker& m) { map.trace(m); }
void Gene::trace(Marker& m) {
  m.mark(type);
  props.trace(m);
  for (Value v : children) m.mark(v);
}
void Quote::trace(Marker& m) { m.mark(value); }
void Explode::trace(Marker& m) { m.mark(value); }
void Selector::trace(Marker& m) {
  for (Value k : keys) m.mark(k);
}

}  // namespace gene
