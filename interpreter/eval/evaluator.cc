// The evaluator's entry points (evaluator.h): the plan (plan.h), then the pass over the rows (row_pass.h) and the
// population statistics (population.h), then the tree walker (expression_evaluator.h) for each figure asked for,
// recording an explanation when asked (explain_recorder.h). An error of evaluation becomes a diagnostic here.
#include "eval/evaluator.h"

#include "eval/accumulator.h"
#include "eval/aggregate_source.h"
#include "eval/eval_messages.h"
#include "eval/explain_recorder.h"
#include "eval/expression_evaluator.h"
#include "eval/group_code.h"
#include "eval/national_references.h"
#include "eval/plan.h"
#include "eval/row_pass.h"
#include "eval/timeline.h"

namespace caqes {

struct Evaluator::Impl {
  Impl(const CheckedProgram& program, const Dataset& d, const PassOptions& o)
      : p(program), data(d), options(o), aggregates(program.row_aggregations.size()), walker(program, d, aggregates) {}

  const CheckedProgram& p;
  const Dataset& data;
  PassOptions options;
  RowAggregates aggregates;  // filled by the pass, read by the walker
  ExpressionEvaluator walker;
};

Evaluator::Evaluator(const CheckedProgram& program, const Dataset& data, const PassOptions& options)
    : impl_(std::make_unique<Impl>(program, data, options)) {}
Evaluator::~Evaluator() = default;

namespace {

EvalContext context(int entity, int year) {
  EvalContext ctx;
  ctx.entity = entity;
  ctx.year = year;
  return ctx;
}

}  // namespace

bool Evaluator::prepare(const std::vector<int>& years, Diagnostics& diags,
                        const std::vector<std::pair<const ast::Expr*, int>>& extra) {
  Impl& m = *impl_;
  // A regional contract that imports national references: they give every reference the figures read.
  if (!check_reference_inputs(m.p, years, extra, diags)) return false;
  Timeline::Step planning(m.options.timeline, "plan");
  Plan plan = make_plan(m.p, years, extra);
  planning.end();
  try {
    if (m.options.source) {
      // Another source of the aggregates (a database): the same accumulators, sized here as the pass sizes them.
      for (std::size_t s = 0; s < plan.slot_years.size(); ++s)
        for (int y : plan.slot_years[s]) m.aggregates[s][y].resize(m.data.entities.size());
      std::map<int, std::set<int>> row_years;
      ConstantParameter constant = [&](int parameter, int year) { return constant_parameter(parameter, year); };
      if (!m.options.source->fill(m.p, m.data, plan, constant, m.aggregates, row_years, diags)) return false;
      for (auto& [t, seen] : row_years)
        if (m.p.tables[t].has_year()) m.walker.set_row_years(t, std::move(seen));
    } else if (!run_pass(m.p, m.data, plan, m.options, m.walker, m.aggregates, diags)) {
      return false;
    }
    // Population statistics next, before any establishment is evaluated (each is computed once per year).
    Timeline::Step step(m.options.timeline, "population statistics");
    for (const auto& [e, year] : plan.populations) m.walker.populations().population(*e, year, context(-1, year));
    return true;
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return false;
  } catch (const NumberTooLarge&) {
    diags.error_at("", Message(eval_messages::kNumberTooLargeInPass, kMaxDecimalDigits));
    return false;
  }
}

bool Evaluator::indicator_result(int indicator, int entity, int year, IndicatorResult& out, Diagnostics& diags) {
  try {
    out = impl_->walker.result(indicator, context(entity, year));
    return true;
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return false;
  }
}

bool Evaluator::explain(int indicator, int entity, int year, ExplainNode& out, Diagnostics& diags) {
  Impl& m = *impl_;
  const IndicatorInfo& info = m.p.indicators[indicator];
  ExplainRecorder recorder(m.p, m.data, indicator, entity, year, out);
  try {
    EvalContext traced = context(entity, year);
    traced.recorder = &recorder;
    for (int b : {info.targeting, info.value, info.target, info.achieved, info.incentive}) {
      if (b < 0) continue;
      m.walker.binding(indicator, b, traced);
    }
    const IndicatorResult& r = m.walker.result(indicator, context(entity, year));
    recorder.summary(r.targeted, r.incentive);
    return true;
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return false;
  }
}

std::optional<std::vector<Evaluator::GroupStatistic>> Evaluator::statistic_by_group(const ast::Expr& call, int year,
                                                                                    Diagnostics& diags) {
  Impl& m = *impl_;
  try {
    PopulationStatistics& populations = m.walker.populations();
    std::map<std::string, Value> values = populations.by_group(call, year, context(-1, year));
    const Population& pop = populations.population(call, year, context(-1, year));
    std::vector<GroupStatistic> out;
    for (auto& [key, value] : values) {
      auto g = pop.group_value.find(key);
      out.push_back({g == pop.group_value.end() ? Value() : g->second, std::move(value)});
    }
    return out;
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return std::nullopt;
  }
}

std::optional<Value> Evaluator::constant_parameter(int parameter, int year) {
  const ast::Expr& e = *impl_->p.parameters[parameter].decl->value;
  if (!constant_expression(impl_->p, e)) return std::nullopt;
  EvalContext ctx = context(impl_->data.entities.empty() ? -1 : 0, year);
  return impl_->walker.eval(e, ctx);
}

void Evaluator::missing_years(Diagnostics& diags) const { impl_->walker.missing_years(diags); }
void Evaluator::unread_years(Diagnostics& diags) const {
  impl_->walker.unread_years(diags);
}

std::optional<Value> Evaluator::evaluate(const ast::Expr& e, int entity, int year, Diagnostics& diags) {
  try {
    return impl_->walker.eval(e, context(entity, year));
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return std::nullopt;
  }
}

std::vector<Evaluator::ProbeResult> Evaluator::probe_row_code(const ast::Expr& e, int year,
                                                              const std::vector<ProbedRow>& rows) {
  Impl& m = *impl_;
  // A group of its own, holding every row of the tables its nested aggregations read, looked up by the
  // correlations the plan finds.
  Plan plan = make_plan(m.p, {year});
  PlannedGroup alone;
  GroupRun g(m.p, plan, alone, m.data.entities.size());
  std::vector<const ast::Expr*> nested;
  nested_calls(m.p, e, nested);
  Diagnostics ignored;  // the rows are the test's, in memory
  for (const ast::Expr* call : nested) {
    int table = m.p.calls.at(call->id).table;
    if (g.held.rows.count(table)) continue;
    auto& held = g.held.rows[table];
    held.resize(m.data.entities.size());
    auto source = m.data.open_rows(table);
    while (const Row* row = source->next(ignored)) held[source->entity()].push_back(*row);
  }
  std::unique_ptr<RowCode> code = compile_in_group(m.p, m.data, m.walker, g, e, year);
  std::vector<ProbeResult> out;
  unsigned long long serial = 0;
  for (const ProbedRow& r : rows) {
    ProbeResult result;
    try {
      Value scratch;
      result.compiled = code->get(RowFrame{r.row, r.outer, r.entity, ++serial}, scratch);
    } catch (const EvalError& err) {
      result.compiled_error = err.message.in(Language::En);
    }
    EvalContext ctx = context(r.entity, year);
    ctx.row = r.row;
    ctx.outer = r.outer;
    ctx.held = &g.held;
    try {
      result.walked = m.walker.eval(e, ctx);
    } catch (const EvalError& err) {
      result.walked_error = err.message.in(Language::En);
    }
    out.push_back(std::move(result));
  }
  return out;
}

namespace {

// A text parameter evaluated for every establishment (the first contract year), absent values as `fallback(i)`.
template <class Fallback>
bool text_per_entity(const CheckedProgram& program, const Dataset& data, int parameter, Fallback fallback,
                     std::vector<std::string>& out, Diagnostics& diags, const PassOptions& options) {
  out.clear();
  if (parameter < 0) return true;
  Evaluator evaluator(program, data, options);
  const ast::Expr& e = *program.parameters[parameter].decl->value;
  // Only this parameter is planned (no indicator year): the row tables are streamed only if it reads them.
  if (!evaluator.prepare({}, diags, {{&e, program.first_year}})) return false;
  for (std::size_t i = 0; i < data.entities.size(); ++i) {
    auto v = evaluator.evaluate(e, static_cast<int>(i), program.first_year, diags);
    if (!v) return false;
    out.push_back(v->is_text() && !v->text().empty() ? v->text() : fallback(i));
  }
  return true;
}

}  // namespace

bool signatories(const CheckedProgram& program, const Dataset& data, std::vector<std::string>& out, Diagnostics& diags,
                 const PassOptions& options) {
  // An establishment without a signing entity signs for itself.
  return text_per_entity(program, data, program.signatory_parameter, [&](std::size_t i) { return data.entities[i]; }, out,
                         diags, options);
}

bool summary_groups(const CheckedProgram& program, const Dataset& data, std::vector<std::string>& out, Diagnostics& diags,
                    const PassOptions& options) {
  return text_per_entity(program, data, program.summary_parameter, [](std::size_t) { return std::string(); }, out, diags,
                         options);
}

bool run_all(const CheckedProgram& program, const Dataset& data, const std::vector<int>& years,
             std::vector<IndicatorResult>& out, Diagnostics& diags, const PassOptions& options) {
  Evaluator evaluator(program, data, options);
  if (!evaluator.prepare(years, diags)) return false;
  Timeline::Step step(options.timeline, "establishments evaluated");
  bool ok = true;
  for (std::size_t i = 0; i < program.indicators.size(); ++i)
    for (std::size_t e = 0; e < data.entities.size(); ++e)
      for (int y : years) {
        IndicatorResult r;
        if (evaluator.indicator_result(static_cast<int>(i), static_cast<int>(e), y, r, diags)) out.push_back(std::move(r));
        else ok = false;
      }
  evaluator.missing_years(diags);
  if (ok && static_cast<int>(years.size()) == program.last_year - program.first_year + 1) evaluator.unread_years(diags);
  return ok;
}

}  // namespace caqes
