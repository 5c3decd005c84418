// Rendering of the outcomes of rule tests (see render_tests.h).
#include "cli/render_tests.h"

#include "cli/cli_messages.h"
#include "syntax/syntax_messages.h"

namespace caqes {

std::string render_test_summary(int passed, int failed, Language lang) {
  return Message(cli_messages::kTestSummary, passed, failed).in(lang) + "\n";
}

std::string render_contract_heading(const std::string& contract, Language lang) {
  return Message(cli_messages::kTestContractHeading, contract).in(lang) + "\n";
}

std::string render_rule_tests(const std::vector<RuleTestOutcome>& outcomes, Language lang) {
  int passed = 0, failed = 0;
  std::string out = render_rule_test_lines(outcomes, lang, passed, failed);
  return out + render_test_summary(passed, failed, lang);
}

std::string render_rule_test_lines(const std::vector<RuleTestOutcome>& outcomes, Language lang, int& passed,
                                   int& failed) {
  using namespace cli_messages;
  std::string out;
  for (const auto& o : outcomes) {
    if (o.passed) {
      ++passed;
      out += Message(kTestPassed, o.label).in(lang) + "\n";
      continue;
    }
    ++failed;
    out += Message(kTestFailed, o.label, o.span.where()).in(lang) + "\n";
    // Errors are rendered whole, their own line ends kept: an empty line follows them.
    for (const auto& f : o.failures) {
      out += "        " + (f.errors.items().empty() ? f.message.in(lang) : render_all(f.errors, false, lang)) + "\n";
      if (!f.hint.empty())
        out += "          " + std::string(syntax_messages::kHintLabel.in(lang)) + " " + f.hint.in(lang) + "\n";
    }
    // A year the test gives no row for may be why a figure is absent.
    if (!o.missing_years.items().empty()) out += "        " + render_all(o.missing_years, false, lang) + "\n";
  }
  return out;
}

}  // namespace caqes
