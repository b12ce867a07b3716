// Which activations are still in L2 when a later kernel reads them: an LRU stack-distance
// model. A tensor written by one kernel is a hit for a reader if what has flowed from HBM
// through L2 since (weights streamed, other tensors read or written), plus the tensor itself,
// fits in the L2's reuse share. The L2 is cold when the pass starts.
#pragma once

#include <map>
#include <string>

namespace axsim::gpu {

class L2Residency {
 public:
  explicit L2Residency(double capacity_bytes) : capacity_(capacity_bytes) {}

  // True when `bytes` of `tensor` were produced and have not been pushed out since.
  bool holds(const std::string& tensor, double bytes) const;
  // Bytes that entered L2 from HBM or from the SMs' writes (they push older lines out).
  void pass(double bytes) { clock_ += bytes; }
  // `tensor` (of which `bytes` are fresh) was just written through L2.
  void produce(const std::string& tensor, double bytes);

 private:
  struct Entry {
    double stamp = 0;
    double bytes = 0;
  };
  double capacity_;
  double clock_ = 0;
  std::map<std::string, Entry> produced_;
};

}  // namespace axsim::gpu
