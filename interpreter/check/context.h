// What the parts of the checker share while they check one program: the program being filled in, the
// diagnostics, and the progress of each declaration (checked on first use, which is how a cycle is seen). Also
// the entry points each part offers the others; only check/*.cc includes this header.
#pragma once

#include <set>
#include <utility>
#include <vector>

#include "check/program.h"
#include "syntax/diagnostic.h"

namespace caqes::checker {

// What the checker knows about an expression besides its type.
struct Info {
  Type type;
  bool year = false;       // may change with N
  bool aggregate = false;  // reads aggregated rows, a population statistic or an indicator
  // A plain number: the literal written without a unit it comes from (`10`, through a selon's cases, a definition
  // or a parameter), so that a unit error points at the number to fix, wherever it is written.
  const ast::Expr* plain_literal = nullptr;
};

// Where an expression stands, which decides the names it sees.
struct Scope {
  int indicator = -1;    // its bindings are visible
  int row_table = -1;    // inside an aggregation: the row's columns are visible
  int outer_table = -1;  // inside an aggregation nested in another's filter: the outer row, as `table.colonne`
  bool test = false;     // in a test expectation: `≈` is allowed
};

enum class State { Unchecked, InProgress, Done };

struct Context {
  CheckedProgram& program;
  Diagnostics& diags;
  std::vector<State> parameter_state;             // per parameter
  std::vector<bool> parameter_aggregate;          // per parameter, once checked
  std::vector<const ast::Expr*> parameter_literal;  // per parameter, once checked: Info::plain_literal
  std::vector<std::vector<State>> binding_state;  // per indicator, per binding
  std::vector<std::vector<const ast::Expr*>> binding_literal;  // per indicator, per binding: Info::plain_literal
  std::vector<std::pair<int, int>> in_progress;   // (indicator, binding) being checked, outermost first
  std::set<const ast::Expr*> blamed_literals;     // numbers without a unit already reported (once each)
};

// declarations.cc: the declarations in program order, and those checked on first use from an expression.
void check_declarations(Context& cx);
void check_parameter(Context& cx, int index);
void check_binding(Context& cx, int indicator, int binding);

// expressions.cc: the type, units and years of an expression, recorded in the program for the evaluator.
Info check_expr(Context& cx, const ast::Expr& e, const Scope& scope);

// calls.cc: a call to a built-in function.
Info check_call(Context& cx, const ast::Expr& e, const ast::Call& call, const Scope& scope);

}  // namespace caqes::checker
