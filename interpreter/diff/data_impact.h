// The impact of a change of rules on data: given the results of both versions on the same data and years, who
// enters or leaves each targeting and how each incentive changes. Data only: the command line runs both versions
// and renders the impact (cli/render_diff.h).
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "value/decimal.h"

namespace caqes {

struct EntityYear {
  std::string entity;  // FINESS
  int year = 0;
};

struct PaymentChange {
  std::string entity;
  int year = 0;
  Decimal old_amount, new_amount;  // in €; an absent incentive counts as 0
};

struct IndicatorImpact {
  std::string indicator;
  bool in_old = true, in_new = true;
  bool pays = false;  // either version has an incentive: then the payments and totals below mean something
  int old_targeted = 0, new_targeted = 0;
  std::vector<EntityYear> entering, leaving;  // the targeting
  std::vector<PaymentChange> payments;        // establishments whose incentive changes
  Decimal old_total, new_total;
};

struct DataImpact {
  std::vector<int> years;
  std::vector<IndicatorImpact> indicators;  // the old version's, then those only the new one has
  Decimal total_old, total_new;
};

// One version of the rules and its results on a data set.
struct VersionResults {
  const CheckedProgram& program;
  const Dataset& data;
  const std::vector<IndicatorResult>& results;
};

DataImpact compare_results(const VersionResults& old_version, const VersionResults& new_version,
                           const std::vector<int>& years);

}  // namespace caqes
