// TileEngine over a Verilated hw/rtl/systolic_array.sv: drives its ports cycle by cycle.
// Include only from systolic_facade.cpp: Verilated headers must stay out of translation
// units that include <systemc>.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "hw/tile_engine.h"
#include "verilated.h"

namespace axsim::hw {

template <class Model>
class VerilatedTileEngine final : public TileEngine {
 public:
  VerilatedTileEngine(int rows, int cols)
      : rows_(rows),
        cols_(cols),
        context_(std::make_unique<VerilatedContext>()),
        model_(std::make_unique<Model>(context_.get(), "systolic_array")) {
    reset();
  }
  ~VerilatedTileEngine() override { model_->final(); }
  VerilatedTileEngine(const VerilatedTileEngine&) = delete;
  VerilatedTileEngine& operator=(const VerilatedTileEngine&) = delete;

  int rows() const override { return rows_; }
  int cols() const override { return cols_; }

  TileResult run_output_stationary(const std::vector<int8_t>& a, const std::vector<int8_t>& b,
                                   int64_t k) override {
    TileResult result{std::vector<int32_t>(static_cast<size_t>(rows_ * cols_), 0), 0};
    begin_tile(false);
    // The drain leaves the bottom row first.
    const int64_t outputs = stream(
        k, result,
        [&](int64_t beat) {
          for (int i = 0; i < rows_; ++i) model_->a_vec[i] = lane(a[i * k + beat]);
          for (int j = 0; j < cols_; ++j) model_->b_vec[j] = lane(b[beat * cols_ + j]);
        },
        [&](int64_t index) { store_row(result, rows_ - 1 - index); });
    expect_outputs(outputs, rows_);
    return result;
  }

  TileResult run_weight_stationary(const std::vector<int8_t>& w, const std::vector<int8_t>& x,
                                   int64_t beats) override {
    TileResult result{std::vector<int32_t>(static_cast<size_t>(beats * cols_), 0), 0};
    begin_tile(true);
    // Weights enter at the top and shift down: the bottom row goes first.
    model_->w_load = 1;
    for (int t = 0; t < rows_; ++t) {
      for (int j = 0; j < cols_; ++j) model_->b_vec[j] = lane(w[(rows_ - 1 - t) * cols_ + j]);
      if (step(nullptr)) throw protocol_error("done during the weight load");
      ++result.cycles;
    }
    model_->w_load = 0;
    const int64_t outputs = stream(
        beats, result,
        [&](int64_t beat) {
          for (int i = 0; i < rows_; ++i) model_->a_vec[i] = lane(x[beat * rows_ + i]);
        },
        [&](int64_t index) { store_row(result, index); });
    expect_outputs(outputs, beats);
    return result;
  }

 private:
  static uint8_t lane(int8_t value) { return static_cast<uint8_t>(value); }

  static std::runtime_error protocol_error(const std::string& what) {
    return std::runtime_error("systolic_array RTL protocol violation: " + what);
  }

  void reset() {
    model_->clk = 0;
    model_->rst_n = 0;
    model_->eval();
    model_->rst_n = 1;
    model_->eval();
  }

  void begin_tile(bool weight_stationary) {
    model_->ws = weight_stationary ? 1 : 0;
    model_->in_valid = 0;
    model_->in_last = 0;
    model_->w_load = 0;
    for (int i = 0; i < rows_; ++i) model_->a_vec[i] = 0;
    for (int j = 0; j < cols_; ++j) model_->b_vec[j] = 0;
    model_->eval();
    if (model_->busy) throw protocol_error("tile started while the array is busy");
  }

  // One clock cycle: outputs are sampled before the rising edge, as a downstream flop would
  // see them. Returns whether done was high in this cycle.
  bool step(const std::function<void()>& on_output) {
    model_->clk = 0;
    model_->eval();
    const bool done = model_->done;
    if (model_->c_valid) {
      if (!on_output) throw protocol_error("output before the stream");
      on_output();
    }
    model_->clk = 1;
    model_->eval();
    return done;
  }

  // Streams the beats with in_valid, then idles until done; returns how many output rows
  // arrived.
  int64_t stream(int64_t beats, TileResult& result, const std::function<void(int64_t)>& drive,
                 const std::function<void(int64_t)>& on_row) {
    int64_t outputs = 0;
    const std::function<void()> capture = [&] { on_row(outputs++); };
    for (int64_t beat = 0; beat < beats; ++beat) {
      drive(beat);
      model_->in_valid = 1;
      model_->in_last = beat == beats - 1 ? 1 : 0;
      if (step(capture)) throw protocol_error("done before the last beat");
      ++result.cycles;
    }
    model_->in_valid = 0;
    model_->in_last = 0;
    for (int i = 0; i < rows_; ++i) model_->a_vec[i] = 0;
    for (int j = 0; j < cols_; ++j) model_->b_vec[j] = 0;
    // Longest legal tail is 2*rows + cols cycles; anything longer is a hang.
    const int64_t limit = 2 * rows_ + cols_ + 1;
    for (int64_t idle = 0;; ++idle) {
      if (idle == limit) throw protocol_error("no done after the last beat");
      ++result.cycles;
      if (step(capture)) break;
    }
    return outputs;
  }

  void store_row(TileResult& result, int64_t row) {
    if (row < 0 || row * cols_ >= static_cast<int64_t>(result.c.size())) {
      throw protocol_error("more output rows than expected");
    }
    for (int j = 0; j < cols_; ++j) {
      result.c[row * cols_ + j] = static_cast<int32_t>(model_->c_vec[j]);
    }
  }

  static void expect_outputs(int64_t got, int64_t want) {
    if (got != want) {
      throw protocol_error(std::to_string(got) + " output rows, expected " + std::to_string(want));
    }
  }

  int rows_;
  int cols_;
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Model> model_;
};

}  // namespace axsim::hw
