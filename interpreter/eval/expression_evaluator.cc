// The tree walker (expression_evaluator.h): one function per kind of node, the references to definitions,
// parameters, columns and other indicators' results, and the calls (aggregations, statistics, built-ins).
#include "eval/expression_evaluator.h"

#include <algorithm>
#include <tuple>
#include <type_traits>

#include "eval/eval_messages.h"
#include "eval/explain_recorder.h"
#include "eval/held_rows.h"
#include "eval/plan.h"
#include "eval/row_code.h"
#include "stdlib/builtins.h"

namespace caqes {
namespace {

long long memo_key(int a, int b, int entity, int year) {
  return (static_cast<long long>(a) << 44) ^ (static_cast<long long>(b) << 32) ^
         (static_cast<long long>(entity) << 12) ^ static_cast<long long>(year & 0xFFF);
}

// An operation whose exact result would grow beyond kMaxDecimalDigits: an error located at the operation.
template <class Compute>
Value bounded(const ast::Expr& e, Compute compute) {
  try {
    return compute();
  } catch (const NumberTooLarge&) {
    throw EvalError{e.span, Message(eval_messages::kNumberTooLarge, kMaxDecimalDigits),
                    Message(eval_messages::kRoundOnTheWay)};
  }
}

}  // namespace

ExpressionEvaluator::ExpressionEvaluator(const CheckedProgram& program, const Dataset& d, const RowAggregates& aggregates)
    : p(program), data(d), aggregates_(aggregates), populations_(program, d, *this) {}

Value ExpressionEvaluator::eval(const ast::Expr& e, const EvalContext& ctx) {
  return std::visit(
      [&](const auto& n) -> Value {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::NumberLiteral>) return Value(n.value);
        if constexpr (std::is_same_v<T, ast::StringLiteral>) return Value(n.value);
        if constexpr (std::is_same_v<T, ast::DateLiteral>) return Value(Date::from_civil(n.year, n.month, n.day));
        if constexpr (std::is_same_v<T, ast::BooleanLiteral>) return Value(n.value);
        if constexpr (std::is_same_v<T, ast::AbsentLiteral>) return Value();
        if constexpr (std::is_same_v<T, ast::CurrentYear>) return Value(Decimal(ctx.year));
        if constexpr (std::is_same_v<T, ast::Name> || std::is_same_v<T, ast::Member>) return reference(e, ctx);
        if constexpr (std::is_same_v<T, ast::AtPeriod>) {
          EvalContext shifted = ctx;
          shifted.year = n.period.apply(ctx.year);
          return eval(*n.expr, shifted);
        }
        if constexpr (std::is_same_v<T, ast::Unary>) {
          Value v = eval(*n.operand, ctx);
          if (v.absent()) return v;
          if (n.op == ast::UnaryOp::Negate) return Value(-v.number());
          return Value(!v.boolean());
        }
        if constexpr (std::is_same_v<T, ast::Binary>) return bounded(e, [&] { return binary(e, n, ctx); });
        if constexpr (std::is_same_v<T, ast::In>) return in(n, ctx);
        if constexpr (std::is_same_v<T, ast::If>) return if_node(n, ctx);
        if constexpr (std::is_same_v<T, ast::List>) return list(n, ctx);
        if constexpr (std::is_same_v<T, ast::Selon>) return selon(n, ctx);
        if constexpr (std::is_same_v<T, ast::Call>) return bounded(e, [&] { return call(e, n, ctx); });
      },
      e.node);
}

// A value the expression denotes without computing anything (a literal, a column of the current row), read in
// place: comparisons in row filters then copy no text. Null for anything else.
const Value* ExpressionEvaluator::peek(const ast::Expr& e, const EvalContext& ctx) {
  if (auto* s = e.as<ast::StringLiteral>()) {
    if (auto* found = literals_.find(e.id)) return &found->second;
    return &(literals_[e.id] = Value(s->value));
  }
  if (e.as<ast::Name>() || e.as<ast::Member>()) {
    const auto* r = p.references_.find(e.id);
    if (r && r->second.what == Reference::What::RowColumn && ctx.row) return &(*ctx.row)[r->second.column];
  }
  return nullptr;
}

// ---- references --------------------------------------------------------------------------------------------
Value ExpressionEvaluator::reference(const ast::Expr& e, const EvalContext& ctx) {
  const Reference& r = p.references_.at(e.id);
  switch (r.what) {
    case Reference::What::RowColumn: return (*ctx.row)[r.column];
    case Reference::What::OuterRowColumn: return (*ctx.outer)[r.column];
    case Reference::What::Finess: return Value(data.entities[ctx.entity]);
    case Reference::What::EntityColumn: return entity_column(e, r, ctx);
    case Reference::What::Parameter: return parameter(r, ctx);
    case Reference::What::Binding: return binding(r.indicator, r.binding, ctx);
    case Reference::What::Result: {
      const IndicatorResult& res = result(r.indicator, ctx);
      const IndicatorInfo& info = p.indicators[r.indicator];
      if (r.binding == info.targeting) return Value(res.targeted);
      if (r.binding == info.value) return res.value;
      if (r.binding == info.target) return res.target;
      if (r.binding == info.achieved) return res.achieved;
      return res.incentive;
    }
    case Reference::What::Table: break;
  }
  return Value();
}

Value ExpressionEvaluator::entity_column(const ast::Expr& e, const Reference& r, const EvalContext& ctx) {
  const TableInfo& t = p.tables[r.table];
  const Row* row = t.has_year() ? data.entity_year_row(r.table, ctx.entity, ctx.year) : data.entity_row(r.table, ctx.entity);
  Value v = row ? (*row)[r.column] : Value();
  if (row && t.has_year()) note_year_held_read(r.table, ctx.year);
  if (!row && t.has_year()) note_year_read(e, r.table, ctx.year);
  if (ctx.recorder) ctx.recorder->column(r.table, r.column, row, v, ctx.year);
  if (v.absent() && p.missing_data == MissingData::Error && !ctx.tolerate_missing) {
    using namespace eval_messages;
    const std::string& column = t.columns[r.column].name;
    const std::string& entity = data.entities[ctx.entity];
    Message missing = row ? (t.has_year() ? Message(kEmptyColumnInYear, column, t.name, entity, ctx.year)
                                          : Message(kEmptyColumn, column, t.name, entity))
                          : (t.has_year() ? Message(kNoRowInYear, t.name, entity, ctx.year) : Message(kNoRow, t.name, entity));
    throw EvalError{e.span, std::move(missing), Message(kMissingDataHint)};
  }
  return v;
}

Value ExpressionEvaluator::parameter(const Reference& r, const EvalContext& ctx) {
  const ast::Expr& value = *p.parameters[r.parameter].decl->value;
  if (ctx.recorder) {
    ExplainNode& node = ctx.recorder->parameter(r.parameter, ctx.year);
    Value v;
    {
      ExplainRecorder::Under under(*ctx.recorder, node);
      v = eval(value, ctx.definition(ctx.year));
    }
    ctx.recorder->parameter_value(node, v, p.parameters[r.parameter].type);
    return v;
  }
  long long k = memo_key(0, r.parameter, ctx.entity, ctx.year);
  auto it = parameter_memo_.find(k);
  if (it != parameter_memo_.end()) return it->second;
  Value v = eval(value, ctx.definition(ctx.year));
  parameter_memo_[k] = v;
  return v;
}

const IndicatorResult& ExpressionEvaluator::result(int indicator, const EvalContext& ctx) {
  long long k = memo_key(indicator + 1, 0, ctx.entity, ctx.year);
  auto it = result_memo_.find(k);
  if (it != result_memo_.end()) return it->second;
  const IndicatorInfo& info = p.indicators[indicator];
  IndicatorResult out;
  out.indicator = indicator;
  out.entity = ctx.entity;
  out.year = ctx.year;
  if (info.targeting >= 0) {
    Value t = binding(indicator, info.targeting, ctx);
    out.targeted = t.is_bool() && t.boolean();
  }
  if (info.value >= 0) out.value = binding(indicator, info.value, ctx);
  if (out.targeted) {
    if (info.target >= 0) out.target = binding(indicator, info.target, ctx);
    if (info.achieved >= 0) out.achieved = binding(indicator, info.achieved, ctx);
  }
  if (info.incentive >= 0) {
    // Paid only to targeted establishments; rounded to the cent, half away from zero.
    Value v = out.targeted ? binding(indicator, info.incentive, ctx) : Value(Decimal());
    out.incentive = v.absent() ? v : Value(v.number().round(2, Rounding::HalfAwayFromZero));
  }
  return result_memo_.emplace(k, std::move(out)).first->second;
}

Value ExpressionEvaluator::binding(int indicator, int b, const EvalContext& ctx) {
  if (!ctx.recorder) return untraced_binding(indicator, b, ctx);
  const IndicatorInfo& info = p.indicators[indicator];
  bool first = true;
  ExplainNode& node = ctx.recorder->definition(indicator, b, ctx.year, first);
  Value v;
  if (first) {
    ExplainRecorder::Under under(*ctx.recorder, node);
    v = eval(*info.decl->bindings[b].value, ctx.definition(ctx.year));
  } else {
    v = untraced_binding(indicator, b, ctx);
  }
  ctx.recorder->value(node, v, info.binding_types[b]);
  return v;
}

Value ExpressionEvaluator::untraced_binding(int indicator, int b, const EvalContext& ctx) {
  long long k = memo_key(indicator + 1, b, ctx.entity, ctx.year);
  auto it = binding_memo_.find(k);
  if (it != binding_memo_.end()) return it->second;
  // Computing a value for the memo is not part of the explanation.
  Value v = eval(*p.indicators[indicator].decl->bindings[b].value, ctx.definition(ctx.year).unrecorded());
  binding_memo_[k] = v;
  return v;
}

// ---- operators -------------------------------------------------------------------------------------------------
Value ExpressionEvaluator::binary(const ast::Expr& e, const ast::Binary& n, const EvalContext& ctx) {
  if (n.op == ast::BinaryOp::And || n.op == ast::BinaryOp::Or) {
    bool decisive = n.op == ast::BinaryOp::Or;  // true decides `ou`, false decides `et`
    Value l = eval(*n.lhs, ctx);
    if (l.is_bool() && l.boolean() == decisive) return l;
    Value r = eval(*n.rhs, ctx);
    if (r.is_bool() && r.boolean() == decisive) return r;
    if (l.absent() || r.absent()) return Value();
    return Value(!decisive);
  }
  if ((n.op == ast::BinaryOp::Equal || n.op == ast::BinaryOp::NotEqual) && !ctx.recorder) {
    const Value* a = peek(*n.lhs, ctx);
    const Value* b = a ? peek(*n.rhs, ctx) : nullptr;
    if (a && b) {
      if (a->absent() || b->absent()) return Value();
      return Value((compare(*a, *b) == 0) == (n.op == ast::BinaryOp::Equal));
    }
  }
  Value l = eval(*n.lhs, ctx);
  Value r = eval(*n.rhs, ctx);
  if (l.absent() || r.absent()) return Value();
  switch (n.op) {
    case ast::BinaryOp::Add: return Value(l.number() + r.number());
    case ast::BinaryOp::Subtract: return Value(l.number() - r.number());
    case ast::BinaryOp::Multiply: return Value(l.number() * r.number());
    case ast::BinaryOp::Divide:
      if (r.number().is_zero()) {
        switch (p.division_by_zero) {
          case DivisionByZero::Absent: return Value();
          case DivisionByZero::Zero: return Value(Decimal());
          case DivisionByZero::Error:
            throw EvalError{n.rhs->span, Message(eval_messages::kDivisionByZero, data.entities[ctx.entity], ctx.year),
                            Message(eval_messages::kDivisionByZeroHint)};
        }
      }
      return Value(l.number() / r.number());
    case ast::BinaryOp::Approx: {
      // The right side is a number written out, possibly negated: its decimals give the precision.
      const ast::Expr* written = n.rhs.get();
      if (auto* u = written->as<ast::Unary>()) written = u->operand.get();
      const auto& lit = *written->as<ast::NumberLiteral>();
      int scale = lit.unit == ast::LiteralUnit::Percent ? 2 : 0;
      Decimal shown = l.number().scaled(scale).round(lit.decimals, Rounding::HalfAwayFromZero);
      return Value(shown == r.number().scaled(scale));
    }
    default:
      break;
  }
  bool holds = comparison_holds(n.op, compare(l, r));
  if (ctx.recorder) ctx.recorder->comparison(e, n, l, r, holds);
  return Value(holds);
}

Value ExpressionEvaluator::in(const ast::In& n, const EvalContext& ctx) {
  const Value* peeked = peek(*n.value, ctx);
  Value owned;
  if (!peeked) {
    owned = eval(*n.value, ctx);
    peeked = &owned;
  }
  const Value& v = *peeked;
  Value l;
  if (auto* cached = constant_lists_.find(n.list->id)) {
    l = cached->second;
  } else {
    l = eval(*n.list, ctx);
    if (!p.year_dependent.at(n.list->id) && is_constant_list(*n.list)) constant_lists_[n.list->id] = l;
  }
  if (v.absent() || l.absent()) return Value();
  bool found = false;
  for (const auto& item : l.list())
    if (item.equals(v)) {
      found = true;
      break;
    }
  return Value(found != n.negated);
}

// A list written with literals only, or a parameter holding one (domaines_ciblés): the same for every row.
bool ExpressionEvaluator::is_constant_list(const ast::Expr& e) const {
  if (auto* l = e.as<ast::List>()) {
    for (const auto& i : l->items)
      if (!i->as<ast::StringLiteral>() && !i->as<ast::NumberLiteral>()) return false;
    return true;
  }
  const auto* r = p.references_.find(e.id);
  if (r && r->second.what == Reference::What::Parameter)
    return is_constant_list(*p.parameters[r->second.parameter].decl->value);
  return false;
}

Value ExpressionEvaluator::if_node(const ast::If& n, const EvalContext& ctx) {
  Value c = eval(*n.condition, ctx);
  if (c.absent()) return c;
  return eval(c.boolean() ? *n.then_branch : *n.else_branch, ctx);
}

Value ExpressionEvaluator::list(const ast::List& n, const EvalContext& ctx) {
  auto items = std::make_shared<ValueList>();
  for (const auto& i : n.items) items->push_back(eval(*i, ctx));
  return Value(std::shared_ptr<const ValueList>(std::move(items)));
}

Value ExpressionEvaluator::selon(const ast::Selon& n, const EvalContext& ctx) {
  Value s = eval(*n.subject, ctx);
  if (s.absent()) return s;
  for (const auto& arm : n.arms)
    for (const auto& k : arm.keys)
      if (eval(*k, ctx).equals(s)) return eval(*arm.result, ctx);
  if (n.otherwise) return eval(*n.otherwise, ctx);
  return Value();
}

// ---- calls ---------------------------------------------------------------------------------------------------
Value ExpressionEvaluator::call(const ast::Expr& e, const ast::Call& n, const EvalContext& ctx) {
  const CallInfo& info = p.calls.at(e.id);
  if (info.slot >= 0) return row_aggregate(e, info, ctx);
  if (info.nested) return nested_aggregate(e, info, ctx);
  switch (info.function) {
    case Function::PopMean: case Function::PopMedian: case Function::PopQuantile: case Function::PopQuartile:
    case Function::PopPercentile: case Function::PopMin: case Function::PopMax: case Function::PopSum:
    case Function::PopRank: case Function::PopCount:
      return population_statistic(e, info, ctx);
    default:
      break;
  }
  return scalar_builtin(n, info, ctx);
}

Value ExpressionEvaluator::row_aggregate(const ast::Expr& e, const CallInfo& info, const EvalContext& ctx) {
  int y = p.year_dependent.at(e.id) ? ctx.year : kAnyYear;
  auto it = aggregates_[info.slot].find(y);
  if (it == aggregates_[info.slot].end() || it->second.empty()) {
    // Not planned: only when a figure is asked for a year the plan did not cover.
    throw EvalError{e.span, Message(eval_messages::kAggregationNotPrepared, ctx.year), {}};
  }
  if (p.tables[info.table].has_year()) note_year_read(e, info.table, info.period ? info.period->apply(ctx.year) : ctx.year);
  const Accumulator& acc = it->second[ctx.entity];
  Value v = row_value(info, acc);
  if (ctx.recorder) ctx.recorder->rows(e, info, acc, v, ctx.year);
  return v;
}

Value ExpressionEvaluator::nested_aggregate(const ast::Expr& e, const CallInfo& info, const EvalContext& ctx) {
  // Only reached from the code that the pass leaves to the tree walker, which gives the rows it holds.
  if (!ctx.held || !ctx.row) throw EvalError{e.span, Message(eval_messages::kNestedOutsidePass), {}};
  Accumulator acc;
  int wanted = info.period ? info.period->apply(ctx.year) : ctx.year;
  ctx.held->candidates(e, info, ctx.entity, *ctx.row, wanted, [&](const Row& r) {
    EvalContext inner = ctx;
    inner.row = &r;
    inner.outer = ctx.row;
    if (info.filter) {
      Value keep = eval(*info.filter, inner);
      if (!keep.is_bool() || !keep.boolean()) return true;
    }
    if (!info.value)
      ++acc.count;
    else
      accumulate_value(info.function, acc, eval(*info.value, inner));
    return info.function != Function::RowExists;  // one row is enough for existe
  });
  return row_value(info, acc);
}

Value ExpressionEvaluator::population_statistic(const ast::Expr& e, const CallInfo& info, const EvalContext& ctx) {
  if (!ctx.recorder) return populations_.statistic(e, ctx);
  // The statistic itself is not re-explained establishment by establishment.
  EvalContext quiet = ctx.unrecorded();
  Value v = populations_.statistic(e, quiet);
  std::size_t count = populations_.population(e, ctx.year, quiet).group_size(ctx.entity);
  ctx.recorder->population(e, info, v, count, ctx.year);
  return v;
}

// The built-in functions computed from their arguments' values.
Value ExpressionEvaluator::scalar_builtin(const ast::Call& n, const CallInfo& info, const EvalContext& ctx) {
  std::vector<Value> args;
  bool tolerant = info.function == Function::Default || info.function == Function::Present ||
                  info.function == Function::NationalReference;
  for (std::size_t i = 0; i < n.args.size(); ++i) {
    if (tolerant && i == 0) {
      EvalContext lenient = ctx;
      lenient.tolerate_missing = true;
      args.push_back(eval(*n.args[i].value, lenient));
    } else {
      args.push_back(eval(*n.args[i].value, ctx));
    }
  }
  // What the function computes is stdlib's (builtins.h), shared with the row code.
  CallUnits units{!n.args.empty() && p.type_of(*n.args[0].value).unit == Unit::Rate};
  return call_scalar(function_info(info.function), args, units);
}

void ExpressionEvaluator::set_row_years(int table, std::set<int> years) {
  years_held_.resize(p.tables.size());
  years_held_[table] = std::move(years);
}

void ExpressionEvaluator::note_year_held_read(int table, int year) {
  if (years_read_.size() <= static_cast<std::size_t>(table)) years_read_.resize(p.tables.size());
  auto& read = years_read_[table];
  if (std::find(read.begin(), read.end(), year) == read.end()) read.push_back(year);
}

void ExpressionEvaluator::note_year_read(const ast::Expr& e, int table, int year) {
  note_year_held_read(table, year);
  years_held_.resize(p.tables.size());
  auto& held = years_held_[table];
  if (!held) {
    // A per-establishment table is held in memory: its years are read off its keys. A row-level table's come
    // from the pass over the rows (set_row_years); unknown when the pass did not read it.
    if (p.tables[table].kind != ast::TableKind::EntityYear) return;
    held.emplace();
    for (const auto& [k, _] : data.keyed_rows[table]) held->insert(static_cast<int>(k % 10000));
  }
  if (held->count(year)) return;
  auto [it, added] = years_missing_.try_emplace({table, year}, e.span);
  if (added) return;
  // The first place in the rules that reads it, whatever the order of evaluation.
  const Span& s = it->second;
  if (std::make_tuple(e.span.path(), e.span.line, e.span.column) < std::make_tuple(s.path(), s.line, s.column))
    it->second = e.span;
}

void ExpressionEvaluator::missing_years(Diagnostics& diags) const {
  using namespace eval_messages;
  // In the order of the rules, as the checker reports.
  std::vector<std::pair<std::pair<int, int>, Span>> found(years_missing_.begin(), years_missing_.end());
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.second.path(), a.second.line, a.second.column) <
           std::make_tuple(b.second.path(), b.second.line, b.second.column);
  });
  for (const auto& [key, span] : found)
    diags.warning(span, Message(kNoRowForYear, p.tables[key.first].name, key.second), Message(kNoRowForYearHint));
}

void ExpressionEvaluator::unread_years(Diagnostics& diags) const {
  using namespace eval_messages;
  for (std::size_t t = 0; t < years_read_.size(); ++t) {
    // A table no rule read; or a row-level one, where rows of other years are the way extracts come (the stays of a
    // discharge year that began the year before): for a table of one row per establishment and year, a year no rule
    // reads is a mistake in the extract, and the establishment's figures for the year meant absent.
    const auto& read = years_read_[t];
    if (read.empty() || p.tables[t].kind != ast::TableKind::EntityYear) continue;
    std::set<int> held;
    for (const auto& [k, _] : data.keyed_rows[t]) held.insert(static_cast<int>(k % 10000));
    std::string unread;
    for (int year : held) {
      if ((year >= p.first_year && year <= p.last_year) || std::find(read.begin(), read.end(), year) != read.end())
        continue;
      unread += (unread.empty() ? "" : ", ") + std::to_string(year);
    }
    if (unread.empty()) continue;
    Diagnostic d;
    d.severity = Severity::Warning;
    d.location = p.tables[t].name + ".csv";
    d.message = Message(kRowsForUnreadYears, p.tables[t].name, unread, p.contract_name, p.first_year, p.last_year);
    d.hint = Message(kRowsForUnreadYearsHint);
    diags.add(std::move(d));
  }
}

}  // namespace caqes
