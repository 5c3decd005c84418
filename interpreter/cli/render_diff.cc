// Rendering of the semantic diff and of its impact on data (see render_diff.h). Amounts are written in French.
#include "cli/render_diff.h"

#include <fmt/format.h>

#include "cli/diff_messages.h"
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

std::string kind_words(RuleChange::Kind k, Language lang) {
  using namespace diff_messages;
  switch (k) {
    case RuleChange::Kind::Added: return Message(kAdded).in(lang);
    case RuleChange::Kind::Removed: return Message(kRemoved).in(lang);
    case RuleChange::Kind::Changed: return Message(kChanged).in(lang);
    case RuleChange::Kind::Affected: return Message(kAffected).in(lang);
  }
  return "";
}

// The role of a changed number, as JSON gives it and as the text names it.
const char* role_key(NumberChange::Role r) {
  switch (r) {
    case NumberChange::Role::Threshold: return "threshold";
    case NumberChange::Role::Target: return "target";
    case NumberChange::Role::Rate: return "rate";
    case NumberChange::Role::Amount: return "amount";
    case NumberChange::Role::Number: return "value";
  }
  return "";
}

std::string role_words(NumberChange::Role r, Language lang) {
  using namespace diff_messages;
  switch (r) {
    case NumberChange::Role::Threshold: return Message(kThreshold).in(lang);
    case NumberChange::Role::Target: return Message(kTarget).in(lang);
    case NumberChange::Role::Rate: return Message(kRate).in(lang);
    case NumberChange::Role::Amount: return Message(kAmount).in(lang);
    case NumberChange::Role::Number: return Message(kNumber).in(lang);
  }
  return "";
}

// "seuil: 20 000 € → 25 000 €", "taux pour 2023: 30 % → 20 %", with the numbers quoted by `quote` (Markdown).
std::string number_line(const NumberChange& n, Language lang, const char* quote = "") {
  using namespace diff_messages;
  std::string o = quote + n.old_text + quote, x = quote + n.new_text + quote;
  return n.years.empty() ? Message(kNumberChange, role_words(n.role, lang), o, x).in(lang)
                         : Message(kNumberChangeForYears, role_words(n.role, lang), o, x, n.years).in(lang);
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

// An incentive as a reviewer reads it: the amount, or why there is none.
std::string incentive_text(const Decimal& amount, Absence why, Language lang) {
  using namespace diff_messages;
  switch (why) {
    case Absence::None: return euros(amount);
    case Absence::NotTargeted: return Message(kNotTargeted).in(lang);
    case Absence::MissingData: return Message(kMissingData).in(lang);
    case Absence::NoIndicator: return Message(kNoSuchIndicator).in(lang);
  }
  return "";
}

// "FINESS (year): before → after (difference)"; no difference beside an incentive absent for want of data, whose
// amount is not known.
std::string payment_line(const PaymentChange& p, Language lang) {
  std::string line = fmt::format("{} ({}): {} → {}", p.entity, p.year, incentive_text(p.old_amount, p.old_absence, lang),
                                 incentive_text(p.new_amount, p.new_absence, lang));
  if (p.old_absence != Absence::MissingData && p.new_absence != Absence::MissingData)
    line += " (" + euros(p.new_amount - p.old_amount) + ")";
  return line;
}

std::string years_list(const std::vector<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

std::string where_suffix(const std::string& where) { return where.empty() ? "" : " (" + where + ")"; }

std::string change_text(const RuleChange& c, bool color, Language lang) {
  using namespace diff_messages;
  std::string head = fmt::format("{} {} {} {}", sign(c.kind), c.what, c.name, kind_words(c.kind, lang));
  if (!c.label.empty()) head += " « " + c.label + " »";
  if (color) {
    const char* code = c.kind == RuleChange::Kind::Added ? "\033[32m" : c.kind == RuleChange::Kind::Removed ? "\033[31m" : "\033[33m";
    head = code + head + "\033[0m";
  }
  std::string out = head + "\n";
  if (c.kind == RuleChange::Kind::Changed) {
    for (const auto& n : c.thresholds) out += "    " + number_line(n, lang) + "\n";
    out += "    " + Message(kBefore, where_suffix(c.old_where), c.old_text).in(lang) + "\n";
    out += "    " + Message(kAfter, where_suffix(c.new_where), c.new_text).in(lang) + "\n";
  } else if (c.kind == RuleChange::Kind::Added) {
    if (!c.new_text.empty()) out += "    " + c.new_text + "\n";
    if (!c.new_where.empty()) out += "    (" + c.new_where + ")\n";
  } else if (c.kind == RuleChange::Kind::Removed) {
    if (!c.old_text.empty()) out += "    " + c.old_text + "\n";
    if (!c.old_where.empty()) out += "    (" + c.old_where + ")\n";
  } else {
    out += fmt::format("    {} ({}): {}\n", Message(kSameFormulaUses, c.uses).in(lang), c.new_where, c.new_text);
  }
  return out;
}

// The names of the indicators the change leaves as they were, on data.
std::string unchanged_indicators(const DataImpact& impact) {
  std::string names;
  for (const auto& i : impact.indicators)
    if (!i.changed()) names += (names.empty() ? "" : ", ") + i.indicator;
  return names;
}

std::string indicator_line(const IndicatorImpact& i, std::size_t years, Language lang) {
  using namespace diff_messages;
  std::string out = i.indicator;
  if (!i.in_old) out += Message(kIndicatorAdded).in(lang);
  if (!i.in_new) out += Message(kIndicatorRemoved).in(lang);
  out += ": " + Message(kTargetedEstablishments, i.old_targeted, i.new_targeted).in(lang);
  if (years > 1) out += Message(kTargetedEstablishmentYears, i.old_targeted_years, i.new_targeted_years).in(lang);
  Totals t = totals(i);
  if (i.pays) out += Message(kIncentiveTotals, t.old_total, t.new_total, t.difference).in(lang);
  return out;
}

std::string impact_text(const DataImpact& impact, Language lang) {
  using namespace diff_messages;
  std::string out = "\n" + Message(kImpactHeading, years_list(impact.years)).in(lang) + "\n";
  for (const auto& i : impact.indicators) {
    if (!i.changed()) continue;
    out += "  " + indicator_line(i, impact.years.size(), lang) + "\n";
    if (i.old_missing || i.new_missing)
      out += "      " + Message(kIncentiveMissing, i.old_missing, i.new_missing).in(lang) + "\n";
    for (const auto& e : i.entering) out += "      " + Message(kEntering, entity_year(e)).in(lang) + "\n";
    for (const auto& e : i.leaving) out += "      " + Message(kLeaving, entity_year(e)).in(lang) + "\n";
    for (const auto& p : i.payments) out += "      " + payment_line(p, lang) + "\n";
  }
  if (std::string same = unchanged_indicators(impact); !same.empty())
    out += "  " + Message(kUnchanged, same).in(lang) + "\n";
  out += "  " + Message(kTotalIncentives, euros(impact.total_old), euros(impact.total_new),
                        euros(impact.total_new - impact.total_old)).in(lang) + "\n";
  return out;
}

std::string change_markdown(const RuleChange& c, Language lang) {
  using namespace diff_messages;
  std::string out = fmt::format("- **{} {}** `{}`{}\n", kind_words(c.kind, lang), c.what, c.name,
                                c.label.empty() ? "" : " — " + c.label);
  if (c.kind == RuleChange::Kind::Changed) {
    for (const auto& n : c.thresholds) out += "  - " + number_line(n, lang, "`") + "\n";
    out += "  - " + Message(kBefore, where_suffix(c.old_where), "`" + c.old_text + "`").in(lang) + "\n";
    out += "  - " + Message(kAfter, where_suffix(c.new_where), "`" + c.new_text + "`").in(lang) + "\n";
  } else if (c.kind == RuleChange::Kind::Affected) {
    out += fmt::format("  - {} ({}): `{}`\n", Message(kSameFormulaUses, c.uses).in(lang), c.new_where, c.new_text);
  } else if (!c.old_text.empty() || !c.new_text.empty()) {
    out += fmt::format("  - `{}` ({})\n", c.kind == RuleChange::Kind::Added ? c.new_text : c.old_text,
                       c.kind == RuleChange::Kind::Added ? c.new_where : c.old_where);
  } else {
    out += fmt::format("  - {}\n", c.kind == RuleChange::Kind::Added ? c.new_where : c.old_where);
  }
  return out;
}

std::string impact_markdown(const DataImpact& impact, Language lang) {
  using namespace diff_messages;
  std::string out = "\n### " + Message(kImpactTitle).in(lang) + "\n\n" + Message(kImpactTableHeader).in(lang) + "\n";
  out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& i : impact.indicators) {
    if (!i.changed()) continue;
    Totals t = totals(i);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", i.indicator, i.old_targeted, i.new_targeted,
                       i.entering.size(), i.leaving.size(), t.old_total, t.new_total, t.difference);
  }
  out += fmt::format("| **total** | | | | | {} | {} | {} |\n", euros(impact.total_old), euros(impact.total_new),
                     euros(impact.total_new - impact.total_old));
  if (std::string same = unchanged_indicators(impact); !same.empty())
    out += "\n" + Message(kUnchanged, same).in(lang) + "\n";
  for (const auto& i : impact.indicators) {
    bool details = !i.entering.empty() || !i.leaving.empty() || !i.payments.empty() || i.old_missing || i.new_missing;
    if (!details) continue;
    out += fmt::format("\n#### {}\n\n", i.indicator);
    if (i.old_missing || i.new_missing)
      out += "- " + Message(kIncentiveMissing, i.old_missing, i.new_missing).in(lang) + "\n";
    for (const auto& e : i.entering) out += "- " + Message(kEntering, entity_year(e)).in(lang) + "\n";
    for (const auto& e : i.leaving) out += "- " + Message(kLeaving, entity_year(e)).in(lang) + "\n";
    for (const auto& p : i.payments) out += "- " + payment_line(p, lang) + "\n";
  }
  return out;
}

const char* absence_key(Absence a) {
  switch (a) {
    case Absence::None: return nullptr;
    case Absence::NotTargeted: return "not_targeted";
    case Absence::MissingData: return "missing_data";
    case Absence::NoIndicator: return "no_indicator";
  }
  return nullptr;
}

Json change_json(const RuleChange& c) {
  Json thresholds = Json::array();
  for (const auto& n : c.thresholds) {
    Json item{{"old", n.old_text}, {"new", n.new_text}, {"role", role_key(n.role)}};
    if (!n.years.empty()) item["years"] = n.years;
    thresholds.push_back(std::move(item));
  }
  return Json{{"kind", change_kind_word(c.kind)}, {"what", c.what},           {"name", c.name},
              {"label", c.label},          {"old", c.old_text},        {"new", c.new_text},
              {"old_where", c.old_where},  {"new_where", c.new_where}, {"thresholds", std::move(thresholds)},
              {"note", c.note}};
}

Json entity_years_json(const std::vector<EntityYear>& list) {
  Json out = Json::array();
  for (const auto& e : list) out.push_back(entity_year(e));
  return out;
}

// An amount, with the reason beside it when there is no figure ("old_absent": "missing_data"): 0 € for an
// establishment not targeted (what `caqes run` reports), null when the amount is not known.
void incentive_json(Json& out, const char* key, const Decimal& amount, Absence why) {
  const char* reason = absence_key(why);
  if (reason && why != Absence::NotTargeted) out[key] = nullptr;
  else out[key] = euros(amount);
  if (reason) out[std::string(key) + "_absent"] = reason;
}

Json indicator_impact_json(const IndicatorImpact& i) {
  Json payments = Json::array();
  for (const auto& p : i.payments) {
    Json item{{"entity", p.entity}, {"year", p.year}};
    incentive_json(item, "old", p.old_amount, p.old_absence);
    incentive_json(item, "new", p.new_amount, p.new_absence);
    item["difference"] = euros(p.new_amount - p.old_amount);
    payments.push_back(std::move(item));
  }
  Totals t = totals(i);
  return Json{{"indicator", i.indicator},
              {"old_targeted", i.old_targeted},
              {"new_targeted", i.new_targeted},
              {"old_targeted_years", i.old_targeted_years},
              {"new_targeted_years", i.new_targeted_years},
              {"entering", entity_years_json(i.entering)},
              {"leaving", entity_years_json(i.leaving)},
              {"old_total", t.old_total},
              {"new_total", t.new_total},
              {"difference", t.difference},
              {"old_missing", i.old_missing},
              {"new_missing", i.new_missing},
              {"payments", std::move(payments)}};
}

}  // namespace

std::string render_diff_text(const DiffReport& r, const OutputContext& context) {
  std::string out = fmt::format("{} ({}) → {} ({})\n", r.old_name, r.old_path, r.new_name, r.new_path);
  if (r.changes.empty()) out += Message(diff_messages::kNoDifference).in(context.language) + "\n";
  for (const auto& c : r.changes) out += change_text(c, context.color_stdout, context.language);
  if (r.impact) out += impact_text(*r.impact, context.language);
  return out;
}

std::string render_diff_markdown(const DiffReport& r, Language lang) {
  std::string out = fmt::format("## `{}` → `{}`\n\n", r.old_name, r.new_name);
  if (r.changes.empty()) out += Message(diff_messages::kNoDifferenceSentence).in(lang) + "\n";
  for (const auto& c : r.changes) out += change_markdown(c, lang);
  if (r.impact) out += impact_markdown(*r.impact, lang);
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
    // Only what changes, as in the text; the indicators left as they were are named.
    Json unchanged = Json::array();
    for (const auto& i : r.impact->indicators) {
      if (i.changed()) impact.push_back(indicator_impact_json(i));
      else unchanged.push_back(i.indicator);
    }
    doc["impact"] = std::move(impact);
    doc["unchanged"] = std::move(unchanged);
    doc["total_old"] = euros(r.impact->total_old);
    doc["total_new"] = euros(r.impact->total_new);
    doc["total_difference"] = euros(r.impact->total_new - r.impact->total_old);
  }
  // The names of the versions and the totals are short: each group shares a line.
  JsonLayout layout{{{"old", "new", "equivalent"}, {"total_old", "total_new", "total_difference"}}, {"impact"}};
  return write_json(doc, layout);
}

}  // namespace caqes
