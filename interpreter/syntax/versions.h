// Contract versions: a contract that extends another (`étend "../caqes-2021";`) inherits its tables, parameters,
// indicators and tests, and states only its changes: `retire indicateur x;`, `remplace indicateur x { … }`,
// `modifie indicateur x { ciblage = …; }` (the parts given replace the base's, the rest is inherited),
// `remplace paramètre x pour 2023..2024 = …;` (a new value for some years only).
#pragma once

#include <memory>

#include "syntax/ast.h"
#include "syntax/diagnostic.h"

namespace caqes {

// Applies `own` over `base` and returns the resulting program (it takes both). Errors: a change naming nothing in
// the base, a redeclaration without `remplace`/`modifie`.
std::unique_ptr<ast::Program> apply_version(std::unique_ptr<ast::Program> base, std::unique_ptr<ast::Program> own,
                                            Diagnostics& diags);

// Reports `remplace`, `modifie` and `retire` in a contract that extends nothing.
void reject_changes_without_base(const ast::Program& program, Diagnostics& diags);

// Gives every expression of the program a fresh, unique id (after merging programs parsed separately).
void renumber(ast::Program& program);

}  // namespace caqes
