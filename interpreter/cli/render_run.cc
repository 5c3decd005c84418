// Rendering of the results of `caqes run` as a table, CSV or JSON (see render_run.h).
#include "cli/render_run.h"

#include <fmt/format.h>

#include "cli/cli_messages.h"
#include "cli/json_value.h"
#include "cli/json_writer.h"
#include "cli/run_summary.h"
#include "eval/format.h"

namespace caqes {
namespace {

using namespace cli_messages;

Type money() {
  return Type::number(Unit::Money);
}

Type binding_type(const IndicatorInfo& info, int b) {
  return b < 0 ? Type::error() : info.binding_types[b];
}

std::string french_money(const Decimal& d) {
  return format_french(Value(d), money());
}
std::string cell_money(const Decimal& d) {
  return format_cell(Value(d), money());
}

std::string title(const MessageText& text, Language lang) {
  return Message(text).in(lang) + "\n";
}

// "—" in the table where the data name nobody (an entity juridique is not in the table of establishments).
std::string shown_name(const std::string& name) {
  return name.empty() ? "—" : name;
}

// The incentive of a total for people: the amount, "sans intéressement" when the indicator defines none, or
// "incomplet" with the number of targeted establishments whose incentive is absent.
std::string total_shown(bool pays, const Decimal& amount, int missing) {
  if (!pays) return "sans intéressement";
  std::string s = french_money(amount);
  if (missing) s = fmt::format("incomplet : {} + {} absent{} (données manquantes)", s, missing, missing > 1 ? "s" : "");
  return s;
}

// The same for CSV: the amount (empty when none or incomplete) and a note saying why.
std::pair<std::string, std::string> total_cells(bool pays, const Decimal& amount, int missing) {
  if (!pays) return {"", "sans intéressement"};
  if (missing)
    return {"", fmt::format("incomplet : {} + {} absent{}", cell_money(amount), missing, missing > 1 ? "s" : "")};
  return {cell_money(amount), ""};
}

// ---- The detail: one line per establishment × indicator × year ---------------------------------------------------

Cells detail_header(bool csv) {
  if (csv)
    return {"entité", "nom",   "indicateur", "libellé", "année",        "ciblé",
            "valeur", "unité", "cible",      "atteint", "intéressement"};
  return {"entité", "nom", "indicateur", "année", "ciblé", "valeur", "cible", "atteint", "intéressement"};
}

std::vector<Cells> detail_rows(const RunResults& run, const RunSummary& s, bool csv) {
  std::vector<Cells> rows;
  for (const auto& r : run.results) {
    const IndicatorInfo& ind = run.program.indicators[r.indicator];
    const std::string& entity = run.data.entities[r.entity];
    Type vt = binding_type(ind, ind.value);
    Type tt = binding_type(ind, ind.target);
    if (csv) {
      rows.push_back({spreadsheet_code(entity), spreadsheet_text(s.names[r.entity]), ind.name,
                      spreadsheet_text(ind.label), std::to_string(r.year), r.targeted ? "oui" : "non",
                      format_cell(r.value, vt), unit_symbol(vt), format_cell(r.target, tt),
                      format_cell(r.achieved, Type::boolean()), format_cell(r.incentive, money())});
    } else {
      auto shown = [](const Value& v, const Type& t) { return v.absent() ? std::string("—") : format_french(v, t); };
      rows.push_back({entity, shown_name(s.names[r.entity]), ind.name, std::to_string(r.year),
                      r.targeted ? "oui" : "non", shown(r.value, vt), shown(r.target, tt),
                      shown(r.achieved, Type::boolean()), shown(r.incentive, money())});
    }
  }
  return rows;
}

// ---- The summaries --------------------------------------------------------------------------------------------------

std::string summary_table(const RunResults& run, const RunSummary& s) {
  const CheckedProgram& p = run.program;
  std::vector<Cells> rows;
  for (const auto& x : s.indicators) {
    const IndicatorInfo& ind = p.indicators[x.indicator];
    rows.push_back({ind.name, std::to_string(x.year), fmt::format("{} / {}", x.targeted, x.establishments),
                    x.has_target ? std::to_string(x.reached) : "sans cible",
                    total_shown(x.pays, x.incentive, x.missing), ind.label});
  }
  return text_table({"indicateur", "année", "ciblés", "atteints", "intéressement total", "libellé"}, rows);
}

Cells summary_csv_header(const RunSummary& s) {
  Cells h = {"indicateur", "libellé", "année", "établissements", "ciblés", "atteints", "intéressement total", "note"};
  for (const auto& g : s.group_names) h.push_back("ciblés " + g);
  return h;
}

std::vector<Cells> summary_csv_rows(const RunResults& run, const RunSummary& s) {
  std::vector<Cells> rows;
  for (const auto& x : s.indicators) {
    const IndicatorInfo& ind = run.program.indicators[x.indicator];
    auto [amount, note] = total_cells(x.pays, x.incentive, x.missing);
    Cells row = {ind.name,
                 spreadsheet_text(ind.label),
                 std::to_string(x.year),
                 std::to_string(x.establishments),
                 std::to_string(x.targeted),
                 x.has_target ? std::to_string(x.reached) : "",
                 amount,
                 x.has_target ? note : (note.empty() ? "sans cible" : note + " ; sans cible")};
    for (const auto& g : s.group_names) row.push_back(std::to_string(x.targeted_by_group.at(g)));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Targeted establishments per indicator and group (the seed's tables: public/ESPIC, private, HAD).
std::string groups_table(const RunResults& run, const RunSummary& s) {
  Cells header = {"indicateur", "année"};
  for (const auto& g : s.group_names) header.push_back("ciblés " + g);
  std::vector<Cells> rows;
  for (const auto& x : s.indicators) {
    Cells row = {run.program.indicators[x.indicator].name, std::to_string(x.year)};
    for (const auto& g : s.group_names) row.push_back(std::to_string(x.targeted_by_group.at(g)));
    rows.push_back(std::move(row));
  }
  return text_table(header, rows);
}

// Contracts are signed per legal entity (EJ) for public and ESPIC establishments, per site (EG) for private ones.
std::string signatories_table(const RunResults& run, const RunSummary& s) {
  std::vector<Cells> rows;
  for (const auto& x : s.indicators) {
    int entities = 0, sites = 0;
    for (const auto& l : s.signatory_lines)
      if (l.indicator == x.indicator && l.year == x.year && l.targeted > 0) {
        ++entities;
        sites += l.targeted;
      }
    rows.push_back({run.program.indicators[x.indicator].name, std::to_string(x.year), std::to_string(entities),
                    std::to_string(sites)});
  }
  return text_table({"indicateur", "année", "signataires ciblés", "établissements géographiques ciblés"}, rows);
}

// ---- Per signing entity ------------------------------------------------------------------------------------------

Cells notified_header(bool csv) {
  if (csv)
    return {"signataire", "nom", "année", "établissements", "ciblages (EG × indicateur)", "montant notifié", "note"};
  return {"signataire", "nom", "année", "établissements", "ciblages (EG × indicateur)", "montant notifié"};
}

std::vector<Cells> notified_rows(const RunSummary& s, bool csv) {
  std::vector<Cells> rows;
  for (const auto& t : s.signatory_totals) {
    if (csv) {
      auto [amount, note] = total_cells(true, t.incentive, t.missing);
      rows.push_back({spreadsheet_code(t.signatory), spreadsheet_text(t.name), std::to_string(t.year),
                      std::to_string(t.establishments), std::to_string(t.targeted_lines), amount, note});
    } else {
      rows.push_back({t.signatory, shown_name(t.name), std::to_string(t.year), std::to_string(t.establishments),
                      std::to_string(t.targeted_lines), total_shown(true, t.incentive, t.missing)});
    }
  }
  return rows;
}

Cells signatory_lines_header(bool csv) {
  if (csv) return {"signataire", "indicateur", "année", "établissements", "ciblés", "intéressement", "note"};
  return {"signataire", "indicateur", "année", "établissements", "ciblés", "intéressement"};
}

std::vector<Cells> signatory_lines_rows(const RunResults& run, const RunSummary& s, bool csv) {
  std::vector<Cells> rows;
  for (const auto& l : s.signatory_lines) {
    bool pays = run.program.indicators[l.indicator].incentive >= 0;
    const std::string& name = run.program.indicators[l.indicator].name;
    if (csv) {
      auto [amount, note] = total_cells(pays, l.incentive, l.missing);
      rows.push_back({spreadsheet_code(l.signatory), name, std::to_string(l.year), std::to_string(l.establishments),
                      std::to_string(l.targeted), amount, note});
    } else {
      rows.push_back({l.signatory, name, std::to_string(l.year), std::to_string(l.establishments),
                      std::to_string(l.targeted), total_shown(pays, l.incentive, l.missing)});
    }
  }
  return rows;
}

// ---- The manifest ------------------------------------------------------------------------------------------------

std::string years_text(const std::vector<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

Json manifest_json(const Manifest& m) {
  Json files = Json::array(), data = Json::array(), options = Json::object();
  for (const auto& f : m.rules) files.push_back(Json{{"path", f.path}, {"sha256", f.sha256}});
  for (const auto& f : m.data) data.push_back(Json{{"path", f.path}, {"sha256", f.sha256}});
  for (const auto& [k, v] : m.options) options[k] = v;
  return Json{{"tool", m.tool}, {"version", m.version}, {"contract", m.contract}, {"label", m.contract_label},
              {"rules", files}, {"data", data},         {"years", m.years},       {"options", options},
              {"date", m.date}};
}

// ---- JSON --------------------------------------------------------------------------------------------------------

Json result_json(const RunResults& run, const RunSummary& s, const IndicatorResult& r) {
  const IndicatorInfo& ind = run.program.indicators[r.indicator];
  Type vt = binding_type(ind, ind.value);
  return Json{{"entity", run.data.entities[r.entity]},
              {"name", s.names[r.entity]},
              {"indicator", ind.name},
              {"label", ind.label},
              {"year", r.year},
              {"targeted", r.targeted},
              {"value", json_value(r.value, vt)},
              {"unit", unit_symbol(vt)},
              {"target", json_value(r.target, binding_type(ind, ind.target))},
              {"achieved", json_value(r.achieved, Type::boolean())},
              {"incentive", json_value(r.incentive, money())}};
}

Json money_or_null(bool known, const Decimal& d) {
  return known ? json_value(Value(d), money()) : Json(nullptr);
}

std::string results_json(const RunResults& run, const RunSummary& s) {
  const CheckedProgram& p = run.program;
  Json doc = Json::object();
  doc["contract"] = p.contract_name;
  doc["year"] = run.single_year ? Json(run.years.front()) : Json(nullptr);
  doc["years"] = run.years;
  Json results = Json::array();
  for (const auto& r : run.results) results.push_back(result_json(run, s, r));
  doc["results"] = std::move(results);
  Json summary = Json::array();
  for (const auto& x : s.indicators) {
    Json groups = Json::object();
    for (const auto& [g, n] : x.targeted_by_group) groups[g] = n;
    summary.push_back(Json{{"indicator", p.indicators[x.indicator].name},
                           {"label", p.indicators[x.indicator].label},
                           {"year", x.year},
                           {"establishments", x.establishments},
                           {"targeted", x.targeted},
                           {"achieved", x.has_target ? Json(x.reached) : Json(nullptr)},
                           {"incentive", money_or_null(x.pays, x.incentive)},
                           {"incentive_missing", x.missing},
                           {"targeted_by_group", groups}});
  }
  doc["summary"] = std::move(summary);
  if (!run.signatories.empty()) {
    Json lines = Json::array();
    for (const auto& l : s.signatory_lines) {
      bool pays = p.indicators[l.indicator].incentive >= 0;
      lines.push_back(Json{{"signatory", l.signatory},
                           {"indicator", p.indicators[l.indicator].name},
                           {"year", l.year},
                           {"establishments", l.establishments},
                           {"targeted", l.targeted},
                           {"incentive", money_or_null(pays && !l.missing, l.incentive)}});
    }
    doc["signatories"] = std::move(lines);
    Json totals = Json::array();
    for (const auto& t : s.signatory_totals)
      totals.push_back(Json{{"signatory", t.signatory},
                            {"name", t.name},
                            {"year", t.year},
                            {"establishments", t.establishments},
                            {"targeted", t.targeted_lines},
                            {"notified", money_or_null(!t.missing, t.incentive)},
                            {"incentive_missing", t.missing}});
    doc["signatory_totals"] = std::move(totals);
  }
  doc["manifest"] = manifest_json(run.manifest);
  return write_json(doc);
}

// ---- The table ---------------------------------------------------------------------------------------------------

std::string results_table(const RunResults& run, const RunSummary& s, const RunOutputOptions& o) {
  Language lang = o.language;
  std::string out = title(kSectionSummary, lang) + summary_table(run, s);
  if (!s.group_names.empty()) out += "\n" + title(kSectionGroups, lang) + groups_table(run, s);
  if (!run.signatories.empty()) out += "\n" + title(kSectionSignatories, lang) + signatories_table(run, s);
  if (o.by_signatory) {
    out += "\n" + title(kSectionNotified, lang) + text_table(notified_header(false), notified_rows(s, false));
    out += "\n" + title(kSectionSignatoryLines, lang) +
           text_table(signatory_lines_header(false), signatory_lines_rows(run, s, false));
  }
  if (o.detail)
    out += "\n" + title(kSectionDetail, lang) + text_table(detail_header(false), detail_rows(run, s, false));
  if (!o.detail || (!o.by_signatory && !run.signatories.empty())) out += "\n(" + Message(kMoreHint).in(lang) + ")\n";
  std::vector<Cells> manifest = manifest_rows(run.manifest);
  out += "\n" + title(kSectionManifest, lang) + text_table({"rubrique", "nom", "valeur"}, manifest);
  return out;
}

// ---- CSV ---------------------------------------------------------------------------------------------------------

bool encode_csv(const std::string& text, const RunOutputOptions& o, std::string& out, Message& error) {
  if (o.encoding == Encoding::Windows1252) {
    std::string character, context;
    if (!to_windows_1252(text, out, character, context)) {
      // The code point of the character, for the message: its first byte's bits, then six per following byte.
      std::size_t n = character.size();
      unsigned char lead = static_cast<unsigned char>(character[0]);
      char32_t code = n == 1 ? lead : n == 2 ? (lead & 0x1F) : n == 3 ? (lead & 0x0F) : (lead & 0x07);
      for (std::size_t i = 1; i < n; ++i) code = (code << 6) | (static_cast<unsigned char>(character[i]) & 0x3F);
      error = Message(kNotInWindows1252, character, fmt::format("U+{:04X}", static_cast<unsigned>(code)), context);
      return false;
    }
    return true;
  }
  out = (o.encoding == Encoding::Utf8 && o.to_file ? kUtf8Bom : "") + text;
  return true;
}

}  // namespace

std::vector<Cells> manifest_rows(const Manifest& m) {
  std::vector<Cells> rows = {{"outil", m.tool, m.version}, {"contrat", m.contract, m.contract_label}};
  for (const auto& f : m.rules) rows.push_back({"règles", f.path, "sha256:" + f.sha256});
  for (const auto& f : m.data) rows.push_back({"données", f.path, "sha256:" + f.sha256});
  rows.push_back({"années", "", years_text(m.years)});
  for (const auto& [k, v] : m.options) rows.push_back({"option", k, v});
  rows.push_back({"date", "UTC", m.date});
  return rows;
}

bool render_results(const RunResults& run, const RunOutputOptions& o, RenderedRun& out, Message& error) {
  RunSummary s = summarise(run);
  out = RenderedRun();
  if (o.format == Format::Json) {
    out.main = results_json(run, s);
    return true;
  }
  if (o.format != Format::Csv) {
    out.main = results_table(run, s, o);
    return true;
  }
  std::string main = o.by_signatory && !run.signatories.empty()
                         ? csv_table(signatory_lines_header(true), signatory_lines_rows(run, s, true))
                         : csv_table(detail_header(true), detail_rows(run, s, true));
  if (!encode_csv(main, o, out.main, error)) return false;
  if (!o.to_file) return true;
  std::vector<std::pair<std::string, std::string>> companions = {
      {"-synthese", csv_table(summary_csv_header(s), summary_csv_rows(run, s))}};
  if (!run.signatories.empty()) {
    companions.push_back({"-signataires", csv_table(notified_header(true), notified_rows(s, true))});
    companions.push_back(
        {"-signataires-detail", csv_table(signatory_lines_header(true), signatory_lines_rows(run, s, true))});
  }
  std::vector<Cells> manifest = manifest_rows(run.manifest);
  for (auto& row : manifest) {
    row[1] = spreadsheet_text(row[1]);
    row[2] = spreadsheet_text(row[2]);
  }
  companions.push_back({"-manifeste", csv_table({"rubrique", "nom", "valeur"}, manifest)});
  for (auto& [suffix, text] : companions) {
    std::string bytes;
    if (!encode_csv(text, o, bytes, error)) return false;
    out.companions.push_back({suffix, std::move(bytes)});
  }
  return true;
}

}  // namespace caqes
