// Computing population statistics (population.h). Quantiles interpolate linearly between order statistics.
#include "eval/population.h"

#include <algorithm>

#include "eval/eval_messages.h"
#include "eval/expression_evaluator.h"

namespace caqes {
namespace {

Value quantile(const std::vector<Decimal>& v, const Decimal& q) {
  if (v.empty()) return Value();
  // Linear interpolation between order statistics: h = (n − 1) q (the usual default of spreadsheets and R).
  Decimal h = Decimal(static_cast<long long>(v.size() - 1)) * q;
  Decimal lower = h.round(0, Rounding::Floor);
  long long i = lower.to_int().value_or(0);
  if (i < 0) i = 0;
  if (i >= static_cast<long long>(v.size()) - 1) return Value(v.back());
  return Value(v[i] + (h - lower) * (v[i + 1] - v[i]));
}

}  // namespace

std::size_t Population::group_size(int entity) const {
  if (!has_group[entity]) return 0;
  auto it = groups.find(entity_group[entity]);
  return it == groups.end() ? 0 : it->second.size();
}

const Population& PopulationStatistics::population(const ast::Expr& call, int year, const EvalContext& caller) {
  auto key = std::make_pair(call.id, year);
  auto it = populations_.find(key);
  if (it != populations_.end()) return it->second;
  const CallInfo& info = p.calls.at(call.id);
  Population pop;
  std::size_t n = data.entities.size();
  pop.entity_group.assign(n, "");
  pop.has_group.assign(n, true);
  for (std::size_t ent = 0; ent < n; ++ent) {
    EvalContext ctx = caller.definition(year).unrecorded();
    ctx.entity = static_cast<int>(ent);
    std::string group;
    if (info.group) {
      Value g = walker_.eval(*info.group, ctx);
      if (g.absent()) {
        pop.has_group[ent] = false;
        continue;
      }
      group = g.key();
    }
    pop.entity_group[ent] = group;
    if (info.group && !pop.group_value.count(group)) pop.group_value[group] = walker_.eval(*info.group, ctx);
    if (info.filter) {
      Value keep = walker_.eval(*info.filter, ctx);
      if (!keep.is_bool() || !keep.boolean()) continue;
    }
    Value x = walker_.eval(*info.value, ctx);
    if (x.absent()) continue;
    pop.groups[group].push_back(x.number());
  }
  for (auto& [_, values] : pop.groups) std::sort(values.begin(), values.end());
  return populations_.emplace(key, std::move(pop)).first->second;
}

Value PopulationStatistics::statistic(const ast::Expr& call, const EvalContext& ctx) {
  const CallInfo& info = p.calls.at(call.id);
  const Population& pop = population(call, ctx.year, ctx);
  if (!pop.has_group[ctx.entity]) return Value();
  auto it = pop.groups.find(pop.entity_group[ctx.entity]);
  static const std::vector<Decimal> none;
  const std::vector<Decimal>& v = it == pop.groups.end() ? none : it->second;
  if (info.function == Function::PopRank) {
    Value x = walker_.eval(*info.value, ctx);
    if (x.absent()) return Value();
    // 1 + the number of values strictly greater: ties share the best rank.
    auto above = v.end() - std::upper_bound(v.begin(), v.end(), x.number());
    return Value(Decimal(static_cast<long long>(above) + 1));
  }
  return of_values(info, v, ctx);
}

std::map<std::string, Value> PopulationStatistics::by_group(const ast::Expr& call, int year, const EvalContext& caller) {
  const CallInfo& info = p.calls.at(call.id);
  const Population& pop = population(call, year, caller);
  std::map<std::string, Value> out;
  for (const auto& [group, values] : pop.groups) {
    // The order of a quantile is the same for every establishment (the checker sees to it): read for one of them.
    EvalContext ctx = caller.definition(year).unrecorded();
    ctx.entity = -1;
    for (std::size_t e = 0; e < pop.entity_group.size(); ++e)
      if (pop.has_group[e] && pop.entity_group[e] == group) {
        ctx.entity = static_cast<int>(e);
        break;
      }
    out[group] = of_values(info, values, ctx);
  }
  if (!info.group && out.empty()) out[""] = Value();
  return out;
}

Value PopulationStatistics::of_values(const CallInfo& info, const std::vector<Decimal>& v, const EvalContext& ctx) {
  switch (info.function) {
    case Function::PopCount: return Value(Decimal(static_cast<long long>(v.size())));
    case Function::PopSum: {
      Decimal s;
      for (const auto& x : v) s = s + x;
      return Value(s);
    }
    case Function::PopMean: {
      if (v.empty()) return Value();
      Decimal s;
      for (const auto& x : v) s = s + x;
      return Value(s / Decimal(static_cast<long long>(v.size())));
    }
    case Function::PopMin: return v.empty() ? Value() : Value(v.front());
    case Function::PopMax: return v.empty() ? Value() : Value(v.back());
    case Function::PopMedian: return quantile(v, Decimal::from_fraction(1, 2));
    case Function::PopQuantile:
    case Function::PopQuartile:
    case Function::PopPercentile: {
      Value k = walker_.eval(*info.extra, ctx);
      if (k.absent()) return Value();
      Decimal q = k.number();
      if (info.function == Function::PopQuartile) q = q / Decimal(4);
      if (info.function == Function::PopPercentile) q = q / Decimal(100);
      if (q < Decimal(0) || q > Decimal(1))
        throw EvalError{info.extra->span, Message(eval_messages::kQuantileOrder, q.to_string()),
                        Message(eval_messages::kQuantileOrderHint)};
      return quantile(v, q);
    }
    default: return Value();
  }
}

}  // namespace caqes
