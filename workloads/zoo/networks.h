// The network generators behind make_network. Each receives options whose defaults are already
// resolved (input_size, seq_len and context set, phase checked) and returns a trace whose name
// and description make_network fills in.
#pragma once

#include "workloads/trace/trace.h"
#include "workloads/zoo/zoo.h"

namespace axsim::zoo {

trace::Trace build_resnet(int depth, const ZooOptions& options);  // 18, 34 or 50
trace::Trace build_mobilenet_v1(const ZooOptions& options);
trace::Trace build_mobilenet_v2(const ZooOptions& options);
trace::Trace build_squeezenet(const ZooOptions& options);
trace::Trace build_efficientnet_b0(const ZooOptions& options);
trace::Trace build_regnetx_800mf(const ZooOptions& options);
trace::Trace build_vit_b16(const ZooOptions& options);
trace::Trace build_ssd_mobilenet_v1(const ZooOptions& options);
trace::Trace build_yolov5(char size, bool p6, const ZooOptions& options);  // 's'|'m'
trace::Trace build_yolov8(char size, const ZooOptions& options);           // 'n'|'s'|'m'
trace::Trace build_ds_cnn(const ZooOptions& options);
trace::Trace build_bert_base(const ZooOptions& options);
trace::Trace build_llama2(int billions, const ZooOptions& options);  // 7 or 70
trace::Trace build_gpt3_175b(const ZooOptions& options);

}  // namespace axsim::zoo
