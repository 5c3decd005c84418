// The expressions, one function per kind of node: literals, names (a row's column, a definition, a parameter, a
// column of a per-establishment table), `table.colonne` and `indicateur.partie`, periods, operators, `dans`,
// `si`, lists and `selon`. Each records its type and whether it changes with N; calls are in calls.cc.
#include <algorithm>
#include <set>
#include <string>

#include "check/check_expression_messages.h"
#include "check/check_messages.h"
#include "check/context.h"
#include "check/suggestions.h"
#include "check/units.h"
#include "syntax/ast_walk.h"
#include "syntax/parser.h"

namespace caqes::checker {

using namespace check_messages;

namespace {

Info node(Context&, const ast::Expr& e, const ast::NumberLiteral& n, const Scope&) {
  Unit u = n.unit == ast::LiteralUnit::Euro ? Unit::Money : n.unit == ast::LiteralUnit::Percent ? Unit::Rate : Unit::Plain;
  Info out{Type::number(u)};
  if (u == Unit::Plain) out.plain_literal = &e;
  return out;
}
Info node(Context&, const ast::Expr&, const ast::StringLiteral&, const Scope&) { return {Type::text()}; }
Info node(Context&, const ast::Expr&, const ast::DateLiteral&, const Scope&) { return {Type::date()}; }
Info node(Context&, const ast::Expr&, const ast::BooleanLiteral&, const Scope&) { return {Type::boolean()}; }
Info node(Context&, const ast::Expr&, const ast::AbsentLiteral&, const Scope&) { return {Type::absent()}; }
Info node(Context&, const ast::Expr&, const ast::CurrentYear&, const Scope&) { return {Type::number(Unit::Plain), true}; }

// ---- names -------------------------------------------------------------------------------------------------

Info row_column(Context& cx, const ast::Expr& e, Reference::What what, int t, int c) {
  const TableInfo& table = cx.program.tables[t];
  cx.program.references_[e.id] = Reference{what, t, c};
  return {type_of_column(table.columns[c].type), c == table.year_column};
}

Info entity_column(Context& cx, const ast::Expr& e, int t, int c) {
  Reference ref;
  ref.what = Reference::What::EntityColumn;
  ref.table = t;
  ref.column = c;
  cx.program.references_[e.id] = ref;
  const TableInfo& table = cx.program.tables[t];
  return {type_of_column(table.columns[c].type), table.has_year()};
}

// "cycle of definitions: a → b → a": the part of the stack of definitions being checked from this one on.
std::string cycle_path(const Context& cx, int indicator, int b) {
  std::string path;
  auto start = std::find(cx.in_progress.begin(), cx.in_progress.end(), std::make_pair(indicator, b));
  for (auto it = start; it != cx.in_progress.end(); ++it) {
    const auto& ind = *cx.program.indicators[it->first].decl;
    path += (it->first == indicator ? "" : ind.name + ".") + ind.bindings[it->second].name + " → ";
  }
  return path + cx.program.indicators[indicator].decl->bindings[b].name;
}

Info binding_reference(Context& cx, const ast::Expr& e, int indicator, int b) {
  if (cx.binding_state[indicator][b] == State::InProgress) {
    cx.diags.error(e.span, Message(kDefinitionCycle, cycle_path(cx, indicator, b)), Message(kBreakTheCycle));
    return {};
  }
  if (cx.binding_state[indicator][b] == State::Done) reach_into(cx, cx.binding_reach[{indicator, b}], e.span);
  check_binding(cx, indicator, b);
  Reference ref;
  ref.what = Reference::What::Binding;
  ref.indicator = indicator;
  ref.binding = b;
  cx.program.references_[e.id] = ref;
  const IndicatorInfo& info = cx.program.indicators[indicator];
  // A definition of an indicator is computed per establishment, after the rows: never inside a row filter.
  return {info.binding_types[b], info.binding_year_dependent[b], true, cx.binding_literal[indicator][b]};
}

Info parameter_reference(Context& cx, const ast::Expr& e, int prm) {
  if (cx.parameter_state[prm] == State::InProgress) {
    cx.diags.error(e.span, Message(kParameterDependsOnItself, cx.program.parameters[prm].decl->name));
    return {};
  }
  if (cx.parameter_state[prm] == State::Done) reach_into(cx, cx.parameter_reach[prm], e.span);
  check_parameter(cx, prm);
  Reference ref;
  ref.what = Reference::What::Parameter;
  ref.parameter = prm;
  cx.program.references_[e.id] = ref;
  const ParameterInfo& info = cx.program.parameters[prm];
  return {info.type, info.year_dependent, cx.parameter_aggregate[prm], cx.parameter_literal[prm]};
}

// A column of a per-establishment table, when exactly one such table has a column of that name.
std::optional<Info> unique_entity_column(Context& cx, const ast::Expr& e, const std::string& name) {
  const CheckedProgram& p = cx.program;
  std::vector<std::pair<int, int>> found;
  for (std::size_t t = 0; t < p.tables.size(); ++t) {
    if (!p.tables[t].per_entity()) continue;
    int c = p.tables[t].column_index(name);
    if (c >= 0 && !p.tables[t].columns[c].implicit) found.push_back({static_cast<int>(t), c});
  }
  if (found.empty()) return std::nullopt;
  if (found.size() == 1) return entity_column(cx, e, found[0].first, found[0].second);
  std::vector<Message> options;
  for (auto& [t, c] : found) options.emplace_back(kAsWritten, p.tables[t].name + "." + name);
  cx.diags.error(e.span, Message(kColumnOfSeveralTables, name),
                 Message(kWriteOneOf, Message::list(kOrBetween, kOrLast, std::move(options))));
  return Info{};
}

// A name that denotes nothing usable as a value: a table, an indicator, or nothing at all.
Info not_a_value(Context& cx, const ast::Expr& e, const std::string& name, const Scope& scope) {
  const CheckedProgram& p = cx.program;
  if (int t = p.table_index(name); t >= 0) {
    cx.diags.error(e.span, Message(kTableNotAValue, name),
                   Message(p.tables[t].per_entity() ? kReadAColumn : kAggregateTheRows, name));
  } else if (p.indicator_index(name) >= 0) {
    cx.diags.error(e.span, Message(kIndicatorNotAValue, name), Message(kReadAPart, name));
  } else {
    report_unknown(cx.diags, e.span, Message(kUnknownName, name), name,
                   visible_names(p, scope.indicator, scope.row_table), Message(kQuoteACodeOrDeclare, name));
  }
  return {};
}

// A name is looked up in the row, the indicator's definitions, the parameters, `finess`, then the columns of the
// per-establishment tables.
Info node(Context& cx, const ast::Expr& e, const ast::Name& n, const Scope& scope) {
  const std::string& name = n.name;
  CheckedProgram& p = cx.program;
  if (scope.row_table >= 0) {
    int c = p.tables[scope.row_table].column_index(name);
    if (c >= 0) return row_column(cx, e, Reference::What::RowColumn, scope.row_table, c);
  }
  if (scope.indicator >= 0) {
    const IndicatorInfo& ind = p.indicators[scope.indicator];
    auto it = ind.bindings.find(name);
    if (it != ind.bindings.end()) return binding_reference(cx, e, scope.indicator, it->second);
  }
  if (int prm = p.parameter_index(name); prm >= 0) return parameter_reference(cx, e, prm);
  if (name == "finess") {
    Reference ref;
    ref.what = Reference::What::Finess;
    p.references_[e.id] = ref;
    return {Type::text()};
  }
  if (auto column = unique_entity_column(cx, e, name)) return *column;
  return not_a_value(cx, e, name, scope);
}

// `table.colonne`: a column of a per-establishment table, or of the row being aggregated (the outer row, in a
// nested aggregation).
Info table_member(Context& cx, const ast::Expr& e, const ast::Member& m, int t, const Scope& scope) {
  const TableInfo& table = cx.program.tables[t];
  int c = table.column_index(m.member);
  if (c < 0) {
    report_unknown(cx.diags, m.member_span, Message(kNoSuchColumn, table.name, m.member), m.member,
                   column_names(table));
    return {};
  }
  if (table.per_entity()) return entity_column(cx, e, t, c);
  // In a nested aggregation, `table.colonne` names the outer row, even when both read the same table (the inner
  // row's columns are written without the table's name).
  if (scope.outer_table == t) return row_column(cx, e, Reference::What::OuterRowColumn, t, c);
  if (scope.row_table == t) return row_column(cx, e, Reference::What::RowColumn, t, c);
  cx.diags.error(e.span, Message(kRowTableColumn, table.name), Message(kAggregateIt, m.member, table.name));
  return {};
}

// `indicateur.partie`: one of its definitions; its results (valeur, ciblage…) as `caqes run` reports them.
Info indicator_member(Context& cx, const ast::Expr& e, const ast::Member& m, int ind) {
  const IndicatorInfo& info = cx.program.indicators[ind];
  std::string member = m.member == "ciblé" ? kTargeting : m.member;
  auto it = info.bindings.find(member);
  if (it == info.bindings.end()) {
    std::vector<std::string> names;
    for (auto& [n, _] : info.bindings) names.push_back(n);
    report_unknown(cx.diags, m.member_span, Message(kNoSuchDefinition, info.name, m.member), m.member, names);
    return {};
  }
  Info r = binding_reference(cx, e, ind, it->second);
  int b = it->second;
  if (b == info.value || b == info.targeting || b == info.target || b == info.achieved || b == info.incentive)
    cx.program.references_[e.id].what = Reference::What::Result;
  return r;
}

Info node(Context& cx, const ast::Expr& e, const ast::Member& m, const Scope& scope) {
  const auto* object = m.object->as<ast::Name>();
  if (!object) {
    cx.diags.error(e.span, Message(kMemberOfAnExpression), Message(kWriteAMember));
    return {};
  }
  if (int t = cx.program.table_index(object->name); t >= 0) return table_member(cx, e, m, t, scope);
  if (int ind = cx.program.indicator_index(object->name); ind >= 0) return indicator_member(cx, e, m, ind);
  std::vector<std::string> names = table_names(cx.program);
  for (const auto& i : cx.program.indicators) names.push_back(i.name);
  report_unknown(cx.diags, m.object->span, Message(kNeitherTableNorIndicator, object->name), object->name, names);
  return {};
}

// ---- periods and operators ---------------------------------------------------------------------------------

Info node(Context& cx, const ast::Expr&, const ast::AtPeriod& at, const Scope& scope) {
  Info inner = check_expr(cx, *at.expr, scope);
  if (inner.type.is_error()) return {};
  if (!inner.year) {
    cx.diags.error(at.period.span, Message(kPeriodWithoutEffect, at.period.text()), Message(kWhatVariesByYear));
    return {};
  }
  return {inner.type, at.period.relative, inner.aggregate, inner.plain_literal};
}

Info node(Context& cx, const ast::Expr& e, const ast::Unary& u, const Scope& scope) {
  Info r = check_expr(cx, *u.operand, scope);
  if (r.type.is_error()) return {};
  if (u.op == ast::UnaryOp::Negate && !r.type.is_number()) {
    cx.diags.error(e.span, Message(kNegateNotANumber, describe(r.type)));
    return {};
  }
  if (u.op == ast::UnaryOp::Not) r.plain_literal = nullptr;
  if (u.op == ast::UnaryOp::Not && r.type.kind != Kind::Boolean) {
    cx.diags.error(e.span, Message(kNotNotACondition, describe(r.type)));
    return {};
  }
  return r;
}

// et, ou
std::optional<Type> logical(Context& cx, const ast::Binary& b, const Type& a, const Type& c) {
  if (a.kind == Kind::Boolean && c.kind == Kind::Boolean) return Type::boolean();
  const ast::Expr& bad = a.kind != Kind::Boolean ? *b.lhs : *b.rhs;
  cx.diags.error(bad.span, Message(kJoinsConditions, ast::spelling(b.op), describe(a.kind != Kind::Boolean ? a : c)));
  return std::nullopt;
}

// Where a unit error between `a` and `c` is reported: at the expression, unless one side is a plain number written
// elsewhere (a selon's case, a definition, a parameter) and the other has a unit: then at that number, which is
// what to fix, and in the file where it is written (an amendment's `cible = selon N { 2023: 10; ... }`, compared
// with the base's `valeur`). Returns false when the error was not about such a number.
bool report_plain_number(Context& cx, const ast::Expr& e, const MessageText& text, const Info& a, const Info& c) {
  const Info& plain = a.plain_literal ? a : c;
  const Info& other = a.plain_literal ? c : a;
  if (!plain.plain_literal || !other.type.is_number() || other.type.unit == Unit::Plain ||
      other.type.unit == Unit::Count)
    return false;
  const ast::Expr* literal = plain.plain_literal;
  bool inside = false;
  ast::walk(e, [&](const ast::Expr& x) {
    inside |= &x == literal;
    return !inside;
  });
  if (inside) return false;
  // A number read by several comparisons (a `cible` that two indicators compare) is one mistake, told once.
  if (!cx.blamed_literals.insert(literal).second) return true;
  cx.diags.error(literal->span,
                 Message(text, literal->as<ast::NumberLiteral>()->text, describe(other.type), e.span.where()),
                 unit_hint(other.type));
  return true;
}

// +, −, ×, /: numbers, whose units combine as units.h says.
std::optional<Type> arithmetic(Context& cx, const ast::Expr& e, const ast::Binary& b, const Info& l, const Info& r) {
  const Type& a = l.type;
  const Type& c = r.type;
  if (!a.is_number() || !c.is_number()) {
    bool additive = b.op == ast::BinaryOp::Add || b.op == ast::BinaryOp::Subtract;
    cx.diags.error(e.span, Message(kNeedsTwoNumbers, ast::spelling(b.op), describe(a), describe(c)),
                   additive && (a.kind == Kind::Date || c.kind == Kind::Date) ? Message(kDaysBetweenDates) : Message());
    return std::nullopt;
  }
  UnitOutcome unit = arithmetic_unit(b.op, a.unit, c.unit);
  if (!unit.unit) {
    if (!report_plain_number(cx, e, kPlainNumberAdded, l, r)) cx.diags.error(e.span, unit.message, unit.hint);
    return std::nullopt;
  }
  return Type::number(*unit.unit);
}

// `≈` compares, in a test expectation, with a number written out whose decimals give the precision.
bool approx_allowed(Context& cx, const ast::Expr& e, const ast::Binary& b, const Scope& scope) {
  if (!scope.test) {
    cx.diags.error(e.span, Message(kApproxOnlyInTests), Message(kRoundExplicitly));
    return false;
  }
  const ast::Expr* written = b.rhs.get();
  if (auto* u = written->as<ast::Unary>(); u && u->op == ast::UnaryOp::Negate) written = u->operand.get();
  if (!written->as<ast::NumberLiteral>()) {
    cx.diags.error(b.rhs->span, Message(kApproxWithWrittenNumber));
    return false;
  }
  return true;
}

// The fix of a comparison of two units: the threshold's unit, when one side is a number written without one.
Message comparison_hint(const Type& a, const Type& c) {
  if (a.unit == Unit::Money || c.unit == Unit::Money) return Message(kWriteTheThresholdUnit);
  if (a.unit == Unit::Rate && c.unit == Unit::Rate) return Message();
  const Type& rate = a.unit == Unit::Rate ? a : c;
  const Type& number = a.unit == Unit::Rate ? c : a;
  return number.unit == Unit::Plain ? unit_hint(rate) : Message(kShareOfACount);
}

// =, ≠, <, ≤, >, ≥, ≈: two values of one kind (numbers of one dimension); only numbers and dates are ordered.
std::optional<Type> comparison(Context& cx, const ast::Expr& e, const ast::Binary& b, const Info& l, const Info& r) {
  const Type& a = l.type;
  const Type& c = r.type;
  bool ordered = b.op != ast::BinaryOp::Equal && b.op != ast::BinaryOp::NotEqual;
  if (a.kind == Kind::Absent || c.kind == Kind::Absent) {
    cx.diags.error(e.span, Message(kComparedWithAbsent), Message(kTestPresence));
  } else if (a.kind != c.kind) {
    cx.diags.error(e.span, Message(kCannotCompare, describe(a), describe(c)), unit_hint(a));
  } else if (a.kind == Kind::Number && !same_dimension(a.unit, c.unit)) {
    if (!report_plain_number(cx, e, kPlainNumberCompared, l, r))
      cx.diags.error(e.span, Message(kCannotCompare, describe(a), describe(c)), comparison_hint(a, c));
  } else if (ordered && a.kind != Kind::Number && a.kind != Kind::Date) {
    cx.diags.error(e.span, Message(kOrdersNumbersOrDates, ast::spelling(b.op), describe(a)));
  } else if (a.kind == Kind::List) {
    cx.diags.error(e.span, Message(kListsNotCompared), Message(kTestMembership));
  } else {
    return Type::boolean();
  }
  return std::nullopt;
}

Info node(Context& cx, const ast::Expr& e, const ast::Binary& b, const Scope& scope) {
  Info l = check_expr(cx, *b.lhs, scope);
  Info r = check_expr(cx, *b.rhs, scope);
  if (l.type.is_error() || r.type.is_error()) return {};
  std::optional<Type> type;
  switch (b.op) {
    case ast::BinaryOp::And:
    case ast::BinaryOp::Or: type = logical(cx, b, l.type, r.type); break;
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Subtract:
    case ast::BinaryOp::Multiply:
    case ast::BinaryOp::Divide: type = arithmetic(cx, e, b, l, r); break;
    case ast::BinaryOp::Approx:
      if (approx_allowed(cx, e, b, scope)) type = comparison(cx, e, b, l, r);
      break;
    default: type = comparison(cx, e, b, l, r); break;
  }
  if (!type) return {};
  // 10 - 2 is still a number written without a unit.
  const ast::Expr* literal = l.plain_literal && r.plain_literal && type->unit == Unit::Plain && type->is_number()
                                 ? l.plain_literal : nullptr;
  return {*type, l.year || r.year, l.aggregate || r.aggregate, literal};
}

// ---- dans, si, lists, selon --------------------------------------------------------------------------------

Info node(Context& cx, const ast::Expr& e, const ast::In& in, const Scope& scope) {
  Info v = check_expr(cx, *in.value, scope);
  Info l = check_expr(cx, *in.list, scope);
  if (v.type.is_error() || l.type.is_error()) return {};
  if (l.type.kind != Kind::List) {
    cx.diags.error(in.list->span, Message(kInNeedsAList, describe(l.type)), Message(kWriteAList));
    return {};
  }
  Type element = l.type.element_type();
  bool ok = element.kind == Kind::Error /* empty list */ ||
            (element.kind == v.type.kind &&
             (element.kind != Kind::Number || same_dimension(element.unit, v.type.unit)));
  if (!ok) {
    cx.diags.error(e.span, Message(kLookedForInOtherType, describe(v.type), describe(l.type)));
    return {};
  }
  return {Type::boolean(), v.year || l.year, v.aggregate || l.aggregate};
}

Info node(Context& cx, const ast::Expr& e, const ast::If& i, const Scope& scope) {
  Info c = check_expr(cx, *i.condition, scope);
  Info t = check_expr(cx, *i.then_branch, scope);
  Info f = check_expr(cx, *i.else_branch, scope);
  if (!c.type.is_error() && c.type.kind != Kind::Boolean)
    cx.diags.error(i.condition->span, Message(kIfNeedsACondition, describe(c.type)));
  if (c.type.is_error() || t.type.is_error() || f.type.is_error()) return {};
  auto u = unify(t.type, f.type);
  if (!u) {
    Message hint = t.type.unit == Unit::Money || f.type.unit == Unit::Money ? Message(kWriteZeroEuro)
                   : t.type.unit == Unit::Rate || f.type.unit == Unit::Rate ? Message(kRateWithUnit)
                                                                            : Message();
    cx.diags.error(e.span, Message(kBranchesDiffer, describe(t.type), describe(f.type)), hint);
    return {};
  }
  const ast::Expr* literal = u->is_number() && u->unit == Unit::Plain ? (t.plain_literal ? t.plain_literal : f.plain_literal) : nullptr;
  return {*u, c.year || t.year || f.year, c.aggregate || t.aggregate || f.aggregate, literal};
}

Info node(Context& cx, const ast::Expr&, const ast::List& l, const Scope& scope) {
  Info out{Type::list(Type::error())};
  std::optional<Type> element;
  for (const auto& item : l.items) {
    Info r = check_expr(cx, *item, scope);
    if (r.type.is_error()) return {};
    if (r.type.kind == Kind::List) {
      cx.diags.error(item->span, Message(kListOfLists));
      return {};
    }
    if (!element) {
      element = r.type;
    } else if (auto u = unify(*element, r.type)) {
      element = *u;
    } else {
      cx.diags.error(item->span, Message(kListMixesTypes, describe(*element), describe(r.type)), unit_hint(*element));
      return {};
    }
    out.year |= r.year;
    out.aggregate |= r.aggregate;
  }
  if (element) out.type = Type::list(*element);
  return out;
}

// The cases of a `selon`: each key compared with the subject, each result merged into the one type of them all.
struct SelonCheck {
  Context& cx;
  const Scope& scope;
  Info subject;
  Info out{Type::absent(), subject.year, subject.aggregate};
  bool failed = subject.type.is_error();

  void key(const ast::Expr& key) {
    Info k = check_expr(cx, key, scope);
    if (k.type.is_error() || failed) return;
    bool ok = k.type.kind == subject.type.kind &&
              (k.type.kind != Kind::Number || same_dimension(k.type.unit, subject.type.unit));
    if (!ok)
      cx.diags.error(key.span, Message(kCaseOfOtherType, describe(subject.type), describe(k.type)));
  }

  void result(const ast::Expr& x) {
    Info r = check_expr(cx, x, scope);
    if (r.type.is_error()) {
      failed = true;
      return;
    }
    out.year |= r.year;
    out.aggregate |= r.aggregate;
    auto u = unify(out.type, r.type);
    if (!u) {
      cx.diags.error(x.span, Message(kCaseGivesOtherType, describe(r.type), describe(out.type)), unit_hint(out.type));
      failed = true;
      return;
    }
    out.type = *u;
    if (!out.plain_literal) out.plain_literal = r.plain_literal;
  }
};

std::string folder_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// `selon N` without `autre` gives nothing for a year it does not list: every year of the contract must be listed,
// or the figure is absent that year and nobody is targeted on it, without a word (an amendment that adds 2025 to
// the contract's years, a target written for 2023 and 2024 only).
void selon_years(Context& cx, const ast::Expr& e, const ast::Selon& s, const Scope& scope) {
  const CheckedProgram& p = cx.program;
  if (s.otherwise || !s.subject->as<ast::CurrentYear>() || p.first_year == 0 || p.first_year > p.last_year) return;
  std::set<int> listed;
  for (const auto& arm : s.arms)
    for (const auto& key : arm.keys)
      if (auto* n = key->as<ast::NumberLiteral>(); n && n->value.to_int()) listed.insert(static_cast<int>(*n->value.to_int()));
  std::vector<std::string> missing;
  for (int year = p.first_year; year <= p.last_year; ++year)
    if (!listed.count(year)) missing.push_back(std::to_string(year));
  if (missing.empty()) return;
  std::string years;
  for (const auto& y : missing) years += (years.empty() ? "" : ", ") + y;
  // Written in the base contract (an amendment that moved the years on): the fix goes in the amendment.
  const ast::Program& ast = *p.ast;
  bool inherited = !ast.base_contract.empty() && !ast.contracts.empty() && ast.contracts.front().span.file &&
                   e.span.file && folder_of(e.span.path()) != folder_of(ast.contracts.front().span.path());
  Message hint(kAddTheYears, missing.front());
  if (inherited && scope.indicator >= 0)
    hint = Message(kRestateInAmendment, p.indicators[scope.indicator].name, missing.front());
  cx.diags.error(e.span, Message(kSelonMissesYears, years, p.first_year, p.last_year), hint);
}

Info node(Context& cx, const ast::Expr& e, const ast::Selon& s, const Scope& scope) {
  SelonCheck check{cx, scope, check_expr(cx, *s.subject, scope)};
  for (const auto& arm : s.arms) {
    for (const auto& key : arm.keys) check.key(*key);
    check.result(*arm.result);
  }
  if (s.otherwise) check.result(*s.otherwise);
  selon_years(cx, e, s, scope);
  if (check.failed) return {};
  if (!check.out.type.is_number() || check.out.type.unit != Unit::Plain) check.out.plain_literal = nullptr;
  return check.out;
}

Info node(Context& cx, const ast::Expr& e, const ast::Call& call, const Scope& scope) {
  return check_call(cx, e, call, scope);
}

}  // namespace

void reach_into(Context& cx, int reach, const Span& span) {
  int level = cx.depth + reach;
  cx.deepest = std::max(cx.deepest, level);
  if (level <= kMaxEvaluationDepth || cx.too_deep) return;
  cx.too_deep = true;  // once: every declaration that reads this one would say it again
  cx.diags.error(span, Message(kEvaluationTooDeep, kMaxEvaluationDepth), Message(kShortenTheChain));
}

Info check_expr(Context& cx, const ast::Expr& e, const Scope& scope) {
  if (cx.depth >= kMaxEvaluationDepth) {
    reach_into(cx, 1, e.span);
    return {};
  }
  ++cx.depth;
  cx.deepest = std::max(cx.deepest, cx.depth);
  Info r = std::visit([&](const auto& n) { return node(cx, e, n, scope); }, e.node);
  --cx.depth;
  cx.program.types[e.id] = r.type;
  cx.program.year_dependent[e.id] = r.year;
  return r;
}

}  // namespace caqes::checker
