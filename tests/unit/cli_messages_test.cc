// Unit tests of the command line's catalog of messages (cli/cli_messages.h): every message has a French text of
// its own (but those the test names), and the lines of `caqes test` read in the language asked for.
#include "cli/cli_messages.h"

#include <doctest/doctest.h>

#include "cli/diff_messages.h"
#include "cli/help_messages.h"
#include "cli/render_tests.h"
#include "eval/eval_messages.h"
#include "message_catalog.h"

namespace caqes {
namespace {

using namespace cli_messages;

TEST_CASE("every message of the command line's catalog has a French text of its own") {
  const std::vector<const MessageText*> all = {
      &kCannotWrite, &kCannotRead, &kYearOutsideContract, &kNoIndicator, &kNoIndicatorDidYouMean,
      &kEstablishmentNotInData, &kEstablishmentNotInDatabase, &kNoSignatory, &kFormattingUnsafe, &kNoTestLabel, &kUnknownCommand, &kNoResultWritten,
      &kOneError, &kErrors, &kCheckSummary, &kOneIndicator, &kIndicators, &kOneTable, &kTables, &kOneParameter,
      &kParameters, &kOneTest, &kTests, &kTestPassed, &kTestFailed, &kTestContractHeading, &kTestSummary, &kStrictNoResult,
      &kOutputIsAnInput, &kOutOfMemory,
      &kBadSourceDateEpoch, &kNotInWindows1252, &kCannotWriteWorkbook, &kWorkbookNeedsOutput,
      &kSectionSummary, &kSectionGroups, &kSectionSignatories, &kSectionNotified, &kSectionSignatoryLines,
      &kSectionDetail, &kSectionManifest, &kMoreHint, &kProgressRunning, &kNoNationalReference,
      &kNoNationalReferenceHint, &kReferencesFromRegional, &kReferencesFromNational, &kReferenceAlreadyGiven,
      &kReferencesWritten
  };
  // Words French writes as English does.
  const std::set<const MessageText*> same = {&kOneTable, &kTables, &kOneTest, &kTests, &kTestPassed};
  check_catalog("interpreter/cli/cli_messages.h", all, same);
}

TEST_CASE("every word of caqes diff has a French text of its own") {
  using namespace diff_messages;
  const std::vector<const MessageText*> all = {
      &kAdded, &kRemoved, &kChanged, &kAffected, &kNoDifference, &kNoDifferenceSentence, &kBefore, &kAfter,
      &kSameFormulaUses, &kNumberChange, &kNumberChangeForYears, &kThreshold, &kTarget, &kRate, &kAmount, &kNumber,
      &kImpactHeading, &kIndicatorAdded, &kIndicatorRemoved, &kTargetedEstablishments, &kTargetedEstablishmentYears,
      &kIncentiveTotals, &kIncentiveMissing, &kEntering, &kLeaving, &kNotTargeted, &kMissingData, &kNoSuchIndicator,
      &kUnchanged, &kTotalIncentives, &kImpactTitle, &kImpactTableHeader};
  // A number that changed is "role: old → new" in both languages; "taux" is French for a rate.
  const std::set<const MessageText*> same = {&kNumberChange};
  check_catalog("interpreter/cli/diff_messages.h", all, same);
  CHECK(Message(kNumberChangeForYears, Message(kRate).in(Language::Fr), "30 %", "20 %", "2023").in(Language::Fr) ==
        "taux pour 2023: 30 % → 20 %");
  CHECK(Message(kNumberChangeForYears, Message(kRate).in(Language::En), "30 %", "20 %", "2023").in(Language::En) ==
        "rate for 2023: 30 % → 20 %");
}

TEST_CASE("every description of caqes --help has a French text of its own") {
  using namespace help_messages;
  const std::vector<const MessageText*> all = {
      &kCaqes, &kLang, &kHelp, &kCheck, &kRun, &kList, &kSchema, &kTest, &kExplain, &kDiff, &kFunctions, &kFmt, &kDoc, &kLsp, &kSql, &kLoad,
      &kRules, &kData, &kYear, &kRunFormat, &kDetail, &kEncoding, &kOutput, &kBySignatory, &kThreads, &kPartitions, &kParts, &kStrict,
      &kTableFormat, &kFilter, &kOwnTests, &kEntity, &kIndicator, &kExplainFormat, &kOld, &kNew, &kDiffFormat, &kDiffData,
      &kDiffYear, &kDb, &kReferences, &kReferencesOutput, &kMapping, &kSchemaFormat, &kDocOutput, &kDocFormat, &kDocIndicator, &kPaths, &kFmtCheck, &kUsageLabel, &kPositionalsLabel, &kOptionsLabel, &kOptionsGroup,
      &kSubcommandLabel, &kSubcommandsGroup, &kRequiredLabel, &kExcludesLabel, &kNeedsLabel, &kTextLabel, &kIntLabel};
  // Words French writes as English does.
  const std::set<const MessageText*> same = {&kOptionsLabel, &kOptionsGroup};
  check_catalog("interpreter/cli/help_messages.h", all, same);
}

TEST_CASE("the lines of caqes test, in English and in French") {
  RuleTestOutcome passed;
  passed.label = "ambulance: 60 % puis 50 %";
  RuleTestOutcome failed;
  failed.label = "ambulance: attendu faux exprès";
  failed.passed = false;
  Message why(eval_messages::kExpectedComputed, "r.caqes:9:3", "attendu \"310000001\": x = 20 €", "20,00 €", "20,01 €");
  failed.failures.push_back({why, {}, {}});
  std::vector<RuleTestOutcome> outcomes = {passed, failed};
  CHECK(render_rule_tests(outcomes, Language::En) ==
        "ok      ambulance: 60 % puis 50 %\n"
        "FAILED  ambulance: attendu faux exprès (<commande>)\n"
        "        r.caqes:9:3: attendu \"310000001\": x = 20 €: expected 20,00 €, computed 20,01 €\n"
        "1 passed, 1 failed\n");
  CHECK(render_rule_tests(outcomes, Language::Fr) ==
        "ok      ambulance: 60 % puis 50 %\n"
        "ÉCHEC   ambulance: attendu faux exprès (<commande>)\n"
        "        r.caqes:9:3: attendu \"310000001\": x = 20 € : attendu 20,00 €, calculé 20,01 €\n"
        "tests réussis : 1, en échec : 1\n");
  CHECK(render_test_summary(0, 0, Language::Fr) == "tests réussis : 0, en échec : 0\n");
}

}  // namespace
}  // namespace caqes
