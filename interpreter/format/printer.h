// The canonical text of the rules language, printed from the AST: the formatter (`caqes fmt`) writes it, and
// the semantic diff compares expressions by it, so two expressions differing only in layout print the same.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace caqes {

// One expression on one line, with the minimal parentheses and the canonical spellings (×, ≠, ≥, French numbers).
std::string print_expr(const ast::Expr& e);

// The same expression laid out as `caqes fmt` lays out a long definition: broken over lines (at `et`/`ou`,
// `si … alors … sinon`, long sums and row filters) when longer than `width` characters.
std::string print_expr_lines(const ast::Expr& e, int width);

// A whole file in the canonical layout, comments kept: the declarations of `program` that come from `file`.
std::string format_file(const ast::Program& program, const SourceFile& file);

}  // namespace caqes
