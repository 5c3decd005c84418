// A rules text loaded and checked for a test, which stops with the diagnostics if either step fails.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "check/checker.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {

inline std::unique_ptr<CheckedProgram> checked(const std::string& rules) {
  RulesFile file(rules);
  Diagnostics diags;
  auto ast = load_program(file.path(), diags);
  REQUIRE_MESSAGE(ast != nullptr, render_all(diags));
  auto program = check_program(std::move(ast), diags);
  REQUIRE_MESSAGE(program != nullptr, render_all(diags));
  return program;
}

}  // namespace caqes
