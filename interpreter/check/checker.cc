// The checker's entry: the bare words desugared, then the declarations checked in program order, their
// expressions on first use (see context.h for what the parts share).
#include "check/checker.h"

#include "check/context.h"
#include "check/desugar.h"

namespace caqes {

std::unique_ptr<CheckedProgram> check_program(std::unique_ptr<ast::Program> program, Diagnostics& diags) {
  desugar_bare_words(*program);
  auto checked = std::make_unique<CheckedProgram>();
  checked->ast = std::move(program);
  int before = diags.error_count();
  checker::Context cx{*checked, diags, {}, {}, {}, {}, {}, {}, {}, 0, 0, false, {}, {}};
  checker::check_declarations(cx);
  if (diags.error_count() > before) return nullptr;
  return checked;
}

}  // namespace caqes
