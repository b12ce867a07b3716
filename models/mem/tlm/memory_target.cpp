#include "models/mem/tlm/memory_target.h"

#include <cstdio>
#include <stdexcept>

namespace axsim::mem {
namespace {

std::string hex(std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
  return text;
}

core::Time to_time(const sc_core::sc_time& t) { return core::seconds(t.to_seconds()); }

}  // namespace

MemoryTarget::MemoryTarget(sc_core::sc_module_name name, MemoryModel& model,
                           std::uint64_t base_address, core::StatGroup& stats)
    : sc_module(name),
      socket("socket"),
      model_(model),
      base_(base_address),
      requests_(stats.add("requests", "transactions served", "1")),
      bytes_read_(stats.add("bytes_read", "bytes read through the socket", "B")),
      bytes_written_(stats.add("bytes_written", "bytes written through the socket", "B")),
      latency_total_(
          stats.add("latency_total", "issue to completion, summed over transactions", "s")),
      errors_stat_(stats.add("errors", "transactions answered with an error response", "1")) {
  socket.register_b_transport(this, &MemoryTarget::b_transport);
}

std::string MemoryTarget::initiator_name(const TransferExtension* extension) {
  if (extension != nullptr && !extension->initiator.empty()) return extension->initiator;
  const sc_core::sc_object* caller = sc_core::sc_get_current_process_handle().get_parent_object();
  return caller != nullptr ? caller->name() : "an unknown initiator";
}

void MemoryTarget::fail(tlm::tlm_generic_payload& payload, TransferExtension* extension,
                        tlm::tlm_response_status status, const std::string& message) {
  errors_.push_back(message);
  errors_stat_ += 1;
  if (extension != nullptr) extension->error = message;
  payload.set_response_status(status);
}

void MemoryTarget::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  TransferExtension* extension = nullptr;
  payload.get_extension(extension);
  if (payload.get_command() == tlm::TLM_IGNORE_COMMAND) {
    payload.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }
  const std::uint64_t address = payload.get_address();
  const std::uint64_t bytes = payload.get_data_length();
  const std::uint64_t capacity = model_.capacity_bytes();
  const bool inside =
      address >= base_ && address - base_ <= capacity && bytes <= capacity - (address - base_);
  if (!inside) {
    fail(payload, extension, tlm::TLM_ADDRESS_ERROR_RESPONSE,
         std::string(name()) + ": " + (payload.is_read() ? "read" : "write") + " of " +
             std::to_string(bytes) + " B at address " + hex(address) + " from " +
             initiator_name(extension) + " lies outside [" + hex(base_) + ", " +
             hex(base_ + capacity) + ")");
    return;
  }

  Transfer transfer;
  transfer.start = to_time(sc_core::sc_time_stamp() + delay);
  transfer.address = address - base_;
  transfer.bytes = bytes;
  transfer.is_write = payload.is_write();
  if (extension != nullptr) {
    transfer.pattern = extension->pattern;
    transfer.stride_bytes = extension->stride_bytes;
    transfer.chunk_bytes = extension->chunk_bytes;
    transfer.seed = extension->seed;
    transfer.span_bytes = extension->span_bytes;
  }
  TransferTiming timing;
  try {
    timing = model_.transfer(transfer);
  } catch (const std::out_of_range& e) {
    // A strided or random access can leave the memory although its first byte lies inside.
    fail(payload, extension, tlm::TLM_ADDRESS_ERROR_RESPONSE,
         std::string(name()) + ": access from " + initiator_name(extension) + " at address " +
             hex(address) + ": " + e.what());
    return;
  } catch (const std::invalid_argument& e) {
    fail(payload, extension, tlm::TLM_GENERIC_ERROR_RESPONSE,
         std::string(name()) + ": access from " + initiator_name(extension) + " at address " +
             hex(address) + ": " + e.what());
    return;
  }

  const sc_core::sc_time finish(timing.finish.si, sc_core::SC_SEC);
  const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
  const sc_core::sc_time latency = finish > issued ? finish - issued : sc_core::SC_ZERO_TIME;
  delay += latency;
  requests_ += 1;
  (transfer.is_write ? bytes_written_ : bytes_read_) += static_cast<double>(bytes);
  latency_total_ += latency.to_seconds();
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace axsim::mem
