#ifndef SYNTHBENCH_CASSETTE_KEY_INDEX_HPP
#define SYNTHBENCH_CASSETTE_KEY_INDEX_HPP

/// @file
/// The replay index: canonical request text -> value, as an open-addressing hash table
/// (linear probing, load factor <= 1/2) whose cells hold the 64-bit hash next to the value's
/// position. A lookup touches one cell and then the one key it compares, instead of a
/// bucket, a node and a key as std::unordered_map does: on a 50,000-interaction cassette the
/// lookup is bound by those cache misses (tests/benchmarks/cassette_benchmark.cpp).
/// Keys are views: the caller keeps the text alive (the cassette client's entries do).

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint64_t, std::uint32_t
#include <deque>        // std::deque (values never move)
#include <functional>   // std::hash
#include <string_view>  // std::string_view
#include <utility>      // std::pair
#include <vector>       // std::vector

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// A string_view -> Value hash map for the replay index (see the file comment). Values have
/// stable addresses. Not thread-safe: the cassette client guards it.
template <class Value>
class KeyIndex {
 public:
  /// The value of `key`, or nullptr.
  Value* find(std::string_view key) {
    if (cells_.empty()) return nullptr;
    const std::uint64_t h = hash(key);
    for (std::size_t i = h & mask(); cells_[i].position != 0; i = (i + 1) & mask()) {
      if (cells_[i].hash == h) {
        auto& entry = entries_[cells_[i].position - 1];
        if (entry.first == key) return &entry.second;
      }
    }
    return nullptr;
  }
  /// Const lookup.
  const Value* find(std::string_view key) const { return const_cast<KeyIndex*>(this)->find(key); }

  /// The value of `key`, default-constructed (and `key` viewed) when absent.
  Value& operator[](std::string_view key) {
    if (Value* v = find(key)) return *v;
    if ((entries_.size() + 1) * 2 > cells_.size()) grow();
    entries_.emplace_back(key, Value{});
    insert_cell(hash(key), entries_.size());
    return entries_.back().second;
  }

  /// Number of keys.
  std::size_t size() const noexcept { return entries_.size(); }
  /// Iteration over (key, value) pairs in insertion order.
  auto begin() noexcept { return entries_.begin(); }
  /// End of the iteration.
  auto end() noexcept { return entries_.end(); }

 private:
  struct Cell {
    std::uint64_t hash = 0;
    std::size_t position = 0;  // 1 + index into entries_; 0 marks an empty cell
  };

  static std::uint64_t hash(std::string_view key) noexcept { return std::hash<std::string_view>{}(key); }
  std::size_t mask() const noexcept { return cells_.size() - 1; }

  void insert_cell(std::uint64_t h, std::size_t position) {
    std::size_t i = h & mask();
    while (cells_[i].position != 0) i = (i + 1) & mask();
    cells_[i] = {h, position};
  }

  void grow() {
    std::vector<Cell> old;
    old.swap(cells_);
    cells_.assign(old.empty() ? 64 : old.size() * 2, Cell{});
    for (const Cell& c : old) {
      if (c.position != 0) insert_cell(c.hash, c.position);
    }
  }

  std::vector<Cell> cells_;                              // power-of-two size
  std::deque<std::pair<std::string_view, Value>> entries_;
};

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_KEY_INDEX_HPP
