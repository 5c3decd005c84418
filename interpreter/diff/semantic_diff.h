// The semantic diff of two rule versions: what was added, removed or changed, at the level of the language
// (indicators and their parts, parameters, tables, the contract), compared by name and by canonical form, so that
// layout, comments and the order of declarations make no difference. Data only: cli/render_diff.h renders it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/program.h"
#include "diff/data_impact.h"

namespace caqes {

struct RuleChange {
  enum class Kind { Added, Removed, Changed, Affected };
  Kind kind = Kind::Changed;
  std::string what;   // "contrat", "table", "colonne", "paramètre", "indicateur", "partie", "métadonnée"
  std::string name;   // "insuffisance_cardiaque", "insuffisance_cardiaque.critère", "transports.amb"
  std::string label;  // French label, when there is one
  std::string old_text, new_text;    // canonical forms (empty for added / removed)
  std::string old_where, new_where;  // file:line on each side
  std::vector<std::pair<std::string, std::string>> thresholds;  // same formula, numbers changed: old → new
  std::string note;   // "uses critère, which changed"
};

// What differs between two versions, and, when they were run on data, the impact (diff/data_impact.h).
struct DiffReport {
  std::string old_name, new_name, old_path, new_path;
  std::vector<RuleChange> changes;
  std::optional<DataImpact> impact;
};

// The changes from `old_program` to `new_program` (the report's paths and impact are the caller's to fill).
DiffReport diff_programs(const CheckedProgram& old_program, const CheckedProgram& new_program);

}  // namespace caqes
