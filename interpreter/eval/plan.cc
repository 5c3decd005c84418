// Making the plan (plan.h): a walk of every definition the indicators use, in each year asked for, noting the
// aggregations over rows and the population statistics it meets; then the groups of aggregations per table, the
// correlations of their nested aggregations, and the columns read.
#include "eval/plan.h"

#include <fmt/format.h>

#include <tuple>

#include "format/printer.h"
#include "syntax/ast_walk.h"

namespace caqes {
namespace {

// The functions computed from their arguments alone (the table of functions says which); every other call that is
// not an aggregation over rows is a population statistic.
bool scalar_function(Function f) { return function_info(f).family == FunctionFamily::Scalar; }

// Which aggregation is needed for which year: the walk of the definitions, each (definition, year) once.
class Planner {
 public:
  Planner(const CheckedProgram& program, Plan& plan) : p(program), plan_(plan) {}

  // The five figures of every indicator (what `run` reports), and what they read.
  void results(int year) {
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
      const IndicatorInfo& info = p.indicators[i];
      for (int b : {info.targeting, info.value, info.target, info.achieved, info.incentive})
        binding(static_cast<int>(i), b, year);
    }
  }

  void expression(const ast::Expr& e, int year) {
    if (auto* at = e.as<ast::AtPeriod>()) return expression(*at->expr, at->period.apply(year));
    if (e.as<ast::Name>() || e.as<ast::Member>()) return reference(e, year);
    if (e.as<ast::Call>()) {
      const auto* found = p.calls.find(e.id);
      if (!found) return;
      const CallInfo& info = found->second;
      if (info.slot >= 0) {
        plan_.slot_years[info.slot].insert(p.year_dependent.at(e.id) ? year : kAnyYear);
        return;
      }
      if (info.nested) return;
      if (!scalar_function(info.function)) plan_.populations.insert({&e, year});
    }
    ast::for_each_child(e, [&](const ast::Expr& child) { expression(child, year); });
  }

 private:
  void binding(int indicator, int b, int year) {
    if (b >= 0 && planned_.insert({indicator, b, year}).second)
      expression(*p.indicators[indicator].decl->bindings[b].value, year);
  }
  void reference(const ast::Expr& e, int year) {
    const auto* found = p.references_.find(e.id);
    if (!found) return;
    const Reference& r = found->second;
    if (r.what == Reference::What::Binding) {
      binding(r.indicator, r.binding, year);
    } else if (r.what == Reference::What::Result) {
      const IndicatorInfo& info = p.indicators[r.indicator];
      for (int b : {info.targeting, info.value, info.target, info.achieved, info.incentive}) binding(r.indicator, b, year);
    } else if (r.what == Reference::What::Parameter) {
      if (planned_.insert({-1, r.parameter, year}).second) expression(*p.parameters[r.parameter].decl->value, year);
    }
  }

  const CheckedProgram& p;
  Plan& plan_;
  std::set<std::tuple<int, int, int>> planned_;  // (indicator or -1 for a parameter, index, year) already walked
};

// The columns of each table that some rule reads: only those are converted while streaming.
std::vector<std::vector<bool>> needed_columns(const CheckedProgram& p) {
  std::vector<std::vector<bool>> needed(p.tables.size());
  for (std::size_t t = 0; t < p.tables.size(); ++t) needed[t].assign(p.tables[t].columns.size(), false);
  p.references_.for_each([&](int, const Reference& r) {
    if (r.what == Reference::What::RowColumn || r.what == Reference::What::OuterRowColumn) needed[r.table][r.column] = true;
  });
  return needed;
}

// The equality between an inner and an outer column at the top of a nested filter, if there is one.
Correlation find_correlation(const CheckedProgram& p, const ast::Expr& filter) {
  std::vector<const ast::Expr*> conjuncts = {&filter};
  for (std::size_t i = 0; i < conjuncts.size(); ++i) {
    auto* b = conjuncts[i]->as<ast::Binary>();
    if (!b) continue;
    if (b->op == ast::BinaryOp::And) {
      conjuncts.push_back(b->lhs.get());
      conjuncts.push_back(b->rhs.get());
      continue;
    }
    if (b->op != ast::BinaryOp::Equal) continue;
    auto ref = [&](const ast::Expr& x) -> const Reference* {
      const auto* found = p.references_.find(x.id);
      return found ? &found->second : nullptr;
    };
    const Reference* l = ref(*b->lhs);
    const Reference* r = ref(*b->rhs);
    if (!l || !r) continue;
    if (l->what == Reference::What::OuterRowColumn) std::swap(l, r);
    if (l->what == Reference::What::RowColumn && r->what == Reference::What::OuterRowColumn)
      return Correlation{l->column, r->column};
  }
  return Correlation{};
}

// The aggregations over one table (its slots) and the tables that the aggregations nested in their filters read,
// evaluated together. When each nested aggregation equates an inner column with an outer one (patient =
// interventions.patient), or when the table's distinct counts all count one column, the rows can be split by
// that key into partitions processed one after the other: a patient's stays and lab acts are in the same one.
void make_groups(const CheckedProgram& p, Plan& plan) {
  for (std::size_t t = 0; t < p.tables.size(); ++t) {
    if (p.tables[t].per_entity()) continue;
    PlannedGroup g;
    g.table = static_cast<int>(t);
    for (std::size_t s = 0; s < p.row_aggregations.size(); ++s)
      if (p.calls.at(p.row_aggregations[s]->id).table == g.table && !plan.slot_years[s].empty())
        g.slots.push_back(static_cast<int>(s));
    if (g.slots.empty()) continue;
    // The partition columns: the correlations of the nested aggregations, else the column of distinct counts.
    bool partitionable = true;
    std::vector<const ast::Expr*> nested;
    for (int s : g.slots) {
      const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
      std::vector<const ast::Expr*> own;
      if (info.filter) nested_calls(p, *info.filter, own);
      if (info.value) nested_calls(p, *info.value, own);
      nested.insert(nested.end(), own.begin(), own.end());
      g.nested.push_back(std::move(own));
    }
    auto set_key = [&](int table, int column) {
      auto [it, inserted] = g.key.emplace(table, column);
      if (!inserted && it->second != column) partitionable = false;
    };
    for (const ast::Expr* call : nested) {
      const CallInfo& info = p.calls.at(call->id);
      Correlation c = info.filter ? find_correlation(p, *info.filter) : Correlation{};
      plan.correlation[call->id] = c;
      g.inner.insert(info.table);
      if (c.inner_column < 0) partitionable = false;
      set_key(info.table, c.inner_column);
      set_key(g.table, c.outer_column);
    }
    if (nested.empty()) {
      for (int s : g.slots) {
        const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
        if (info.function != Function::RowCountDistinct) continue;
        int column = plain_column(p, info);
        if (column < 0) partitionable = false;
        set_key(g.table, column);
      }
    }
    if (!partitionable) g.key.clear();
    plan.groups.push_back(std::move(g));
  }
}

std::string years_text(const std::set<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : ", ") + (y == kAnyYear ? std::string("any year") : std::to_string(y));
  return out;
}

}  // namespace

int plain_column(const CheckedProgram& p, const CallInfo& info) {
  if (!info.value) return -1;
  const auto* r = p.references_.find(info.value->id);
  return r && r->second.what == Reference::What::RowColumn ? r->second.column : -1;
}

void nested_calls(const CheckedProgram& p, const ast::Expr& e, std::vector<const ast::Expr*>& out) {
  ast::walk(e, [&](const ast::Expr& node) {
    if (node.as<ast::Call>()) {
      const auto* info = p.calls.find(node.id);
      if (info && info->second.nested) out.push_back(&node);
    }
    return true;
  });
}

Plan make_plan(const CheckedProgram& program, const std::vector<int>& years,
               const std::vector<std::pair<const ast::Expr*, int>>& extra) {
  Plan plan;
  plan.slot_years.resize(program.row_aggregations.size());
  Planner planner(program, plan);
  for (int year : years)
    for (const auto& ind : program.indicators)
      for (const auto& b : ind.decl->bindings) planner.expression(*b.value, year);
  for (const auto& [e, year] : extra) planner.expression(*e, year);
  plan.needed_columns = needed_columns(program);
  make_groups(program, plan);
  return plan;
}

std::set<std::pair<const ast::Expr*, int>> populations_read(const CheckedProgram& program, const std::vector<int>& years,
                                                            const std::vector<std::pair<const ast::Expr*, int>>& extra) {
  Plan plan;
  plan.slot_years.resize(program.row_aggregations.size());
  Planner planner(program, plan);
  for (int year : years) planner.results(year);
  for (const auto& [e, year] : extra) planner.expression(*e, year);
  return plan.populations;
}

std::string describe(const Plan& plan, const CheckedProgram& p) {
  std::string out;
  for (std::size_t s = 0; s < plan.slot_years.size(); ++s)
    if (!plan.slot_years[s].empty())
      out += fmt::format("aggregation {}: {} ({})\n", s, print_expr(*p.row_aggregations[s]), years_text(plan.slot_years[s]));
  for (const PlannedGroup& g : plan.groups) {
    out += fmt::format("group {}: aggregations", p.tables[g.table].name);
    for (int s : g.slots) out += fmt::format(" {}", s);
    for (int t : g.inner) out += fmt::format("; looks up {}", p.tables[t].name);
    if (g.key.empty()) out += "; not partitioned";
    for (const auto& [t, column] : g.key)
      out += fmt::format("; {} partitioned by {}", p.tables[t].name, p.tables[t].columns[column].name);
    out += "\n";
  }
  for (const auto& [call, year] : plan.populations) out += fmt::format("population {} ({})\n", print_expr(*call), year);
  for (std::size_t t = 0; t < plan.needed_columns.size(); ++t) {
    std::string columns;
    for (std::size_t c = 0; c < plan.needed_columns[t].size(); ++c)
      if (plan.needed_columns[t][c]) columns += (columns.empty() ? "" : ", ") + p.tables[t].columns[c].name;
    if (!columns.empty()) out += fmt::format("columns of {}: {}\n", p.tables[t].name, columns);
  }
  return out;
}

}  // namespace caqes
