#include "capi/handle_table.hpp"

#include <array>
#include <atomic>
#include <mutex>
#include <vector>

namespace conclave_capi {
namespace {

static_assert(sizeof(std::uintptr_t) == 8, "handles pack index, generation and kind into 64 bits");

// Slots live in chunks that are allocated once and never freed or moved, so
// a lookup needs no lock: it reads the chunk pointer and the slot's tag.
constexpr std::size_t chunk_bits = 10;
constexpr std::size_t chunk_size = std::size_t{1} << chunk_bits;
constexpr std::size_t max_chunks = 4096;  // 4M live handles
constexpr std::uint64_t last_generation = 0xFFFFFF;  // 24 bits: 2^24 handles per slot, 2^46 in all

struct Slot {
  std::atomic<std::uint64_t> tag{0};  // the live handle's value, 0 when free
  void* object = nullptr;
  void (*destroy)(void*) = nullptr;
  std::uint64_t generation = 0;  // guarded by Table::mutex
};

struct Chunk {
  std::array<Slot, chunk_size> slots;
};

struct Table {
  std::array<std::atomic<Chunk*>, max_chunks> chunks{};
  std::mutex mutex;
  std::vector<std::uint32_t> free_slots;  // guarded by mutex
  std::uint32_t next_slot = 0;            // guarded by mutex
};

// Never destroyed: handles may be freed from static destructors of the application.
Table& table() {
  static Table* instance = new Table;
  return *instance;
}

std::uint64_t encode(std::uint32_t slot, std::uint64_t generation, Kind kind) {
  return (std::uint64_t{static_cast<std::uint8_t>(kind)} << 56) | (generation << 32) | (std::uint64_t{slot} + 1);
}

Slot* slot_of(std::uint64_t value) noexcept {
  const std::uint64_t index = (value & 0xFFFFFFFF) - 1;
  if ((value & 0xFFFFFFFF) == 0 || index >= max_chunks * chunk_size) return nullptr;
  Chunk* chunk = table().chunks[index >> chunk_bits].load(std::memory_order_acquire);
  return chunk == nullptr ? nullptr : &chunk->slots[index & (chunk_size - 1)];
}

// Under the table's mutex: a free slot, or none when the table is full.
Slot* take_slot(Table& t, std::uint32_t& index) {
  if (!t.free_slots.empty()) {
    index = t.free_slots.back();
    t.free_slots.pop_back();
  } else {
    if (t.next_slot >= max_chunks * chunk_size) return nullptr;
    // Room to give every slot back, so that release() never allocates.
    if (t.free_slots.capacity() <= t.next_slot) t.free_slots.reserve(2 * (std::size_t{t.next_slot} + 1));
    index = t.next_slot;
    auto& chunk = t.chunks[index >> chunk_bits];
    if (chunk.load(std::memory_order_relaxed) == nullptr) chunk.store(new Chunk, std::memory_order_release);
    ++t.next_slot;
  }
  return &t.chunks[index >> chunk_bits].load(std::memory_order_relaxed)->slots[index & (chunk_size - 1)];
}

}  // namespace

std::uintptr_t register_object(Kind kind, void* object, void (*destroy)(void*)) noexcept {
  Table& t = table();
  try {
    const std::lock_guard lock(t.mutex);
    std::uint32_t index = 0;
    Slot* slot = take_slot(t, index);
    if (slot == nullptr) return 0;
    slot->object = object;
    slot->destroy = destroy;
    const std::uint64_t value = encode(index, slot->generation, kind);
    slot->tag.store(value, std::memory_order_release);
    return value;
  } catch (...) {
    return 0;
  }
}

void* find_object(std::uintptr_t handle, Kind kind) noexcept {
  if ((handle >> 56) != static_cast<std::uint8_t>(kind)) return nullptr;
  Slot* slot = slot_of(handle);
  if (slot == nullptr || slot->tag.load(std::memory_order_acquire) != handle) return nullptr;
  return slot->object;
}

void release(std::uintptr_t handle, Kind kind) noexcept {
  if (find_object(handle, kind) == nullptr) return;
  Table& t = table();
  void* object = nullptr;
  void (*destroy)(void*) = nullptr;
  {
    const std::lock_guard lock(t.mutex);
    Slot* slot = slot_of(handle);
    if (slot->tag.load(std::memory_order_relaxed) != handle) return;
    slot->tag.store(0, std::memory_order_release);
    object = slot->object;
    destroy = slot->destroy;
    slot->object = nullptr;
    // A slot whose generations are all used is retired, never reused: a
    // wrapped generation would bring a freed handle's value back to life.
    if (slot->generation < last_generation) {
      ++slot->generation;
      t.free_slots.push_back(static_cast<std::uint32_t>((handle & 0xFFFFFFFF) - 1));
    }
  }
  destroy(object);
}

}  // namespace conclave_capi
