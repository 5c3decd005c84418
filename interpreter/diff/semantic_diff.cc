// Comparing two checked programs declaration by declaration, and their results on the same data.
#include "diff/semantic_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "eval/evaluator.h"
#include "eval/format.h"
#include "format/printer.h"
#include "syntax/parser.h"

namespace caqes {
namespace {

std::string where(const Span& s) { return s.known() ? fmt::format("{}:{}", s.path(), s.line) : ""; }

// Walks two expressions in parallel: true if they have the same shape, the numbers that differ collected.
bool same_shape(const ast::Expr& a, const ast::Expr& b, std::vector<std::pair<std::string, std::string>>& numbers) {
  if (a.node.index() != b.node.index()) return false;
  if (auto* x = a.as<ast::NumberLiteral>()) {
    auto* y = b.as<ast::NumberLiteral>();
    if (x->unit != y->unit) return false;
    if (x->value != y->value) numbers.push_back({print_expr(a), print_expr(b)});
    return true;
  }
  if (auto* x = a.as<ast::Binary>()) {
    auto* y = b.as<ast::Binary>();
    return x->op == y->op && same_shape(*x->lhs, *y->lhs, numbers) && same_shape(*x->rhs, *y->rhs, numbers);
  }
  if (auto* x = a.as<ast::Unary>()) {
    auto* y = b.as<ast::Unary>();
    return x->op == y->op && same_shape(*x->operand, *y->operand, numbers);
  }
  if (auto* x = a.as<ast::If>()) {
    auto* y = b.as<ast::If>();
    return same_shape(*x->condition, *y->condition, numbers) && same_shape(*x->then_branch, *y->then_branch, numbers) &&
           same_shape(*x->else_branch, *y->else_branch, numbers);
  }
  if (auto* x = a.as<ast::AtPeriod>()) {
    auto* y = b.as<ast::AtPeriod>();
    return x->period.text() == y->period.text() && same_shape(*x->expr, *y->expr, numbers);
  }
  if (auto* x = a.as<ast::Selon>()) {
    auto* y = b.as<ast::Selon>();
    if (x->arms.size() != y->arms.size() || !x->otherwise != !y->otherwise) return false;
    if (!same_shape(*x->subject, *y->subject, numbers)) return false;
    for (std::size_t i = 0; i < x->arms.size(); ++i) {
      if (x->arms[i].keys.size() != y->arms[i].keys.size()) return false;
      for (std::size_t k = 0; k < x->arms[i].keys.size(); ++k)
        if (print_expr(*x->arms[i].keys[k]) != print_expr(*y->arms[i].keys[k])) return false;
      if (!same_shape(*x->arms[i].result, *y->arms[i].result, numbers)) return false;
    }
    return !x->otherwise || same_shape(*x->otherwise, *y->otherwise, numbers);
  }
  if (auto* x = a.as<ast::Call>()) {
    auto* y = b.as<ast::Call>();
    if (x->function != y->function || x->args.size() != y->args.size()) return false;
    for (std::size_t i = 0; i < x->args.size(); ++i) {
      const auto& p = x->args[i];
      const auto& q = y->args[i];
      if (!p.source != !q.source || !p.group != !q.group || !p.filter != !q.filter) return false;
      if (!same_shape(*p.value, *q.value, numbers)) return false;
      if (p.source && !same_shape(*p.source, *q.source, numbers)) return false;
      if (p.group && !same_shape(*p.group, *q.group, numbers)) return false;
      if (p.filter && !same_shape(*p.filter, *q.filter, numbers)) return false;
    }
    return true;
  }
  if (auto* x = a.as<ast::In>()) {
    auto* y = b.as<ast::In>();
    return x->negated == y->negated && same_shape(*x->value, *y->value, numbers) && same_shape(*x->list, *y->list, numbers);
  }
  if (auto* x = a.as<ast::List>()) {
    auto* y = b.as<ast::List>();
    if (x->items.size() != y->items.size()) return false;
    for (std::size_t i = 0; i < x->items.size(); ++i)
      if (!same_shape(*x->items[i], *y->items[i], numbers)) return false;
    return true;
  }
  return print_expr(a) == print_expr(b);
}

// Same meaning as far as the text can tell: the same shape and the same numbers (30 % and 30,0 % are equal).
bool equivalent(const ast::Expr& a, const ast::Expr& b) {
  std::vector<std::pair<std::string, std::string>> numbers;
  return same_shape(a, b, numbers) && numbers.empty();
}

RuleChange expression_change(std::string what, std::string name, std::string label, const ast::Expr& a, const Span& wa,
                             const ast::Expr& b, const Span& wb) {
  RuleChange c;
  c.kind = RuleChange::Kind::Changed;
  c.what = std::move(what);
  c.name = std::move(name);
  c.label = std::move(label);
  c.old_text = print_expr(a);
  c.new_text = print_expr(b);
  c.old_where = where(wa);
  c.new_where = where(wb);
  std::vector<std::pair<std::string, std::string>> numbers;
  if (same_shape(a, b, numbers)) c.thresholds = std::move(numbers);
  return c;
}

// The local definitions an expression uses (bare names that are bindings of the same indicator).
// Also collects, in `parameters`, the parameters used on the way (directly or through other parameters).
void local_uses(const CheckedProgram& p, const ast::Expr& e, int indicator, std::set<int>& out,
                std::set<std::string>* parameters = nullptr) {
  auto it = p.references_.find(e.id);
  if (it != p.references_.end() && it->second.what == Reference::What::Binding && it->second.indicator == indicator &&
      e.as<ast::Name>()) {
    if (out.insert(it->second.binding).second)
      local_uses(p, *p.indicators[indicator].decl->bindings[it->second.binding].value, indicator, out, parameters);
  }
  if (parameters && it != p.references_.end() && it->second.what == Reference::What::Parameter) {
    const ast::ParameterDecl& d = *p.parameters[it->second.parameter].decl;
    if (parameters->insert(d.name).second) local_uses(p, *d.value, indicator, out, parameters);
  }
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::AtPeriod>) local_uses(p, *n.expr, indicator, out, parameters);
        if constexpr (std::is_same_v<T, ast::Unary>) local_uses(p, *n.operand, indicator, out, parameters);
        if constexpr (std::is_same_v<T, ast::Binary>) {
          local_uses(p, *n.lhs, indicator, out, parameters);
          local_uses(p, *n.rhs, indicator, out, parameters);
        }
        if constexpr (std::is_same_v<T, ast::In>) {
          local_uses(p, *n.value, indicator, out, parameters);
          local_uses(p, *n.list, indicator, out, parameters);
        }
        if constexpr (std::is_same_v<T, ast::If>) {
          local_uses(p, *n.condition, indicator, out, parameters);
          local_uses(p, *n.then_branch, indicator, out, parameters);
          local_uses(p, *n.else_branch, indicator, out, parameters);
        }
        if constexpr (std::is_same_v<T, ast::Selon>) {
          local_uses(p, *n.subject, indicator, out, parameters);
          for (const auto& arm : n.arms) local_uses(p, *arm.result, indicator, out, parameters);
          if (n.otherwise) local_uses(p, *n.otherwise, indicator, out, parameters);
        }
        if constexpr (std::is_same_v<T, ast::Call>)
          for (const auto& a : n.args) {
            local_uses(p, *a.value, indicator, out, parameters);
            if (a.filter) local_uses(p, *a.filter, indicator, out, parameters);
            if (a.group) local_uses(p, *a.group, indicator, out, parameters);
          }
      },
      e.node);
}

std::string years_text(const CheckedProgram& p) { return fmt::format("{}..{}", p.first_year, p.last_year); }

void diff_contract(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  auto change = [&](std::string name, std::string old_text, std::string new_text) {
    if (old_text == new_text) return;
    RuleChange c;
    c.what = "contrat";
    c.name = std::move(name);
    c.old_text = std::move(old_text);
    c.new_text = std::move(new_text);
    r.changes.push_back(std::move(c));
  };
  change("années", years_text(a), years_text(b));
  change("libellé", a.contract_label, b.contract_label);
  auto refs = [](const CheckedProgram& p) {
    std::string out;
    for (const auto& x : p.references) out += (out.empty() ? "" : "; ") + x;
    return out;
  };
  change("références", refs(a), refs(b));
  change("données_absentes", a.missing_data == MissingData::Error ? "erreur" : "absent",
         b.missing_data == MissingData::Error ? "erreur" : "absent");
  auto division = [](DivisionByZero d) { return d == DivisionByZero::Error ? "erreur" : d == DivisionByZero::Zero ? "zéro" : "absent"; };
  change("division_par_zéro", division(a.division_by_zero), division(b.division_by_zero));
}

void diff_tables(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  for (const auto& t : a.tables) {
    int j = b.table_index(t.name);
    if (j < 0) {
      r.changes.push_back({RuleChange::Kind::Removed, "table", t.name, t.label, "", "", where(t.decl->name_span), "", {}, ""});
      continue;
    }
    const TableInfo& u = b.tables[j];
    for (const auto& c : t.columns) {
      if (c.implicit) continue;
      int k = u.column_index(c.name);
      if (k < 0) {
        r.changes.push_back({RuleChange::Kind::Removed, "colonne", t.name + "." + c.name, c.label, column_type_name(c.type), "",
                             where(c.span), "", {}, ""});
      } else if (u.columns[k].type != c.type) {
        r.changes.push_back({RuleChange::Kind::Changed, "colonne", t.name + "." + c.name, c.label, column_type_name(c.type),
                             column_type_name(u.columns[k].type), where(c.span), where(u.columns[k].span), {}, ""});
      }
    }
    for (const auto& c : u.columns)
      if (!c.implicit && t.column_index(c.name) < 0)
        r.changes.push_back({RuleChange::Kind::Added, "colonne", u.name + "." + c.name, c.label, "", column_type_name(c.type),
                             "", where(c.span), {}, ""});
    if (t.kind != u.kind)
      r.changes.push_back({RuleChange::Kind::Changed, "table", t.name, t.label, "clé modifiée", "clé modifiée",
                           where(t.decl->name_span), where(u.decl->name_span), {}, ""});
  }
  for (const auto& u : b.tables)
    if (a.table_index(u.name) < 0)
      r.changes.push_back({RuleChange::Kind::Added, "table", u.name, u.label, "", "", "", where(u.decl->name_span), {}, ""});
}

void diff_parameters(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  for (const auto& x : a.parameters) {
    int j = b.parameter_index(x.decl->name);
    if (j < 0) {
      r.changes.push_back({RuleChange::Kind::Removed, "paramètre", x.decl->name, x.decl->label, print_expr(*x.decl->value), "",
                           where(x.decl->name_span), "", {}, ""});
      continue;
    }
    const ParameterInfo& y = b.parameters[j];
    if (!equivalent(*x.decl->value, *y.decl->value))
      r.changes.push_back(expression_change("paramètre", x.decl->name, y.decl->label, *x.decl->value, x.decl->name_span,
                                            *y.decl->value, y.decl->name_span));
  }
  for (const auto& y : b.parameters)
    if (a.parameter_index(y.decl->name) < 0)
      r.changes.push_back({RuleChange::Kind::Added, "paramètre", y.decl->name, y.decl->label, "", print_expr(*y.decl->value), "",
                           where(y.decl->name_span), {}, ""});
}

void diff_indicators(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  std::set<std::string> changed_parameters;  // changed, added or removed by diff_parameters
  for (const auto& c : r.changes)
    if (c.what == "paramètre") changed_parameters.insert(c.name);
  for (const auto& x : a.indicators) {
    int j = b.indicator_index(x.name);
    if (j < 0) {
      r.changes.push_back({RuleChange::Kind::Removed, "indicateur", x.name, x.label, "", "", where(x.decl->name_span), "", {}, ""});
      continue;
    }
    const IndicatorInfo& y = b.indicators[j];
    int i = a.indicator_index(x.name);
    auto meta = [&](const std::string& key, const std::string& old_value, const std::string& new_value) {
      if (old_value != new_value)
        r.changes.push_back({RuleChange::Kind::Changed, "métadonnée", x.name + "." + key, "", old_value, new_value,
                             where(x.decl->name_span), where(y.decl->name_span), {}, ""});
    };
    meta("libellé", x.label, y.label);
    meta("volet", x.volet, y.volet);
    meta("niveau", x.level == Level::National ? "national" : "régional", y.level == Level::National ? "national" : "régional");
    meta("source", x.source, y.source);
    meta("référence", x.reference, y.reference);
    meta("statut", x.status, y.status);
    std::set<int> changed_new;  // bindings of y that changed or are new
    for (const auto& bx : x.decl->bindings) {
      auto it = y.bindings.find(bx.name);
      if (it == y.bindings.end()) {
        r.changes.push_back({RuleChange::Kind::Removed, "partie", x.name + "." + bx.name, bx.label, print_expr(*bx.value), "",
                             where(bx.span), "", {}, ""});
        continue;
      }
      const ast::Binding& by = y.decl->bindings[it->second];
      if (!equivalent(*bx.value, *by.value)) {
        r.changes.push_back(expression_change("partie", x.name + "." + bx.name, by.label, *bx.value, bx.span, *by.value, by.span));
        changed_new.insert(it->second);
      }
    }
    for (std::size_t k = 0; k < y.decl->bindings.size(); ++k) {
      const ast::Binding& by = y.decl->bindings[k];
      if (x.bindings.count(by.name)) continue;
      changed_new.insert(static_cast<int>(k));
      r.changes.push_back({RuleChange::Kind::Added, "partie", x.name + "." + by.name, by.label, "", print_expr(*by.value), "",
                           where(by.span), {}, ""});
    }
    // A part whose own formula did not change but that uses a definition or a parameter that did.
    for (int part : {y.targeting, y.value, y.target, y.achieved, y.incentive}) {
      if (part < 0 || changed_new.count(part)) continue;
      std::set<int> uses;
      std::set<std::string> parameters;
      local_uses(b, *y.decl->bindings[part].value, j, uses, &parameters);
      std::vector<std::string> changed;
      for (int u : uses)
        if (changed_new.count(u)) changed.push_back(y.decl->bindings[u].name);
      for (const auto& name : parameters)
        if (changed_parameters.count(name)) changed.push_back("paramètre " + name);
      if (changed.empty()) continue;
      std::string list;
      for (const auto& n : changed) list += (list.empty() ? "" : ", ") + n;
      const ast::Binding& by = y.decl->bindings[part];
      RuleChange c{RuleChange::Kind::Affected, "partie", x.name + "." + by.name, by.label, "", print_expr(*by.value), "",
                   where(by.span), {}, ""};
      c.note = fmt::format("même formule, mais elle utilise {}, modifié", list);
      r.changes.push_back(std::move(c));
    }
    (void)i;
  }
  for (const auto& y : b.indicators)
    if (a.indicator_index(y.name) < 0)
      r.changes.push_back({RuleChange::Kind::Added, "indicateur", y.name, y.label, "", "", "", where(y.decl->name_span), {}, ""});
}

}  // namespace

DiffReport diff_programs(const CheckedProgram& a, const CheckedProgram& b) {
  DiffReport r;
  r.old_name = a.contract_name;
  r.new_name = b.contract_name;
  diff_contract(a, b, r);
  diff_tables(a, b, r);
  diff_parameters(a, b, r);
  diff_indicators(a, b, r);
  return r;
}

bool diff_impact(const CheckedProgram& a, const CheckedProgram& b, const std::string& data_dir, const std::vector<int>& years,
                 DiffReport& r, Diagnostics& diags) {
  Dataset da, db;
  if (!load_dataset(a, data_dir, da, diags) || !load_dataset(b, data_dir, db, diags)) return false;
  std::vector<IndicatorResult> ra, rb;
  if (!run_all(a, da, years, ra, diags) || !run_all(b, db, years, rb, diags)) return false;
  r.has_impact = true;
  r.years = years;
  const Type money = Type::number(Unit::Money);
  // (indicator name, entity, year) → result
  std::map<std::tuple<std::string, std::string, int>, const IndicatorResult*> old_results, new_results;
  for (const auto& x : ra) old_results[{a.indicators[x.indicator].name, da.entities[x.entity], x.year}] = &x;
  for (const auto& x : rb) new_results[{b.indicators[x.indicator].name, db.entities[x.entity], x.year}] = &x;
  std::vector<std::string> names;
  for (const auto& i : a.indicators) names.push_back(i.name);
  for (const auto& i : b.indicators)
    if (a.indicator_index(i.name) < 0) names.push_back(i.name);
  Decimal grand_old, grand_new;
  for (const auto& name : names) {
    IndicatorImpact imp;
    imp.indicator = name;
    imp.in_old = a.indicator_index(name) >= 0;
    imp.in_new = b.indicator_index(name) >= 0;
    bool pays = (imp.in_old && a.indicators[a.indicator_index(name)].incentive >= 0) ||
                (imp.in_new && b.indicators[b.indicator_index(name)].incentive >= 0);
    Decimal total_old, total_new;
    std::set<std::pair<std::string, int>> keys;
    for (const auto& [k, _] : old_results)
      if (std::get<0>(k) == name) keys.insert({std::get<1>(k), std::get<2>(k)});
    for (const auto& [k, _] : new_results)
      if (std::get<0>(k) == name) keys.insert({std::get<1>(k), std::get<2>(k)});
    for (const auto& [entity, year] : keys) {
      auto o = old_results.find({name, entity, year});
      auto n = new_results.find({name, entity, year});
      const IndicatorResult* ro = o == old_results.end() ? nullptr : o->second;
      const IndicatorResult* rn = n == new_results.end() ? nullptr : n->second;
      bool to = ro && ro->targeted, tn = rn && rn->targeted;
      imp.old_targeted += to;
      imp.new_targeted += tn;
      std::string label = fmt::format("{} ({})", entity, year);
      if (!to && tn) imp.entering.push_back(label);
      if (to && !tn) imp.leaving.push_back(label);
      Decimal po = ro && ro->incentive.is_number() ? ro->incentive.number() : Decimal();
      Decimal pn = rn && rn->incentive.is_number() ? rn->incentive.number() : Decimal();
      total_old = total_old + po;
      total_new = total_new + pn;
      if (pays && po != pn)
        imp.payments.push_back({entity, year, format_french(Value(po), money), format_french(Value(pn), money),
                                format_french(Value(pn - po), money)});
    }
    if (pays) {
      imp.old_total = format_french(Value(total_old), money);
      imp.new_total = format_french(Value(total_new), money);
      imp.difference = format_french(Value(total_new - total_old), money);
      grand_old = grand_old + total_old;
      grand_new = grand_new + total_new;
    }
    r.impact.push_back(std::move(imp));
  }
  r.total_old = format_french(Value(grand_old), money);
  r.total_new = format_french(Value(grand_new), money);
  r.total_difference = format_french(Value(grand_new - grand_old), money);
  return true;
}

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

}  // namespace

std::string render_diff_text(const DiffReport& r, bool color) {
  auto paint = [&](RuleChange::Kind k, const std::string& s) {
    if (!color) return s;
    const char* c = k == RuleChange::Kind::Added ? "\033[32m" : k == RuleChange::Kind::Removed ? "\033[31m" : "\033[33m";
    return std::string(c) + s + "\033[0m";
  };
  std::string out = fmt::format("{} ({}) → {} ({})\n", r.old_name, r.old_path, r.new_name, r.new_path);
  if (r.changes.empty()) out += "aucune différence: les deux versions sont équivalentes\n";
  for (const auto& c : r.changes) {
    std::string head = fmt::format("{} {} {} {}", sign(c.kind), c.what, c.name, kind_word(c.kind));
    if (!c.label.empty()) head += " « " + c.label + " »";
    out += paint(c.kind, head) + "\n";
    if (c.kind == RuleChange::Kind::Changed) {
      if (!c.thresholds.empty()) {
        for (const auto& [o, n] : c.thresholds) out += fmt::format("    seuil: {} → {}\n", o, n);
      }
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
  }
  if (r.has_impact) {
    std::string years;
    for (int y : r.years) years += (years.empty() ? "" : ", ") + std::to_string(y);
    out += fmt::format("\nimpact sur les données ({}):\n", years);
    for (const auto& i : r.impact) {
      out += fmt::format("  {}{}: ciblés {} → {}", i.indicator, !i.in_old ? " (ajouté)" : !i.in_new ? " (retiré)" : "",
                         i.old_targeted, i.new_targeted);
      if (!i.old_total.empty()) out += fmt::format("; intéressement {} → {} ({})", i.old_total, i.new_total, i.difference);
      out += "\n";
      for (const auto& e : i.entering) out += "      entre dans le ciblage: " + e + "\n";
      for (const auto& e : i.leaving) out += "      sort du ciblage: " + e + "\n";
      for (const auto& p : i.payments)
        out += fmt::format("      {} ({}): {} → {} ({})\n", p.entity, p.year, p.old_amount, p.new_amount, p.difference);
    }
    out += fmt::format("  total des intéressements: {} → {} ({})\n", r.total_old, r.total_new, r.total_difference);
  }
  return out;
}

std::string render_diff_markdown(const DiffReport& r) {
  std::string out = fmt::format("## `{}` → `{}`\n\n", r.old_name, r.new_name);
  if (r.changes.empty()) out += "Aucune différence: les deux versions sont équivalentes.\n";
  for (const auto& c : r.changes) {
    out += fmt::format("- **{} {}** `{}`{}", kind_word(c.kind), c.what, c.name, c.label.empty() ? "" : " — " + c.label);
    out += "\n";
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
  }
  if (r.has_impact) {
    out += "\n### Impact sur les données\n\n| indicateur | ciblés avant | ciblés après | entrent | sortent | intéressement avant | après | écart |\n";
    out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    for (const auto& i : r.impact)
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", i.indicator, i.old_targeted, i.new_targeted,
                         i.entering.size(), i.leaving.size(), i.old_total, i.new_total, i.difference);
    out += fmt::format("| **total** | | | | | {} | {} | {} |\n", r.total_old, r.total_new, r.total_difference);
    for (const auto& i : r.impact) {
      if (i.entering.empty() && i.leaving.empty() && i.payments.empty()) continue;
      out += fmt::format("\n#### {}\n\n", i.indicator);
      for (const auto& e : i.entering) out += "- entre dans le ciblage: " + e + "\n";
      for (const auto& e : i.leaving) out += "- sort du ciblage: " + e + "\n";
      for (const auto& p : i.payments)
        out += fmt::format("- {} ({}): {} → {} ({})\n", p.entity, p.year, p.old_amount, p.new_amount, p.difference);
    }
  }
  return out;
}

std::string render_diff_json(const DiffReport& r) {
  std::string out = fmt::format("{{\n  \"old\": {}, \"new\": {}, \"equivalent\": {},\n  \"changes\": [", json_string(r.old_name),
                                json_string(r.new_name), r.changes.empty() ? "true" : "false");
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    const auto& c = r.changes[i];
    std::string thresholds;
    for (std::size_t k = 0; k < c.thresholds.size(); ++k)
      thresholds += fmt::format("{}{{\"old\": {}, \"new\": {}}}", k ? ", " : "", json_string(c.thresholds[k].first),
                                json_string(c.thresholds[k].second));
    out += fmt::format(
        "{}\n    {{\"kind\": {}, \"what\": {}, \"name\": {}, \"label\": {}, \"old\": {}, \"new\": {}, \"old_where\": {}, "
        "\"new_where\": {}, \"thresholds\": [{}], \"note\": {}}}",
        i ? "," : "", json_string(kind_word(c.kind)), json_string(c.what), json_string(c.name), json_string(c.label),
        json_string(c.old_text), json_string(c.new_text), json_string(c.old_where), json_string(c.new_where), thresholds,
        json_string(c.note));
  }
  out += r.changes.empty() ? "]" : "\n  ]";
  if (r.has_impact) {
    out += ",\n  \"impact\": [";
    for (std::size_t i = 0; i < r.impact.size(); ++i) {
      const auto& m = r.impact[i];
      auto list = [](const std::vector<std::string>& v) {
        std::string s = "[";
        for (std::size_t k = 0; k < v.size(); ++k) s += (k ? ", " : "") + json_string(v[k]);
        return s + "]";
      };
      std::string payments = "[";
      for (std::size_t k = 0; k < m.payments.size(); ++k)
        payments += fmt::format("{}{{\"entity\": {}, \"year\": {}, \"old\": {}, \"new\": {}, \"difference\": {}}}", k ? ", " : "",
                                json_string(m.payments[k].entity), m.payments[k].year, json_string(m.payments[k].old_amount),
                                json_string(m.payments[k].new_amount), json_string(m.payments[k].difference));
      payments += "]";
      out += fmt::format(
          "{}\n    {{\"indicator\": {}, \"old_targeted\": {}, \"new_targeted\": {}, \"entering\": {}, \"leaving\": {}, "
          "\"old_total\": {}, \"new_total\": {}, \"difference\": {}, \"payments\": {}}}",
          i ? "," : "", json_string(m.indicator), m.old_targeted, m.new_targeted, list(m.entering), list(m.leaving),
          json_string(m.old_total), json_string(m.new_total), json_string(m.difference), payments);
    }
    out += fmt::format("\n  ],\n  \"total_old\": {}, \"total_new\": {}, \"total_difference\": {}", json_string(r.total_old),
                       json_string(r.total_new), json_string(r.total_difference));
  }
  return out + "\n}\n";
}

}  // namespace caqes
