// Building an explanation while the tree walker computes (explain_recorder.h): the nodes, their French texts.
#include "eval/explain_recorder.h"

#include <fmt/format.h>

#include "eval/format.h"
#include "format/printer.h"

namespace caqes {

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
    node.detail = "détaillé plus haut";
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

void ExplainRecorder::value(ExplainNode& node, const Value& v, const Type& type) { node.value = format_french(v, type); }

void ExplainRecorder::parameter_value(ExplainNode& node, const Value& v, const Type& type) {
  node.value = format_french(v, type);
  if (node.formula == node.value || node.formula == node.value + ";") node.formula.clear();
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
  node.value = format_french(v, type_of_column(t.columns[column].type));
  node.detail = row ? fmt::format("lu dans {}.csv", t.name)
                    : fmt::format("aucune ligne dans {}.csv pour cet établissement{}", t.name,
                                  t.has_year() ? fmt::format(" en {}", year) : "");
}

void ExplainRecorder::rows(const ast::Expr& e, const CallInfo& info, const Accumulator& acc, const Value& v, int year) {
  const TableInfo& t = p.tables[info.table];
  ExplainNode& node = add(ExplainNode::Kind::Rows, print_expr(e), year);
  node.value = format_french(v, p.type_of(e));
  int rows_year = info.period ? info.period->apply(year) : year;
  std::string rows = t.has_year() ? fmt::format("{}.csv, année {}", t.name, rows_year) : t.name + ".csv";
  if (info.function == Function::RowCountDistinct)
    node.detail = fmt::format("{} valeurs distinctes dans les lignes de {} retenues", v.is_number() ? v.number().to_string() : "0", rows);
  else if (info.function == Function::RowMin || info.function == Function::RowMax)
    node.detail = fmt::format("sur les lignes de {} retenues", rows);
  else
    node.detail = fmt::format("{} ligne{} de {} retenue{}{}", acc.count, acc.count > 1 ? "s" : "", rows,
                              acc.count > 1 ? "s" : "", info.filter ? " par le filtre" : "");
}

void ExplainRecorder::population(const ast::Expr& e, const CallInfo& info, const Value& v, std::size_t count, int year) {
  ExplainNode& node = add(ExplainNode::Kind::Population, print_expr(e), year);
  node.value = format_french(v, p.type_of(e));
  node.detail = fmt::format("calculé sur {} établissement{}{}", count, count > 1 ? "s" : "",
                            info.group ? " du même groupe (" + print_expr(*info.group) + ")" : "");
}

void ExplainRecorder::comparison(const ast::Expr& e, const ast::Binary& n, const Value& l, const Value& r, bool holds) {
  ExplainNode& node = add(ExplainNode::Kind::Comparison, print_expr(e), year_);
  node.name = print_expr(e);
  node.value = holds ? "oui" : "non";
  node.detail = fmt::format("{} {} {} → {}", format_french(l, p.type_of(*n.lhs)), ast::spelling(n.op),
                            format_french(r, p.type_of(*n.rhs)), holds ? "oui" : "non");
}

void ExplainRecorder::summary(bool targeted, const Value& incentive) {
  const IndicatorInfo& info = p.indicators[indicator_];
  std::string summary = targeted ? "ciblé" : "non ciblé";
  if (info.incentive >= 0)
    summary += "; intéressement versé " + format_french(incentive, Type::number(Unit::Money)) +
               (targeted ? " (arrondi au centime)" : " (0 € hors ciblage)");
  root_.detail = summary;
}

}  // namespace caqes
