// Rendering of the semantic diff and of its impact on data (see render_diff.h). Amounts are written in French.
#include "cli/render_diff.h"

#include <fmt/format.h>

#include "cli/json_writer.h"
#include "eval/format.h"

namespace caqes {
namespace {

const char* sign(RuleChange::Kind k) {
  switch (k) {
    case RuleChange::Kind::Added: return "+";
    case RuleChange::Kind::Removed: return "-";
    case RuleChange::Kind::Changed: return "~";
    case RuleChange::Kind::Affected: return "!";
  }
  return "?";
}

const char* kind_word(RuleChange::Kind k) {
  switch (k) {
    case RuleChange::Kind::Added: return "ajouté";
    case RuleChange::Kind::Removed: return "retiré";
    case RuleChange::Kind::Changed: return "modifié";
    case RuleChange::Kind::Affected: return "affecté";
  }
  return "";
}

std::string euros(const Decimal& d) { return format_french(Value(d), Type::number(Unit::Money)); }

std::string entity_year(const EntityYear& e) { return fmt::format("{} ({})", e.entity, e.year); }

// The incentive totals of an indicator: empty when neither version pays one.
struct Totals {
  std::string old_total, new_total, difference;
};

Totals totals(const IndicatorImpact& i) {
  if (!i.pays) return {};
  return {euros(i.old_total), euros(i.new_total), euros(i.new_total - i.old_total)};
}

std::string payment_line(const PaymentChange& p) {
  return fmt::format("{} ({}): {} → {} ({})", p.entity, p.year, euros(p.old_amount), euros(p.new_amount),
                     euros(p.new_amount - p.old_amount));
}

std::string years_list(const std::vector<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

std::string change_text(const RuleChange& c, bool color) {
  std::string head = fmt::format("{} {} {} {}", sign(c.kind), c.what, c.name, kind_word(c.kind));
  if (!c.label.empty()) head += " « " + c.label + " »";
  if (color) {
    const char* code = c.kind == RuleChange::Kind::Added ? "\033[32m" : c.kind == RuleChange::Kind::Removed ? "\033[31m" : "\033[33m";
    head = code + head + "\033[0m";
  }
  std::string out = head + "\n";
  if (c.kind == RuleChange::Kind::Changed) {
    for (const auto& [o, n] : c.thresholds) out += fmt::format("    seuil: {} → {}\n", o, n);
    out += fmt::format("    avant{}: {}\n", c.old_where.empty() ? "" : " (" + c.old_where + ")", c.old_text);
    out += fmt::format("    après{}: {}\n", c.new_where.empty() ? "" : " (" + c.new_where + ")", c.new_text);
  } else if (c.kind == RuleChange::Kind::Added) {
    if (!c.new_text.empty()) out += "    " + c.new_text + "\n";
    if (!c.new_where.empty()) out += "    (" + c.new_where + ")\n";
  } else if (c.kind == RuleChange::Kind::Removed) {
    if (!c.old_text.empty()) out += "    " + c.old_text + "\n";
    if (!c.old_where.empty()) out += "    (" + c.old_where + ")\n";
  } else {
    out += fmt::format("    {} ({}): {}\n", c.note, c.new_where, c.new_text);
  }
  return out;
}

std::string impact_text(const DataImpact& impact) {
  std::string out = fmt::format("\nimpact sur les données ({}):\n", years_list(impact.years));
  for (const auto& i : impact.indicators) {
    out += fmt::format("  {}{}: ciblés {} → {}", i.indicator, !i.in_old ? " (ajouté)" : !i.in_new ? " (retiré)" : "",
                       i.old_targeted, i.new_targeted);
    Totals t = totals(i);
    if (i.pays) out += fmt::format("; intéressement {} → {} ({})", t.old_total, t.new_total, t.difference);
    out += "\n";
    for (const auto& e : i.entering) out += "      entre dans le ciblage: " + entity_year(e) + "\n";
    for (const auto& e : i.leaving) out += "      sort du ciblage: " + entity_year(e) + "\n";
    for (const auto& p : i.payments) out += "      " + payment_line(p) + "\n";
  }
  out += fmt::format("  total des intéressements: {} → {} ({})\n", euros(impact.total_old), euros(impact.total_new),
                     euros(impact.total_new - impact.total_old));
  return out;
}

std::string change_markdown(const RuleChange& c) {
  std::string out = fmt::format("- **{} {}** `{}`{}\n", kind_word(c.kind), c.what, c.name, c.label.empty() ? "" : " — " + c.label);
  if (c.kind == RuleChange::Kind::Changed) {
    for (const auto& [o, n] : c.thresholds) out += fmt::format("  - seuil: `{}` → `{}`\n", o, n);
    out += fmt::format("  - avant{}: `{}`\n", c.old_where.empty() ? "" : " (" + c.old_where + ")", c.old_text);
    out += fmt::format("  - après{}: `{}`\n", c.new_where.empty() ? "" : " (" + c.new_where + ")", c.new_text);
  } else if (c.kind == RuleChange::Kind::Affected) {
    out += fmt::format("  - {} ({}): `{}`\n", c.note, c.new_where, c.new_text);
  } else if (!c.old_text.empty() || !c.new_text.empty()) {
    out += fmt::format("  - `{}` ({})\n", c.kind == RuleChange::Kind::Added ? c.new_text : c.old_text,
                       c.kind == RuleChange::Kind::Added ? c.new_where : c.old_where);
  } else {
    out += fmt::format("  - {}\n", c.kind == RuleChange::Kind::Added ? c.new_where : c.old_where);
  }
  return out;
}

std::string impact_markdown(const DataImpact& impact) {
  std::string out =
      "\n### Impact sur les données\n\n| indicateur | ciblés avant | ciblés après | entrent | sortent | intéressement avant | après | écart |\n";
  out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& i : impact.indicators) {
    Totals t = totals(i);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", i.indicator, i.old_targeted, i.new_targeted,
                       i.entering.size(), i.leaving.size(), t.old_total, t.new_total, t.difference);
  }
  out += fmt::format("| **total** | | | | | {} | {} | {} |\n", euros(impact.total_old), euros(impact.total_new),
                     euros(impact.total_new - impact.total_old));
  for (const auto& i : impact.indicators) {
    if (i.entering.empty() && i.leaving.empty() && i.payments.empty()) continue;
    out += fmt::format("\n#### {}\n\n", i.indicator);
    for (const auto& e : i.entering) out += "- entre dans le ciblage: " + entity_year(e) + "\n";
    for (const auto& e : i.leaving) out += "- sort du ciblage: " + entity_year(e) + "\n";
    for (const auto& p : i.payments) out += "- " + payment_line(p) + "\n";
  }
  return out;
}

Json change_json(const RuleChange& c) {
  Json thresholds = Json::array();
  for (const auto& [o, n] : c.thresholds) thresholds.push_back(Json{{"old", o}, {"new", n}});
  return Json{{"kind", kind_word(c.kind)}, {"what", c.what},           {"name", c.name},
              {"label", c.label},          {"old", c.old_text},        {"new", c.new_text},
              {"old_where", c.old_where},  {"new_where", c.new_where}, {"thresholds", std::move(thresholds)},
              {"note", c.note}};
}

Json entity_years_json(const std::vector<EntityYear>& list) {
  Json out = Json::array();
  for (const auto& e : list) out.push_back(entity_year(e));
  return out;
}

Json indicator_impact_json(const IndicatorImpact& i) {
  Json payments = Json::array();
  for (const auto& p : i.payments)
    payments.push_back(Json{{"entity", p.entity},
                            {"year", p.year},
                            {"old", euros(p.old_amount)},
                            {"new", euros(p.new_amount)},
                            {"difference", euros(p.new_amount - p.old_amount)}});
  Totals t = totals(i);
  return Json{{"indicator", i.indicator},
              {"old_targeted", i.old_targeted},
              {"new_targeted", i.new_targeted},
              {"entering", entity_years_json(i.entering)},
              {"leaving", entity_years_json(i.leaving)},
              {"old_total", t.old_total},
              {"new_total", t.new_total},
              {"difference", t.difference},
              {"payments", std::move(payments)}};
}

}  // namespace

std::string render_diff_text(const DiffReport& r, const OutputContext& context) {
  std::string out = fmt::format("{} ({}) → {} ({})\n", r.old_name, r.old_path, r.new_name, r.new_path);
  if (r.changes.empty()) out += "aucune différence: les deux versions sont équivalentes\n";
  for (const auto& c : r.changes) out += change_text(c, context.color_stdout);
  if (r.impact) out += impact_text(*r.impact);
  return out;
}

std::string render_diff_markdown(const DiffReport& r) {
  std::string out = fmt::format("## `{}` → `{}`\n\n", r.old_name, r.new_name);
  if (r.changes.empty()) out += "Aucune différence: les deux versions sont équivalentes.\n";
  for (const auto& c : r.changes) out += change_markdown(c);
  if (r.impact) out += impact_markdown(*r.impact);
  return out;
}

std::string render_diff_json(const DiffReport& r) {
  Json doc = Json::object();
  doc["old"] = r.old_name;
  doc["new"] = r.new_name;
  doc["equivalent"] = r.changes.empty();
  Json changes = Json::array();
  for (const auto& c : r.changes) changes.push_back(change_json(c));
  doc["changes"] = std::move(changes);
  if (r.impact) {
    Json impact = Json::array();
    for (const auto& i : r.impact->indicators) impact.push_back(indicator_impact_json(i));
    doc["impact"] = std::move(impact);
    doc["total_old"] = euros(r.impact->total_old);
    doc["total_new"] = euros(r.impact->total_new);
    doc["total_difference"] = euros(r.impact->total_new - r.impact->total_old);
  }
  // The names of the versions and the totals are short: each group shares a line.
  JsonLayout layout{{{"old", "new", "equivalent"}, {"total_old", "total_new", "total_difference"}}, {"impact"}};
  return write_json(doc, layout);
}

}  // namespace caqes
