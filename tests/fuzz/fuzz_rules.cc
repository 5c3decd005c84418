// libFuzzer target: any bytes as a rules file go through the parser, the checker, the formatter and, when they
// check, the rule tests, without crashing, hanging or reading out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "check/checker.h"
#include "eval/rule_tests.h"
#include "format/printer.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caqes;
  SourceFile file("fuzz.caqes", std::string(reinterpret_cast<const char*>(data), size));
  auto program = std::make_unique<ast::Program>();
  Diagnostics diags;
  if (!parse_file(file, *program, diags)) {
    render_all(diags);
    return 0;
  }
  format_file(*program, file);
  auto checked = check_program(std::move(program), diags);
  render_all(diags);
  if (checked) run_rule_tests(*checked);
  return 0;
}
