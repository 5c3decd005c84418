// The tree walker: the meaning of every expression of the language, for one establishment and year (an
// EvalContext). It reads the aggregations over rows that the pass computed (accumulator.h), the population
// statistics (population.h), the per-establishment tables, and memoizes definitions, parameters and indicator
// results by their indexes. When the context carries a recorder it reports each step to it (explain_recorder.h);
// the compiled row code (row_code.h) must give exactly its results.
//
// Missing data is `absent`: it propagates through arithmetic and comparisons (a comparison with an absent value
// is neither true nor false), `et` is false as soon as one side is false and `ou` true as soon as one side is
// true. An establishment whose targeting cannot be decided is not targeted. Division by zero follows the
// contract's `division_par_zéro` (absent by default). The incentive is rounded to the cent, half away from zero.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/accumulator.h"
#include "eval/eval_context.h"
#include "eval/evaluator.h"
#include "eval/population.h"

namespace caqes {

class ExpressionEvaluator {
 public:
  ExpressionEvaluator(const CheckedProgram& program, const Dataset& data, const RowAggregates& aggregates);
  ExpressionEvaluator(const ExpressionEvaluator&) = delete;
  ExpressionEvaluator& operator=(const ExpressionEvaluator&) = delete;

  // Throw EvalError when the rules' missing-data or division policy says error.
  Value eval(const ast::Expr& e, const EvalContext& ctx);
  // An indicator's figures for the establishment and year of `ctx`, as reported.
  const IndicatorResult& result(int indicator, const EvalContext& ctx);
  // One definition of an indicator.
  Value binding(int indicator, int b, const EvalContext& ctx);

  PopulationStatistics& populations() { return populations_; }

  // The years for which a per-year row-level table holds rows, as the pass over the rows counted them.
  void set_row_years(int table, std::set<int> years);
  // A warning for each (table, year) that a figure read and the data do not hold at all (not one row), at the
  // first place in the rules that reads it: the rules are valid, only the data decide, so it is not an error.
  void missing_years(Diagnostics& diags) const;
  // Warnings: the years outside the contract's that a table holds rows for and no evaluation read (a row for 2015
  // in a 2022..2024 contract that reads no earlier year than 2019 is ignored, silently otherwise).
  void unread_years(Diagnostics& diags) const;

 private:
  Value reference(const ast::Expr& e, const EvalContext& ctx);
  Value entity_column(const ast::Expr& e, const Reference& r, const EvalContext& ctx);
  Value parameter(const Reference& r, const EvalContext& ctx);
  Value untraced_binding(int indicator, int b, const EvalContext& ctx);
  Value binary(const ast::Expr& e, const ast::Binary& n, const EvalContext& ctx);
  Value in(const ast::In& n, const EvalContext& ctx);
  Value if_node(const ast::If& n, const EvalContext& ctx);
  Value list(const ast::List& n, const EvalContext& ctx);
  Value selon(const ast::Selon& n, const EvalContext& ctx);
  Value call(const ast::Expr& e, const ast::Call& n, const EvalContext& ctx);
  Value scalar_builtin(const ast::Call& n, const CallInfo& info, const EvalContext& ctx);
  Value row_aggregate(const ast::Expr& e, const CallInfo& info, const EvalContext& ctx);
  Value nested_aggregate(const ast::Expr& e, const CallInfo& info, const EvalContext& ctx);
  Value population_statistic(const ast::Expr& e, const CallInfo& info, const EvalContext& ctx);
  // Notes that `e` read `table` in `year`; remembered if the data hold no row of that table for that year.
  void note_year_read(const ast::Expr& e, int table, int year);
  const Value* peek(const ast::Expr& e, const EvalContext& ctx);
  bool is_constant_list(const ast::Expr& e) const;

  const CheckedProgram& p;
  const Dataset& data;
  const RowAggregates& aggregates_;
  PopulationStatistics populations_;
  // Keyed by (indicator + 1 or 0 for parameters, binding or parameter index, establishment, year).
  std::unordered_map<long long, Value> binding_memo_, parameter_memo_;
  std::unordered_map<long long, IndicatorResult> result_memo_;
  IdMap<Value> literals_;        // string literals as values, read in place by peek
  IdMap<Value> constant_lists_;  // list literals of constants, built once
  std::vector<std::optional<std::set<int>>> years_held_;  // per table: the years it has rows for, once known
  std::vector<std::vector<int>> years_read_;              // per table: the years read, held or not (a few: a vector)
  void note_year_held_read(int table, int year);
  std::map<std::pair<int, int>, Span> years_missing_;    // (table, year) read but not held → where first read
};

}  // namespace caqes
