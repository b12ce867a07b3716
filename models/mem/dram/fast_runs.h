// One controller's share of a transfer as the fast model sees it: row visits ("runs"), each a
// stretch of the controller's request stream that stays in one row of one bank. The fast
// model schedules runs, not bursts, and reads only as many as it needs to reach a steady
// state, so the cost of a transfer does not grow with its size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/mem/dram/address_map.h"
#include "models/mem/memory_model.h"

namespace axsim::mem {

struct RowRun {
  int bank_group = 0;
  int bank = 0;  // within its bank group
  std::uint32_t row = 0;
  bool is_write = false;
  std::uint64_t bursts = 0;
};

class RunSource {
 public:
  virtual ~RunSource() = default;
  // The next run of the stream, in the order the controller receives its requests.
  virtual bool next(RowRun& run) = 0;
};

// Whether a field selects the controller (stack, channel, pseudo-channel) rather than a
// location inside it.
bool is_unit_field(AddressField field);

// How many of the bursts [first_burst, first_burst + count) the unit serves, counted digit by
// digit through the mapping (no walk over the bursts).
std::uint64_t unit_bursts_in_range(const AddressMap& map, int unit, std::uint64_t first_burst,
                                   std::uint64_t count);

// The bursts of one unit inside a contiguous burst range, in address order: an odometer over
// the fields that are not the unit's, so each step costs the same however sparse the unit's
// share is.
// The digits are the mapping's; what it yields has the bank hash applied, as decode() does.
class UnitBurstWalker {
 public:
  UnitBurstWalker(const AddressMap& map, int unit, std::uint64_t first_burst,
                  std::uint64_t count);
  bool next(DramAddress& where);
  // The next bursts that differ only in their column (consecutive columns of one row, when
  // the column is the lowest field the unit does not fix; one burst otherwise): the first's
  // coordinates and how many.
  bool next_piece(DramAddress& first, std::uint64_t& bursts);

 private:
  void step();

  const AddressMap* map_;
  std::size_t lowest_ = 0;  // mapping position of the lowest field that is not the unit's
  std::vector<std::uint64_t> digit_;  // by mapping position, least significant first
  std::uint64_t burst_ = 0;
  std::uint64_t end_ = 0;
};

// Runs made of a unit's bursts: consecutive bursts to one row of one bank are merged.
class BurstRuns : public RunSource {
 public:
  explicit BurstRuns(bool is_write) : is_write_(is_write) {}
  bool next(RowRun& run) final;

 protected:
  // The unit's next bursts in the order its controller receives them: `bursts` of them from
  // `first` on, all in first's row.
  virtual bool next_piece(DramAddress& first, std::uint64_t& bursts) = 0;

 private:
  bool is_write_;
  bool pending_ = false;  // a piece read ahead that starts the next run
  DramAddress ahead_;
  std::uint64_t ahead_bursts_ = 0;
};

// The runs of one unit for a sequential or strided transfer (reads or writes), starting at
// `address` (a copy's destination reuses the transfer's shape from another address). Walks
// at most `max_chunks` chunks of a strided transfer, so a unit that few chunks reach does not
// make the walk long; the fast model extrapolates past what the source yields.
class PatternRuns final : public BurstRuns {
 public:
  PatternRuns(const AddressMap& map, int unit, const Transfer& transfer, std::uint64_t address,
              bool is_write, std::uint64_t max_chunks);

 private:
  bool next_piece(DramAddress& first, std::uint64_t& bursts) override;

  const AddressMap* map_;
  int unit_;
  Transfer transfer_;
  std::uint64_t address_;
  std::uint64_t chunks_ = 0;  // chunks in the transfer (1 when sequential)
  std::uint64_t chunk_ = 0;   // next chunk to walk
  std::uint64_t max_chunks_ = 0;
  std::unique_ptr<UnitBurstWalker> walker_;
};

// The runs of one unit for a random transfer: `bursts` uniformly random bursts of the
// transfer's span that fall on this unit, drawn with the unit's own seeded generator (the
// unit's fields of a uniform draw set to the unit's), so they follow the transfer's
// distribution at a cost that does not grow with the number of units.
class RandomRuns final : public BurstRuns {
 public:
  RandomRuns(const AddressMap& map, int unit, const Transfer& transfer, std::uint64_t address,
             bool is_write, std::uint64_t bursts);

 private:
  bool next_piece(DramAddress& first, std::uint64_t& bursts) override;

  const AddressMap* map_;
  DramAddress mine_;
  std::uint64_t first_burst_;
  std::uint64_t span_bursts_;
  std::uint64_t state_;
  std::uint64_t left_;
};

// A stream with nothing in it: the other direction of a transfer that only reads or writes.
class NoRuns final : public RunSource {
 public:
  bool next(RowRun&) override { return false; }
};

}  // namespace axsim::mem
