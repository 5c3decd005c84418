// Parsing one rules file into the owned AST (the only place that sees ANTLR).
#pragma once

#include "syntax/ast.h"
#include "syntax/diagnostic.h"

namespace caqes {

// Parses `file` and appends its declarations to `program`. Syntax errors go to `diags`; returns false if any.
bool parse_file(const SourceFile& file, ast::Program& program, Diagnostics& diags);

// Names of the bindings an indicator gives a meaning to.
inline constexpr const char* kValue = "valeur";
inline constexpr const char* kTargeting = "ciblage";
inline constexpr const char* kTarget = "cible";
inline constexpr const char* kAchieved = "atteint";
inline constexpr const char* kIncentive = "intéressement";

}  // namespace caqes
