// Bare words: where the rules expect a code they may write it without quotes. This pass, run once on the loaded
// program before it is checked (by check_program), turns those words into text literals marked `bare_code`, which
// the printer writes back bare; the checker and the evaluator then only see literals. A bare word is a code
//   - as an item of a list: [D02, D04];
//   - as a key of a case of `selon`: selon catégorie { MCO: …; };
//   - as the value given, in a test row, to a column declared code or texte (or finess): domaine = D02.
// Anywhere else it stays a name.
#pragma once

#include "syntax/ast.h"

namespace caqes {

void desugar_bare_words(ast::Program& program);

}  // namespace caqes
