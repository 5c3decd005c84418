// The tests written in the rules language: each `test` block gives rows, a year and expectations computed by
// hand; this runs them on an in-memory dataset with the same evaluator as a real run.
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "eval/evaluator.h"
#include "syntax/diagnostic.h"

namespace caqes {

// Why a test failed: a line saying which expectation and what was computed (eval/eval_messages.h), or the errors
// that stopped the evaluation. Data only: the command line shows them in its language.
struct RuleTestFailure {
  Message message;
  Diagnostics errors;  // when not empty, what is shown instead of `message`
  Message hint;        // how to fix it, when the fix is known (shown under `message`)
};

struct RuleTestOutcome {
  std::string label;
  Span span;
  bool passed = true;
  std::vector<RuleTestFailure> failures;  // one per failed expectation, or the reason the test could not run
  // The years the expectations read for which the test gives no row of a table (warnings). A test leaves out the
  // tables its expectations do not need, so these are shown only beside a failure (they may explain an absent
  // figure), or, under `caqes test --strict`, make the test fail.
  Diagnostics missing_years;
};

// Runs every test block whose label contains `name_filter` (all when it is empty); with `own_only`, only those
// written in the contract's own files, not those inherited from the contract it extends. A block that cannot run
// (bad rows) fails with its reason.
std::vector<RuleTestOutcome> run_rule_tests(const CheckedProgram& program, const std::string& name_filter = "",
                                            const PassOptions& options = {}, bool own_only = false);

// Whether test `t` is written in the contract's own files (always, for a contract that extends none).
bool own_test(const ast::Program& program, const ast::TestDecl& t);

}  // namespace caqes
