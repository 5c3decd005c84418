// The tests written in the rules language: each `test` block gives rows, a year and expectations computed by
// hand; this runs them on an in-memory dataset with the same evaluator as a real run.
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "eval/evaluator.h"
#include "syntax/diagnostic.h"

namespace caqes {

struct RuleTestOutcome {
  std::string label;
  Span span;
  bool passed = true;
  std::vector<std::string> failures;  // one line per failed expectation, with expected and computed values
};

// Runs every test block; a block that cannot run (bad rows) fails with its reason.
std::vector<RuleTestOutcome> run_rule_tests(const CheckedProgram& program, const std::string& name_filter = "",
                                            const PassOptions& options = {});

}  // namespace caqes
