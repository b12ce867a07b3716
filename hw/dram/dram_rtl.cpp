#include "hw/dram/dram_rtl.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "Vdram_channel.h"
#include "verilated.h"

namespace axsim::hw {
namespace {

// The -G values in hw/CMakeLists.txt and the widths in hw/rtl/dram_channel_pkg.sv.
constexpr int kBankGroups = 4;
constexpr int kBanksPerGroup = 4;
constexpr int kQueueDepth = 16;
constexpr int kRowBits = 18;
constexpr int kColumnBits = 10;
constexpr int kTimingBits = 16;
constexpr int kTagBits = 32;

// Queued requests seeing no command for this long means the RTL is stuck: every timing
// bound is below 2^16 cycles, so any legal wait is far shorter.
constexpr mem::Cycle kStallLimit = 1u << 20;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("dram_channel RTL: " + what);
}

void check_timing(const mem::DramTiming& t) {
  const std::pair<const char*, int> values[] = {
      {"CL", t.CL},         {"CWL", t.CWL},       {"tBL", t.tBL},       {"tRCDRD", t.tRCDRD},
      {"tRCDWR", t.tRCDWR}, {"tRP", t.tRP},       {"tRAS", t.tRAS},     {"tRC", t.tRC},
      {"tCCD_S", t.tCCD_S}, {"tCCD_L", t.tCCD_L}, {"tRRD_S", t.tRRD_S}, {"tRRD_L", t.tRRD_L},
      {"tFAW", t.tFAW},     {"tWR", t.tWR},       {"tRTP", t.tRTP},     {"tWTR_S", t.tWTR_S},
      {"tWTR_L", t.tWTR_L}, {"tRTRS", t.tRTRS},   {"tREFI", t.tREFI},   {"tRFC", t.tRFC},
      {"tRFCpb", t.tRFCpb}, {"tRREFD", t.tRREFD}};
  for (const auto& [name, value] : values) {
    require(value >= 0 && value < (1 << kTimingBits),
            std::string(name) + " = " + std::to_string(value) + " is outside 0.." +
                std::to_string((1 << kTimingBits) - 1));
  }
}

void check_setup(const mem::ChannelOrg& org, const mem::DramTiming& timing,
                 const mem::ControllerConfig& config) {
  require(org.bank_groups >= 1 && org.bank_groups <= kBankGroups,
          "bank_groups must be 1.." + std::to_string(kBankGroups));
  require(org.banks_per_group >= 1 && org.banks_per_group <= kBanksPerGroup,
          "banks_per_group must be 1.." + std::to_string(kBanksPerGroup));
  require(org.rows >= 1 && org.rows <= (1u << kRowBits),
          "rows must be 1.." + std::to_string(1u << kRowBits));
  require(org.columns >= 1 && org.columns <= (1u << kColumnBits),
          "columns must be 1.." + std::to_string(1u << kColumnBits));
  check_timing(timing);
  require(config.read_queue >= 1 && config.read_queue <= kQueueDepth && config.write_queue >= 1 &&
              config.write_queue <= kQueueDepth,
          "queue depths must be 1.." + std::to_string(kQueueDepth));
  require(config.write_high >= 0 && config.write_high <= kQueueDepth && config.write_low >= 0 &&
              config.write_low <= kQueueDepth,
          "write_high and write_low must be 0.." + std::to_string(kQueueDepth));
  const int interval =
      config.refresh == mem::RefreshMode::per_bank ? timing.tREFI / org.banks() : timing.tREFI;
  require(config.refresh == mem::RefreshMode::none || interval >= 1,
          "tREFI leaves no cycle between refreshes");
}

void check_requests(const mem::ChannelOrg& org, const std::vector<mem::ChannelRequest>& requests) {
  // The RTL carries the request's index as its tag.
  require(requests.size() < (std::uint64_t{1} << kTagBits),
          "more than 2^" + std::to_string(kTagBits) + " requests in one replay");
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const mem::ChannelRequest& r = requests[i];
    const std::string where = "request " + std::to_string(r.id) + ": ";
    require(i == 0 || r.arrival >= requests[i - 1].arrival,
            where + "arrives before its predecessor");
    require(r.bank_group >= 0 && r.bank_group < org.bank_groups, where + "bank_group out of range");
    require(r.bank >= 0 && r.bank < org.banks_per_group, where + "bank out of range");
    require(r.row < org.rows, where + "row out of range");
    require(r.column < org.columns, where + "column out of range");
  }
}

class DramChannelRtl {
 public:
  DramChannelRtl(const mem::ChannelOrg& org, const mem::DramTiming& timing,
                 const mem::ControllerConfig& config)
      : context_(std::make_unique<VerilatedContext>()),
        model_(std::make_unique<Vdram_channel>(context_.get(), "dram_channel")) {
    configure(org, timing, config);
    model_->clk = 0;
    model_->req_valid = 0;
    model_->rst_n = 0;
    model_->eval();
    model_->rst_n = 1;
    model_->eval();
  }
  ~DramChannelRtl() { model_->final(); }
  DramChannelRtl(const DramChannelRtl&) = delete;
  DramChannelRtl& operator=(const DramChannelRtl&) = delete;

  mem::Cycle cycle() const { return model_->cycle; }

  // Drives the request port (nullptr: nothing to present) and settles the logic before the
  // clock edge. Returns whether the presented request is taken at the edge.
  bool present(const mem::ChannelRequest* request, std::uint32_t tag) {
    model_->req_valid = request != nullptr;
    if (request) {
      model_->req_tag = tag;
      model_->req_is_write = request->is_write;
      model_->req_bank_group = static_cast<std::uint8_t>(request->bank_group);
      model_->req_bank = static_cast<std::uint8_t>(request->bank);
      model_->req_row = request->row;
      model_->req_column = static_cast<std::uint16_t>(request->column);
    }
    model_->clk = 0;
    model_->eval();
    return request != nullptr && model_->req_ready;
  }

  // The command port as it stands before the edge; request_id holds the RTL's tag.
  bool command(mem::Command& out) const {
    if (!model_->cmd_valid) return false;
    out.cycle = model_->cycle;
    out.kind = static_cast<mem::CommandKind>(model_->cmd_kind);
    out.bank_group = model_->cmd_bank_group;
    out.bank = model_->cmd_bank;
    out.row = model_->cmd_row;
    out.column = model_->cmd_column;
    out.request_id = model_->cmd_tag;
    return true;
  }

  void clock_edge() {
    model_->clk = 1;
    model_->eval();
  }

 private:
  void configure(const mem::ChannelOrg& org, const mem::DramTiming& t,
                 const mem::ControllerConfig& config) {
    const auto cycles = [](int value) { return static_cast<std::uint16_t>(value); };
    model_->t_cl = cycles(t.CL);
    model_->t_cwl = cycles(t.CWL);
    model_->t_bl = cycles(t.tBL);
    model_->t_rcdrd = cycles(t.tRCDRD);
    model_->t_rcdwr = cycles(t.tRCDWR);
    model_->t_rp = cycles(t.tRP);
    model_->t_ras = cycles(t.tRAS);
    model_->t_rc = cycles(t.tRC);
    model_->t_ccd_s = cycles(t.tCCD_S);
    model_->t_ccd_l = cycles(t.tCCD_L);
    model_->t_rrd_s = cycles(t.tRRD_S);
    model_->t_rrd_l = cycles(t.tRRD_L);
    model_->t_faw = cycles(t.tFAW);
    model_->t_wr = cycles(t.tWR);
    model_->t_rtp = cycles(t.tRTP);
    model_->t_wtr_s = cycles(t.tWTR_S);
    model_->t_wtr_l = cycles(t.tWTR_L);
    model_->t_rtrs = cycles(t.tRTRS);
    model_->t_refi = cycles(t.tREFI);
    model_->t_rfc = cycles(t.tRFC);
    model_->t_rfcpb = cycles(t.tRFCpb);
    model_->t_rrefd = cycles(t.tRREFD);
    model_->bank_groups = static_cast<std::uint8_t>(org.bank_groups);
    model_->banks_per_group = static_cast<std::uint8_t>(org.banks_per_group);
    model_->read_queue = static_cast<std::uint8_t>(config.read_queue);
    model_->write_queue = static_cast<std::uint8_t>(config.write_queue);
    model_->write_high = static_cast<std::uint8_t>(config.write_high);
    model_->write_low = static_cast<std::uint8_t>(config.write_low);
    model_->closed_page = config.page_policy == mem::PagePolicy::closed;
    model_->refresh_mode = static_cast<std::uint8_t>(config.refresh);
  }

  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Vdram_channel> model_;
};

bool is_column(mem::CommandKind kind) {
  return kind == mem::CommandKind::RD || kind == mem::CommandKind::RDA ||
         kind == mem::CommandKind::WR || kind == mem::CommandKind::WRA;
}

bool is_read(mem::CommandKind kind) {
  return kind == mem::CommandKind::RD || kind == mem::CommandKind::RDA;
}

}  // namespace

DramRtlLimits dram_rtl_limits() {
  return {kBankGroups,    kBanksPerGroup,    kQueueDepth,
          1u << kRowBits, 1u << kColumnBits, (1 << kTimingBits) - 1};
}

mem::ChannelReplay replay_channel_on_rtl(const mem::ChannelOrg& org, const mem::DramTiming& timing,
                                         const mem::ControllerConfig& config,
                                         const std::vector<mem::ChannelRequest>& requests) {
  check_setup(org, timing, config);
  check_requests(org, requests);
  DramChannelRtl rtl(org, timing, config);
  mem::ChannelReplay replay;
  std::size_t next = 0;    // head of the input stream
  std::size_t served = 0;  // requests whose RD/WR has issued
  mem::Cycle last_completion = 0;
  mem::Cycle last_progress = 0;  // last cycle a request was taken or a command issued
  // Runs the cycles before the last completion, as replay_channel() does.
  while (served < requests.size() || rtl.cycle() < last_completion) {
    const mem::Cycle now = rtl.cycle();
    const bool arrived = next < requests.size() && requests[next].arrival <= now;
    if (rtl.present(arrived ? &requests[next] : nullptr, static_cast<std::uint32_t>(next))) {
      ++next;
      last_progress = now;
    }
    mem::Command command;
    if (rtl.command(command)) {
      last_progress = now;
      if (is_column(command.kind)) {
        const mem::ChannelRequest& request = requests[command.request_id];
        command.request_id = request.id;
        const int latency =
            is_read(command.kind) ? timing.CL + timing.tBL : timing.CWL + timing.tBL;
        const mem::Cycle done = now + static_cast<mem::Cycle>(latency);
        replay.completions.push_back({request.id, done});
        last_completion = std::max(last_completion, done);
        ++served;
      } else {
        command.request_id = 0;
      }
      replay.commands.push_back(command);
    }
    if (next > served && now - last_progress > kStallLimit) {
      throw std::runtime_error("dram_channel RTL: no command for " + std::to_string(kStallLimit) +
                               " cycles with requests queued (cycle " + std::to_string(now) + ")");
    }
    rtl.clock_edge();
  }
  std::stable_sort(replay.completions.begin(), replay.completions.end(),
                   [](const mem::Completion& a, const mem::Completion& b) {
                     return a.cycle != b.cycle ? a.cycle < b.cycle : a.request_id < b.request_id;
                   });
  return replay;
}

}  // namespace axsim::hw
