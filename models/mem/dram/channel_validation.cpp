#include "models/mem/dram/channel_validation.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace axsim::mem {

namespace {

[[noreturn]] void refuse(const std::string& what) {
  throw std::invalid_argument("DRAM channel: " + what);
}

void require_positive(long long value, const char* name) {
  if (value < 1) refuse(std::string(name) + " must be at least 1, got " + std::to_string(value));
}

void validate_org(const ChannelOrg& org) {
  require_positive(org.bank_groups, "bank_groups");
  require_positive(org.banks_per_group, "banks_per_group");
  require_positive(org.rows, "rows");
  require_positive(org.columns, "columns");
  require_positive(org.burst_bytes, "burst_bytes");
  if (org.banks() > kMaxBanksPerChannel) {
    refuse("bank_groups x banks_per_group = " + std::to_string(org.banks()) +
           " banks; a channel controller handles at most " + std::to_string(kMaxBanksPerChannel));
  }
}

void validate_timing(const DramTiming& t) {
  const std::pair<const char*, int> fields[] = {
      {"CL", t.CL},         {"CWL", t.CWL},       {"tBL", t.tBL},       {"tRCDRD", t.tRCDRD},
      {"tRCDWR", t.tRCDWR}, {"tRP", t.tRP},       {"tRAS", t.tRAS},     {"tRC", t.tRC},
      {"tCCD_S", t.tCCD_S}, {"tCCD_L", t.tCCD_L}, {"tRRD_S", t.tRRD_S}, {"tRRD_L", t.tRRD_L},
      {"tFAW", t.tFAW},     {"tWR", t.tWR},       {"tRTP", t.tRTP},     {"tWTR_S", t.tWTR_S},
      {"tWTR_L", t.tWTR_L}, {"tRTRS", t.tRTRS},   {"tREFI", t.tREFI},   {"tRFC", t.tRFC},
      {"tRFCpb", t.tRFCpb}, {"tRREFD", t.tRREFD}};
  for (const auto& [name, value] : fields) {
    if (value < 0) {
      refuse(std::string("timing ") + name + " must not be negative, got " + std::to_string(value) +
             " cycles");
    }
  }
  if (t.tBL < 1) refuse("timing tBL must be at least 1 cycle (a burst occupies the data bus)");
  // Within a bank group the gaps are at least those between groups (bank_state.h relies on it).
  struct SameAndOther {
    const char* same;
    int same_cycles;
    const char* other;
    int other_cycles;
  };
  const SameAndOther gaps[] = {{"tCCD_L", t.tCCD_L, "tCCD_S", t.tCCD_S},
                               {"tRRD_L", t.tRRD_L, "tRRD_S", t.tRRD_S},
                               {"tWTR_L", t.tWTR_L, "tWTR_S", t.tWTR_S}};
  for (const SameAndOther& gap : gaps) {
    if (gap.same_cycles < gap.other_cycles) {
      refuse(std::string("timing ") + gap.same + " (" + std::to_string(gap.same_cycles) +
             " cycles) must be at least " + gap.other + " (" + std::to_string(gap.other_cycles) +
             " cycles)");
    }
  }
}

void validate_config(const ControllerConfig& c) {
  require_positive(c.read_queue, "read_queue");
  require_positive(c.write_queue, "write_queue");
  if (c.write_low < 0 || c.write_low >= c.write_high || c.write_high > c.write_queue) {
    refuse(
        "write watermarks must satisfy 0 <= write_low < write_high <= write_queue, got "
        "write_low " +
        std::to_string(c.write_low) + ", write_high " + std::to_string(c.write_high) +
        ", write_queue " + std::to_string(c.write_queue));
  }
  if (c.page_policy != PagePolicy::open && c.page_policy != PagePolicy::closed) {
    refuse("page_policy must be open or closed");
  }
  if (c.refresh != RefreshMode::none && c.refresh != RefreshMode::per_bank &&
      c.refresh != RefreshMode::all_bank) {
    refuse("refresh must be none, per_bank or all_bank");
  }
}

// A refresh schedule the controller cannot keep up with would hold requests back for ever
// (all-bank) or leave banks unrefreshed for ever longer (per-bank).
void validate_refresh(const ChannelOrg& org, const DramTiming& t, RefreshMode mode) {
  const std::string banks = std::to_string(org.banks());
  if (mode == RefreshMode::all_bank) {
    if (t.tREFI < 1) refuse("all-bank refresh needs tREFI of at least 1 cycle");
    if (t.tRFC >= t.tREFI) {
      refuse("all-bank refresh needs tRFC (" + std::to_string(t.tRFC) + ") shorter than tREFI (" +
             std::to_string(t.tREFI) + ")");
    }
  } else if (mode == RefreshMode::per_bank) {
    if (t.tREFI < org.banks()) {
      refuse("per-bank refresh needs tREFI (" + std::to_string(t.tREFI) +
             ") of at least one cycle per bank (" + banks + " banks)");
    }
    const long long interval = t.tREFI / org.banks();
    if (t.tRREFD >= interval) {
      refuse("per-bank refresh needs tRREFD (" + std::to_string(t.tRREFD) +
             ") shorter than tREFI / banks (" + std::to_string(interval) + ")");
    }
    if (t.tRFCpb >= interval * org.banks()) {
      refuse("per-bank refresh needs tRFCpb (" + std::to_string(t.tRFCpb) +
             ") shorter than one round of the banks (" + std::to_string(interval * org.banks()) +
             " cycles)");
    }
  }
}

}  // namespace

void validate_channel(const ChannelOrg& org, const DramTiming& timing,
                      const ControllerConfig& config) {
  validate_org(org);
  validate_timing(timing);
  validate_config(config);
  validate_refresh(org, timing, config.refresh);
}

Cycle refresh_due_interval(const ChannelOrg& org, const DramTiming& timing, RefreshMode mode) {
  switch (mode) {
    case RefreshMode::none:
      return 0;
    case RefreshMode::all_bank:
      return static_cast<Cycle>(timing.tREFI);
    case RefreshMode::per_bank:
      return static_cast<Cycle>(timing.tREFI / org.banks());
  }
  return 0;
}

}  // namespace axsim::mem
