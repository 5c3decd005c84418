// The file of national references that `caqes références` writes: a rules file, in the canonical layout, that a
// regional contract imports. Its header says what produced it (the contract, the rules and data files with their
// SHA-256, the years, the date), as the manifest of a run does; then `références_nationales CONTRACT pour YEARS;`
// and one `remplace paramètre P pour YEAR = VALUE;` per national reference and year, each value exact (a fraction
// when its decimals do not end), per group as `selon groupe { "MCO": …; autre: absent; }`.
#pragma once

#include <string>
#include <vector>

#include "check/types.h"
#include "cli/manifest.h"
#include "eval/evaluator.h"

namespace caqes {

struct WrittenReference {
  std::string parameter, label;  // the parameter that receives the figure, and its label
  Type type;                     // its type: the unit the figure is written in
  int year = 0;
  std::string statistic;         // the statistic, as the rules write it
  std::string where;             // where the rules read it (file:line:col of référence_nationale)
  std::string group;             // the group expression as the rules write it; empty without `par`
  std::vector<Evaluator::GroupStatistic> values;
};

// An exact number as the language writes it in the unit of `type`: "62,5", "25,5 %", "1 234,56 €", or, when its
// decimals do not end, a division "100 % / 3".
std::string reference_literal(const Decimal& d, const Type& type);

// The text of the file, before the canonical layout (the caller formats it: format/printer.h).
std::string render_references(const Manifest& manifest, const std::vector<int>& years_read,
                              const std::vector<WrittenReference>& references);

}  // namespace caqes
