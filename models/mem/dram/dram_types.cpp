#include "models/mem/dram/dram_types.h"

namespace axsim::mem {

const char* command_name(CommandKind kind) {
  switch (kind) {
    case CommandKind::ACT:
      return "ACT";
    case CommandKind::PRE:
      return "PRE";
    case CommandKind::RD:
      return "RD";
    case CommandKind::WR:
      return "WR";
    case CommandKind::RDA:
      return "RDA";
    case CommandKind::WRA:
      return "WRA";
    case CommandKind::REFpb:
      return "REFpb";
    case CommandKind::REFab:
      return "REFab";
  }
  return "?";
}

// "<cycle> <KIND> bg<g> b<b> row <r> col <c> req <id>", with only the fields the kind uses.
std::string to_string(const Command& command) {
  std::string text = std::to_string(command.cycle) + " " + command_name(command.kind);
  if (command.kind == CommandKind::REFab) return text;
  text += " bg" + std::to_string(command.bank_group) + " b" + std::to_string(command.bank);
  switch (command.kind) {
    case CommandKind::ACT:
      text += " row " + std::to_string(command.row);
      break;
    case CommandKind::RD:
    case CommandKind::WR:
    case CommandKind::RDA:
    case CommandKind::WRA:
      text += " row " + std::to_string(command.row) + " col " + std::to_string(command.column) +
              " req " + std::to_string(command.request_id);
      break;
    default:
      break;
  }
  return text;
}

}  // namespace axsim::mem
