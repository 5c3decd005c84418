// The checker: names, types, units, periods and cycles. It reports every error it finds, not just the first,
// and returns a checked program only if there is none. Its parts: desugar (bare words), declarations,
// expressions, calls, units and suggestions, in files of those names.
#pragma once

#include <memory>

#include "check/program.h"
#include "check/suggestions.h"
#include "syntax/diagnostic.h"

namespace caqes {

// Takes ownership of the AST. Returns null if any error was reported (the diagnostics say why).
std::unique_ptr<CheckedProgram> check_program(std::unique_ptr<ast::Program> program, Diagnostics& diags);

}  // namespace caqes
