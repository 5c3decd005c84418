// Compiling a group of aggregations (group_code.h): the row code of every slot and year, the nested
// aggregations' code and memos, the code left to the tree walker, and the pre-filter of the rows.
#include "eval/group_code.h"

#include <algorithm>
#include <set>

#include "eval/aggregate_source.h"
#include "eval/expression_evaluator.h"
#include "eval/expression_key.h"
#include "syntax/ast_walk.h"

namespace caqes {
namespace {

template <class Test>
bool every_child(const ast::Expr& e, Test test) {
  bool all = true;
  ast::for_each_child(e, [&](const ast::Expr& child) { all = all && test(child); });
  return all;
}

bool literal(const ast::Expr& e) {
  return e.as<ast::NumberLiteral>() || e.as<ast::StringLiteral>() || e.as<ast::DateLiteral>() ||
         e.as<ast::BooleanLiteral>() || e.as<ast::AbsentLiteral>();
}

}  // namespace

// A parameter is compiled as a constant when its value is written with literals, N and other such parameters.
bool constant_expression(const CheckedProgram& p, const ast::Expr& e) {
  if (literal(e) || e.as<ast::CurrentYear>()) return true;
  auto* b = e.as<ast::Binary>();
  if (e.as<ast::List>() || e.as<ast::Unary>() || (b && b->op != ast::BinaryOp::Divide))
    return every_child(e, [&](const ast::Expr& child) { return constant_expression(p, child); });
  if (e.as<ast::Name>()) {
    const auto* r = p.references_.find(e.id);
    return r && r->second.what == Reference::What::Parameter &&
           constant_expression(p, *p.parameters[r->second.parameter].decl->value);
  }
  return false;
}

bool reads_row_alone(const CheckedProgram& p, const ast::Expr& e) {
  if (literal(e)) return true;
  if (e.as<ast::Name>() || e.as<ast::Member>()) {
    const auto* r = p.references_.find(e.id);
    if (!r) return false;
    if (r->second.what == Reference::What::RowColumn) return true;
    return r->second.what == Reference::What::Parameter && !p.parameters[r->second.parameter].year_dependent &&
           constant_expression(p, *p.parameters[r->second.parameter].decl->value);
  }
  auto all_alone = [&](const ast::Expr& child) { return reads_row_alone(p, child); };
  auto* b = e.as<ast::Binary>();
  if (e.as<ast::Unary>() || e.as<ast::In>() || e.as<ast::List>() || (b && b->op != ast::BinaryOp::Divide))
    return every_child(e, all_alone);
  if (e.as<ast::Call>()) {
    const auto* info = p.calls.find(e.id);
    if (!info || info->second.slot >= 0 || info->second.nested) return false;
    Function f = info->second.function;
    if (f != Function::DaysBetween && f != Function::StartsWith && f != Function::Substring && f != Function::YearOf &&
        f != Function::Abs)
      return false;
    return every_child(e, all_alone);
  }
  return false;
}

void split_conjuncts(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
  if (auto* b = e.as<ast::Binary>(); b && b->op == ast::BinaryOp::And) {
    split_conjuncts(*b->lhs, out);
    split_conjuncts(*b->rhs, out);
    return;
  }
  out.push_back(&e);
}

namespace {

// What the compiler leaves to the tree walker, run on the rows of the pass (and the rows the group holds, for
// the nested aggregations it meets).
class Interpreted final : public RowCode {
 public:
  Interpreted(ExpressionEvaluator& walker, const ast::Expr& e, int year, HeldRows& held)
      : walker_(walker), e_(e), year_(year), held_(held) {}
  const Value& get(const RowFrame& f, Value& scratch) const override {
    EvalContext ctx;
    ctx.entity = f.entity;
    ctx.year = year_;
    ctx.row = f.row;
    ctx.outer = f.outer;
    ctx.held = &held_;
    return scratch = walker_.eval(e_, ctx);
  }

 private:
  ExpressionEvaluator& walker_;
  const ast::Expr& e_;
  int year_;
  HeldRows& held_;
};

// An aggregation nested in a compiled filter: its own filter and value compiled too, its rows found as the tree
// walker finds them (HeldRows::candidates).
class NestedAggregation final : public RowCode {
 public:
  NestedAggregation(const CheckedProgram& p, RowCodeHost& host, HeldRows& held, const ast::Expr& e, int year,
                    NestedMemo* memo)
      : held_(held), e_(e), info_(p.calls.at(e.id)), wanted_(info_.period ? info_.period->apply(year) : year),
        memo_(memo) {
    if (info_.filter) filter_ = compile_row_code(p, *info_.filter, year, host);
    if (info_.value) value_ = compile_row_code(p, *info_.value, year, host);
  }
  const Value& get(const RowFrame& f, Value& scratch) const override {
    if (memo_ && f.serial != 0) {
      if (memo_->serial != f.serial) {
        memo_->value = compute(f);
        memo_->serial = f.serial;
      }
      return memo_->value;
    }
    return scratch = compute(f);
  }
  Truth test(const RowFrame& f) const override {
    Value scratch;
    const Value& v = get(f, scratch);
    return v.is_bool() && v.boolean() ? Truth::True : Truth::False;  // only existe is a boolean, never absent
  }

 private:
  Value compute(const RowFrame& f) const {
    Accumulator acc;
    Value scratch;
    held_.candidates(e_, info_, f.entity, *f.row, wanted_, [&](const Row& r) {
      RowFrame inner{&r, f.row, f.entity, 0};
      if (filter_ && filter_->test(inner) != Truth::True) return true;
      if (!value_)
        ++acc.count;
      else
        accumulate_value(info_.function, acc, value_->get(inner, scratch));
      return info_.function != Function::RowExists;  // one row is enough for existe
    });
    return row_value(info_, acc);
  }
  HeldRows& held_;
  const ast::Expr& e_;
  const CallInfo& info_;
  int wanted_;
  NestedMemo* memo_;
  std::unique_ptr<RowCode> filter_, value_;
};

// The row-code compiler's questions, answered for one group.
class GroupCompiler final : public RowCodeHost {
 public:
  GroupCompiler(const CheckedProgram& program, const Dataset& data, ExpressionEvaluator& walker, GroupRun& g)
      : p(program), data_(data), walker_(walker), g_(g) {}

  std::optional<Value> constant_parameter(int parameter, int year) override {
    if (data_.entities.empty() || !constant_expression(p, *p.parameters[parameter].decl->value)) return std::nullopt;
    EvalContext ctx;
    ctx.entity = 0;
    ctx.year = year;
    return walker_.eval(*p.parameters[parameter].decl->value, ctx);
  }

  std::unique_ptr<RowCode> interpreted(const ast::Expr& e, int year) override {
    g_.interpreted = true;
    return std::make_unique<Interpreted>(walker_, e, year, g_.held);
  }

  std::unique_ptr<RowCode> nested_aggregation(const ast::Expr& call, int year) override {
    // Aggregations nest one level: the ones compiled here read the outer row of the pass, and the same
    // aggregation in the same year gives the same figure for a row.
    auto [it, inserted] = g_.memo_index.emplace(expression_key(p, call) + "\n" + std::to_string(year), nullptr);
    if (inserted) {
      g_.memos.push_back(std::make_unique<NestedMemo>());
      it->second = g_.memos.back().get();
    }
    return std::make_unique<NestedAggregation>(p, *this, g_.held, call, year, it->second);
  }

  // ---- the rows a group can use -------------------------------------------------------------------------------
  // A row that fails, for every aggregation reading its table, one of the conditions of that aggregation's filter
  // that read the row alone (nabm = "1104", geste = "AMYG") is counted by none: it is dropped before it is held or
  // written out. In the EPA, a third of the lab acts and a fifth of the interventions go that way.
  // Null when every row may count.
  std::unique_ptr<RowCode> usable_rows(const std::vector<const CallInfo*>& calls, int year) {
    // Many calls repeat the same conditions (the EPA's 48 lookups of lab acts test a dozen codes): each set of
    // conditions is tested once.
    std::map<std::set<std::string>, std::vector<const ast::Expr*>> sets;
    for (const CallInfo* info : calls) {
      std::vector<const ast::Expr*> conjuncts;
      if (info->filter) split_conjuncts(*info->filter, conjuncts);
      std::set<std::string> keys;
      std::vector<const ast::Expr*> kept;
      for (const ast::Expr* c : conjuncts)
        if (reads_row_alone(p, *c) && keys.insert(expression_key(p, *c)).second) kept.push_back(c);
      if (kept.empty()) return nullptr;
      sets.emplace(std::move(keys), std::move(kept));
    }
    std::vector<std::unique_ptr<RowCode>> alternatives;
    for (const auto& [keys, conjuncts] : sets) {
      // A set that holds all the conditions of another is true only where that one is: testing it adds nothing
      // (séjours: `champ = "MCO"` alone makes the six conditions of the conciliation counts redundant).
      bool redundant = false;
      for (const auto& [other, unused] : sets)
        redundant = redundant || (other.size() < keys.size() && std::includes(keys.begin(), keys.end(), other.begin(), other.end()));
      if (redundant) continue;
      std::vector<std::unique_ptr<RowCode>> parts;
      for (const ast::Expr* c : conjuncts) parts.push_back(compile_row_code(p, *c, year, *this));
      alternatives.push_back(all_true(std::move(parts)));
    }
    if (alternatives.empty()) return nullptr;
    return any_true(std::move(alternatives));
  }

 private:
  const CheckedProgram& p;
  const Dataset& data_;
  ExpressionEvaluator& walker_;
  GroupRun& g_;
};

void compile_usable_rows(const CheckedProgram& p, const Plan& plan, GroupCompiler& compiler, GroupRun& g) {
  const PlannedGroup& group = g.group;
  if (group.slots.empty()) return;
  int year = *plan.slot_years[group.slots.front()].begin();
  std::map<int, std::vector<const CallInfo*>> readers;  // table → the calls that read its rows
  for (std::size_t i = 0; i < group.slots.size(); ++i) {
    readers[group.table].push_back(&p.calls.at(p.row_aggregations[group.slots[i]]->id));
    for (const ast::Expr* call : group.nested[i]) readers[p.calls.at(call->id).table].push_back(&p.calls.at(call->id));
  }
  for (const auto& [table, calls] : readers)
    if (auto code = compiler.usable_rows(calls, year)) g.usable[table] = std::move(code);
}

}  // namespace

void compile_group(const CheckedProgram& p, const Dataset& data, const Plan& plan, ExpressionEvaluator& walker,
                   RowAggregates& aggregates, GroupRun& g) {
  std::size_t entities = data.entities.size();
  GroupCompiler compiler(p, data, walker, g);
  const PlannedGroup& group = g.group;
  for (int s : group.slots) {
    const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
    auto key = group.key.find(group.table);
    bool on_key = info.function == Function::RowCountDistinct && key != group.key.end() &&
                  plain_column(p, info) == key->second;
    SlotPass pass{&info, on_key, {}};
    for (int y : plan.slot_years[s]) {
      aggregates[s][y].resize(entities);
      SlotYear sy{y, info.period ? info.period->apply(y) : y, &aggregates[s][y], nullptr, nullptr, 0};
      if (on_key) {
        sy.first_id = g.distinct_accumulators.size();
        for (Accumulator& acc : aggregates[s][y]) g.distinct_accumulators.push_back(&acc);
      }
      if (info.filter) sy.filter = compile_row_code(p, *info.filter, y, compiler);
      if (info.value) sy.value = compile_row_code(p, *info.value, y, compiler);
      pass.years.push_back(std::move(sy));
    }
    g.passes.push_back(std::move(pass));
  }
  compile_usable_rows(p, plan, compiler, g);
  g.scan = compile_table_scan(p, g, compiler);
}

std::unique_ptr<RowCode> compile_in_group(const CheckedProgram& p, const Dataset& data, ExpressionEvaluator& walker,
                                          GroupRun& g, const ast::Expr& e, int year) {
  GroupCompiler compiler(p, data, walker, g);
  return compile_row_code(p, e, year, compiler);
}

}  // namespace caqes
