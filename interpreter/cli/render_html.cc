// The HTML report of `caqes run --format html` (see render_html.h).
#include "cli/render_html.h"

#include <fmt/format.h>

#include <cstdlib>
#include <set>

#include "cli/run_summary.h"
#include "cli/svg_chart.h"
#include "eval/format.h"
#include "format/printer.h"

namespace caqes {
namespace {

Type binding_type(const IndicatorInfo& info, int b) {
  return b < 0 ? Type::error() : info.binding_types[b];
}

double as_double(const Decimal& d) {
  return std::strtod(d.to_string(0, 17).c_str(), nullptr);
}

std::string shown(const Value& v, const Type& t) {
  return v.absent() ? "—" : format_french(v, t);
}

// An axis label: the figure in its unit, the French way, rounded for the eye (the figures beside the chart are exact).
std::string axis_label(double x, const Type& t) {
  if (t.unit == Unit::Rate) x *= 100;
  std::string s = fmt::format("{:.4g}", x);
  for (char& c : s)
    if (c == '.') c = ',';
  return s + (t.unit == Unit::Rate ? " %" : t.unit == Unit::Money ? " €" : "");
}

bool is_comparison(ast::BinaryOp op) {
  return op == ast::BinaryOp::Less || op == ast::BinaryOp::LessEqual || op == ast::BinaryOp::Greater ||
         op == ast::BinaryOp::GreaterEqual;
}

bool unit_matches(ast::LiteralUnit lit, Unit unit) {
  return lit == ast::LiteralUnit::Percent ? unit == Unit::Rate
         : lit == ast::LiteralUnit::Euro  ? unit == Unit::Money
                                          : unit == Unit::Count || unit == Unit::Plain;
}

// Whether `e` names the indicator's value: `valeur`, the name `valeur` is defined as, either at some period.
bool names_value(const ast::Expr& e, const std::string& value_name) {
  if (const auto* at = e.as<ast::AtPeriod>()) return at->expr && names_value(*at->expr, value_name);
  const auto* n = e.as<ast::Name>();
  return n && (n->name == "valeur" || n->name == value_name);
}

// The targeting threshold drawn on the chart: a comparison, in the targeting condition (through `et` and `ou`),
// of the indicator's value with a number written in its unit (`R[2019] >= 20 %`). None when the condition does
// not compare the value with a fixed number (the report then shows the condition as written).
void find_thresholds(const ast::Expr& e, const std::string& value_name, Unit unit,
                     std::vector<std::pair<Decimal, std::string>>& out) {
  const auto* b = e.as<ast::Binary>();
  if (!b || !b->lhs || !b->rhs) return;
  if (b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or) {
    find_thresholds(*b->lhs, value_name, unit, out);
    find_thresholds(*b->rhs, value_name, unit, out);
    return;
  }
  if (!is_comparison(b->op)) return;
  const ast::Expr* named = names_value(*b->lhs, value_name)   ? b->rhs.get()
                           : names_value(*b->rhs, value_name) ? b->lhs.get()
                                                              : nullptr;
  if (!named) return;
  const auto* lit = named->as<ast::NumberLiteral>();
  if (lit && unit_matches(lit->unit, unit)) out.push_back({lit->value, print_expr(e)});
}

struct Page {
  const RunResults& run;
  const RunSummary& s;
  const Derivations& derivations;
  Language language;
  std::string out;
};

void indicator_section(Page& page, int i) {
  const CheckedProgram& p = page.run.program;
  const IndicatorInfo& ind = p.indicators[i];
  Type vt = binding_type(ind, ind.value);
  Type money = Type::number(Unit::Money);
  page.out += fmt::format("<section class=\"indicator\" id=\"ind-{}\">\n<h3>{} <small>{}</small></h3>\n", i,
                          escape_markup(ind.label.empty() ? ind.name : ind.label), escape_markup(ind.name));
  std::string value_name;
  if (ind.value >= 0) {
    const ast::Expr* v = ind.decl->bindings[ind.value].value.get();
    if (v && v->as<ast::Name>()) value_name = v->as<ast::Name>()->name;
  }
  std::vector<std::pair<Decimal, std::string>> thresholds;
  if (ind.targeting >= 0 && ind.decl->bindings[ind.targeting].value)
    find_thresholds(*ind.decl->bindings[ind.targeting].value, value_name, vt.unit, thresholds);
  std::string targeting = ind.targeting >= 0 && ind.decl->bindings[ind.targeting].value
                              ? print_expr(*ind.decl->bindings[ind.targeting].value)
                              : "";
  page.out += fmt::format("<p class=\"rule\">ciblage = <code>{}</code></p>\n", escape_markup(targeting));
  for (const auto& x : page.s.indicators) {
    if (x.indicator != i) continue;
    std::vector<ChartPoint> points;
    std::set<std::string> targets;
    Decimal target;
    for (const auto& r : page.run.results) {
      if (r.indicator != i || r.year != x.year) continue;
      if (r.value.is_number()) points.push_back({as_double(r.value.number()), r.targeted});
      if (r.targeted && r.target.is_number()) {
        targets.insert(r.target.number().to_string());
        target = r.target.number();
      }
    }
    std::vector<ChartMark> marks;
    for (const auto& [d, text] : thresholds) marks.push_back({as_double(d), "seuil de ciblage : " + text, "#c0392b"});
    if (targets.size() == 1)
      marks.push_back(
          {as_double(target), "cible : " + format_french(Value(target), binding_type(ind, ind.target)), "#1e8449"});
    std::string chart_title =
        fmt::format("{}, {} : répartition des valeurs de {} établissements", ind.name, x.year, points.size());
    page.out += fmt::format("<figure>\n{}<figcaption>{}",
                            distribution_svg(
                                points, marks, [&](double v) { return axis_label(v, vt); }, chart_title),
                            escape_markup(chart_title));
    if (thresholds.empty()) page.out += " ; le ciblage ne compare pas la valeur à un seuil fixe (règle ci-dessus)";
    if (targets.size() > 1) page.out += " ; la cible est propre à chaque établissement";
    page.out += "</figcaption>\n</figure>\n";
    page.out += fmt::format(
        "<table class=\"counts\"><tr><th>année</th><th>établissements</th><th>ciblés</th><th>atteints</th>"
        "<th>intéressement total</th></tr>\n<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></table>\n",
        x.year, x.establishments, x.targeted, x.has_target ? std::to_string(x.reached) : "sans cible",
        !x.pays
            ? std::string("sans intéressement")
            : format_french(Value(x.incentive), money) +
                  (x.missing ? fmt::format(" (incomplet : {} absent{})", x.missing, x.missing > 1 ? "s" : "") : ""));
  }
  page.out += "</section>\n";
}

void derivation(Page& page, const ExplainNode& node) {
  page.out += "<details><summary>dérivation</summary><ul>\n";
  for (const auto& c : node.children) {
    page.out += "<li><b>" + escape_markup(c.name) + "</b>";
    if (!c.value.empty()) page.out += " = " + escape_markup(c.value.in(page.language));
    if (!c.label.empty()) page.out += " <i>" + escape_markup(c.label) + "</i>";
    if (!c.formula.empty() && c.kind != ExplainNode::Kind::Comparison)
      page.out += "<br><code>" + escape_markup(c.formula) + "</code>";
    if (!c.detail.empty()) page.out += "<br>" + escape_markup(c.detail.in(page.language));
    if (!c.where.empty()) page.out += " <span class=\"where\">(" + escape_markup(c.where) + ")</span>";
    page.out += "</li>\n";
  }
  page.out += "</ul></details>";
}

void establishment_fiche(Page& page, int entity) {
  const RunResults& run = page.run;
  const std::string& finess = run.data.entities[entity];
  const std::string& name = page.s.names[entity];
  page.out += fmt::format("<section class=\"fiche\" id=\"eg-{}\">\n<h3>{}{}</h3>\n", entity, escape_markup(finess),
                          name.empty() ? "" : " — " + escape_markup(name));
  page.out +=
      "<table><tr><th>indicateur</th><th>année</th><th>ciblé</th><th>valeur</th><th>cible</th><th>atteint</th>"
      "<th>intéressement</th><th>explication</th></tr>\n";
  Type money = Type::number(Unit::Money);
  for (const auto& r : run.results) {
    if (r.entity != entity) continue;
    const IndicatorInfo& ind = run.program.indicators[r.indicator];
    page.out += fmt::format(
        "<tr><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
        escape_markup(ind.label), escape_markup(ind.name), r.year, r.targeted ? "oui" : "non",
        escape_markup(shown(r.value, binding_type(ind, ind.value))),
        escape_markup(shown(r.target, binding_type(ind, ind.target))),
        escape_markup(shown(r.achieved, Type::boolean())), escape_markup(shown(r.incentive, money)));
    auto d = page.derivations.find({entity, r.indicator, r.year});
    if (d != page.derivations.end()) derivation(page, d->second);
    page.out += "</td></tr>\n";
  }
  page.out += "</table>\n</section>\n";
}

const char* kStyle = R"(body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;line-height:1.4}
h1{font-size:1.6em}h2{border-bottom:2px solid #1f4e79;margin-top:2em}h3 small{color:#666;font-weight:normal}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top;text-align:left}
th{background:#dde4ee}.chart{max-width:100%;height:auto}.chart .axis{font-size:11px;fill:#333}
.chart .mark-label{font-size:11px}figure{margin:1em 0}figcaption{font-size:.9em;color:#444}
code{font-size:.9em}.where{color:#777;font-size:.85em}details summary{cursor:pointer;color:#1f4e79}
nav ol ol{columns:3;column-gap:2em;list-style:none;padding-left:1em;font-size:.9em}nav li li{break-inside:avoid;margin-bottom:.2em}@media print{details{display:none}})";

}  // namespace

bool derive_all(const CheckedProgram& program, const Dataset& data, const std::vector<int>& years,
                const PassOptions& pass, Derivations& out, Diagnostics& diags) {
  Evaluator evaluator(program, data, pass);
  if (!evaluator.prepare(years, diags)) return false;
  for (std::size_t i = 0; i < program.indicators.size(); ++i)
    for (std::size_t e = 0; e < data.entities.size(); ++e)
      for (int y : years) {
        ExplainNode node;
        if (!evaluator.explain(static_cast<int>(i), static_cast<int>(e), y, node, diags)) return false;
        // The short derivation: the first level of the tree (the fiche is not the full `explain`).
        for (auto& c : node.children) c.children.clear();
        out[{static_cast<int>(e), static_cast<int>(i), y}] = std::move(node);
      }
  return true;
}

std::string render_html(const RunResults& run, const Derivations& derivations, Language language) {
  RunSummary s = summarise(run);
  Page page{run, s, derivations, language, {}};
  const CheckedProgram& p = run.program;
  std::string title = p.contract_label.empty() ? p.contract_name : p.contract_label;
  std::string years;
  for (int y : run.years) years += (years.empty() ? "" : ", ") + std::to_string(y);
  page.out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src "
      "data:\">\n"
      "<title>{} — résultats {}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{} — résultats {}</h1>\n"
      "<p>Calculé par {} {} le {} sur les données de {} établissements.</p>\n",
      escape_markup(title), escape_markup(years), kStyle, escape_markup(title), escape_markup(years), run.manifest.tool,
      escape_markup(run.manifest.version), escape_markup(run.manifest.date), run.data.entities.size());
  page.out += "<nav id=\"sommaire\"><h2>Sommaire</h2>\n<ol>\n<li><a href=\"#indicateurs\">Indicateurs</a><ol>\n";
  for (std::size_t i = 0; i < p.indicators.size(); ++i)
    page.out +=
        fmt::format("<li><a href=\"#ind-{}\">{}</a></li>\n", i,
                    escape_markup(p.indicators[i].label.empty() ? p.indicators[i].name : p.indicators[i].label));
  page.out += "</ol></li>\n<li><a href=\"#etablissements\">Fiches des établissements</a><ol>\n";
  for (std::size_t e = 0; e < run.data.entities.size(); ++e)
    page.out += fmt::format("<li><a href=\"#eg-{}\">{}{}</a></li>\n", e, escape_markup(run.data.entities[e]),
                            s.names[e].empty() ? "" : " — " + escape_markup(s.names[e]));
  page.out += "</ol></li>\n<li><a href=\"#manifeste\">Manifeste du calcul</a></li>\n</ol>\n</nav>\n";
  page.out += "<h2 id=\"indicateurs\">Indicateurs</h2>\n";
  for (std::size_t i = 0; i < p.indicators.size(); ++i) indicator_section(page, static_cast<int>(i));
  page.out += "<h2 id=\"etablissements\">Fiches des établissements</h2>\n";
  for (std::size_t e = 0; e < run.data.entities.size(); ++e) establishment_fiche(page, static_cast<int>(e));
  page.out +=
      "<h2 id=\"manifeste\">Manifeste du calcul</h2>\n<table><tr><th>rubrique</th><th>nom</th><th>valeur</th></tr>\n";
  for (const auto& row : manifest_rows(run.manifest))
    page.out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", escape_markup(row[0]),
                            escape_markup(row[1]), escape_markup(row[2]));
  page.out += "</table>\n</body>\n</html>\n";
  return page.out;
}

}  // namespace caqes
