// Comparing the results of two versions of the rules, establishment by establishment (see data_impact.h).
#include "diff/data_impact.h"

#include <map>
#include <set>
#include <tuple>

namespace caqes {
namespace {

// (indicator name, entity, year) → result: the two versions may number indicators and establishments apart.
using ResultsByKey = std::map<std::tuple<std::string, std::string, int>, const IndicatorResult*>;

ResultsByKey by_key(const VersionResults& v) {
  ResultsByKey out;
  for (const auto& x : v.results) out[{v.program.indicators[x.indicator].name, v.data.entities[x.entity], x.year}] = &x;
  return out;
}

const IndicatorResult* find(const ResultsByKey& results, const std::string& name, const std::string& entity, int year) {
  auto it = results.find({name, entity, year});
  return it == results.end() ? nullptr : it->second;
}

Decimal paid(const IndicatorResult* r) { return r && r->incentive.is_number() ? r->incentive.number() : Decimal(); }

Absence absence(const IndicatorResult* r, bool in_version) {
  if (!in_version) return Absence::NoIndicator;
  if (!r || !r->targeted) return Absence::NotTargeted;
  return r->incentive.is_number() ? Absence::None : Absence::MissingData;
}

bool has_incentive(const CheckedProgram& p, const std::string& name) {
  int i = p.indicator_index(name);
  return i >= 0 && p.indicators[i].incentive >= 0;
}

IndicatorImpact indicator_impact(const std::string& name, const VersionResults& a, const VersionResults& b,
                                 const ResultsByKey& old_results, const ResultsByKey& new_results) {
  IndicatorImpact imp;
  imp.indicator = name;
  imp.in_old = a.program.indicator_index(name) >= 0;
  imp.in_new = b.program.indicator_index(name) >= 0;
  imp.pays = has_incentive(a.program, name) || has_incentive(b.program, name);
  std::set<std::pair<std::string, int>> keys;
  for (const ResultsByKey* results : {&old_results, &new_results})
    for (const auto& [k, _] : *results)
      if (std::get<0>(k) == name) keys.insert({std::get<1>(k), std::get<2>(k)});
  std::set<std::string> old_entities, new_entities;
  for (const auto& [entity, year] : keys) {
    const IndicatorResult* ro = find(old_results, name, entity, year);
    const IndicatorResult* rn = find(new_results, name, entity, year);
    bool to = ro && ro->targeted, tn = rn && rn->targeted;
    imp.old_targeted_years += to;
    imp.new_targeted_years += tn;
    if (to) old_entities.insert(entity);
    if (tn) new_entities.insert(entity);
    if (!to && tn) imp.entering.push_back({entity, year});
    if (to && !tn) imp.leaving.push_back({entity, year});
    Decimal po = paid(ro), pn = paid(rn);
    imp.old_total = imp.old_total + po;
    imp.new_total = imp.new_total + pn;
    if (!imp.pays) continue;
    Absence ao = has_incentive(a.program, name) ? absence(ro, imp.in_old) : Absence::NoIndicator;
    Absence an = has_incentive(b.program, name) ? absence(rn, imp.in_new) : Absence::NoIndicator;
    imp.old_missing += ao == Absence::MissingData;
    imp.new_missing += an == Absence::MissingData;
    bool missing = ao == Absence::MissingData || an == Absence::MissingData;
    if (po != pn || (missing && ao != an) || (an == Absence::MissingData && ao != Absence::MissingData))
      imp.payments.push_back({entity, year, po, pn, ao, an});
  }
  imp.old_targeted = static_cast<int>(old_entities.size());
  imp.new_targeted = static_cast<int>(new_entities.size());
  return imp;
}

}  // namespace

DataImpact compare_results(const VersionResults& a, const VersionResults& b, const std::vector<int>& years) {
  DataImpact impact;
  impact.years = years;
  ResultsByKey old_results = by_key(a), new_results = by_key(b);
  std::vector<std::string> names;
  for (const auto& i : a.program.indicators) names.push_back(i.name);
  for (const auto& i : b.program.indicators)
    if (a.program.indicator_index(i.name) < 0) names.push_back(i.name);
  for (const auto& name : names) {
    IndicatorImpact imp = indicator_impact(name, a, b, old_results, new_results);
    if (imp.pays) {
      impact.total_old = impact.total_old + imp.old_total;
      impact.total_new = impact.total_new + imp.new_total;
    }
    impact.indicators.push_back(std::move(imp));
  }
  return impact;
}

}  // namespace caqes
