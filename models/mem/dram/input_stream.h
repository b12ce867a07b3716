// The requests pushed to a channel controller and not yet accepted into a queue, oldest
// first: a ring whose size is a power of two, doubled when full (cheaper per request than a
// std::deque, which the controller used before).
#pragma once

#include <cstddef>
#include <vector>

#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

class InputStream {
 public:
  bool empty() const { return head_ == tail_; }
  const ChannelRequest& front() const { return items_[head_ & mask_]; }
  void push(const ChannelRequest& request) {
    if (tail_ - head_ > mask_) grow();
    items_[tail_++ & mask_] = request;
  }
  void pop() { ++head_; }

 private:
  void grow() {
    std::vector<ChannelRequest> larger(2 * items_.size());
    for (std::size_t i = head_; i != tail_; ++i) larger[i - head_] = items_[i & mask_];
    tail_ -= head_;
    head_ = 0;
    items_.swap(larger);
    mask_ = items_.size() - 1;
  }

  std::vector<ChannelRequest> items_ = std::vector<ChannelRequest>(64);
  std::size_t mask_ = 63;  // items_.size() - 1, kept (the size divides by the element size)
  std::size_t head_ = 0;   // counts pops; the front is at head_ & mask_
  std::size_t tail_ = 0;
};

}  // namespace axsim::mem
