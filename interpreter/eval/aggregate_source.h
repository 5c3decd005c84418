// The seam between the two halves of a run: the aggregations over rows (per establishment and year) and the
// per-establishment evaluation that reads them. The pass over the CSV files (row_pass.h) is one source of the
// aggregates; a database that computes them with SQL (sql/, db/) is another. Either fills the same accumulators
// (accumulator.h), so that the tree walker, the population statistics and the renderers do not know where the rows
// were.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/accumulator.h"
#include "eval/plan.h"
#include "syntax/diagnostic.h"
#include "value/value.h"

namespace caqes {

// The value of a parameter in a year when it is the same for every establishment (written with literals, N and
// other such parameters); nullopt otherwise.
using ConstantParameter = std::function<std::optional<Value>(int parameter, int year)>;

// Whether a parameter's value is written with literals, N and other such parameters only.
bool constant_expression(const CheckedProgram& program, const ast::Expr& e);

class AggregateSource {
 public:
  virtual ~AggregateSource() = default;
  // Fills the accumulators of every planned aggregation and year, `aggregates[slot][year]`, already sized to the
  // establishments of `data` (an establishment without rows keeps empty accumulators); and, for each per-year
  // table the plan reads, the years it holds rows for (`row_years`, for the warnings of missing years). Errors go
  // to diags.
  virtual bool fill(const CheckedProgram& program, const Dataset& data, const Plan& plan,
                    const ConstantParameter& constant, RowAggregates& aggregates,
                    std::map<int, std::set<int>>& row_years, Diagnostics& diags) = 0;
};

}  // namespace caqes
