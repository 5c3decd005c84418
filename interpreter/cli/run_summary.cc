// The summaries of a run (see run_summary.h).
#include "cli/run_summary.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace caqes {

std::vector<std::string> establishment_names(const CheckedProgram& program, const Dataset& data) {
  std::vector<std::string> names(data.entities.size());
  if (program.registry_table < 0) return names;
  const TableInfo& registry = program.tables[program.registry_table];
  int column = -1;
  for (const char* candidate : {"raison_sociale", "nom"}) {
    int c = registry.column_index(candidate);
    if (c >= 0 && registry.columns[c].type == ColumnType::Text) {
      column = c;
      break;
    }
  }
  if (column < 0) return names;
  for (std::size_t e = 0; e < data.entities.size(); ++e) {
    const Row* row = data.entity_row(program.registry_table, static_cast<int>(e));
    if (row && static_cast<std::size_t>(column) < row->size() && (*row)[column].is_text())
      names[e] = (*row)[column].text();
  }
  return names;
}

RunSummary summarise(const RunResults& run) {
  const CheckedProgram& p = run.program;
  RunSummary s;
  s.names = establishment_names(p, run.data);
  std::set<std::string> groups(run.groups.begin(), run.groups.end());
  groups.erase("");
  s.group_names.assign(groups.begin(), groups.end());

  // Per indicator and year, in the order of the contract, then of the years.
  std::map<std::pair<int, int>, std::size_t> at;
  for (std::size_t i = 0; i < p.indicators.size(); ++i)
    for (int y : run.years) {
      IndicatorYearSummary x;
      x.indicator = static_cast<int>(i);
      x.year = y;
      x.pays = p.indicators[i].incentive >= 0;
      x.has_target = p.indicators[i].achieved >= 0;
      for (const auto& g : s.group_names) x.targeted_by_group[g] = 0;
      at[{x.indicator, y}] = s.indicators.size();
      s.indicators.push_back(std::move(x));
    }
  for (const auto& r : run.results) {
    auto it = at.find({r.indicator, r.year});
    if (it == at.end()) continue;
    IndicatorYearSummary& x = s.indicators[it->second];
    ++x.establishments;
    if (!r.targeted) continue;
    ++x.targeted;
    if (r.achieved.is_bool() && r.achieved.boolean()) ++x.reached;
    if (r.incentive.is_number())
      x.incentive = x.incentive + r.incentive.number();
    else if (x.pays)
      ++x.missing;
    if (!run.groups.empty() && !run.groups[r.entity].empty()) ++x.targeted_by_group[run.groups[r.entity]];
  }
  if (run.signatories.empty()) return s;

  // Per signing entity, indicator and year; then per signing entity and year, across indicators.
  std::map<std::tuple<int, std::string, int>, SignatoryLine> lines;
  std::map<std::pair<std::string, int>, SignatoryTotal> totals;
  std::map<std::pair<std::string, int>, std::set<int>> signed_for;
  for (const auto& r : run.results) {
    const std::string& sig = run.signatories[r.entity];
    SignatoryLine& l = lines[{r.indicator, sig, r.year}];
    l.signatory = sig;
    l.indicator = r.indicator;
    l.year = r.year;
    ++l.establishments;
    SignatoryTotal& t = totals[{sig, r.year}];
    t.signatory = sig;
    t.year = r.year;
    signed_for[{sig, r.year}].insert(r.entity);
    if (!r.targeted) continue;
    ++l.targeted;
    ++t.targeted_lines;
    bool pays = p.indicators[r.indicator].incentive >= 0;
    if (r.incentive.is_number()) {
      l.incentive = l.incentive + r.incentive.number();
      t.incentive = t.incentive + r.incentive.number();
    } else if (pays) {
      ++l.missing;
      ++t.missing;
    }
  }
  for (auto& [k, l] : lines) s.signatory_lines.push_back(l);
  for (auto& [k, t] : totals) {
    t.establishments = static_cast<int>(signed_for[k].size());
    // A signing entity that is itself an establishment of the data (an EG signing for itself) has its name.
    auto e = run.data.entity_index.find(t.signatory);
    if (e != run.data.entity_index.end()) t.name = s.names[e->second];
    s.signatory_totals.push_back(t);
  }
  return s;
}

}  // namespace caqes
