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

// A number that changed in a formula of the same shape. Its role says what a reviewer reads: a threshold is an
// operand of a comparison (or a parameter compared with), a target the value of `cible`; any other number is a
// rate, an amount or a number by its unit (an incentive rate of 30 % → 40 % is no threshold).
struct NumberChange {
  enum class Role { Threshold, Target, Rate, Amount, Number };
  std::string old_text, new_text;
  Role role = Role::Number;
  std::string years;  // "2023", "2023..2024": the years the change holds for (a `selon N`), empty for every year
};

struct RuleChange {
  enum class Kind { Added, Removed, Changed, Affected };
  Kind kind = Kind::Changed;
  std::string what;   // "contrat", "table", "colonne", "paramètre", "indicateur", "partie", "métadonnée"
  std::string name;   // "insuffisance_cardiaque", "insuffisance_cardiaque.critère", "transports.amb"
  std::string label;  // French label, when there is one
  std::string old_text, new_text;    // canonical forms (empty for added / removed)
  std::string old_where, new_where;  // file:line on each side
  std::vector<NumberChange> thresholds;  // same formula, numbers changed: old → new
  std::string note;   // "uses critère, which changed"
  std::string uses;   // for an affected part: what changed that it uses ("critère, paramètre seuil")
};

// What differs between two versions, and, when they were run on data, the impact (diff/data_impact.h).
struct DiffReport {
  std::string old_name, new_name, old_path, new_path;
  std::vector<RuleChange> changes;
  std::optional<DataImpact> impact;
};

// The changes from `old_program` to `new_program` (the report's paths and impact are the caller's to fill).
DiffReport diff_programs(const CheckedProgram& old_program, const CheckedProgram& new_program);

// The French word of a kind of change ("ajouté", "retiré", "modifié", "affecté"): the JSON key's value and the
// reviewer's badge.
const char* change_kind_word(RuleChange::Kind k);

}  // namespace caqes
