// Comparing two checked programs declaration by declaration (see semantic_diff.h).
#include "diff/semantic_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "format/printer.h"
#include "syntax/ast_walk.h"
#include "syntax/parser.h"

namespace caqes {
namespace {

std::string where(const Span& s) { return s.known() ? fmt::format("{}:{}", s.path(), s.line) : ""; }

using Numbers = std::vector<NumberChange>;

bool is_comparison(ast::BinaryOp op) {
  return op != ast::BinaryOp::Add && op != ast::BinaryOp::Subtract && op != ast::BinaryOp::Multiply &&
         op != ast::BinaryOp::Divide && op != ast::BinaryOp::And && op != ast::BinaryOp::Or;
}

NumberChange::Role role_of(const ast::NumberLiteral& n, bool compared) {
  if (compared) return NumberChange::Role::Threshold;
  switch (n.unit) {
    case ast::LiteralUnit::Percent: return NumberChange::Role::Rate;
    case ast::LiteralUnit::Euro: return NumberChange::Role::Amount;
    default: return NumberChange::Role::Number;
  }
}

// The expression a `selon N` gives for `year` (its case, or `autre`); any other expression for every year.
const ast::Expr* for_year(const ast::Expr& e, int year) {
  auto* s = e.as<ast::Selon>();
  if (!s || !s->subject->as<ast::CurrentYear>()) return &e;
  for (const auto& arm : s->arms)
    for (const auto& key : arm.keys)
      if (auto* n = key->as<ast::NumberLiteral>(); n && n->value.to_int() && *n->value.to_int() == year)
        return arm.result.get();
  return s->otherwise.get();
}

// Walks two expressions in parallel: true if they have the same shape, the numbers that differ collected (with
// `compared`: whether they are operands of a comparison, i.e. thresholds).
bool same_shape(const ast::Expr& a, const ast::Expr& b, Numbers& numbers, bool compared = false, int year = 0);

// With `year`, each `selon N` is read as the case it gives that year (for a change of some years only).
bool same_shape(const ast::Expr& a_in, const ast::Expr& b_in, Numbers& numbers, bool compared, int year) {
  const ast::Expr* pa = &a_in;
  const ast::Expr* pb = &b_in;
  if (year) {
    for (const ast::Expr* x = pa; x && x != for_year(*x, year);) pa = x = for_year(*x, year);
    for (const ast::Expr* x = pb; x && x != for_year(*x, year);) pb = x = for_year(*x, year);
    if (!pa || !pb) return !pa && !pb;
  }
  const ast::Expr& a = *pa;
  const ast::Expr& b = *pb;
  if (a.node.index() != b.node.index()) return false;
  if (auto* x = a.as<ast::NumberLiteral>()) {
    auto* y = b.as<ast::NumberLiteral>();
    if (x->unit != y->unit) return false;
    if (x->value != y->value) numbers.push_back({print_expr(a), print_expr(b), role_of(*x, compared), ""});
    return true;
  }
  if (auto* x = a.as<ast::Binary>()) {
    auto* y = b.as<ast::Binary>();
    bool c = compared || is_comparison(x->op);
    return x->op == y->op && same_shape(*x->lhs, *y->lhs, numbers, c, year) && same_shape(*x->rhs, *y->rhs, numbers, c, year);
  }
  if (auto* x = a.as<ast::Unary>()) {
    auto* y = b.as<ast::Unary>();
    return x->op == y->op && same_shape(*x->operand, *y->operand, numbers, compared, year);
  }
  if (auto* x = a.as<ast::If>()) {
    auto* y = b.as<ast::If>();
    return same_shape(*x->condition, *y->condition, numbers, false, year) &&
           same_shape(*x->then_branch, *y->then_branch, numbers, compared, year) &&
           same_shape(*x->else_branch, *y->else_branch, numbers, compared, year);
  }
  if (auto* x = a.as<ast::AtPeriod>()) {
    auto* y = b.as<ast::AtPeriod>();
    return x->period.text() == y->period.text() && same_shape(*x->expr, *y->expr, numbers, compared, year);
  }
  if (auto* x = a.as<ast::Selon>()) {
    auto* y = b.as<ast::Selon>();
    if (x->arms.size() != y->arms.size() || !x->otherwise != !y->otherwise) return false;
    if (!same_shape(*x->subject, *y->subject, numbers, false, year)) return false;
    for (std::size_t i = 0; i < x->arms.size(); ++i) {
      if (x->arms[i].keys.size() != y->arms[i].keys.size()) return false;
      for (std::size_t k = 0; k < x->arms[i].keys.size(); ++k)
        if (print_expr(*x->arms[i].keys[k]) != print_expr(*y->arms[i].keys[k])) return false;
      if (!same_shape(*x->arms[i].result, *y->arms[i].result, numbers, compared, year)) return false;
    }
    return !x->otherwise || same_shape(*x->otherwise, *y->otherwise, numbers, compared, year);
  }
  if (auto* x = a.as<ast::Call>()) {
    auto* y = b.as<ast::Call>();
    if (x->function != y->function || x->args.size() != y->args.size()) return false;
    for (std::size_t i = 0; i < x->args.size(); ++i) {
      const auto& p = x->args[i];
      const auto& q = y->args[i];
      if (!p.source != !q.source || !p.group != !q.group || !p.filter != !q.filter) return false;
      if (!same_shape(*p.value, *q.value, numbers, compared, year)) return false;
      if (p.source && !same_shape(*p.source, *q.source, numbers, false, year)) return false;
      if (p.group && !same_shape(*p.group, *q.group, numbers, false, year)) return false;
      if (p.filter && !same_shape(*p.filter, *q.filter, numbers, false, year)) return false;
    }
    return true;
  }
  if (auto* x = a.as<ast::In>()) {
    auto* y = b.as<ast::In>();
    return x->negated == y->negated && same_shape(*x->value, *y->value, numbers, true, year) &&
           same_shape(*x->list, *y->list, numbers, true, year);
  }
  if (auto* x = a.as<ast::List>()) {
    auto* y = b.as<ast::List>();
    if (x->items.size() != y->items.size()) return false;
    for (std::size_t i = 0; i < x->items.size(); ++i)
      if (!same_shape(*x->items[i], *y->items[i], numbers, compared, year)) return false;
    return true;
  }
  return print_expr(a) == print_expr(b);
}

// Same meaning as far as the text can tell: the same shape and the same numbers (30 % and 30,0 % are equal).
bool equivalent(const ast::Expr& a, const ast::Expr& b) {
  Numbers numbers;
  return same_shape(a, b, numbers) && numbers.empty();
}

// A value changed for some years only (`remplace paramètre p pour 2023 = …`, read as `selon N { 2023: …; autre:
// … }`): the numbers that differ year by year, over the new version's years, consecutive years with the same change
// given once ("2023..2024"). Empty when a year's formulas differ in shape.
Numbers numbers_by_year(const ast::Expr& a, const ast::Expr& b, int first_year, int last_year) {
  auto has_selon_n = [](const ast::Expr& root) {
    bool found = false;
    ast::walk(root, [&](const ast::Expr& e) {
      if (auto* s = e.as<ast::Selon>(); s && s->subject->as<ast::CurrentYear>()) found = true;
      return !found;
    });
    return found;
  };
  if ((!has_selon_n(a) && !has_selon_n(b)) || first_year == 0) return {};
  Numbers out;
  int run_start = 0;
  Numbers run;
  auto close = [&](int last) {
    for (auto n : run) {
      n.years = run_start == last ? std::to_string(last) : fmt::format("{}..{}", run_start, last);
      out.push_back(std::move(n));
    }
    run.clear();
  };
  for (int year = first_year; year <= last_year; ++year) {
    Numbers numbers;
    if (!same_shape(a, b, numbers, false, year)) return {};
    bool same_as_run = !run.empty() && numbers.size() == run.size() &&
                       std::equal(numbers.begin(), numbers.end(), run.begin(), [](const auto& p, const auto& q) {
                         return p.old_text == q.old_text && p.new_text == q.new_text;
                       });
    if (same_as_run) continue;
    if (!run.empty()) close(year - 1);
    run = std::move(numbers);
    run_start = year;
  }
  if (!run.empty()) close(last_year);
  return out;
}

RuleChange expression_change(std::string what, std::string name, std::string label, const ast::Expr& a, const Span& wa,
                             const ast::Expr& b, const Span& wb, const CheckedProgram& new_program) {
  RuleChange c;
  c.kind = RuleChange::Kind::Changed;
  c.what = std::move(what);
  c.name = std::move(name);
  c.label = std::move(label);
  c.old_text = print_expr(a);
  c.new_text = print_expr(b);
  c.old_where = where(wa);
  c.new_where = where(wb);
  Numbers numbers;
  if (same_shape(a, b, numbers)) c.thresholds = std::move(numbers);
  else c.thresholds = numbers_by_year(a, b, new_program.first_year, new_program.last_year);
  return c;
}

// The local definitions an expression uses (bare names that are bindings of the same indicator).
// Also collects, in `parameters`, the parameters used on the way (directly or through other parameters).
void local_uses(const CheckedProgram& p, const ast::Expr& root, int indicator, std::set<int>& out,
                std::set<std::string>* parameters = nullptr) {
  ast::walk(root, [&](const ast::Expr& e) {
    auto it = p.references_.find(e.id);
    if (it == p.references_.end()) return true;
    const Reference& ref = it->second;
    if (ref.what == Reference::What::Binding && ref.indicator == indicator && e.as<ast::Name>() &&
        out.insert(ref.binding).second)
      local_uses(p, *p.indicators[indicator].decl->bindings[ref.binding].value, indicator, out, parameters);
    if (parameters && ref.what == Reference::What::Parameter) {
      const ast::ParameterDecl& d = *p.parameters[ref.parameter].decl;
      if (parameters->insert(d.name).second) local_uses(p, *d.value, indicator, out, parameters);
    }
    return true;
  });
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
  // Each legal reference added or removed on its own: an amendment usually adds one and keeps the others.
  for (const auto& x : a.references)
    if (std::find(b.references.begin(), b.references.end(), x) == b.references.end())
      r.changes.push_back({RuleChange::Kind::Removed, "contrat", "référence", {}, x, {}, {}, {}, {}, {}, {}});
  for (const auto& x : b.references)
    if (std::find(a.references.begin(), a.references.end(), x) == a.references.end())
      r.changes.push_back({RuleChange::Kind::Added, "contrat", "référence", {}, {}, x, {}, {}, {}, {}, {}});
  auto table_name = [](const CheckedProgram& p, int t) { return t < 0 ? std::string("—") : p.tables[t].name; };
  auto parameter_name = [](const CheckedProgram& p, int i) {
    return i < 0 ? std::string("—") : p.parameters[i].decl->name;
  };
  change("établissements", table_name(a, a.registry_table), table_name(b, b.registry_table));
  change("signataire", parameter_name(a, a.signatory_parameter), parameter_name(b, b.signatory_parameter));
  change("synthèse", parameter_name(a, a.summary_parameter), parameter_name(b, b.summary_parameter));
  change("données_absentes", a.missing_data == MissingData::Error ? "erreur" : "absent",
         b.missing_data == MissingData::Error ? "erreur" : "absent");
  auto division = [](DivisionByZero d) { return d == DivisionByZero::Error ? "erreur" : d == DivisionByZero::Zero ? "zéro" : "absent"; };
  change("division_par_zéro", division(a.division_by_zero), division(b.division_by_zero));
}

void diff_tables(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  for (const auto& t : a.tables) {
    int j = b.table_index(t.name);
    if (j < 0) {
      r.changes.push_back({RuleChange::Kind::Removed, "table", t.name, t.label, "", "", where(t.decl->name_span), "", {}, "", ""});
      continue;
    }
    const TableInfo& u = b.tables[j];
    for (const auto& c : t.columns) {
      if (c.implicit) continue;
      int k = u.column_index(c.name);
      if (k < 0) {
        r.changes.push_back({RuleChange::Kind::Removed, "colonne", t.name + "." + c.name, c.label, column_type_name(c.type), "",
                             where(c.span), "", {}, "", ""});
      } else if (u.columns[k].type != c.type) {
        r.changes.push_back({RuleChange::Kind::Changed, "colonne", t.name + "." + c.name, c.label, column_type_name(c.type),
                             column_type_name(u.columns[k].type), where(c.span), where(u.columns[k].span), {}, "", ""});
      }
    }
    for (const auto& c : u.columns)
      if (!c.implicit && t.column_index(c.name) < 0)
        r.changes.push_back({RuleChange::Kind::Added, "colonne", u.name + "." + c.name, c.label, "", column_type_name(c.type),
                             "", where(c.span), {}, "", ""});
    if (t.kind != u.kind)
      r.changes.push_back({RuleChange::Kind::Changed, "table", t.name, t.label, "clé modifiée", "clé modifiée",
                           where(t.decl->name_span), where(u.decl->name_span), {}, "", ""});
  }
  for (const auto& u : b.tables)
    if (a.table_index(u.name) < 0)
      r.changes.push_back({RuleChange::Kind::Added, "table", u.name, u.label, "", "", "", where(u.decl->name_span), {}, "", ""});
}

// Whether the parameter is, alone, a side of a comparison somewhere in the rules (`montant[N-1] ≥ seuil`).
bool compared_parameter(const CheckedProgram& p, int parameter) {
  auto is_it = [&](const ast::Expr& side) {
    const ast::Expr* e = &side;
    if (auto* at = e->as<ast::AtPeriod>()) e = at->expr.get();
    auto it = p.references_.find(e->id);
    return it != p.references_.end() && it->second.what == Reference::What::Parameter &&
           it->second.parameter == parameter;
  };
  bool found = false;
  auto visit = [&](const ast::Expr& root) {
    ast::walk(root, [&](const ast::Expr& e) {
      if (auto* b = e.as<ast::Binary>(); b && is_comparison(b->op)) found |= is_it(*b->lhs) || is_it(*b->rhs);
      return !found;
    });
  };
  for (const auto& ind : p.indicators)
    for (const auto& binding : ind.decl->bindings) visit(*binding.value);
  for (const auto& prm : p.parameters) visit(*prm.decl->value);
  return found;
}

void diff_parameters(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  for (const auto& x : a.parameters) {
    int j = b.parameter_index(x.decl->name);
    if (j < 0) {
      r.changes.push_back({RuleChange::Kind::Removed, "paramètre", x.decl->name, x.decl->label, print_expr(*x.decl->value), "",
                           where(x.decl->name_span), "", {}, "", ""});
      continue;
    }
    const ParameterInfo& y = b.parameters[j];
    if (equivalent(*x.decl->value, *y.decl->value)) continue;
    RuleChange c = expression_change("paramètre", x.decl->name, y.decl->label, *x.decl->value, x.decl->name_span,
                                     *y.decl->value, y.decl->name_span, b);
    // A parameter compared with somewhere (`montant ≥ seuil`) is a threshold, whatever its own formula.
    if (compared_parameter(b, j))
      for (auto& n : c.thresholds) n.role = NumberChange::Role::Threshold;
    r.changes.push_back(std::move(c));
  }
  for (const auto& y : b.parameters)
    if (a.parameter_index(y.decl->name) < 0)
      r.changes.push_back({RuleChange::Kind::Added, "paramètre", y.decl->name, y.decl->label, "", print_expr(*y.decl->value), "",
                           where(y.decl->name_span), {}, "", ""});
}

void diff_metadata(const IndicatorInfo& x, const IndicatorInfo& y, DiffReport& r) {
  auto meta = [&](const std::string& key, const std::string& old_value, const std::string& new_value) {
    if (old_value != new_value)
      r.changes.push_back({RuleChange::Kind::Changed, "métadonnée", x.name + "." + key, "", old_value, new_value,
                           where(x.decl->name_span), where(y.decl->name_span), {}, "", ""});
  };
  auto level = [](Level l) { return l == Level::National ? "national" : "régional"; };
  meta("libellé", x.label, y.label);
  meta("volet", x.volet, y.volet);
  meta("niveau", level(x.level), level(y.level));
  meta("source", x.source, y.source);
  meta("référence", x.reference, y.reference);
  meta("statut", x.status, y.status);
}

// The parts (bindings) removed, changed and added; returns the bindings of y that changed or are new.
std::set<int> diff_bindings(const CheckedProgram& b, const IndicatorInfo& x, const IndicatorInfo& y, DiffReport& r) {
  std::set<int> changed_new;
  for (const auto& bx : x.decl->bindings) {
    auto it = y.bindings.find(bx.name);
    if (it == y.bindings.end()) {
      r.changes.push_back({RuleChange::Kind::Removed, "partie", x.name + "." + bx.name, bx.label, print_expr(*bx.value), "",
                           where(bx.span), "", {}, "", ""});
      continue;
    }
    const ast::Binding& by = y.decl->bindings[it->second];
    if (!equivalent(*bx.value, *by.value)) {
      RuleChange c = expression_change("partie", x.name + "." + bx.name, by.label, *bx.value, bx.span, *by.value,
                                       by.span, b);
      // The numbers of `cible` are the target (unless compared within it).
      if (bx.name == kTarget)
        for (auto& n : c.thresholds)
          if (n.role != NumberChange::Role::Threshold) n.role = NumberChange::Role::Target;
      r.changes.push_back(std::move(c));
      changed_new.insert(it->second);
    }
  }
  for (std::size_t k = 0; k < y.decl->bindings.size(); ++k) {
    const ast::Binding& by = y.decl->bindings[k];
    if (x.bindings.count(by.name)) continue;
    changed_new.insert(static_cast<int>(k));
    r.changes.push_back({RuleChange::Kind::Added, "partie", x.name + "." + by.name, by.label, "", print_expr(*by.value), "",
                         where(by.span), {}, "", ""});
  }
  return changed_new;
}

// A part whose own formula did not change but that uses a definition or a parameter that did.
void affected_parts(const CheckedProgram& b, int j, const std::set<int>& changed_new,
                    const std::set<std::string>& changed_parameters, DiffReport& r) {
  const IndicatorInfo& y = b.indicators[j];
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
    RuleChange c{RuleChange::Kind::Affected, "partie", y.name + "." + by.name, by.label, "", print_expr(*by.value), "",
                 where(by.span), {}, "", ""};
    c.note = fmt::format("même formule, mais elle utilise {}, modifié", list);
    c.uses = list;
    r.changes.push_back(std::move(c));
  }
}

void diff_indicators(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  std::set<std::string> changed_parameters;  // changed, added or removed by diff_parameters
  for (const auto& c : r.changes)
    if (c.what == "paramètre") changed_parameters.insert(c.name);
  for (const auto& x : a.indicators) {
    int j = b.indicator_index(x.name);
    if (j < 0) {
      r.changes.push_back({RuleChange::Kind::Removed, "indicateur", x.name, x.label, "", "", where(x.decl->name_span), "", {}, "", ""});
      continue;
    }
    diff_metadata(x, b.indicators[j], r);
    std::set<int> changed_new = diff_bindings(b, x, b.indicators[j], r);
    affected_parts(b, j, changed_new, changed_parameters, r);
  }
  // A new indicator is shown whole, each of its parts with its formula: the reviewer reads what it will pay.
  for (const auto& y : b.indicators) {
    if (a.indicator_index(y.name) >= 0) continue;
    r.changes.push_back({RuleChange::Kind::Added, "indicateur", y.name, y.label, "", "", "", where(y.decl->name_span), {}, "", ""});
    for (const auto& by : y.decl->bindings)
      r.changes.push_back({RuleChange::Kind::Added, "partie", y.name + "." + by.name, by.label, "", print_expr(*by.value),
                           "", where(by.span), {}, "", ""});
  }
}

// The tests, by label: a test removed or added changes what the rules are checked against.
void diff_tests(const CheckedProgram& a, const CheckedProgram& b, DiffReport& r) {
  auto has = [](const CheckedProgram& p, const std::string& label) {
    return std::any_of(p.ast->tests.begin(), p.ast->tests.end(), [&](const auto& t) { return t.label == label; });
  };
  for (const auto& t : a.ast->tests)
    if (!has(b, t.label)) r.changes.push_back({RuleChange::Kind::Removed, "test", t.label, "", "", "", where(t.span), "", {}, "", ""});
  for (const auto& t : b.ast->tests)
    if (!has(a, t.label)) r.changes.push_back({RuleChange::Kind::Added, "test", t.label, "", "", "", "", where(t.span), {}, "", ""});
}

}  // namespace

const char* change_kind_word(RuleChange::Kind k) {
  switch (k) {
    case RuleChange::Kind::Added: return "ajouté";
    case RuleChange::Kind::Removed: return "retiré";
    case RuleChange::Kind::Changed: return "modifié";
    case RuleChange::Kind::Affected: return "affecté";
  }
  return "";
}

DiffReport diff_programs(const CheckedProgram& a, const CheckedProgram& b) {
  DiffReport r;
  r.old_name = a.contract_name;
  r.new_name = b.contract_name;
  diff_contract(a, b, r);
  diff_tables(a, b, r);
  diff_parameters(a, b, r);
  diff_indicators(a, b, r);
  diff_tests(a, b, r);
  return r;
}

}  // namespace caqes
