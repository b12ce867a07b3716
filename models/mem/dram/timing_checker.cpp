#include "models/mem/dram/timing_checker.h"

#include <algorithm>
#include <array>

namespace axsim::mem {

namespace {

// What a command does to the device, as the pairwise rules see it: RDA and WRA are a RD or
// WR followed by an automatic PRE.
enum class Op : std::uint8_t { ACT, PRE, RD, WR, REFpb, REFab };
constexpr int kOps = 6;

enum class Scope : std::uint8_t { same_bank, same_group, other_group, any };

struct Rule {
  Op earlier;
  Op later;
  Scope scope;
  long long gap;  // cycles; the later command is legal at earlier + gap and after
  const char* name;
};

struct Event {
  Op op;
  int group;
  int bank;           // flat index
  Cycle at;           // when it takes effect (an auto-precharge may lie in the future)
  Cycle issued;       // cycle of the log command it comes from
  std::size_t index;  // that command's position in the log
  bool automatic;     // an auto-precharge
};

Op op_of(CommandKind kind) {
  switch (kind) {
    case CommandKind::ACT:
      return Op::ACT;
    case CommandKind::PRE:
      return Op::PRE;
    case CommandKind::RD:
    case CommandKind::RDA:
      return Op::RD;
    case CommandKind::WR:
    case CommandKind::WRA:
      return Op::WR;
    case CommandKind::REFpb:
      return Op::REFpb;
    case CommandKind::REFab:
      return Op::REFab;
  }
  return Op::ACT;
}

bool in_scope(Scope scope, const Event& earlier, int group, int bank) {
  switch (scope) {
    case Scope::same_bank:
      return earlier.bank == bank;
    case Scope::same_group:
      return earlier.group == group;
    case Scope::other_group:
      return earlier.group != group;
    case Scope::any:
      return true;
  }
  return false;
}

// The legality table of docs/dram-controller.md, one row per (earlier, later, scope).
std::vector<Rule> legality_rules(const DramTiming& t) {
  const long long write_end = static_cast<long long>(t.CWL) + t.tBL;
  return {
      {Op::ACT, Op::ACT, Scope::same_bank, t.tRC, "tRC (ACT to ACT, same bank)"},
      {Op::PRE, Op::ACT, Scope::same_bank, t.tRP, "tRP (PRE to ACT, same bank)"},
      {Op::REFpb, Op::ACT, Scope::same_bank, t.tRFCpb, "tRFCpb (REFpb to ACT, same bank)"},
      {Op::REFab, Op::ACT, Scope::any, t.tRFC, "tRFC (REFab to ACT)"},
      {Op::ACT, Op::ACT, Scope::same_group, t.tRRD_L, "tRRD_L (ACT to ACT, same bank group)"},
      {Op::ACT, Op::ACT, Scope::other_group, t.tRRD_S, "tRRD_S (ACT to ACT, other bank group)"},
      {Op::ACT, Op::PRE, Scope::same_bank, t.tRAS, "tRAS (ACT to PRE, same bank)"},
      {Op::RD, Op::PRE, Scope::same_bank, t.tRTP, "tRTP (RD to PRE, same bank)"},
      {Op::WR, Op::PRE, Scope::same_bank, write_end + t.tWR,
       "CWL + tBL + tWR (WR to PRE, same bank)"},
      {Op::ACT, Op::RD, Scope::same_bank, t.tRCDRD, "tRCDRD (ACT to RD, same bank)"},
      {Op::RD, Op::RD, Scope::same_group, t.tCCD_L, "tCCD_L (RD to RD, same bank group)"},
      {Op::RD, Op::RD, Scope::other_group, t.tCCD_S, "tCCD_S (RD to RD, other bank group)"},
      {Op::WR, Op::RD, Scope::same_group, write_end + t.tWTR_L,
       "CWL + tBL + tWTR_L (WR to RD, same bank group)"},
      {Op::WR, Op::RD, Scope::other_group, write_end + t.tWTR_S,
       "CWL + tBL + tWTR_S (WR to RD, other bank group)"},
      {Op::ACT, Op::WR, Scope::same_bank, t.tRCDWR, "tRCDWR (ACT to WR, same bank)"},
      {Op::WR, Op::WR, Scope::same_group, t.tCCD_L, "tCCD_L (WR to WR, same bank group)"},
      {Op::WR, Op::WR, Scope::other_group, t.tCCD_S, "tCCD_S (WR to WR, other bank group)"},
      {Op::RD, Op::WR, Scope::any, static_cast<long long>(t.CL) + t.tBL + t.tRTRS - t.CWL,
       "CL + tBL + tRTRS - CWL (RD to WR)"},
      {Op::PRE, Op::REFpb, Scope::same_bank, t.tRP, "tRP (PRE to REFpb, same bank)"},
      {Op::ACT, Op::REFpb, Scope::same_bank, t.tRC, "tRC (ACT to REFpb, same bank)"},
      {Op::REFpb, Op::REFpb, Scope::any, t.tRREFD, "tRREFD (REFpb to REFpb)"},
      {Op::REFpb, Op::REFpb, Scope::same_bank, t.tRFCpb, "tRFCpb (REFpb to REFpb, same bank)"},
      {Op::PRE, Op::REFab, Scope::any, t.tRP, "tRP (PRE to REFab)"},
      {Op::ACT, Op::REFab, Scope::any, t.tRC, "tRC (ACT to REFab)"},
      {Op::REFab, Op::REFab, Scope::any, t.tRFC, "tRFC (REFab to REFab)"},
  };
}

class LogChecker {
 public:
  LogChecker(const ChannelOrg& org, const DramTiming& timing, RefreshMode refresh)
      : org_(org),
        timing_(timing),
        refresh_(refresh),
        refresh_bound_(refresh_interval_bound(org, timing)),
        open_(static_cast<std::size_t>(org.banks()), false),
        row_(static_cast<std::size_t>(org.banks()), 0),
        last_act_(static_cast<std::size_t>(org.banks()), 0),
        pre_floor_(static_cast<std::size_t>(org.banks()), 0),
        last_refresh_(static_cast<std::size_t>(org.banks()), 0) {
    // An auto-precharge takes effect up to this long after the RDA/WRA that carries it.
    const long long auto_precharge_delay =
        std::max({static_cast<long long>(timing.tRAS), static_cast<long long>(timing.tRTP),
                  static_cast<long long>(timing.CWL) + timing.tBL + timing.tWR});
    for (const Rule& rule : legality_rules(timing)) {
      const int later = static_cast<int>(rule.later);
      rules_[static_cast<int>(rule.earlier)][later].push_back(rule);
      lookback_[later] = std::max(lookback_[later], rule.gap + auto_precharge_delay);
    }
  }

  std::optional<TimingViolation> check(const std::vector<Command>& log) {
    log_ = &log;
    for (std::size_t i = 0; i < log.size(); ++i) {
      if (auto v = check_order(i)) return v;
      if (auto v = check_address(i)) return v;
      if (auto v = check_bank_state(i)) return v;
      if (auto v = check_pairs(i)) return v;
      if (auto v = check_faw(i)) return v;
      if (auto v = check_refresh_interval(i)) return v;
      apply(i);
    }
    return std::nullopt;
  }

 private:
  TimingViolation violation(std::size_t i, std::string rule, Cycle required,
                            const std::string& detail) const {
    TimingViolation v;
    v.index = i;
    v.command = (*log_)[i];
    v.rule = std::move(rule);
    v.required = required;
    v.message = "command " + std::to_string(i) + " (" + to_string(v.command) + "): " + v.rule +
                ": " + detail;
    return v;
  }

  int flat_bank(const Command& c) const { return c.bank_group * org_.banks_per_group + c.bank; }

  std::optional<TimingViolation> check_order(std::size_t i) const {
    if (i == 0) return std::nullopt;
    const Cycle previous = (*log_)[i - 1].cycle;
    if ((*log_)[i].cycle > previous) return std::nullopt;
    return violation(i, "one command per cycle, in cycle order", previous + 1,
                     "the previous command issued at cycle " + std::to_string(previous) +
                         "; this one needs cycle " + std::to_string(previous + 1) + " or later");
  }

  std::optional<TimingViolation> check_address(std::size_t i) const {
    const Command& c = (*log_)[i];
    if (c.kind == CommandKind::REFab) return std::nullopt;
    if (c.bank_group < 0 || c.bank_group >= org_.bank_groups || c.bank < 0 ||
        c.bank >= org_.banks_per_group) {
      return violation(i, "address", 0,
                       "the channel has " + std::to_string(org_.bank_groups) + " bank groups of " +
                           std::to_string(org_.banks_per_group) + " banks");
    }
    const bool has_row = c.kind != CommandKind::PRE && c.kind != CommandKind::REFpb;
    if (has_row && c.row >= org_.rows) {
      return violation(i, "address", 0,
                       "row " + std::to_string(c.row) + " beyond the bank's " +
                           std::to_string(org_.rows) + " rows");
    }
    const bool has_column = has_row && c.kind != CommandKind::ACT;
    if (has_column && c.column >= org_.columns) {
      return violation(i, "address", 0,
                       "column " + std::to_string(c.column) + " beyond the row's " +
                           std::to_string(org_.columns) + " columns");
    }
    return std::nullopt;
  }

  std::optional<TimingViolation> check_bank_state(std::size_t i) const {
    const Command& c = (*log_)[i];
    if (c.kind == CommandKind::REFab) {
      for (int b = 0; b < org_.banks(); ++b) {
        if (open_[b]) {
          return violation(i, "bank closed", 0,
                           "bank group " + std::to_string(b / org_.banks_per_group) + " bank " +
                               std::to_string(b % org_.banks_per_group) + " is open at row " +
                               std::to_string(row_[b]));
        }
      }
      return std::nullopt;
    }
    const int b = flat_bank(c);
    const std::string open_since = open_[b] ? "the bank is open at row " + std::to_string(row_[b]) +
                                                  " since cycle " + std::to_string(last_act_[b])
                                            : std::string("the bank is closed");
    switch (c.kind) {
      case CommandKind::ACT:
      case CommandKind::REFpb:
        if (open_[b]) return violation(i, "bank closed", 0, open_since);
        return std::nullopt;
      case CommandKind::PRE:
        if (!open_[b]) return violation(i, "bank open", 0, open_since);
        return std::nullopt;
      default:
        if (!open_[b] || row_[b] != c.row) return violation(i, "row open", 0, open_since);
        return std::nullopt;
    }
  }

  // Every earlier event against every rule that pairs it with this command; reports the
  // rule that asks for the latest cycle.
  std::optional<TimingViolation> check_pairs(std::size_t i) const {
    const Command& c = (*log_)[i];
    const Op later = op_of(c.kind);
    const int bank = c.kind == CommandKind::REFab ? -1 : flat_bank(c);
    const int group = c.kind == CommandKind::REFab ? -1 : c.bank_group;
    long long required = -1;
    const Rule* binding = nullptr;
    const Event* cause = nullptr;
    const long long lookback = lookback_[static_cast<int>(later)];
    for (std::size_t k = events_.size(); k-- > 0;) {
      const Event& e = events_[k];
      if (static_cast<long long>(e.issued) + lookback < static_cast<long long>(c.cycle)) break;
      for (const Rule& rule : rules_[static_cast<int>(e.op)][static_cast<int>(later)]) {
        if (!in_scope(rule.scope, e, group, bank)) continue;
        const long long at = static_cast<long long>(e.at) + rule.gap;
        if (at > required) {
          required = at;
          binding = &rule;
          cause = &e;
        }
      }
    }
    if (binding == nullptr || static_cast<long long>(c.cycle) >= required) return std::nullopt;
    const Command& earlier = (*log_)[cause->index];
    const std::string what = cause->automatic
                                 ? "the auto-precharge at cycle " + std::to_string(cause->at) +
                                       " of " + to_string(earlier)
                                 : to_string(earlier);
    return violation(i, binding->name, static_cast<Cycle>(required),
                     "after " + what + " it needs cycle " + std::to_string(required) + " or later");
  }

  std::optional<TimingViolation> check_faw(std::size_t i) const {
    const Command& c = (*log_)[i];
    if (c.kind != CommandKind::ACT || act_cycles_.size() < 4) return std::nullopt;
    const Cycle fourth_last = act_cycles_[act_cycles_.size() - 4];
    const Cycle required = fourth_last + static_cast<Cycle>(timing_.tFAW);
    if (c.cycle >= required) return std::nullopt;
    return violation(i, "tFAW (at most four ACTs in a window)", required,
                     "the fourth-last ACT issued at cycle " + std::to_string(fourth_last) +
                         "; a fifth needs cycle " + std::to_string(required) + " or later");
  }

  std::optional<TimingViolation> check_refresh_interval(std::size_t i) const {
    if (refresh_ == RefreshMode::none) return std::nullopt;
    const Cycle t = (*log_)[i].cycle;
    for (int b = 0; b < org_.banks(); ++b) {
      const Cycle deadline = last_refresh_[b] + refresh_bound_;
      if (t <= deadline) continue;
      return violation(
          i, "refresh interval", deadline,
          "bank group " + std::to_string(b / org_.banks_per_group) + " bank " +
              std::to_string(b % org_.banks_per_group) + " was last refreshed " +
              (last_refresh_[b] == 0 ? std::string("never (counting from cycle 0)")
                                     : "at cycle " + std::to_string(last_refresh_[b])) +
              " and needed a refresh by cycle " + std::to_string(deadline));
    }
    return std::nullopt;
  }

  Cycle column_to_pre(CommandKind kind) const {
    const bool read = kind == CommandKind::RD || kind == CommandKind::RDA;
    return static_cast<Cycle>(read ? timing_.tRTP : timing_.CWL + timing_.tBL + timing_.tWR);
  }

  void apply(std::size_t i) {
    const Command& c = (*log_)[i];
    const Op op = op_of(c.kind);
    if (c.kind == CommandKind::REFab) {
      events_.push_back({op, -1, -1, c.cycle, c.cycle, i, false});
      std::fill(last_refresh_.begin(), last_refresh_.end(), c.cycle);
      return;
    }
    const int b = flat_bank(c);
    events_.push_back({op, c.bank_group, b, c.cycle, c.cycle, i, false});
    switch (c.kind) {
      case CommandKind::ACT:
        open_[b] = true;
        row_[b] = c.row;
        last_act_[b] = c.cycle;
        pre_floor_[b] = c.cycle + static_cast<Cycle>(timing_.tRAS);
        act_cycles_.push_back(c.cycle);
        break;
      case CommandKind::PRE:
        open_[b] = false;
        break;
      case CommandKind::RD:
      case CommandKind::WR:
        pre_floor_[b] = std::max(pre_floor_[b], c.cycle + column_to_pre(c.kind));
        break;
      case CommandKind::RDA:
      case CommandKind::WRA: {
        // The implied PRE waits for whatever an explicit one would: tRAS, and the tRTP or
        // write recovery of every column command to the row, this one included.
        const Cycle at = std::max(pre_floor_[b], c.cycle + column_to_pre(c.kind));
        events_.push_back({Op::PRE, c.bank_group, b, at, c.cycle, i, true});
        open_[b] = false;
        break;
      }
      case CommandKind::REFpb:
        last_refresh_[b] = c.cycle;
        break;
      default:
        break;
    }
  }

  const ChannelOrg& org_;
  const DramTiming& timing_;
  RefreshMode refresh_;
  Cycle refresh_bound_;
  std::array<std::array<std::vector<Rule>, kOps>, kOps> rules_;
  // Per later command: no rule reaches further back than this from an event's issue cycle.
  std::array<long long, kOps> lookback_{};
  const std::vector<Command>* log_ = nullptr;
  std::vector<Event> events_;
  std::vector<Cycle> act_cycles_;
  std::vector<bool> open_;
  std::vector<std::uint32_t> row_;
  std::vector<Cycle> last_act_;
  std::vector<Cycle> pre_floor_;  // ACT + tRAS, RD + tRTP, WR + write recovery, this row
  std::vector<Cycle> last_refresh_;
};

}  // namespace

Cycle refresh_interval_bound(const ChannelOrg& org, const DramTiming& t) {
  const long long close = std::max({static_cast<long long>(t.tRAS), static_cast<long long>(t.tRTP),
                                    static_cast<long long>(t.CWL) + t.tBL + t.tWR});
  const long long slack = std::max({static_cast<long long>(t.tRC), close + t.tRP + org.banks(),
                                    static_cast<long long>(t.tRREFD)});
  return static_cast<Cycle>(t.tREFI + slack);
}

std::optional<TimingViolation> check_command_log(const ChannelOrg& org, const DramTiming& timing,
                                                 RefreshMode refresh,
                                                 const std::vector<Command>& log) {
  return LogChecker(org, timing, refresh).check(log);
}

}  // namespace axsim::mem
