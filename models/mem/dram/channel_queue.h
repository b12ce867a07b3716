// One request queue of a channel controller (the read queue or the write queue), indexed the
// way FR-FCFS asks questions of it. The contract scans the queue oldest first, but every
// answer it needs is per bank: a bank's legal column command serves that bank's oldest
// request to the open row, and its legal row command is for that bank's oldest request. So
// the queue keeps, per bank, its requests in arrival order and how many of them hit the open
// row; the scheduler then compares at most one candidate per bank by arrival sequence number.
#pragma once

#include <cstdint>
#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

// What brought a request's row to the bank, for the hit / miss / conflict counters.
enum class RowCause : std::uint8_t {
  none,      // the row was open for it: a hit
  miss,      // an ACT was issued for it while its bank was closed
  conflict,  // a PRE of another row was issued for it
};

struct QueuedRequest {
  std::uint64_t id = 0;
  std::uint64_t seq = 0;  // arrival order within the controller: smaller is older
  std::uint32_t row = 0;
  std::uint32_t column = 0;
  std::int32_t bank = 0;  // flat index g * banks_per_group + b
  RowCause cause = RowCause::none;
  std::int32_t next = -1;   // next younger request to the same bank, or -1
  std::int32_t older = -1;  // neighbours in arrival order over all banks, or -1
  std::int32_t younger = -1;
};

class RequestQueue {
 public:
  RequestQueue(int capacity, int banks);

  int size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ >= capacity_; }
  // Bit b set when the queue holds a request to bank b.
  std::uint64_t busy_banks() const { return busy_banks_; }

  // Bank and row of the oldest request in the queue (kept apart from the request, as the
  // controller reads them on every step); the queue must not be empty.
  int oldest_bank() const { return oldest_bank_; }
  std::uint32_t oldest_row() const { return oldest_row_; }
  // Oldest request to `bank`; the bank must be busy.
  const QueuedRequest& head(int bank) const { return slots_[lists_[bank].head]; }
  // Requests to `bank` whose row is the bank's open row (0 while the bank is closed).
  int hits(int bank) const { return lists_[bank].hits; }
  // Oldest of those; hits(bank) must be positive.
  const QueuedRequest& oldest_hit(int bank) const { return slots_[lists_[bank].oldest_hit]; }

  // Appends a request to `bank`; `hits_open_row` when that bank is open at its row. The
  // queue must not be full.
  void push(const ChannelRequest& request, int bank, std::uint64_t seq, bool hits_open_row);
  // Removes and returns the oldest request hitting `bank`'s open row.
  QueuedRequest take_oldest_hit(int bank);
  // A PRE closes `bank` for its oldest request: that request is a conflict. Returns it.
  const QueuedRequest& mark_head_conflict(int bank) {
    QueuedRequest& head = slots_[lists_[bank].head];
    head.cause = RowCause::conflict;
    return head;
  }
  // An ACT opens `bank` at its oldest request's row: that request becomes the oldest hit,
  // and a miss unless a PRE for it made it a conflict. Counts the hits; returns the request.
  const QueuedRequest& open_for_head(int bank);

  // The bank is open at `row` (its hits are recounted), or closed (it has none).
  void bank_opened(int bank, std::uint32_t row);
  void bank_closed(int bank) {
    lists_[bank].hits = 0;
    lists_[bank].oldest_hit = -1;
  }

 private:
  struct BankList {
    std::int32_t head = -1;
    std::int32_t tail = -1;
    std::int32_t oldest_hit = -1;
    std::int32_t hits = 0;
    std::uint32_t row = 0;  // the bank's open row, while hits are counted against it
  };

  std::int32_t first_hit_from(std::int32_t slot, const BankList& list) const;

  int capacity_;
  int size_ = 0;
  std::int32_t oldest_ = -1;
  std::int32_t oldest_bank_ = 0;
  std::uint32_t oldest_row_ = 0;
  std::int32_t youngest_ = -1;
  std::uint64_t busy_banks_ = 0;
  std::vector<QueuedRequest> slots_;
  std::vector<std::int32_t> free_slots_;
  std::vector<BankList> lists_;
};

}  // namespace axsim::mem
