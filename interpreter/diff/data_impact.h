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

// Why an establishment has no incentive figure in one version: the run reports 0 € for each of them, which a
// reviewer must not read as a computed 0 €.
enum class Absence {
  None,         // a figure (possibly 0 €)
  NotTargeted,  // not targeted: nothing is due
  MissingData,  // targeted, but the incentive could not be computed (a datum is absent)
  NoIndicator,  // the version has no such indicator
};

struct PaymentChange {
  std::string entity;
  int year = 0;
  Decimal old_amount, new_amount;  // in €; an absent incentive counts as 0
  Absence old_absence = Absence::None, new_absence = Absence::None;
};

struct IndicatorImpact {
  std::string indicator;
  bool in_old = true, in_new = true;
  bool pays = false;  // either version has an incentive: then the payments and totals below mean something
  int old_targeted = 0, new_targeted = 0;              // establishments targeted at least one of the years
  int old_targeted_years = 0, new_targeted_years = 0;  // establishment × year pairs targeted
  std::vector<EntityYear> entering, leaving;  // the targeting
  // Establishments whose incentive changes, or is absent for want of data in either version.
  std::vector<PaymentChange> payments;
  int old_missing = 0, new_missing = 0;  // targeted establishment × years whose incentive is absent (missing data)
  Decimal old_total, new_total;

  // Whether anything differs between the versions: an indicator added or removed, someone entering or leaving the
  // targeting, a payment changed, an incentive absent.
  bool changed() const {
    return !in_old || !in_new || !entering.empty() || !leaving.empty() || !payments.empty();
  }
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
