// Calls to the built-in functions. The name is resolved once against the table of stdlib/functions.h, by its
// family: an aggregation over the rows of a row-level table (compte, somme(x de t)…), a population statistic
// over the establishments (médiane(x par catégorie)…) or a scalar function (arrondi, min, défaut…); what
// follows switches on the resolved `Function`.
#include "check/check_expression_messages.h"
#include "check/check_messages.h"
#include "check/context.h"
#include "check/suggestions.h"
#include "check/units.h"
#include "stdlib/builtins.h"

namespace caqes::checker {

using namespace check_messages;

namespace {

struct Resolved {
  FunctionFamily family;
  Function function;
};

// "f(...) takes 2 arguments": the number of arguments a function takes, when a call gives another.
Message takes_arguments(const std::string& function, std::size_t n) {
  return Message(n > 1 ? kTakesArguments : kTakesArgument, function, n);
}

// compte and existe take a table where the others take `colonne de TABLE`.
bool reads_a_table(Function f) { return f == Function::RowCount || f == Function::RowExists; }

// Which function a call names. A name several families share is told apart by the call's form: `de TABLE` makes an
// aggregation over rows, and min or max with two arguments or more compare values instead of establishments.
std::optional<Resolved> resolve(Context& cx, const ast::Expr& e, const ast::Call& call) {
  if (!is_function_name(call.function)) {
    report_unknown(cx.diags, call.name_span, Message(kUnknownFunction, call.function), call.function, function_names());
    return std::nullopt;
  }
  const FunctionInfo* rows = find_function(call.function, FunctionFamily::Rows);
  const FunctionInfo* population = find_function(call.function, FunctionFamily::Population);
  const FunctionInfo* scalar = find_function(call.function, FunctionFamily::Scalar);
  bool has_source = !call.args.empty() && call.args[0].source;
  // With `de`, even a function that has no form over rows (médiane(x de t)) is checked as an aggregation, `Abs`
  // standing for its function: so it was before the checker was split, and its value is then always absent.
  if (has_source) return Resolved{FunctionFamily::Rows, rows ? rows->function : Function::Abs};
  if (rows && reads_a_table(rows->function)) return Resolved{FunctionFamily::Rows, rows->function};
  if (population && (!scalar || call.args.size() < 2)) return Resolved{FunctionFamily::Population, population->function};
  if (scalar) return Resolved{FunctionFamily::Scalar, scalar->function};
  cx.diags.error(e.span, Message(kReadsTheRows, call.function), Message(kWriteAnAggregation, call.function));
  return std::nullopt;
}

// ---- aggregations over rows --------------------------------------------------------------------------------

// The row-level table named by a source expression: TABLE or TABLE[period].
int source_table(const CheckedProgram& p, const ast::Expr& src, std::optional<ast::Period>& period) {
  const ast::Expr* x = &src;
  if (auto* at = src.as<ast::AtPeriod>()) {
    period = at->period;
    x = at->expr.get();
  }
  auto* name = x->as<ast::Name>();
  if (!name) return -1;
  return p.table_index(name->name);
}

// The table an aggregation reads (`compte(TABLE …)`, `somme(x de TABLE …)`), and the year it selects, if any;
// -1 when it names no row-level table with years as asked.
int aggregated_table(Context& cx, const ast::Argument& arg, std::optional<ast::Period>& period) {
  const ast::Expr& src = arg.source ? *arg.source : *arg.value;
  int t = source_table(cx.program, src, period);
  if (t < 0) {
    auto* name = src.as<ast::Name>();
    if (name)
      report_unknown(cx.diags, src.span, Message(kUnknownTable, name->name), name->name, row_table_names(cx.program));
    else
      cx.diags.error(src.span, Message(kExpectedARowTable), Message(kWriteACountOfStays));
    return -1;
  }
  const TableInfo& table = cx.program.tables[t];
  if (table.per_entity()) {
    cx.diags.error(src.span, Message(kNothingToAggregate, table.name), Message(kReadTheColumn, table.name));
    return -1;
  }
  if (period && !table.has_year()) {
    cx.diags.error(period->span, Message(kTableWithoutYears, table.name, period->text()), Message(kDeclareItWithYears));
    return -1;
  }
  if (arg.group) {
    cx.diags.error(arg.group->span, Message(kGroupOfRows), Message(kFilterTheRows));
    return -1;
  }
  return t;
}

// The `x` of somme(x de TABLE): read on each row; sum and mean add numbers, min and max order them.
bool aggregated_value(Context& cx, const ast::Call& call, CallInfo& info, const Scope& row, Info& out) {
  const ast::Expr& value = *call.args[0].value;
  Info v = check_expr(cx, value, row);
  if (v.type.is_error()) return false;
  if (v.aggregate) {
    cx.diags.error(value.span, Message(kAggregatedNotRowLevel));
    return false;
  }
  out.year |= v.year;
  info.value = &value;
  switch (info.function) {
    case Function::RowSum:
    case Function::RowMean:
      if (!v.type.is_number()) {
        cx.diags.error(value.span, Message(kAddsNumbers, call.function, describe(v.type)));
        return false;
      }
      out.type = v.type;
      return true;
    case Function::RowMin:
    case Function::RowMax:
      if (!v.type.is_number() && v.type.kind != Kind::Date) {
        cx.diags.error(value.span, Message(kFunctionOrdersNumbersOrDates, call.function, describe(v.type)));
        return false;
      }
      out.type = v.type;
      return true;
    case Function::RowCountDistinct:
      if (v.type.kind == Kind::List || v.type.kind == Kind::Absent) {
        cx.diags.error(value.span, Message(kCountDistinctValues));
        return false;
      }
      return true;
    default:
      return true;
  }
}

// The `où` of an aggregation: a condition on the row alone, so that it can be evaluated while the rows stream.
bool row_filter(Context& cx, const ast::Expr& filter, CallInfo& info, const Scope& row, Info& out) {
  Info f = check_expr(cx, filter, row);
  if (f.type.is_error()) return false;
  if (f.type.kind != Kind::Boolean) {
    cx.diags.error(filter.span, Message(kWhereNeedsACondition, describe(f.type)));
    return false;
  }
  if (f.aggregate) {
    cx.diags.error(filter.span, Message(kRowFilterNotRowLevel), Message(kCompareOutside));
    return false;
  }
  out.year |= f.year;
  info.filter = &filter;
  return true;
}

Info row_call(Context& cx, const ast::Expr& e, const ast::Call& call, Function function, const Scope& scope) {
  CallInfo info;
  info.function = function;
  if (call.args.size() != 1) {
    cx.diags.error(e.span, Message(kTakesOneArgument, call.function),
                   reads_a_table(function) ? Message(kWriteACount, call.function) : Message(kWriteASum));
    return {};
  }
  // Nested in another aggregation's row expression: a correlated aggregation, evaluated for each outer row over
  // the rows of the same establishment (existe(bio où patient = séjours.patient et ...)).
  bool nested = scope.row_table >= 0;
  if (nested && scope.outer_table >= 0) {
    cx.diags.error(e.span, Message(kAggregationNestedTooDeep));
    return {};
  }
  const ast::Argument& arg = call.args[0];
  std::optional<ast::Period> period;
  int t = aggregated_table(cx, arg, period);
  if (t < 0) return {};
  Scope row;
  row.indicator = scope.indicator;
  row.row_table = t;
  if (nested) row.outer_table = scope.row_table;
  info.nested = nested;
  // A nested aggregation depends only on rows: it may stand in a row filter.
  Info out{Type::number(Unit::Count), cx.program.tables[t].has_year() && (!period || period->relative), !nested};
  if (arg.source && !aggregated_value(cx, call, info, row, out)) return {};
  if (arg.filter && !row_filter(cx, *arg.filter, info, row, out)) return {};
  info.table = t;
  info.period = period;
  if (nested) {
    cx.program.correlated_tables.insert(t);
  } else {
    info.slot = static_cast<int>(cx.program.row_aggregations.size());
    cx.program.row_aggregations.push_back(&e);
  }
  cx.program.calls[e.id] = info;
  if (info.function == Function::RowExists) out.type = Type::boolean();
  return out;
}

// ---- population statistics ---------------------------------------------------------------------------------

bool takes_an_order(Function f) {
  return f == Function::PopQuantile || f == Function::PopQuartile || f == Function::PopPercentile;
}

// `par groupe` and `où filtre` of a population statistic.
bool population_clauses(Context& cx, const ast::Argument& arg, CallInfo& info, const Scope& scope, Info& out) {
  if (arg.group) {
    Info g = check_expr(cx, *arg.group, scope);
    if (g.type.is_error()) return false;
    if (g.type.kind == Kind::List || g.type.kind == Kind::Absent) {
      cx.diags.error(arg.group->span, Message(kGroupByAValue));
      return false;
    }
    out.year |= g.year;
    info.group = arg.group.get();
  }
  if (arg.filter) {
    Info f = check_expr(cx, *arg.filter, scope);
    if (f.type.is_error()) return false;
    if (f.type.kind != Kind::Boolean) {
      cx.diags.error(arg.filter->span, Message(kWhereNeedsACondition, describe(f.type)));
      return false;
    }
    out.year |= f.year;
    info.filter = arg.filter.get();
  }
  return true;
}

// The order of quantile, quartile and percentile: a number, the same for every establishment.
bool population_order(Context& cx, const ast::Call& call, CallInfo& info, const Scope& scope) {
  const ast::Expr& order = *call.args[1].value;
  Info k = check_expr(cx, order, scope);
  if (k.type.is_error()) return false;
  if (!k.type.is_number() || k.type.unit == Unit::Money) {
    cx.diags.error(order.span, Message(kOrderIsANumber, call.function));
    return false;
  }
  if (k.aggregate) {
    cx.diags.error(order.span, Message(kOrderIsConstant));
    return false;
  }
  info.extra = &order;
  return true;
}

Info population_call(Context& cx, const ast::Expr& e, const ast::Call& call, Function function, const Scope& scope) {
  CallInfo info;
  info.function = function;
  bool needs_order = takes_an_order(function);
  std::size_t want = needs_order ? 2 : 1;
  if (call.args.size() != want) {
    const char* example = function == Function::PopQuantile ? "75 %" : function == Function::PopQuartile ? "3" : "75";
    cx.diags.error(e.span, takes_arguments(call.function, want),
                   needs_order ? Message(kWriteWithOrder, call.function, example) : Message());
    return {};
  }
  if (scope.row_table >= 0) {
    cx.diags.error(e.span, Message(kStatisticOnARow));
    return {};
  }
  const ast::Argument& arg = call.args[0];
  Info x = check_expr(cx, *arg.value, scope);
  if (x.type.is_error()) return {};
  bool numeric_result = function != Function::PopRank && function != Function::PopCount;
  if ((numeric_result || function == Function::PopRank) && !x.type.is_number()) {
    cx.diags.error(arg.value->span, Message(kComputedOverNumbers, call.function, describe(x.type)));
    return {};
  }
  Info out{numeric_result ? x.type : Type::number(Unit::Count), x.year, true};
  if (!population_clauses(cx, arg, info, scope, out)) return {};
  if (needs_order && !population_order(cx, call, info, scope)) return {};
  info.value = arg.value.get();
  cx.program.calls[e.id] = info;
  return out;
}

// ---- scalar functions --------------------------------------------------------------------------------------

// A scalar call whose arguments are checked: what each function asks of them.
struct ScalarCall {
  Context& cx;
  const ast::Expr& e;
  const ast::Call& call;
  std::vector<Info> args;

  const ast::Expr& arg(std::size_t i) const { return *call.args[i].value; }
  bool arity(std::size_t n) const {
    if (args.size() == n) return true;
    cx.diags.error(e.span, takes_arguments(call.function, n));
    return false;
  }
  bool number_arg(std::size_t i) const {
    if (args[i].type.is_number()) return true;
    cx.diags.error(arg(i).span, Message(kExpectsANumber, call.function, describe(args[i].type)));
    return false;
  }

  // arrondi, arrondi_inf, arrondi_sup: the number of decimals is written out, for the evaluator to read.
  std::optional<Type> round(CallInfo& info) const {
    if (!arity(2) || !number_arg(0)) return std::nullopt;
    auto* n = arg(1).as<ast::NumberLiteral>();
    if (!n || n->unit != ast::LiteralUnit::None || !n->value.is_integer()) {
      cx.diags.error(arg(1).span, Message(kDecimalsWrittenOut), Message(kRoundToTheCent));
      return std::nullopt;
    }
    // The evaluator reads the decimals as an int and scales by 10^n: an absurd n would wrap around (a wrong figure)
    // or never end. 18 is the most decimals an exact 64-bit figure holds (10^18 < 2^63); contracts round to the
    // cent or to a few decimals of a rate.
    if (n->value > Decimal(kMaxRoundingDecimals)) {
      cx.diags.error(arg(1).span, Message(kDecimalsOutOfRange, call.function, kMaxRoundingDecimals),
                     Message(kRoundToTheCent));
      return std::nullopt;
    }
    info.extra = &arg(1);
    return args[0].type;
  }

  // min, max over values: numbers of one unit, or dates.
  std::optional<Type> extremum() const {
    if (args.size() < 2) {
      cx.diags.error(e.span, Message(kComparesTwoValues, call.function));
      return std::nullopt;
    }
    Type t = args[0].type;
    for (std::size_t i = 1; i < args.size(); ++i) {
      auto u = unify(t, args[i].type);
      if (!u || (u->kind != Kind::Number && u->kind != Kind::Date)) {
        cx.diags.error(arg(i).span, Message(kComparesOneUnit, call.function), unit_hint(t));
        return std::nullopt;
      }
      t = *u;
    }
    return t;
  }

  std::optional<Type> default_value() const {
    if (!arity(2)) return std::nullopt;
    auto u = unify(args[0].type, args[1].type);
    if (!u)
      cx.diags.error(e.span, Message(kDefaultOfOtherType, describe(args[1].type), describe(args[0].type)),
                     unit_hint(args[0].type));
    return u;
  }

  // référence_nationale(P, S): P a parameter, S a population statistic giving one figure per group, of P's type
  // and unit; the group, if any, something a parameter can read (a column of the table of establishments, or a
  // parameter), so that `caqes références` can write P as `selon groupe { …; autre: absent; }`.
  std::optional<Type> national_reference() const {
    if (!arity(2)) return std::nullopt;
    CheckedProgram& p = cx.program;
    const auto* name = arg(0).as<ast::Name>();
    const auto* ref = name ? p.references_.find(arg(0).id) : nullptr;
    if (!ref || ref->second.what != Reference::What::Parameter) {
      cx.diags.error(arg(0).span, Message(kReferenceNeedsParameter), Message(kReferenceExample));
      return std::nullopt;
    }
    int parameter = ref->second.parameter;
    const auto* stat = arg(1).as<ast::Call>() ? p.calls.find(arg(1).id) : nullptr;
    if (!stat || function_info(stat->second.function).family != FunctionFamily::Population ||
        stat->second.function == Function::PopRank) {
      cx.diags.error(arg(1).span, Message(kReferenceNeedsStatistic), Message(kReferenceExample));
      return std::nullopt;
    }
    auto u = unify(args[0].type, args[1].type);
    if (!u) {
      cx.diags.error(arg(1).span, Message(kReferenceOfOtherType, name->name, describe(args[0].type), describe(args[1].type)),
                     unit_hint(args[0].type));
      return std::nullopt;
    }
    if (const ast::Expr* group = stat->second.group) {
      const auto* g = group->as<ast::Name>() ? p.references_.find(group->id) : nullptr;
      bool writable = g && ((g->second.what == Reference::What::EntityColumn && g->second.table == p.registry_table) ||
                            g->second.what == Reference::What::Parameter);
      if (!writable) {
        cx.diags.error(group->span, Message(kReferenceGroupNotWritable), Message(kReferenceGroupHint));
        return std::nullopt;
      }
    }
    for (const auto& other : p.national_references) {
      if (other.call == &e) return u;
      if (other.parameter == parameter) {
        cx.diags.error(arg(0).span, Message(kReferenceTwice, name->name, other.call->span.where()),
                       Message(kReferenceOnce));
        return std::nullopt;
      }
    }
    p.national_references.push_back({parameter, &e, &arg(1)});
    return u;
  }

  std::optional<Type> days_between() const {
    if (!arity(2)) return std::nullopt;
    for (std::size_t i = 0; i < 2; ++i)
      if (args[i].type.kind != Kind::Date) {
        cx.diags.error(arg(i).span, Message(kDaysBetweenTakesDates, describe(args[i].type)));
        return std::nullopt;
      }
    return Type::number(Unit::Count);
  }

  // commence_par(texte, préfixe), sous_texte(texte, début, longueur)
  std::optional<Type> text(bool starts) const {
    if (!arity(starts ? 2 : 3)) return std::nullopt;
    if (args[0].type.kind != Kind::Text || (starts && args[1].type.kind != Kind::Text)) {
      cx.diags.error(e.span, Message(kWorksOnTexts, call.function));
      return std::nullopt;
    }
    if (!starts && (!args[1].type.is_number() || !args[2].type.is_number())) {
      cx.diags.error(e.span, Message(kSubstringNumbers));
      return std::nullopt;
    }
    return starts ? Type::boolean() : Type::text();
  }

  std::optional<Type> year_of() const {
    if (!arity(1)) return std::nullopt;
    if (args[0].type.kind != Kind::Date) {
      cx.diags.error(arg(0).span, Message(kYearOfTakesADate));
      return std::nullopt;
    }
    return Type::number(Unit::Plain);
  }

  std::optional<Type> result(CallInfo& info) const {
    switch (info.function) {
      case Function::Round:
      case Function::RoundDown:
      case Function::RoundUp: return round(info);
      case Function::Min:
      case Function::Max: return extremum();
      case Function::Abs:
        if (!arity(1) || !number_arg(0)) return std::nullopt;
        return args[0].type;
      case Function::Default: return default_value();
      case Function::NationalReference: return national_reference();
      case Function::Present:
        if (!arity(1)) return std::nullopt;
        return Type::boolean();
      case Function::DaysBetween: return days_between();
      case Function::StartsWith: return text(true);
      case Function::Substring: return text(false);
      case Function::YearOf: return year_of();
      default: return std::nullopt;
    }
  }
};

Info scalar_call(Context& cx, const ast::Expr& e, const ast::Call& call, Function function, const Scope& scope) {
  for (const auto& a : call.args) {
    if (a.source || a.group || a.filter) {
      cx.diags.error(a.span, Message(kTakesPlainValues, call.function));
      return {};
    }
  }
  ScalarCall checked{cx, e, call, {}};
  Info out;
  for (const auto& a : call.args) {
    checked.args.push_back(check_expr(cx, *a.value, scope));
    if (checked.args.back().type.is_error()) return {};
    out.year |= checked.args.back().year;
    out.aggregate |= checked.args.back().aggregate;
  }
  CallInfo info;
  info.function = function;
  auto type = checked.result(info);
  if (!type) return {};
  out.type = *type;
  cx.program.calls[e.id] = info;
  return out;
}

}  // namespace

Info check_call(Context& cx, const ast::Expr& e, const ast::Call& call, const Scope& scope) {
  auto resolved = resolve(cx, e, call);
  if (!resolved) return {};
  switch (resolved->family) {
    case FunctionFamily::Rows: return row_call(cx, e, call, resolved->function, scope);
    case FunctionFamily::Population: return population_call(cx, e, call, resolved->function, scope);
    case FunctionFamily::Scalar: return scalar_call(cx, e, call, resolved->function, scope);
  }
  return {};
}

}  // namespace caqes::checker
