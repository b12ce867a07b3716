#include "models/systolic/dram_link.h"

#include <algorithm>

namespace axsim::systolic {

DramLink::DramLink(sc_core::sc_module_name name, core::Bandwidth bandwidth, core::Time latency,
                   core::StatGroup& stats)
    : sc_module(name),
      socket("socket"),
      seconds_per_byte_(1.0 / bandwidth.si),
      latency_(latency.si, sc_core::SC_SEC),
      bytes_read_(stats.add("bytes_read", "bytes moved from DRAM to the chip", "B")),
      bytes_written_(stats.add("bytes_written", "bytes moved from the chip to DRAM", "B")),
      busy_s_(stats.add("busy_time", "time the link was transferring", "s")),
      requests_(stats.add("requests", "transfers served", "1")) {
  socket.register_b_transport(this, &DramLink::b_transport);
}

void DramLink::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const double size = static_cast<double>(payload.get_data_length());
  const sc_core::sc_time arrival = sc_core::sc_time_stamp() + delay;
  const sc_core::sc_time start = std::max(arrival, free_at_);
  const sc_core::sc_time occupancy(size * seconds_per_byte_, sc_core::SC_SEC);
  free_at_ = start + occupancy;
  delay = free_at_ + latency_ - sc_core::sc_time_stamp();

  (payload.is_read() ? bytes_read_ : bytes_written_) += size;
  busy_s_ += occupancy.to_seconds();
  requests_ += 1;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace axsim::systolic
