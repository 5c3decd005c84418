// The expressions, one function per kind of node: literals, names (a row's column, a definition, a parameter, a
// column of a per-establishment table), `table.colonne` and `indicateur.partie`, periods, operators, `dans`,
// `si`, lists and `selon`. Each records its type and whether it changes with N; calls are in calls.cc.
#include <algorithm>

#include "check/check_expression_messages.h"
#include "check/check_messages.h"
#include "check/context.h"
#include "check/suggestions.h"
#include "check/units.h"
#include "syntax/parser.h"

namespace caqes::checker {

using namespace check_messages;

namespace {

Info node(Context&, const ast::Expr&, const ast::NumberLiteral& n, const Scope&) {
  Unit u = n.unit == ast::LiteralUnit::Euro ? Unit::Money : n.unit == ast::LiteralUnit::Percent ? Unit::Rate : Unit::Plain;
  return {Type::number(u)};
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
  return {info.binding_types[b], info.binding_year_dependent[b], true};
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
  return {info.type, info.year_dependent, cx.parameter_aggregate[prm]};
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
                   visible_names(p, scope.indicator, scope.row_table));
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
  return {inner.type, at.period.relative, inner.aggregate};
}

Info node(Context& cx, const ast::Expr& e, const ast::Unary& u, const Scope& scope) {
  Info r = check_expr(cx, *u.operand, scope);
  if (r.type.is_error()) return {};
  if (u.op == ast::UnaryOp::Negate && !r.type.is_number()) {
    cx.diags.error(e.span, Message(kNegateNotANumber, describe(r.type)));
    return {};
  }
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

// +, −, ×, /: numbers, whose units combine as units.h says.
std::optional<Type> arithmetic(Context& cx, const ast::Expr& e, const ast::Binary& b, const Type& a, const Type& c) {
  if (!a.is_number() || !c.is_number()) {
    bool additive = b.op == ast::BinaryOp::Add || b.op == ast::BinaryOp::Subtract;
    cx.diags.error(e.span, Message(kNeedsTwoNumbers, ast::spelling(b.op), describe(a), describe(c)),
                   additive && (a.kind == Kind::Date || c.kind == Kind::Date) ? Message(kDaysBetweenDates) : Message());
    return std::nullopt;
  }
  UnitOutcome unit = arithmetic_unit(b.op, a.unit, c.unit);
  if (!unit.unit) {
    cx.diags.error(e.span, unit.message, unit.hint);
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

// =, ≠, <, ≤, >, ≥, ≈: two values of one kind (numbers of one dimension); only numbers and dates are ordered.
std::optional<Type> comparison(Context& cx, const ast::Expr& e, const ast::Binary& b, const Type& a, const Type& c) {
  bool ordered = b.op != ast::BinaryOp::Equal && b.op != ast::BinaryOp::NotEqual;
  if (a.kind == Kind::Absent || c.kind == Kind::Absent) {
    cx.diags.error(e.span, Message(kComparedWithAbsent), Message(kTestPresence));
  } else if (a.kind != c.kind) {
    cx.diags.error(e.span, Message(kCannotCompare, describe(a), describe(c)), unit_hint(a));
  } else if (a.kind == Kind::Number && !same_dimension(a.unit, c.unit)) {
    cx.diags.error(e.span, Message(kCannotCompare, describe(a), describe(c)),
                   a.unit == Unit::Money || c.unit == Unit::Money ? Message(kWriteTheThresholdUnit) : Message());
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
    case ast::BinaryOp::Divide: type = arithmetic(cx, e, b, l.type, r.type); break;
    case ast::BinaryOp::Approx:
      if (approx_allowed(cx, e, b, scope)) type = comparison(cx, e, b, l.type, r.type);
      break;
    default: type = comparison(cx, e, b, l.type, r.type); break;
  }
  if (!type) return {};
  return {*type, l.year || r.year, l.aggregate || r.aggregate};
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
    cx.diags.error(e.span, Message(kBranchesDiffer, describe(t.type), describe(f.type)),
                   t.type.unit == Unit::Money || f.type.unit == Unit::Money ? Message(kWriteZeroEuro) : Message());
    return {};
  }
  return {*u, c.year || t.year || f.year, c.aggregate || t.aggregate || f.aggregate};
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
      cx.diags.error(item->span, Message(kListMixesTypes, describe(*element), describe(r.type)));
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
      cx.diags.error(x.span, Message(kCaseGivesOtherType, describe(r.type), describe(out.type)));
      failed = true;
      return;
    }
    out.type = *u;
  }
};

Info node(Context& cx, const ast::Expr&, const ast::Selon& s, const Scope& scope) {
  SelonCheck check{cx, scope, check_expr(cx, *s.subject, scope)};
  for (const auto& arm : s.arms) {
    for (const auto& key : arm.keys) check.key(*key);
    check.result(*arm.result);
  }
  if (s.otherwise) check.result(*s.otherwise);
  if (check.failed) return {};
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
