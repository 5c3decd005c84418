// Population statistics: a figure of every establishment (médiane, quantile, moyenne par catégorie, rang...),
// computed once per statistic and year, before any establishment is evaluated, then read by each establishment
// (the values of its group). The values themselves come from the tree walker.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/eval_context.h"
#include "value/value.h"

namespace caqes {

class ExpressionEvaluator;

// A population statistic for one year: the sorted values of every group, and each establishment's group.
struct Population {
  std::unordered_map<std::string, std::vector<Decimal>> groups;
  std::vector<std::string> entity_group;  // "" = no group (its group expression is absent)
  std::vector<bool> has_group;
  std::map<std::string, Value> group_value;  // group key → the value of the group expression (for `caqes références`)
  // How many establishments the statistic of `entity` is computed over.
  std::size_t group_size(int entity) const;
};

class PopulationStatistics {
 public:
  PopulationStatistics(const CheckedProgram& program, const Dataset& data, ExpressionEvaluator& walker)
      : p(program), data(data), walker_(walker) {}

  // The population of the statistic `call` in `year`, computed the first time it is asked for (with the modes of
  // `caller`, never recorded).
  const Population& population(const ast::Expr& call, int year, const EvalContext& caller);

  // The statistic for the establishment and year of `ctx`. Throws EvalError on an order of quantile out of [0, 1].
  Value statistic(const ast::Expr& call, const EvalContext& ctx);

  // The statistic of each group in `year` (one, keyed "", without `par`), for every group holding a value: what
  // the statistic is for the establishments of that group. Not for rang, which is per establishment.
  std::map<std::string, Value> by_group(const ast::Expr& call, int year, const EvalContext& caller);

 private:
  const CheckedProgram& p;
  const Dataset& data;
  ExpressionEvaluator& walker_;
  // The statistic over the sorted values of one group; `ctx` for the order of a quantile.
  Value of_values(const CallInfo& info, const std::vector<Decimal>& v, const EvalContext& ctx);

  std::map<std::pair<int, int>, Population> populations_;  // (call id, year)
};

}  // namespace caqes
