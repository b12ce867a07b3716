// The values a DRAM channel controller works with: timing in controller cycles, the
// organisation of one channel, the controller's own settings, and the requests and commands
// that pass through it. docs/dram-controller.md defines how they are used, cycle by cycle.
#pragma once

#include <cstdint>
#include <string>

namespace axsim::mem {

using Cycle = std::uint64_t;

// JEDEC timing parameters, all in cycles of the command clock (tCK).
struct DramTiming {
  int CL = 0;      // read latency: RD to first data
  int CWL = 0;     // write latency: WR to first data
  int tBL = 0;     // data-bus cycles of one burst
  int tRCDRD = 0;  // ACT to RD
  int tRCDWR = 0;  // ACT to WR
  int tRP = 0;     // PRE to ACT, same bank
  int tRAS = 0;    // ACT to PRE, same bank
  int tRC = 0;     // ACT to ACT, same bank
  int tCCD_S = 0;  // column to column, different bank group
  int tCCD_L = 0;  // column to column, same bank group
  int tRRD_S = 0;  // ACT to ACT, different bank group
  int tRRD_L = 0;  // ACT to ACT, same bank group
  int tFAW = 0;    // window holding at most four ACTs
  int tWR = 0;     // end of write data to PRE
  int tRTP = 0;    // RD to PRE
  int tWTR_S = 0;  // end of write data to RD, different bank group
  int tWTR_L = 0;  // end of write data to RD, same bank group
  int tRTRS = 0;   // data-bus turnaround between a read and a write
  int tREFI = 0;   // average interval between all-bank refreshes
  int tRFC = 0;    // all-bank refresh cycle time
  int tRFCpb = 0;  // per-bank refresh cycle time
  int tRREFD = 0;  // REFpb to REFpb, any two banks
};

// One controller's share of the device: an HBM pseudo-channel or an LPDDR channel.
struct ChannelOrg {
  int bank_groups = 0;
  int banks_per_group = 0;
  std::uint32_t rows = 0;          // rows per bank
  std::uint32_t columns = 0;       // bursts per row
  std::uint32_t burst_bytes = 0;   // bytes moved by one RD or WR

  int banks() const { return bank_groups * banks_per_group; }
};

enum class PagePolicy : std::uint8_t { open, closed };
enum class RefreshMode : std::uint8_t { none, per_bank, all_bank };

struct ControllerConfig {
  int read_queue = 32;
  int write_queue = 32;
  int write_high = 24;  // enter write drain at this many queued writes
  int write_low = 8;    // leave it at this many, when reads wait
  PagePolicy page_policy = PagePolicy::open;
  RefreshMode refresh = RefreshMode::per_bank;
};

struct ChannelRequest {
  std::uint64_t id = 0;
  Cycle arrival = 0;
  bool is_write = false;
  int bank_group = 0;
  int bank = 0;  // within its bank group
  std::uint32_t row = 0;
  std::uint32_t column = 0;
};

enum class CommandKind : std::uint8_t { ACT, PRE, RD, WR, RDA, WRA, REFpb, REFab };

const char* command_name(CommandKind kind);

struct Command {
  Cycle cycle = 0;
  CommandKind kind = CommandKind::ACT;
  int bank_group = 0;  // unused by REFab
  int bank = 0;
  std::uint32_t row = 0;     // ACT, RD, WR, RDA, WRA
  std::uint32_t column = 0;  // RD, WR, RDA, WRA
  std::uint64_t request_id = 0;  // RD, WR, RDA, WRA: the request served

  bool operator==(const Command& o) const {
    return cycle == o.cycle && kind == o.kind && bank_group == o.bank_group && bank == o.bank &&
           row == o.row && column == o.column && request_id == o.request_id;
  }
};

std::string to_string(const Command& command);

}  // namespace axsim::mem
