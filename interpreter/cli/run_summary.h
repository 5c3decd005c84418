// The summaries of a run, as data, computed once and written by every renderer (table, CSV, JSON, workbook,
// HTML report), so that each output shows the same totals:
//   - per indicator and year: establishments, targeted, reached, incentive total (and how many targeted
//     establishments have no incentive: a total that silently skipped them would look complete), targeted per
//     summary group (`synthèse g;`);
//   - per signing entity (`signataire p;`), indicator and year: its establishments, targeted, incentive;
//   - per signing entity and year, across indicators: the amount notified to it.
// Also the establishments' names, from the table of establishments (see establishment_names).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/render_run.h"
#include "value/decimal.h"

namespace caqes {

struct IndicatorYearSummary {
  int indicator = 0, year = 0;
  bool pays = false;  // the indicator defines an incentive
  bool has_target = false;
  int establishments = 0, targeted = 0, reached = 0, missing = 0;
  Decimal incentive;
  std::map<std::string, int> targeted_by_group;  // group → targeted establishments (every group of the run listed)
};

struct SignatoryLine {
  std::string signatory;
  int indicator = 0, year = 0;
  int establishments = 0, targeted = 0, missing = 0;
  Decimal incentive;
};

struct SignatoryTotal {
  std::string signatory, name;
  int year = 0;
  int establishments = 0;  // the establishments it signs for
  int targeted_lines = 0;  // indicator × establishment pairs targeted
  int missing = 0;         // of which the incentive is absent
  Decimal incentive;       // the notified amount (incomplete if missing > 0)
};

struct RunSummary {
  std::vector<std::string> names;        // per establishment (index as in data.entities), "" without a name
  std::vector<std::string> group_names;  // sorted, "" removed
  std::vector<IndicatorYearSummary> indicators;
  std::vector<SignatoryLine> signatory_lines;    // by indicator, signatory, year
  std::vector<SignatoryTotal> signatory_totals;  // by signatory, year
};

// The name of each establishment: the column `raison_sociale` (or else `nom`) of the contract's table of
// establishments, when it declares one as `texte`; all "" otherwise.
std::vector<std::string> establishment_names(const CheckedProgram& program, const Dataset& data);

RunSummary summarise(const RunResults& run);

}  // namespace caqes
