#include "models/mem/dram/channel_queue.h"

#include <algorithm>

namespace axsim::mem {

RequestQueue::RequestQueue(int capacity, int banks)
    : capacity_(capacity),
      slots_(static_cast<std::size_t>(capacity)),
      lists_(static_cast<std::size_t>(banks)) {
  free_slots_.reserve(slots_.size());
  for (int i = capacity - 1; i >= 0; --i) free_slots_.push_back(i);
}

std::int32_t RequestQueue::first_hit_from(std::int32_t slot, const BankList& list) const {
  while (slot >= 0 && slots_[slot].row != list.row) slot = slots_[slot].next;
  return slot;
}

void RequestQueue::push(const ChannelRequest& request, int bank, std::uint64_t seq,
                        bool hits_open_row) {
  const std::int32_t slot = free_slots_.back();
  free_slots_.pop_back();
  QueuedRequest& q = slots_[slot];
  q.id = request.id;
  q.seq = seq;
  q.row = request.row;
  q.column = request.column;
  q.bank = bank;
  q.cause = RowCause::none;
  q.next = -1;
  q.older = youngest_;
  q.younger = -1;
  if (youngest_ >= 0) {
    slots_[youngest_].younger = slot;
  } else {
    oldest_ = slot;
    oldest_bank_ = bank;
    oldest_row_ = request.row;
  }
  youngest_ = slot;

  BankList& list = lists_[bank];
  if (list.tail < 0) {
    list.head = slot;
    busy_banks_ |= std::uint64_t{1} << bank;
  } else {
    slots_[list.tail].next = slot;
  }
  list.tail = slot;
  if (hits_open_row) {
    if (list.hits == 0) list.oldest_hit = slot;
    ++list.hits;
  }
  ++size_;
}

QueuedRequest RequestQueue::take_oldest_hit(int bank) {
  BankList& list = lists_[bank];
  const std::int32_t slot = list.oldest_hit;
  const QueuedRequest taken = slots_[slot];

  // Unlink; lists are a few entries long, so walking from the head is cheap.
  std::int32_t prev = -1;
  for (std::int32_t s = list.head; s != slot; s = slots_[s].next) prev = s;
  if (prev < 0) {
    list.head = taken.next;
  } else {
    slots_[prev].next = taken.next;
  }
  if (list.tail == slot) list.tail = prev;
  if (list.head < 0) busy_banks_ &= ~(std::uint64_t{1} << bank);
  if (taken.older >= 0) {
    slots_[taken.older].younger = taken.younger;
  } else {
    oldest_ = taken.younger;
    if (oldest_ >= 0) {
      oldest_bank_ = slots_[oldest_].bank;
      oldest_row_ = slots_[oldest_].row;
    }
  }
  if (taken.younger >= 0) {
    slots_[taken.younger].older = taken.older;
  } else {
    youngest_ = taken.older;
  }

  --list.hits;
  list.oldest_hit = list.hits > 0 ? first_hit_from(taken.next, list) : -1;
  free_slots_.push_back(slot);
  --size_;
  return taken;
}

const QueuedRequest& RequestQueue::open_for_head(int bank) {
  BankList& list = lists_[bank];
  QueuedRequest& head = slots_[list.head];
  static_assert(RowCause::none < RowCause::miss && RowCause::miss < RowCause::conflict);
  head.cause = std::max(head.cause, RowCause::miss);
  const std::uint32_t row = head.row;
  list.row = row;
  list.oldest_hit = list.head;
  std::int32_t hits = 1;
  for (std::int32_t s = head.next; s >= 0; s = slots_[s].next) hits += slots_[s].row == row;
  list.hits = hits;
  return head;
}

void RequestQueue::bank_opened(int bank, std::uint32_t row) {
  BankList& list = lists_[bank];
  list.row = row;
  list.hits = 0;
  list.oldest_hit = first_hit_from(list.head, list);
  for (std::int32_t s = list.oldest_hit; s >= 0; s = slots_[s].next) {
    if (slots_[s].row == row) ++list.hits;
  }
}

}  // namespace axsim::mem
