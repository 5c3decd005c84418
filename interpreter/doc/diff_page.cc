// The reviewer's HTML diff (see diff_page.h).
#include "doc/diff_page.h"

#include <fmt/format.h>

#include <algorithm>

#include "doc/formula_markup.h"
#include "doc/page_style.h"
#include "eval/format.h"

namespace caqes {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// The words of a canonical text: "1 500 000 €" and "7,5 %" are one word each, as a reviewer reads them.
std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i + 1;
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n') {
      while (j < s.size() && (s[j] == ' ' || s[j] == '\n')) ++j;
    } else if (c == '"') {
      while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, s.size());
    } else if (digit(static_cast<char>(c))) {
      while (j < s.size() && (digit(s[j]) || (s[j] == ',' && j + 1 < s.size() && digit(s[j + 1])) ||
                              (s[j] == ' ' && j + 3 < s.size() && digit(s[j + 1]) && digit(s[j + 2]) && digit(s[j + 3]))))
        ++j;
      if (s.compare(j, 4, " \xE2\x82\xAC") == 0) j += 4;
      else if (s.compare(j, 2, " %") == 0) j += 2;
    } else if (std::size_t n = identifier_length(s, i)) {
      j = i + n;
    } else {
      j = i + character_length(s, i);  // a sign: ≥, ×, (, ;
    }
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string euros(const Decimal& d) { return format_french(Value(d), Type::number(Unit::Money)); }

// An incentive of one version: the amount, or why there is none (as the text diff says it, in French).
std::string amount_or_reason(const Decimal& amount, Absence why) {
  switch (why) {
    case Absence::None: return euros(amount);
    case Absence::NotTargeted: return "non ciblé";
    case Absence::MissingData: return "absent (données manquantes)";
    case Absence::NoIndicator: return "pas d'indicateur";
  }
  return "";
}

std::string pre(const std::string& inner) { return "<pre class=\"formula\">" + inner + "</pre>\n"; }

std::string where(const std::string& w) { return w.empty() ? "" : " <span class=\"where\">" + html_escape(w) + "</span>"; }

std::string change_item(const RuleChange& c) {
  std::string out = "<div class=\"change\">\n<h3><span class=\"badge " + std::string(change_kind_word(c.kind)) + "\">" +
                    change_kind_word(c.kind) + "</span>" + html_escape(c.what) + " <span class=\"code\">" + html_escape(c.name) +
                    "</span>" + (c.label.empty() ? "" : " — " + html_escape(c.label)) + "</h3>\n";
  switch (c.kind) {
    case RuleChange::Kind::Changed: {
      auto [old_marked, new_marked] = marked_difference(c.old_text, c.new_text);
      out += "<div class=\"sides\"><div><h4>Avant" + where(c.old_where) + "</h4>\n" + pre(old_marked) +
             "</div><div><h4>Après" + where(c.new_where) + "</h4>\n" + pre(new_marked) + "</div></div>\n";
      break;
    }
    case RuleChange::Kind::Added:
      out += "<h4>Ajouté" + where(c.new_where) + "</h4>\n";
      if (!c.new_text.empty()) out += pre("<ins>" + html_escape(c.new_text) + "</ins>");
      break;
    case RuleChange::Kind::Removed:
      out += "<h4>Retiré" + where(c.old_where) + "</h4>\n";
      if (!c.old_text.empty()) out += pre("<del>" + html_escape(c.old_text) + "</del>");
      break;
    case RuleChange::Kind::Affected:
      out += "<p>" + html_escape(c.note) + where(c.new_where) + "</p>\n" + pre(html_escape(c.new_text));
      break;
  }
  if (c.kind != RuleChange::Kind::Affected && !c.note.empty()) out += "<p>" + html_escape(c.note) + "</p>\n";
  return out + "</div>\n";
}

std::string impact_tables(const DataImpact& impact) {
  std::string years;
  for (int y : impact.years) years += (years.empty() ? "" : ", ") + std::to_string(y);
  std::string out = "<h2 id=\"impact\">Impact sur les données</h2>\n<p>Années : " + html_escape(years) + "</p>\n";
  out += "<p>Seuls les indicateurs dont un chiffre change sont listés ; « ciblés » compte des établissements.</p>\n";
  out += "<table><thead><tr><th>Indicateur</th><th>Ciblés avant</th><th>Ciblés après</th><th>Entrent</th><th>Sortent</th>"
         "<th>Intéressement avant</th><th>Après</th><th>Écart</th></tr></thead><tbody>\n";
  for (const auto& i : impact.indicators) {
    if (!i.changed()) continue;  // only what changes
    std::string totals = i.pays ? "<td class=\"num\">" + euros(i.old_total) + "</td><td class=\"num\">" + euros(i.new_total) +
                                      "</td><td class=\"num\">" + euros(i.new_total - i.old_total) + "</td>"
                                : "<td></td><td></td><td></td>";
    out += fmt::format("<tr><td><a href=\"#impact-{0}\">{0}</a></td><td class=\"num\">{1}</td><td class=\"num\">{2}</td>"
                       "<td class=\"num\">{3}</td><td class=\"num\">{4}</td>{5}</tr>\n",
                       html_escape(i.indicator), i.old_targeted, i.new_targeted, i.entering.size(), i.leaving.size(), totals);
  }
  out += "<tr><th>Total</th><td></td><td></td><td></td><td></td><th class=\"num\">" + euros(impact.total_old) +
         "</th><th class=\"num\">" + euros(impact.total_new) + "</th><th class=\"num\">" +
         euros(impact.total_new - impact.total_old) + "</th></tr>\n</tbody></table>\n";
  for (const auto& i : impact.indicators) {
    if (!i.changed()) continue;
    out += "<h3 id=\"impact-" + html_escape(i.indicator) + "\">" + html_escape(i.indicator) + "</h3>\n";
    if (!i.entering.empty() || !i.leaving.empty()) {
      out += "<table><thead><tr><th>Établissement</th><th>Année</th><th>Ciblage</th></tr></thead><tbody>\n";
      for (const auto& e : i.entering)
        out += fmt::format("<tr><td class=\"code\">{}</td><td>{}</td><td><ins>entre</ins></td></tr>\n", html_escape(e.entity), e.year);
      for (const auto& e : i.leaving)
        out += fmt::format("<tr><td class=\"code\">{}</td><td>{}</td><td><del>sort</del></td></tr>\n", html_escape(e.entity), e.year);
      out += "</tbody></table>\n";
    }
    if (!i.payments.empty()) {
      out += "<table><thead><tr><th>Établissement</th><th>Année</th><th>Intéressement avant</th><th>Après</th><th>Écart</th>"
             "</tr></thead><tbody>\n";
      for (const auto& p : i.payments) {
        // No difference where a figure is absent for want of data: it is not known.
        bool known = p.old_absence != Absence::MissingData && p.new_absence != Absence::MissingData;
        out += fmt::format("<tr><td class=\"code\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                           "<td class=\"num\">{}</td></tr>\n",
                           html_escape(p.entity), p.year, amount_or_reason(p.old_amount, p.old_absence),
                           amount_or_reason(p.new_amount, p.new_absence), known ? euros(p.new_amount - p.old_amount) : "");
      }
      out += "</tbody></table>\n";
    }
  }
  return out;
}

}  // namespace

std::pair<std::string, std::string> marked_difference(const std::string& old_text, const std::string& new_text) {
  std::vector<std::string> a = words(old_text), b = words(new_text);
  // The longest common subsequence of words, by dynamic programming (formulas are short: a few hundred words).
  if (a.size() * b.size() > 4'000'000) return {"<del>" + html_escape(old_text) + "</del>", "<ins>" + html_escape(new_text) + "</ins>"};
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string left, right;
  auto blank = [](const std::string& w) { return w.find_first_not_of(" \n") == std::string::npos; };
  auto mark = [&](std::string& out, const std::string& w, const char* tag) {
    out += blank(w) ? html_escape(w) : std::string("<") + tag + ">" + html_escape(w) + "</" + tag + ">";
  };
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      left += html_escape(a[i++]);
      right += html_escape(b[j++]);
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      mark(right, b[j++], "ins");
    } else {
      mark(left, a[i++], "del");
    }
  }
  return {left, right};
}

std::string render_diff_html(const DiffReport& r) {
  std::string title = "Différences entre " + r.old_name + " et " + r.new_name;
  std::string body = "<h1>" + html_escape(title) + "</h1>\n<dl class=\"meta\"><dt>Avant</dt><dd><span class=\"code\">" +
                     html_escape(r.old_name) + "</span> (" + html_escape(r.old_path) + ")</dd><dt>Après</dt><dd><span class=\"code\">" +
                     html_escape(r.new_name) + "</span> (" + html_escape(r.new_path) + ")</dd></dl>\n";
  int counts[4] = {0, 0, 0, 0};
  for (const auto& c : r.changes) ++counts[static_cast<int>(c.kind)];
  if (r.changes.empty()) {
    body += "<p>Aucune différence : les deux versions sont équivalentes.</p>\n";
  } else {
    body += fmt::format("<p>{} ajout(s), {} retrait(s), {} modification(s), {} élément(s) affecté(s) par une modification.{}</p>\n",
                        counts[0], counts[1], counts[2], counts[3],
                        r.impact ? " <a href=\"#impact\">Impact sur les données</a>." : "");
    // One section per kind of declaration (contract, tables, parameters, indicators, tests...), in the order the
    // diff meets them, with a table of contents.
    std::vector<std::pair<std::string, std::vector<const RuleChange*>>> groups;
    for (const auto& c : r.changes) {
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == c.what; });
      if (it == groups.end()) {
        groups.push_back({c.what, {}});
        it = groups.end() - 1;
      }
      it->second.push_back(&c);
    }
    body += "<h2>Sommaire</h2>\n<ul>\n";
    for (std::size_t g = 0; g < groups.size(); ++g)
      body += fmt::format("<li><a href=\"#groupe-{}\">{}</a> : {}</li>\n", g, html_escape(groups[g].first), groups[g].second.size());
    if (r.impact) body += "<li><a href=\"#impact\">Impact sur les données</a></li>\n";
    body += "</ul>\n";
    for (std::size_t g = 0; g < groups.size(); ++g) {
      body += fmt::format("<h2 id=\"groupe-{}\">{}</h2>\n", g, html_escape(groups[g].first));
      for (const RuleChange* c : groups[g].second) body += change_item(*c);
    }
  }
  if (r.impact) body += impact_tables(*r.impact);
  return "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_escape(title) + "</title>\n<style>" + kPageStyle + "</style>\n</head>\n<body>\n<nav>" + html_escape(title) +
         "</nav>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
}

}  // namespace caqes
