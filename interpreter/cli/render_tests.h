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
// The line per test only, adding to the counts: for `caqes test` on a folder of contracts.
std::string render_rule_test_lines(const std::vector<RuleTestOutcome>& outcomes, Language lang, int& passed,
                                   int& failed);
// The line before the tests of one contract, when several are tested.
std::string render_contract_heading(const std::string& contract, Language lang);
// "N passed, M failed".
std::string render_test_summary(int passed, int failed, Language lang);

}  // namespace caqes
