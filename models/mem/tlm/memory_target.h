// Any MemoryModel as a loosely-timed TLM-2.0 target. A transaction is timing-only, as
// everywhere in axsim: data_length is the transfer size and data_ptr may be null (it is never
// read or written). The model is asked at sc_time_stamp() + delay, and the delay returned
// reaches the completion of the last byte. Accesses outside [base, base + capacity) get
// TLM_ADDRESS_ERROR_RESPONSE and a message naming the address and the initiator, kept by the
// target and written into the payload's TransferExtension when it has one; nothing is
// reported through SC_REPORT_ERROR, so an initiator can handle the error itself.
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include "models/core/stats.h"
#include "models/mem/memory_model.h"
#include "models/mem/tlm/transfer_extension.h"

namespace axsim::mem {

class MemoryTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<MemoryTarget> socket;

  // `model` and `stats` must outlive the target.
  MemoryTarget(sc_core::sc_module_name name, MemoryModel& model, std::uint64_t base_address,
               core::StatGroup& stats);
  MemoryTarget(const MemoryTarget&) = delete;
  MemoryTarget& operator=(const MemoryTarget&) = delete;

  std::uint64_t base_address() const { return base_; }
  // One message per failed transaction, in order.
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  // The initiator as the extension names it, else the module whose process is calling.
  static std::string initiator_name(const TransferExtension* extension);
  void fail(tlm::tlm_generic_payload& payload, TransferExtension* extension,
            tlm::tlm_response_status status, const std::string& message);

  MemoryModel& model_;
  std::uint64_t base_;
  std::vector<std::string> errors_;
  core::Stat& requests_;
  core::Stat& bytes_read_;
  core::Stat& bytes_written_;
  core::Stat& latency_total_;
  core::Stat& errors_stat_;
};

}  // namespace axsim::mem
