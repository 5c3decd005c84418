// What `caqes test` prints: a line per test (ok, or the failure with each expectation that failed and what was
// computed), then how many passed and failed, in the language asked for.
#pragma once

#include <string>
#include <vector>

#include "eval/rule_tests.h"
#include "syntax/message.h"

namespace caqes {

// The line per test, then the summary.
std::string render_rule_tests(const std::vector<RuleTestOutcome>& outcomes, Language lang);
// "N passed, M failed".
std::string render_test_summary(int passed, int failed, Language lang);

}  // namespace caqes
