#include "models/gpu/gpu_core.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/mem/tlm/transfer_extension.h"

namespace axsim::gpu {

namespace {

sc_core::sc_time seconds(double s) { return sc_core::sc_time(s, sc_core::SC_SEC); }

// TLM lengths are 32-bit, so a contiguous access goes out in pieces of at most 1 GiB. A
// striped access goes out as transactions of at most 2 MiB, each the same slice of every
// stripe: the fast DRAM model times a strided transfer from its exact per-controller shares
// only up to 65,536 bursts (2 MiB of 32-byte bursts) and samples larger ones from their start,
// which for a tensor striped over stacks lies all in the first stack.
constexpr std::uint64_t kMaxContiguous = std::uint64_t{1} << 30;
constexpr std::uint64_t kMaxStriped = std::uint64_t{2} << 20;

std::vector<HbmAccess> transactions_of(const HbmAccess& a) {
  if (a.bytes <= (a.chunk_bytes == 0 ? kMaxContiguous : kMaxStriped)) return {a};
  std::vector<HbmAccess> pieces;
  if (a.chunk_bytes == 0) {
    for (std::uint64_t offset = 0; offset < a.bytes; offset += kMaxContiguous) {
      HbmAccess p = a;
      p.address += offset;
      p.bytes = std::min(kMaxContiguous, a.bytes - offset);
      pieces.push_back(p);
    }
    return pieces;
  }
  const std::uint64_t stripes = (a.bytes + a.chunk_bytes - 1) / a.chunk_bytes;
  const std::uint64_t slice = std::max<std::uint64_t>(1, kMaxStriped / stripes);
  std::uint64_t left = a.bytes;
  for (std::uint64_t offset = 0; offset < a.chunk_bytes && left > 0; offset += slice) {
    HbmAccess p = a;
    p.address += offset;
    p.chunk_bytes = std::min(slice, a.chunk_bytes - offset);
    p.bytes = std::min(left, p.chunk_bytes * stripes);
    left -= p.bytes;
    pieces.push_back(p);
  }
  return pieces;
}

}  // namespace

GpuCore::GpuCore(sc_core::sc_module_name name, const GpuConfig& config, const GpuPlan& plan,
                 core::StatGroup& stats)
    : sc_module(name),
      hbm("hbm"),
      config_(config),
      plan_(plan),
      timings_(plan.kernels.size()),
      launches_(stats.add("kernel_launches", "kernels launched", "1")),
      busy_s_(stats.add("compute_time", "time the SMs computed", "s")),
      memory_stall_s_(stats.add("memory_stall_time", "time the SMs waited on HBM or L2", "s")),
      allreduce_s_(stats.add("allreduce_time", "time spent in tensor-parallel all-reduces", "s")) {
  SC_HAS_PROCESS(GpuCore);
  SC_THREAD(run);
}

sc_core::sc_time GpuCore::access(const HbmAccess& a, const std::string& kernel) {
  sc_core::sc_time done = sc_core::sc_time_stamp();
  mem::TransferExtension extension;
  extension.initiator = std::string(name()) + " (kernel " + kernel + ")";
  tlm::tlm_generic_payload payload;
  payload.set_extension(&extension);
  for (const HbmAccess& piece : transactions_of(a)) {
    const auto length = static_cast<unsigned int>(piece.bytes);
    extension.pattern =
        piece.chunk_bytes > 0 ? mem::AccessPattern::strided : mem::AccessPattern::sequential;
    extension.chunk_bytes = piece.chunk_bytes;
    extension.stride_bytes = piece.stride_bytes;
    payload.set_command(piece.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    payload.set_address(piece.address);
    payload.set_data_ptr(nullptr);
    payload.set_data_length(length);
    payload.set_streaming_width(length);
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    hbm->b_transport(payload, delay);
    if (!payload.is_response_ok()) {
      payload.clear_extension(&extension);
      throw std::runtime_error("HBM access failed: " + extension.error);
    }
    done = std::max(done, sc_core::sc_time_stamp() + delay);
  }
  payload.clear_extension(&extension);
  return done;
}

void GpuCore::run() {
  const sc_core::sc_time launch = seconds(config_.launch_overhead.si);
  for (size_t i = 0; i < plan_.kernels.size(); ++i) {
    const KernelPlan& k = plan_.kernels[i];
    KernelTiming& t = timings_[i];
    t.start_s = sc_core::sc_time_stamp().to_seconds();
    if (!k.runs()) {
      t.end_s = t.start_s;
      continue;
    }
    wait(launch);
    launches_ += 1;
    const sc_core::sc_time start = sc_core::sc_time_stamp();
    const sc_core::sc_time first_data =
        k.first_read.bytes > 0 ? access(k.first_read, k.name) : start;
    sc_core::sc_time memory_done = first_data;
    for (const HbmAccess& a : k.reads) memory_done = std::max(memory_done, access(a, k.name));
    for (const HbmAccess& a : k.writes) memory_done = std::max(memory_done, access(a, k.name));
    const sc_core::sc_time end =
        std::max({first_data + seconds(k.compute_s), memory_done, start + seconds(k.l2_s)});
    wait(end - sc_core::sc_time_stamp());
    const double busy = (end - start).to_seconds();
    t.hbm_s = (memory_done - start).to_seconds();
    // Time is kept in picoseconds, so the busy span can round just below the compute time.
    t.compute_s = std::min(k.compute_s, busy);
    t.memory_s = busy - t.compute_s;
    t.other_s = launch.to_seconds();
    if (k.allreduce_s > 0) {
      const sc_core::sc_time allreduce = seconds(k.allreduce_s);
      wait(allreduce);
      t.other_s += allreduce.to_seconds();
      allreduce_s_ += allreduce.to_seconds();
    }
    t.end_s = sc_core::sc_time_stamp().to_seconds();
    busy_s_ += t.compute_s;
    memory_stall_s_ += t.memory_s;
  }
  finished_ = true;
}

}  // namespace axsim::gpu
