// The canonical text of the rules language, printed from the AST: the formatter (`caqes fmt`) writes it, and
// the semantic diff compares expressions by it, so two expressions differing only in layout print the same.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace caqes {

// One expression on one line, with the minimal parentheses and the canonical spellings (×, ≠, ≥, French numbers).
std::string print_expr(const ast::Expr& e);

// A whole file in the canonical layout, comments kept: the declarations of `program` that come from `file`.
std::string format_file(const ast::Program& program, const SourceFile& file);

}  // namespace caqes
