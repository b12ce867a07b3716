// Devices for the DRAM model tests: the shipped presets, and a small HBM-like device whose
// organisation a test can change without a file.
#pragma once

#include <string>

#include "models/mem/dram/dram_config.h"

namespace axsim::mem::test {

inline DramSpec preset(const std::string& file) {
  return load_memory_config(std::string(AXSIM_SOURCE_DIR) + "/configs/mem/" + file);
}

// The HBM3 preset with a row's columns in consecutive bursts: the mapping the tests that count
// row visits reason about, whatever mapping the preset ships with.
inline DramSpec hbm3_rows_first() {
  DramSpec spec = preset("hbm3.yaml");
  spec.mapping = {AddressField::column, AddressField::bank_group, AddressField::pseudo_channel,
                  AddressField::channel, AddressField::bank, AddressField::row,
                  AddressField::stack};
  return spec;
}

// HBM3 timing (configs/mem/hbm3.yaml) on 2 channels x 2 pseudo-channels, 1024 rows per bank.
inline DramSpec small_hbm() {
  DramSpec spec = preset("hbm3.yaml");
  spec.organization.channels = 2;
  spec.organization.rows = 1024;
  return spec;
}

}  // namespace axsim::mem::test
