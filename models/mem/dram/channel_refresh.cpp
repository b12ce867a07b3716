// The channel controller's refreshes: which banks a pending refresh holds back, and
// whether it (or the PRE it needs first) is legal now (docs/dram-controller.md).

#include <algorithm>
#include <cstdint>

#include "models/mem/dram/channel_controller_state.h"

namespace axsim::mem {

// After refreshes fall due or issue.
void ChannelController::State::update_held() {
  const std::uint64_t before = held;
  if (refreshes_due <= refreshes_done) {
    held = 0;
  } else if (config.refresh == RefreshMode::all_bank) {
    held = ~std::uint64_t{0};
  } else {
    held = std::uint64_t{1} << (refreshes_done % static_cast<std::uint64_t>(org.banks()));
  }
  cands().reown((before ^ held) & all_banks, banks, held);
}

void ChannelController::State::choose_refresh(Cycle t, Choice& choice) {
  if (config.refresh == RefreshMode::per_bank) {
    const int bank = static_cast<int>(refreshes_done % static_cast<std::uint64_t>(org.banks()));
    const bool open = banks.is_open(bank);
    const Cycle ready = open ? banks.pre_ready(bank) : banks.refpb_ready(bank);
    if (ready <= t) {
      choice.pick = open ? Pick::refresh_pre : Pick::refresh;
      choice.bank = bank;
    } else {
      choice.earliest = ready;
    }
    return;
  }
  if (!banks.any_open()) {
    const Cycle ready = banks.refab_ready();
    if (ready <= t) {
      choice.pick = Pick::refresh;
    } else {
      choice.earliest = ready;
    }
    return;
  }
  for (int bank = 0; bank < org.banks(); ++bank) {
    if (!banks.is_open(bank)) continue;
    const Cycle ready = banks.pre_ready(bank);
    if (ready <= t) {
      choice.pick = Pick::refresh_pre;
      choice.bank = bank;
      return;
    }
    choice.earliest = std::min(choice.earliest, ready);
  }
}

}  // namespace axsim::mem
