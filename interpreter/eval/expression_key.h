// The identity of an expression by its structure: the kinds of its nodes, their literals and operators, and what
// its names refer to, in a string. Two expressions with equal keys compute the same thing in the same context, so
// the pass computes once what several filters repeat (a nested aggregation, a condition on the row) without
// going through the formatter's printed text.
#pragma once

#include <string>

#include "check/program.h"

namespace caqes {

std::string expression_key(const CheckedProgram& program, const ast::Expr& e);

}  // namespace caqes
