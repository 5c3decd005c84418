// The recorder of an explanation (explain.h): while the tree walker computes one indicator's figures for one
// establishment and year, it reports each step here (a definition, a parameter, a column read, the rows counted,
// a population statistic, a comparison) and the recorder builds the tree under the node it is in, its phrases as
// messages (explain_messages.h) that the command line shows in its language. The walker holds no explanation
// state of its own: it records when its context carries a recorder.
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/accumulator.h"
#include "eval/explain.h"

namespace caqes {

class ExplainRecorder {
 public:
  // The explanation of `indicator` for the establishment `entity` in `year`, recorded under `root` (which it
  // names and places).
  ExplainRecorder(const CheckedProgram& program, const Dataset& data, int indicator, int entity, int year,
                  ExplainNode& root);

  // While alive, what is recorded goes under `node`.
  class Under {
   public:
    Under(ExplainRecorder& recorder, ExplainNode& node) : recorder_(recorder) { recorder_.stack_.push_back(&node); }
    ~Under() { recorder_.stack_.pop_back(); }
    Under(const Under&) = delete;
    Under& operator=(const Under&) = delete;

   private:
    ExplainRecorder& recorder_;
  };

  // A definition of an indicator (a part such as `valeur`, or an intermediate figure), with its formula. False in
  // `first` when it was already detailed in this explanation: the node then says so and shows only the value.
  ExplainNode& definition(int indicator, int binding, int year, bool& first);
  ExplainNode& parameter(int parameter, int year);
  // The value of a definition or parameter, once computed.
  void value(ExplainNode& node, const Value& v, const Type& type);
  void parameter_value(ExplainNode& node, const Value& v, const Type& type);
  // A column of a per-establishment table (`row` null when the table has no row for it), once per node.
  void column(int table, int column, const Row* row, const Value& v, int year);
  // An aggregation over rows and what it accumulated.
  void rows(const ast::Expr& call, const CallInfo& info, const Accumulator& acc, const Value& v, int year);
  // A population statistic, computed over `count` establishments.
  void population(const ast::Expr& call, const CallInfo& info, const Value& v, std::size_t count, int year);
  void comparison(const ast::Expr& e, const ast::Binary& n, const Value& l, const Value& r, bool holds);
  // The root's last line: targeted or not, the incentive paid.
  void summary(bool targeted, const Value& incentive);

 private:
  ExplainNode& add(ExplainNode::Kind kind, std::string name, int year);

  const CheckedProgram& p;
  const Dataset& data;
  ExplainNode& root_;
  int indicator_, year_;
  std::vector<ExplainNode*> stack_;
  std::set<std::tuple<int, int, int>> explained_;  // definitions (indicator, binding, year) already detailed
};

}  // namespace caqes
