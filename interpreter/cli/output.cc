// Rendering of results, indicator lists and the data dictionary.
#include "cli/output.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "eval/format.h"
#include "stdlib/functions.h"

namespace caqes {
namespace {

int width(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& s, int w) { return s + std::string(std::max(0, w - width(s)), ' '); }

// A plain text table with columns as wide as their widest cell.
std::string text_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<int> w(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) w[c] = width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], width(r[c]));
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (std::size_t c = 0; c < r.size(); ++c) l += (c ? "  " : "") + pad(r[c], c + 1 < r.size() ? w[c] : 0);
    out += l + "\n";
  };
  line(header);
  std::vector<std::string> rule;
  for (int x : w) rule.push_back(std::string(static_cast<std::size_t>(x), '-'));
  line(rule);
  for (const auto& r : rows) line(r);
  return out;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(";\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    for (std::size_t c = 0; c < r.size(); ++c) out += (c ? ";" : "") + csv_cell(r[c]);
    out += "\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
  return out;
}

Type binding_type(const IndicatorInfo& info, int b) { return b < 0 ? Type::error() : info.binding_types[b]; }

const char* level_name(Level l) { return l == Level::National ? "national" : "régional"; }

}  // namespace

namespace {

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

}  // namespace

std::string render_results(const CheckedProgram& p, const Dataset& data, const std::vector<IndicatorResult>& results,
                           const std::vector<int>& years, bool single_year, Format format,
                           const std::vector<std::string>& signatories, bool rollup_only,
                           const std::vector<std::string>& groups) {
  std::vector<Rollup> rollups;
  if (!signatories.empty()) rollups = roll_up(results, signatories);
  const Type money = Type::number(Unit::Money);
  if (rollup_only && !signatories.empty() && format != Format::Json) {
    std::vector<std::string> header = {"signataire", "indicateur", "année", "établissements", "ciblés", "intéressement"};
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : rollups) {
      if (p.indicators[r.indicator].incentive < 0 && r.targeted == 0) continue;
      std::string amount = p.indicators[r.indicator].incentive < 0 ? ""
                           : r.missing ? ""
                           : format == Format::Csv ? format_cell(Value(r.incentive), money) : format_french(Value(r.incentive), money);
      rows.push_back({r.signatory, p.indicators[r.indicator].name, std::to_string(r.year), std::to_string(r.establishments),
                      std::to_string(r.targeted), amount});
    }
    return format == Format::Csv ? csv(header, rows) : text_table(header, rows);
  }
  if (format == Format::Json) {
    std::string out = fmt::format("{{\n  \"contract\": {},\n  \"year\": {},\n  \"years\": [", json_string(p.contract_name),
                                  single_year ? std::to_string(years.front()) : "null");
    for (std::size_t i = 0; i < years.size(); ++i) out += (i ? ", " : "") + std::to_string(years[i]);
    out += "],\n  \"results\": [";
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      const IndicatorInfo& ind = p.indicators[r.indicator];
      Type vt = binding_type(ind, ind.value);
      out += fmt::format(
          "{}\n    {{\"entity\": {}, \"indicator\": {}, \"year\": {}, \"targeted\": {}, \"value\": {}, \"unit\": {}, "
          "\"target\": {}, \"achieved\": {}, \"incentive\": {}}}",
          i ? "," : "", json_string(data.entities[r.entity]), json_string(ind.name), r.year, r.targeted ? "true" : "false",
          format_json(r.value, vt), json_string(unit_symbol(vt)), format_json(r.target, binding_type(ind, ind.target)),
          format_json(r.achieved, Type::boolean()), format_json(r.incentive, Type::number(Unit::Money)));
    }
    out += results.empty() ? "]" : "\n  ]";
    if (!signatories.empty()) {
      out += ",\n  \"signatories\": [";
      for (std::size_t i = 0; i < rollups.size(); ++i) {
        const auto& r = rollups[i];
        out += fmt::format("{}\n    {{\"signatory\": {}, \"indicator\": {}, \"year\": {}, \"establishments\": {}, \"targeted\": {}, "
                           "\"incentive\": {}}}",
                           i ? "," : "", json_string(r.signatory), json_string(p.indicators[r.indicator].name), r.year,
                           r.establishments, r.targeted,
                           p.indicators[r.indicator].incentive < 0 || r.missing ? "null" : format_json(Value(r.incentive), money));
      }
      out += rollups.empty() ? "]" : "\n  ]";
    }
    return out + "\n}\n";
  }
  std::vector<std::string> header = {"entité", "indicateur", "année", "ciblé", "valeur", "unité", "cible", "atteint",
                                     "intéressement"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : results) {
    const IndicatorInfo& ind = p.indicators[r.indicator];
    Type vt = binding_type(ind, ind.value);
    Type tt = binding_type(ind, ind.target);
    if (format == Format::Csv) {
      rows.push_back({data.entities[r.entity], ind.name, std::to_string(r.year), r.targeted ? "oui" : "non",
                      format_cell(r.value, vt), unit_symbol(vt), format_cell(r.target, tt),
                      format_cell(r.achieved, Type::boolean()), format_cell(r.incentive, Type::number(Unit::Money))});
    } else {
      auto shown = [](const Value& v, const Type& t) { return v.absent() ? std::string("—") : format_french(v, t); };
      rows.push_back({data.entities[r.entity], ind.name, std::to_string(r.year), r.targeted ? "oui" : "non",
                      shown(r.value, vt), shown(r.target, tt), shown(r.achieved, Type::boolean()),
                      shown(r.incentive, Type::number(Unit::Money))});
    }
  }
  if (format == Format::Csv) return csv(header, rows);
  // Table: the results, then a summary per indicator (targeted establishments and incentive in total).
  header.erase(header.begin() + 5);  // the unit is written with each figure
  std::string out = text_table(header, rows);
  std::vector<std::vector<std::string>> summary;
  for (std::size_t i = 0; i < p.indicators.size(); ++i) {
    for (int y : years) {
      int targeted = 0, total = 0, missing = 0;
      Decimal paid;
      for (const auto& r : results) {
        if (r.indicator != static_cast<int>(i) || r.year != y) continue;
        ++total;
        targeted += r.targeted;
        if (r.incentive.is_number()) paid = paid + r.incentive.number();
        else if (r.targeted) ++missing;
      }
      // A total that silently skipped a targeted establishment's missing incentive would look complete.
      std::string amount = format_french(Value(paid), Type::number(Unit::Money));
      if (missing) amount = fmt::format("incomplet: {} + {} absent{} (données manquantes)", amount, missing, missing > 1 ? "s" : "");
      summary.push_back({p.indicators[i].name, std::to_string(y), fmt::format("{} / {}", targeted, total),
                         p.indicators[i].incentive >= 0 ? amount : "—"});
    }
  }
  out += "\n" + text_table({"indicateur", "année", "ciblés", "intéressement total"}, summary);
  if (!groups.empty()) {
    // Targeted establishments per indicator and group (the seed's tables: public/ESPIC, private, HAD).
    std::set<std::string> names(groups.begin(), groups.end());
    names.erase("");
    std::vector<std::string> header = {"indicateur", "année"};
    for (const auto& g : names) header.push_back("ciblés " + g);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < p.indicators.size(); ++i)
      for (int y : years) {
        std::map<std::string, int> count;
        for (const auto& r : results)
          if (r.indicator == static_cast<int>(i) && r.year == y && r.targeted) ++count[groups[r.entity]];
        std::vector<std::string> row = {p.indicators[i].name, std::to_string(y)};
        for (const auto& g : names) row.push_back(std::to_string(count[g]));
        rows.push_back(row);
      }
    out += "\n" + text_table(header, rows);
  }
  if (!signatories.empty()) {
    // Contracts are signed per legal entity (EJ) for public and ESPIC establishments, per site (EG) for private ones.
    std::vector<std::vector<std::string>> signed_rows;
    for (std::size_t i = 0; i < p.indicators.size(); ++i)
      for (int y : years) {
        std::set<std::string> entities;
        int sites = 0;
        for (const auto& r : rollups)
          if (r.indicator == static_cast<int>(i) && r.year == y && r.targeted > 0) {
            entities.insert(r.signatory);
            sites += r.targeted;
          }
        signed_rows.push_back({p.indicators[i].name, std::to_string(y), std::to_string(entities.size()), std::to_string(sites)});
      }
    out += "\n" + text_table({"indicateur", "année", "signataires ciblés", "établissements géographiques ciblés"}, signed_rows);
  }
  return out;
}

std::string render_indicators(const CheckedProgram& p, Format format) {
  if (format == Format::Json) {
    std::string out = fmt::format("{{\n  \"contract\": {},\n  \"indicators\": [", json_string(p.contract_name));
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
      const auto& ind = p.indicators[i];
      out += fmt::format(
          "{}\n    {{\"id\": {}, \"label\": {}, \"volet\": {}, \"level\": {}, \"source\": {}, \"reference\": {}, "
          "\"status\": {}, \"file\": {}}}",
          i ? "," : "", json_string(ind.name), json_string(ind.label), json_string(ind.volet),
          json_string(level_name(ind.level)), json_string(ind.source), json_string(ind.reference), json_string(ind.status),
          json_string(ind.decl->name_span.where()));
    }
    out += p.indicators.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& ind : p.indicators)
    rows.push_back({ind.name, ind.label, ind.volet, level_name(ind.level), ind.source, ind.status});
  std::vector<std::string> header = {"id", "libellé", "volet", "niveau", "source", "statut"};
  return format == Format::Csv ? csv(header, rows) : text_table(header, rows);
}

std::string render_schema(const CheckedProgram& p, Format format) {
  auto key = [](const TableInfo& t) {
    switch (t.kind) {
      case ast::TableKind::Entity: return "par établissement";
      case ast::TableKind::EntityYear: return "par établissement et année";
      case ast::TableKind::Rows: return "par ligne";
      case ast::TableKind::RowsYear: return "par ligne et année";
    }
    return "";
  };
  if (format == Format::Json) {
    std::string out = fmt::format("{{\n  \"contract\": {},\n  \"tables\": [", json_string(p.contract_name));
    for (std::size_t t = 0; t < p.tables.size(); ++t) {
      const auto& table = p.tables[t];
      out += fmt::format("{}\n    {{\"name\": {}, \"file\": {}, \"label\": {}, \"key\": {}, \"columns\": [", t ? "," : "",
                         json_string(table.name), json_string(table.name + ".csv"), json_string(table.label),
                         json_string(key(table)));
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const auto& col = table.columns[c];
        out += fmt::format("{}{{\"name\": {}, \"type\": {}, \"label\": {}}}", c ? ", " : "", json_string(col.name),
                           json_string(column_type_name(col.type)), json_string(col.label));
      }
      out += "]}";
    }
    out += p.tables.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& table : p.tables)
    for (const auto& col : table.columns)
      rows.push_back({table.name + ".csv", key(table), col.name, column_type_name(col.type), col.label});
  std::vector<std::string> header = {"fichier", "clé", "colonne", "type", "libellé"};
  if (format == Format::Csv) return csv(header, rows);
  std::string out = text_table(header, rows);
  out += "\nFichiers CSV séparés par ';' ou ',', en UTF-8 ou Latin-1; nombres avec virgule ou point décimal et espaces\n"
         "entre milliers; taux en pourcentage (45,2 ou 45,2 %); booléens oui/non; dates AAAA-MM-JJ ou JJ/MM/AAAA;\n"
         "cellule vide = donnée absente.\n";
  return out;
}

std::string render_functions() {
  std::string out;
  std::map<int, const char*> titles = {{0, "Agrégations des lignes d'une table, par établissement"},
                                       {1, "Statistiques sur la population des établissements"},
                                       {2, "Fonctions"}};
  for (int family = 0; family < 3; ++family) {
    out += fmt::format("{}\n", titles[family]);
    for (const auto& f : functions())
      if (static_cast<int>(f.family) == family) out += fmt::format("  {}\n      {}\n", f.signature, f.doc);
    out += "\n";
  }
  return out;
}

}  // namespace caqes
