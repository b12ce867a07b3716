#include "models/mem/dram/fast_runs.h"

#include "models/mem/dram/dram_random.h"

#include <algorithm>

namespace axsim::mem {
namespace {

std::uint64_t digit_of(const AddressMap& map, std::size_t position, std::uint64_t burst) {
  const AddressField field = map.field_at(position);
  const std::uint64_t value = burst / map.stride_bursts(field);
  return position + 1 < kAddressFields ? value % map.count(field) : value;
}

// Bursts below `end` that the unit serves.
std::uint64_t unit_bursts_below(const AddressMap& map, int unit, std::uint64_t end) {
  const DramAddress mine = map.unit_address(unit);
  std::uint64_t total = 0;
  for (std::size_t p = kAddressFields; p-- > 0;) {
    const AddressField field = map.field_at(p);
    // Values the lower fields can take with the unit's own fields fixed.
    std::uint64_t below = 1;
    for (std::size_t q = 0; q < p; ++q) {
      if (!is_unit_field(map.field_at(q))) below *= map.count(map.field_at(q));
    }
    const std::uint64_t digit = digit_of(map, p, end);
    if (!is_unit_field(field)) {
      total += digit * below;
      continue;
    }
    const std::uint64_t wanted = mine.get(field);
    if (wanted < digit) total += below;
    if (wanted != digit) return total;
  }
  return total;
}

}  // namespace

bool is_unit_field(AddressField field) {
  return field == AddressField::stack || field == AddressField::channel ||
         field == AddressField::pseudo_channel;
}

std::uint64_t unit_bursts_in_range(const AddressMap& map, int unit, std::uint64_t first_burst,
                                   std::uint64_t count) {
  return unit_bursts_below(map, unit, first_burst + count) -
         unit_bursts_below(map, unit, first_burst);
}

UnitBurstWalker::UnitBurstWalker(const AddressMap& map, int unit, std::uint64_t first_burst,
                                 std::uint64_t count)
    : map_(&map), digit_(kAddressFields, 0), end_(first_burst + count) {
  while (lowest_ + 1 < kAddressFields && is_unit_field(map.field_at(lowest_))) ++lowest_;
  if (count == 0) {
    burst_ = end_;
    return;
  }
  // The smallest burst at or after first_burst with the unit's digits: from the top, the
  // first unit digit that differs decides. Below it the other fields restart at 0; when the
  // first burst's digit there was already past the unit's, the fields above carry one up.
  const DramAddress mine = map.unit_address(unit);
  for (std::size_t p = 0; p < kAddressFields; ++p) digit_[p] = digit_of(map, p, first_burst);
  for (std::size_t p = kAddressFields; p-- > 0;) {
    const AddressField field = map.field_at(p);
    if (!is_unit_field(field) || digit_[p] == mine.get(field)) continue;
    const bool carry = digit_[p] > mine.get(field);
    for (std::size_t q = 0; q <= p; ++q) {
      digit_[q] = is_unit_field(map.field_at(q)) ? mine.get(map.field_at(q)) : 0;
    }
    if (carry) {
      bool carried = false;
      for (std::size_t q = p + 1; q < kAddressFields && !carried; ++q) {
        const AddressField above = map.field_at(q);
        if (is_unit_field(above)) continue;
        ++digit_[q];
        carried = q + 1 == kAddressFields || digit_[q] < map.count(above);
        if (!carried) digit_[q] = 0;
      }
      if (!carried) {
        burst_ = end_;
        return;
      }
    }
    break;
  }
  for (std::size_t p = 0; p < kAddressFields; ++p) {
    burst_ += digit_[p] * map.stride_bursts(map.field_at(p));
  }
}

void UnitBurstWalker::step() {
  for (std::size_t p = 0; p < kAddressFields; ++p) {
    const AddressField field = map_->field_at(p);
    if (is_unit_field(field)) continue;
    ++digit_[p];
    burst_ += map_->stride_bursts(field);
    // The most significant field never wraps: the range end stops the walk first.
    if (p + 1 == kAddressFields || digit_[p] < map_->count(field)) return;
    burst_ -= digit_[p] * map_->stride_bursts(field);
    digit_[p] = 0;
  }
  burst_ = end_;  // every field below a unit field at the top has wrapped
}

bool UnitBurstWalker::next(DramAddress& where) {
  if (burst_ >= end_) return false;
  for (std::size_t p = 0; p < kAddressFields; ++p) where.set(map_->field_at(p), digit_[p]);
  where = map_->hash_banks(where);
  step();
  return true;
}

bool UnitBurstWalker::next_piece(DramAddress& first, std::uint64_t& bursts) {
  if (burst_ >= end_) return false;
  for (std::size_t p = 0; p < kAddressFields; ++p) first.set(map_->field_at(p), digit_[p]);
  // A piece keeps its row, so one bank hash serves all of its bursts.
  first = map_->hash_banks(first);
  bursts = 1;
  const AddressField lowest = map_->field_at(lowest_);
  if (lowest == AddressField::column) {
    // Columns left in this row, and bursts left in the range at this field's stride.
    const std::uint64_t stride = map_->stride_bursts(lowest);
    bursts = std::min(map_->count(lowest) - digit_[lowest_], (end_ - burst_ + stride - 1) / stride);
    digit_[lowest_] += bursts - 1;
    burst_ += (bursts - 1) * stride;
  }
  step();
  return true;
}

bool BurstRuns::next(RowRun& run) {
  DramAddress where;
  std::uint64_t bursts = 0;
  if (pending_) {
    where = ahead_;
    bursts = ahead_bursts_;
    pending_ = false;
  } else if (!next_piece(where, bursts)) {
    return false;
  }
  run = RowRun{};
  run.bank_group = where.bank_group;
  run.bank = where.bank;
  run.row = where.row;
  run.is_write = is_write_;
  run.bursts = bursts;
  while (next_piece(ahead_, ahead_bursts_)) {
    if (ahead_.bank_group != run.bank_group || ahead_.bank != run.bank || ahead_.row != run.row) {
      pending_ = true;
      break;
    }
    run.bursts += ahead_bursts_;
  }
  return true;
}

PatternRuns::PatternRuns(const AddressMap& map, int unit, const Transfer& transfer,
                         std::uint64_t address, bool is_write, std::uint64_t max_chunks)
    : BurstRuns(is_write),
      map_(&map),
      unit_(unit),
      transfer_(transfer),
      address_(address),
      max_chunks_(max_chunks) {
  if (transfer.bytes == 0) return;
  chunks_ = transfer.pattern == AccessPattern::strided
                ? (transfer.bytes + transfer.chunk_bytes - 1) / transfer.chunk_bytes
                : 1;
}

bool PatternRuns::next_piece(DramAddress& where, std::uint64_t& bursts) {
  const std::uint64_t burst = map_->burst_bytes();
  while (!walker_ || !walker_->next_piece(where, bursts)) {
    if (chunk_ >= chunks_ || chunk_ >= max_chunks_) return false;
    std::uint64_t first = address_;
    std::uint64_t bytes = transfer_.bytes;
    if (transfer_.pattern == AccessPattern::strided) {
      first = address_ + chunk_ * transfer_.stride_bytes;
      bytes = std::min(transfer_.chunk_bytes, transfer_.bytes - chunk_ * transfer_.chunk_bytes);
    }
    const std::uint64_t first_burst = first / burst;
    walker_ = std::make_unique<UnitBurstWalker>(*map_, unit_, first_burst,
                                                (first + bytes - 1) / burst - first_burst + 1);
    ++chunk_;
  }
  return true;
}

RandomRuns::RandomRuns(const AddressMap& map, int unit, const Transfer& transfer,
                       std::uint64_t address, bool is_write, std::uint64_t bursts)
    : BurstRuns(is_write),
      map_(&map),
      mine_(map.unit_address(unit)),
      first_burst_(address / map.burst_bytes()),
      span_bursts_(std::max<std::uint64_t>(
          1, ((transfer.span_bytes != 0 ? transfer.span_bytes : transfer.bytes) + map.burst_bytes() - 1) /
                 map.burst_bytes())),
      state_(transfer.seed ^ (0x632be59bd9b4e019ULL * static_cast<std::uint64_t>(unit + 1))),
      left_(bursts) {}

bool RandomRuns::next_piece(DramAddress& where, std::uint64_t& bursts) {
  bursts = 1;
  // A span too small to hold a burst of this unit would never yield one.
  for (int attempt = 0; attempt < 64; ++attempt) {
    if (left_ == 0) return false;
    DramAddress drawn =
        map_->decode((first_burst_ + splitmix64(state_) % span_bursts_) * map_->burst_bytes());
    drawn.stack = mine_.stack;
    drawn.channel = mine_.channel;
    drawn.pseudo_channel = mine_.pseudo_channel;
    const std::uint64_t burst = map_->encode(drawn) / map_->burst_bytes();
    if (burst >= first_burst_ && burst < first_burst_ + span_bursts_) {
      where = drawn;
      --left_;
      return true;
    }
  }
  return false;
}

}  // namespace axsim::mem
