// The semantic diff of two rule versions: what was added, removed or changed, at the level of the language
// (indicators and their parts, parameters, tables, the contract), compared by name and by canonical form, so that
// layout, comments and the order of declarations make no difference. With data, the impact of the change.
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "syntax/diagnostic.h"

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

struct IndicatorImpact {
  std::string indicator;
  bool in_old = true, in_new = true;
  std::vector<std::string> entering, leaving;  // "FINESS (année)" that enter / leave the targeting
  struct Payment {
    std::string entity;
    int year = 0;
    std::string old_amount, new_amount, difference;  // formatted
  };
  std::vector<Payment> payments;  // establishments whose incentive changes
  int old_targeted = 0, new_targeted = 0;
  std::string old_total, new_total, difference;  // incentive totals, formatted ("" if the indicator has none)
};

struct DiffReport {
  std::string old_name, new_name, old_path, new_path;
  std::vector<RuleChange> changes;
  bool has_impact = false;
  std::vector<int> years;
  std::vector<IndicatorImpact> impact;
  std::string total_old, total_new, total_difference;
};

DiffReport diff_programs(const CheckedProgram& old_program, const CheckedProgram& new_program);

// Evaluates both versions on the same data and years and adds the impact to `report`. False on a data error.
bool diff_impact(const CheckedProgram& old_program, const CheckedProgram& new_program, const std::string& data_dir,
                 const std::vector<int>& years, DiffReport& report, Diagnostics& diags);

std::string render_diff_text(const DiffReport& report, bool color);
std::string render_diff_markdown(const DiffReport& report);
std::string render_diff_json(const DiffReport& report);

}  // namespace caqes
