// Building an explanation while the tree walker computes (explain_recorder.h): the nodes, their values and the
// phrases of their details.
#include "eval/explain_recorder.h"

#include <fmt/format.h>

#include "eval/explain_messages.h"
#include "eval/format.h"
#include "format/printer.h"

namespace caqes {
namespace {

using namespace explain_messages;

// A value as `caqes run` writes it, yes and no in the language of the reader; nothing for an empty text.
Message shown(const Value& v, const Type& type) {
  if (v.is_bool()) return Message(v.boolean() ? kYes : kNo);
  std::string text = format_french(v, type);
  return text.empty() ? Message() : Message(kAsWritten, std::move(text));
}

// How many of `rows` an aggregation kept: French writes 0 in the singular, English in the plural.
Message rows_kept(long long count, Message rows, bool filtered) {
  Message filter = filtered ? Message(kByTheFilter) : Message();
  if (count == 0) return Message(kNoRowKept, std::move(rows), std::move(filter));
  if (count == 1) return Message(kOneRowKept, std::move(rows), std::move(filter));
  return Message(kRowsKept, count, std::move(rows), std::move(filter));
}

Message establishments_counted(std::size_t count, Message group) {
  if (count == 0) return Message(kOverNoEstablishment, std::move(group));
  if (count == 1) return Message(kOverOneEstablishment, std::move(group));
  return Message(kOverEstablishments, count, std::move(group));
}

}  // namespace

ExplainRecorder::ExplainRecorder(const CheckedProgram& program, const Dataset& d, int indicator, int entity, int year,
                                 ExplainNode& root)
    : p(program), data(d), root_(root), indicator_(indicator), year_(year), stack_{&root} {
  const IndicatorInfo& info = p.indicators[indicator];
  root = ExplainNode{};
  root.kind = ExplainNode::Kind::Indicator;
  root.name = fmt::format("{} — {} ({})", info.name, year, data.entities[entity]);
  root.label = info.label;
  root.where = fmt::format("{}:{}", info.decl->name_span.path(), info.decl->name_span.line);
}

ExplainNode& ExplainRecorder::add(ExplainNode::Kind kind, std::string name, int year) {
  ExplainNode n;
  n.kind = kind;
  n.name = std::move(name);
  if (year != year_) n.name += "[" + std::to_string(year) + "]";
  stack_.back()->children.push_back(std::move(n));
  return stack_.back()->children.back();
}

ExplainNode& ExplainRecorder::definition(int indicator, int b, int year, bool& first) {
  const IndicatorInfo& info = p.indicators[indicator];
  const ast::Binding& d = info.decl->bindings[b];
  bool part = b == info.value || b == info.targeting || b == info.target || b == info.achieved || b == info.incentive;
  ExplainNode& node = add(part ? ExplainNode::Kind::Part : ExplainNode::Kind::Definition,
                          indicator == indicator_ ? d.name : info.name + "." + d.name, year);
  node.label = d.label;
  node.formula = print_expr(*d.value);
  node.where = fmt::format("{}:{}", d.span.path(), d.span.line);
  // A definition already detailed in this explanation is not detailed again.
  first = explained_.insert({indicator, b, year}).second;
  if (!first) {
    node.formula.clear();
    node.where.clear();
    node.label.clear();
    node.detail = Message(kDetailedAbove);
  }
  return node;
}

ExplainNode& ExplainRecorder::parameter(int parameter, int year) {
  const ast::ParameterDecl& d = *p.parameters[parameter].decl;
  ExplainNode& node = add(ExplainNode::Kind::Parameter, d.name, year);
  node.label = d.label;
  node.formula = print_expr(*d.value);
  node.where = fmt::format("{}:{}", d.span.path(), d.span.line);
  return node;
}

void ExplainRecorder::value(ExplainNode& node, const Value& v, const Type& type) { node.value = shown(v, type); }

void ExplainRecorder::parameter_value(ExplainNode& node, const Value& v, const Type& type) {
  node.value = shown(v, type);
  // A parameter written as its value alone (a number) needs no formula beside the value.
  std::string written = format_french(v, type);
  if (node.formula == written || node.formula == written + ";") node.formula.clear();
}

void ExplainRecorder::column(int table, int column, const Row* row, const Value& v, int year) {
  const TableInfo& t = p.tables[table];
  std::string name = t.name + "." + t.columns[column].name;
  int shown_year = t.has_year() ? year : year_;
  if (shown_year != year_) name += "[" + std::to_string(shown_year) + "]";
  for (const auto& sibling : stack_.back()->children)
    if (sibling.name == name) return;
  ExplainNode& node = add(ExplainNode::Kind::Column, t.name + "." + t.columns[column].name, shown_year);
  node.label = t.columns[column].label;
  node.value = shown(v, type_of_column(t.columns[column].type));
  node.detail = row            ? Message(kReadFrom, t.name)
                : t.has_year() ? Message(kNoRowForInYear, t.name, year)
                               : Message(kNoRowFor, t.name);
}

void ExplainRecorder::rows(const ast::Expr& e, const CallInfo& info, const Accumulator& acc, const Value& v, int year) {
  const TableInfo& t = p.tables[info.table];
  ExplainNode& node = add(ExplainNode::Kind::Rows, print_expr(e), year);
  node.value = shown(v, p.type_of(e));
  int rows_year = info.period ? info.period->apply(year) : year;
  Message rows = t.has_year() ? Message(kRowsOfYear, t.name, rows_year) : Message(kAsWritten, t.name + ".csv");
  if (info.function == Function::RowCountDistinct)
    node.detail = Message(kDistinctValues, v.is_number() ? v.number().to_string() : "0", std::move(rows));
  else if (info.function == Function::RowMin || info.function == Function::RowMax)
    node.detail = Message(kOverKeptRows, std::move(rows));
  else
    node.detail = rows_kept(acc.count, std::move(rows), info.filter != nullptr);
}

void ExplainRecorder::population(const ast::Expr& e, const CallInfo& info, const Value& v, std::size_t count, int year) {
  ExplainNode& node = add(ExplainNode::Kind::Population, print_expr(e), year);
  node.value = shown(v, p.type_of(e));
  node.detail = establishments_counted(count, info.group ? Message(kOfTheSameGroup, print_expr(*info.group)) : Message());
}

void ExplainRecorder::comparison(const ast::Expr& e, const ast::Binary& n, const Value& l, const Value& r, bool holds) {
  ExplainNode& node = add(ExplainNode::Kind::Comparison, print_expr(e), year_);
  node.name = print_expr(e);
  node.value = Message(holds ? kYes : kNo);
  node.detail = Message(kComparison, shown(l, p.type_of(*n.lhs)), ast::spelling(n.op), shown(r, p.type_of(*n.rhs)),
                        Message(holds ? kYes : kNo));
}

void ExplainRecorder::summary(bool targeted, const Value& incentive) {
  const IndicatorInfo& info = p.indicators[indicator_];
  Message summary(targeted ? kTargeted : kNotTargeted);
  if (info.incentive >= 0)
    summary = Message(targeted ? kIncentiveRounded : kIncentiveNotTargeted, std::move(summary),
                      format_french(incentive, Type::number(Unit::Money)));
  root_.detail = std::move(summary);
}

}  // namespace caqes
