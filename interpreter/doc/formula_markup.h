// A formula as a reader sees it in the indicator sheets: the canonical text of the rules (format/printer.h), laid
// out over lines, with its keywords, numbers (thresholds, rates, amounts) and strings marked, and every name linked
// to the page and anchor where it is defined.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "check/program.h"

namespace caqes {

// Where a name of an expression leads ("../tables/séjours.html#col-durée"); empty: not linked.
using NameLinker = std::function<std::string(const Reference& ref)>;

// The expression as HTML (to go inside <pre>): escaped, names linked through `link`, marked with
// <span class="kw|num|str">.
std::string formula_html(const CheckedProgram& program, const ast::Expr& e, const NameLinker& link);

// The names of `e` (as printed: `x`, `table.colonne`, `indicateur.partie`) and what each one denotes.
std::map<std::string, Reference> expression_names(const CheckedProgram& program, const ast::Expr& e);

std::string html_escape(const std::string& s);

// The length in bytes of the identifier (letters, accented ones included, digits, '_') starting at byte `i` of `s`;
// 0 if none starts there. The length of one UTF-8 character otherwise: `character_length`.
std::size_t identifier_length(const std::string& s, std::size_t i);
std::size_t character_length(const std::string& s, std::size_t i);

}  // namespace caqes
