// The off-chip link as a loosely-timed TLM-2.0 target: requests are served in arrival order at
// the configured bandwidth, each after a fixed latency. Transactions carry sizes, not data
// (the model is timing-only): data_length is the transfer size and data_ptr is null.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "models/core/stats.h"
#include "models/core/units.h"

namespace axsim::systolic {

class DramLink : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<DramLink> socket;

  DramLink(sc_core::sc_module_name name, core::Bandwidth bandwidth, core::Time latency,
           core::StatGroup& stats);
  DramLink(const DramLink&) = delete;
  DramLink& operator=(const DramLink&) = delete;

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  double seconds_per_byte_;
  sc_core::sc_time latency_;
  sc_core::sc_time free_at_;  // when the link finishes the transfers already accepted
  core::Stat& bytes_read_;
  core::Stat& bytes_written_;
  core::Stat& busy_s_;
  core::Stat& requests_;
};

}  // namespace axsim::systolic
