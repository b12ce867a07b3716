// Modules that drive a MemoryTarget in the TLM tests: an initiator that issues one timing-only
// read and records what came back, and a pass-through bus that lets several initiators share
// one target socket.
#pragma once

#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <optional>
#include <systemc>
#include <tlm>

#include "models/mem/tlm/transfer_extension.h"

namespace axsim::test {

class Reader : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Reader> socket;
  std::optional<mem::TransferExtension> extension;  // attached when set
  tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
  sc_core::sc_time done;  // simulated time after waiting out the annotated delay

  SC_HAS_PROCESS(Reader);
  Reader(sc_core::sc_module_name name, std::uint64_t address, std::uint64_t bytes,
         sc_core::sc_time local_offset = sc_core::SC_ZERO_TIME)
      : sc_module(name), socket("socket"), address_(address), bytes_(bytes), offset_(local_offset) {
    SC_THREAD(run);
  }

 private:
  void run() {
    tlm::tlm_generic_payload payload;
    payload.set_command(tlm::TLM_READ_COMMAND);
    payload.set_address(address_);
    payload.set_data_ptr(nullptr);  // timing only
    payload.set_data_length(static_cast<unsigned>(bytes_));
    payload.set_streaming_width(static_cast<unsigned>(bytes_));
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    if (extension) payload.set_extension(&*extension);
    sc_core::sc_time delay = offset_;
    socket->b_transport(payload, delay);
    if (extension) payload.clear_extension(&*extension);
    wait(delay);
    status = payload.get_response_status();
    done = sc_core::sc_time_stamp();
  }

  std::uint64_t address_;
  std::uint64_t bytes_;
  sc_core::sc_time offset_;
};

class Bus : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Bus> in;
  tlm_utils::simple_initiator_socket<Bus> out;

  explicit Bus(sc_core::sc_module_name name) : sc_module(name), in("in"), out("out") {
    in.register_b_transport(this, &Bus::forward);
  }

 private:
  void forward(int, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
    out->b_transport(payload, delay);
  }
};

}  // namespace axsim::test
