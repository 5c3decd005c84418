// Rendering of the results of `caqes run` (see render_run.h).
#include "cli/render_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "cli/json_value.h"
#include "cli/json_writer.h"
#include "cli/text_table.h"
#include "eval/format.h"

namespace caqes {
namespace {

Type money() { return Type::number(Unit::Money); }

Type binding_type(const IndicatorInfo& info, int b) { return b < 0 ? Type::error() : info.binding_types[b]; }

// The results of the establishments (EG) that one entity signs for, summed: how many are targeted, the incentive
// in total (incomplete if a targeted establishment's incentive is absent).
struct Rollup {
  std::string signatory;
  int indicator = 0, year = 0;
  int establishments = 0, targeted = 0, missing = 0;
  Decimal incentive;
};

std::vector<Rollup> roll_up(const std::vector<IndicatorResult>& results, const std::vector<std::string>& signatories) {
  std::map<std::tuple<std::string, int, int>, Rollup> by_key;
  for (const auto& r : results) {
    Rollup& x = by_key[{signatories[r.entity], r.indicator, r.year}];
    x.signatory = signatories[r.entity];
    x.indicator = r.indicator;
    x.year = r.year;
    ++x.establishments;
    x.targeted += r.targeted;
    if (r.incentive.is_number()) x.incentive = x.incentive + r.incentive.number();
    else if (r.targeted) ++x.missing;
  }
  std::vector<Rollup> out;
  for (auto& [k, v] : by_key) out.push_back(v);
  std::stable_sort(out.begin(), out.end(), [](const Rollup& a, const Rollup& b) {
    return std::tie(a.indicator, a.signatory, a.year) < std::tie(b.indicator, b.signatory, b.year);
  });
  return out;
}

std::string rollup_table(const RunResults& run, const std::vector<Rollup>& rollups, Format format) {
  const CheckedProgram& p = run.program;
  Cells header = {"signataire", "indicateur", "année", "établissements", "ciblés", "intéressement"};
  std::vector<Cells> rows;
  for (const auto& r : rollups) {
    bool pays = p.indicators[r.indicator].incentive >= 0;
    if (!pays && r.targeted == 0) continue;
    std::string amount = !pays || r.missing          ? ""
                         : format == Format::Csv ? format_cell(Value(r.incentive), money())
                                                 : format_french(Value(r.incentive), money());
    rows.push_back({r.signatory, p.indicators[r.indicator].name, std::to_string(r.year), std::to_string(r.establishments),
                    std::to_string(r.targeted), amount});
  }
  return format == Format::Csv ? csv_table(header, rows) : text_table(header, rows);
}

Json result_json(const RunResults& run, const IndicatorResult& r) {
  const IndicatorInfo& ind = run.program.indicators[r.indicator];
  Type vt = binding_type(ind, ind.value);
  return Json{{"entity", run.data.entities[r.entity]},
              {"indicator", ind.name},
              {"year", r.year},
              {"targeted", r.targeted},
              {"value", json_value(r.value, vt)},
              {"unit", unit_symbol(vt)},
              {"target", json_value(r.target, binding_type(ind, ind.target))},
              {"achieved", json_value(r.achieved, Type::boolean())},
              {"incentive", json_value(r.incentive, money())}};
}

Json rollup_json(const RunResults& run, const Rollup& r) {
  const IndicatorInfo& ind = run.program.indicators[r.indicator];
  return Json{{"signatory", r.signatory},
              {"indicator", ind.name},
              {"year", r.year},
              {"establishments", r.establishments},
              {"targeted", r.targeted},
              {"incentive", ind.incentive < 0 || r.missing ? Json(nullptr) : json_value(Value(r.incentive), money())}};
}

std::string results_json(const RunResults& run, const std::vector<Rollup>& rollups) {
  Json doc = Json::object();
  doc["contract"] = run.program.contract_name;
  doc["year"] = run.single_year ? Json(run.years.front()) : Json(nullptr);
  doc["years"] = run.years;
  Json results = Json::array();
  for (const auto& r : run.results) results.push_back(result_json(run, r));
  doc["results"] = std::move(results);
  if (!run.signatories.empty()) {
    Json signatories = Json::array();
    for (const auto& r : rollups) signatories.push_back(rollup_json(run, r));
    doc["signatories"] = std::move(signatories);
  }
  return write_json(doc);
}

std::vector<Cells> result_rows(const RunResults& run, Format format) {
  std::vector<Cells> rows;
  for (const auto& r : run.results) {
    const IndicatorInfo& ind = run.program.indicators[r.indicator];
    const std::string& entity = run.data.entities[r.entity];
    Type vt = binding_type(ind, ind.value);
    Type tt = binding_type(ind, ind.target);
    if (format == Format::Csv) {
      rows.push_back({entity, ind.name, std::to_string(r.year), r.targeted ? "oui" : "non", format_cell(r.value, vt),
                      unit_symbol(vt), format_cell(r.target, tt), format_cell(r.achieved, Type::boolean()),
                      format_cell(r.incentive, money())});
    } else {
      auto shown = [](const Value& v, const Type& t) { return v.absent() ? std::string("—") : format_french(v, t); };
      rows.push_back({entity, ind.name, std::to_string(r.year), r.targeted ? "oui" : "non", shown(r.value, vt),
                      shown(r.target, tt), shown(r.achieved, Type::boolean()), shown(r.incentive, money())});
    }
  }
  return rows;
}

// Per indicator and year: the targeted establishments and the incentive in total.
std::string totals_table(const RunResults& run) {
  const CheckedProgram& p = run.program;
  std::vector<Cells> summary;
  for (std::size_t i = 0; i < p.indicators.size(); ++i) {
    for (int y : run.years) {
      int targeted = 0, total = 0, missing = 0;
      Decimal paid;
      for (const auto& r : run.results) {
        if (r.indicator != static_cast<int>(i) || r.year != y) continue;
        ++total;
        targeted += r.targeted;
        if (r.incentive.is_number()) paid = paid + r.incentive.number();
        else if (r.targeted) ++missing;
      }
      // A total that silently skipped a targeted establishment's missing incentive would look complete.
      std::string amount = format_french(Value(paid), money());
      if (missing) amount = fmt::format("incomplet: {} + {} absent{} (données manquantes)", amount, missing, missing > 1 ? "s" : "");
      summary.push_back({p.indicators[i].name, std::to_string(y), fmt::format("{} / {}", targeted, total),
                         p.indicators[i].incentive >= 0 ? amount : "—"});
    }
  }
  return text_table({"indicateur", "année", "ciblés", "intéressement total"}, summary);
}

// Targeted establishments per indicator and group (the seed's tables: public/ESPIC, private, HAD).
std::string groups_table(const RunResults& run) {
  const CheckedProgram& p = run.program;
  std::set<std::string> names(run.groups.begin(), run.groups.end());
  names.erase("");
  Cells header = {"indicateur", "année"};
  for (const auto& g : names) header.push_back("ciblés " + g);
  std::vector<Cells> rows;
  for (std::size_t i = 0; i < p.indicators.size(); ++i)
    for (int y : run.years) {
      std::map<std::string, int> count;
      for (const auto& r : run.results)
        if (r.indicator == static_cast<int>(i) && r.year == y && r.targeted) ++count[run.groups[r.entity]];
      Cells row = {p.indicators[i].name, std::to_string(y)};
      for (const auto& g : names) row.push_back(std::to_string(count[g]));
      rows.push_back(row);
    }
  return text_table(header, rows);
}

// Contracts are signed per legal entity (EJ) for public and ESPIC establishments, per site (EG) for private ones.
std::string signatories_table(const RunResults& run, const std::vector<Rollup>& rollups) {
  const CheckedProgram& p = run.program;
  std::vector<Cells> signed_rows;
  for (std::size_t i = 0; i < p.indicators.size(); ++i)
    for (int y : run.years) {
      std::set<std::string> entities;
      int sites = 0;
      for (const auto& r : rollups)
        if (r.indicator == static_cast<int>(i) && r.year == y && r.targeted > 0) {
          entities.insert(r.signatory);
          sites += r.targeted;
        }
      signed_rows.push_back({p.indicators[i].name, std::to_string(y), std::to_string(entities.size()), std::to_string(sites)});
    }
  return text_table({"indicateur", "année", "signataires ciblés", "établissements géographiques ciblés"}, signed_rows);
}

}  // namespace

std::string render_results(const RunResults& run, Format format, bool rollup_only) {
  std::vector<Rollup> rollups;
  if (!run.signatories.empty()) rollups = roll_up(run.results, run.signatories);
  if (rollup_only && !run.signatories.empty() && format != Format::Json) return rollup_table(run, rollups, format);
  if (format == Format::Json) return results_json(run, rollups);
  Cells header = {"entité", "indicateur", "année", "ciblé", "valeur", "unité", "cible", "atteint", "intéressement"};
  std::vector<Cells> rows = result_rows(run, format);
  if (format == Format::Csv) return csv_table(header, rows);
  header.erase(header.begin() + 5);  // the unit is written with each figure
  std::string out = text_table(header, rows);
  out += "\n" + totals_table(run);
  if (!run.groups.empty()) out += "\n" + groups_table(run);
  if (!run.signatories.empty()) out += "\n" + signatories_table(run, rollups);
  return out;
}

}  // namespace caqes
