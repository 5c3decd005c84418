// Row-level expressions compiled once per aggregation and year: the filter (`où`) and the value (`de`) of an
// aggregation over rows become a tree of nodes that read the row's values in place, compare and combine them
// without building a Value for each step, and hold the constants of the expression (literals, parameters that are
// the same for every establishment, lists of codes) already evaluated. The evaluator runs these for every row of
// the extract; the tree walker (expression_evaluator.h) keeps the meaning and the explanations, and this code must
// give exactly its results (tests/unit/row_code_test.cc checks one against the other on every aggregation of the
// shipped contracts). Both call the same built-in functions (stdlib/builtins.h).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "value/value.h"

namespace caqes {

// The rows an expression reads: the current row and, inside an aggregation nested in another's filter, the row of
// the aggregation around it.
struct RowFrame {
  const Row* row = nullptr;
  const Row* outer = nullptr;
  int entity = -1;
  // Numbers the rows of a pass (from 1; 0 inside a nested aggregation): the figures of a nested aggregation that
  // several filters share are computed once per outer row.
  unsigned long long serial = 0;
};

// A boolean of the language: true, false or absent (a comparison with a missing value is neither).
enum class Truth : unsigned char { False, True, Absent };

class RowCode {
 public:
  virtual ~RowCode() = default;
  // The value. The reference is to the row, to a constant of the node, or to `scratch`: valid until the next call
  // with the same scratch.
  virtual const Value& get(const RowFrame& f, Value& scratch) const = 0;
  // A boolean expression's truth, without building a Value.
  virtual Truth test(const RowFrame& f) const;
};

// What the compiler asks of the evaluator.
class RowCodeHost {
 public:
  virtual ~RowCodeHost() = default;
  // The value of a parameter in `year` when it is the same for every establishment; nullopt otherwise.
  virtual std::optional<Value> constant_parameter(int parameter, int year) = 0;
  // An aggregation nested in the compiled one's filter, for `year`.
  virtual std::unique_ptr<RowCode> nested_aggregation(const ast::Expr& call, int year) = 0;
  // What the compiler leaves to the tree walker (a column of a per-establishment table, a division that follows
  // the contract's policy, `selon`...).
  virtual std::unique_ptr<RowCode> interpreted(const ast::Expr& e, int year) = 0;
};

std::unique_ptr<RowCode> compile_row_code(const CheckedProgram& program, const ast::Expr& e, int year,
                                          RowCodeHost& host);

// Whether a comparison holds, given the order of its two sides (-1, 0, 1, as compare() gives it).
bool comparison_holds(ast::BinaryOp op, int order);

// For deciding which rows to keep, where absent and false are the same (a row is kept only on true): true when
// every part is true / when some part is.
std::unique_ptr<RowCode> all_true(std::vector<std::unique_ptr<RowCode>> parts);
std::unique_ptr<RowCode> any_true(std::vector<std::unique_ptr<RowCode>> parts);

}  // namespace caqes
