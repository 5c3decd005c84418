// Unit tests of the checker's catalogs of messages (check/check_messages.h, check/check_expression_messages.h):
// every message has a French text of its own, values and lists read right in both languages, and every diagnostic
// the checker gives for many bad rules is a message of a catalog, none an English text translated afterwards.
#include "check/check_messages.h"

#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bad_rules.h"
#include "check/check_expression_messages.h"
#include "check/checker.h"
#include "message_catalog.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

using namespace check_messages;

TEST_CASE("every message of the checker's declarations has a French text of its own") {
  const std::vector<const MessageText*> all = {
      &kDidYouMean, &kSee, &kAmountWithUnit, &kRateWithUnit, &kNoContract, &kDeclareTheContract, &kSecondContract,
      &kOneContractPerDirectory, &kContractWithoutYears, &kAddYears, &kYearsNotAPeriod, &kFirstYearThenLast,
      &kNotAMissingDataBehaviour, &kMissingDataBehaviours, &kNotADivisionBehaviour, &kDivisionBehaviours,
      &kNoSuchSignatoryParameter, &kSignatoryNotAFiness, &kSignatoryExample, &kSummaryGroupNotAText,
      &kSummaryGroupExample, &kTableDeclaredTwice, &kFirstDeclarationAt, &kUnknownColumnType, &kColumnTypesAre,
      &kImpliedColumnDeclared, &kColumnDeclaredTwice, &kRegistryNotPerEstablishment, &kRegistryIsPerFiness,
      &kSeveralRegistries, &kNameTheRegistry, &kNoRegistry, &kDeclareARegistry, &kAlreadyDeclared,
      &kDefinedTwiceInIndicator, &kFirstDefinitionAt, &kUnknownType, &kTypesAre, &kParameterValueNotDeclaredType,
      &kUnknownIndicatorProperty, &kUnknownVolet, &kUnknownLevel, &kUnknownStatus, &kStatuses, &kMissingProperty,
      &kAddALine, &kNoValue, &kAddAValue, &kNoTargeting, &kAddATargeting, &kTargetingNotACondition,
      &kValueNotANumberOrCondition, &kTargetAndValueDiffer, &kTargetWithoutAchieved, &kAddAnAchieved,
      &kAchievedNotACondition, &kIncentiveNotMoney, &kIncentiveIsMoney, &kUnknownTestProperty, &kTestFinessNotAText, &kExpectationWithoutFiness, &kHowToWriteTestFiness, &kTestWithoutYear, &kWriteTheTestYear, &kUnknownTable,
      &kNoSuchColumn, &kColumnGivenTwice, &kColumnHoldsOtherType, &kRowWithoutKey, &kAddAYear, &kAddAFiness,
      &kExpectationNotACondition, &kExpectationExample, &kReferencesWithoutBase, &kReferencesGoInAmendment,
      &kReferencesOfOtherContract, &kWriteReferencesOf};
  // Never translated (French has always shown them in English): the messages of `signataire` and `synthèse`.
  const std::set<const MessageText*> same = {&kNoSuchSignatoryParameter, &kSignatoryNotAFiness, &kSignatoryExample,
                                             &kSummaryGroupNotAText, &kSummaryGroupExample};
  check_catalog("interpreter/check/check_messages.h", all, same);
}

TEST_CASE("every message of the checker's expressions and calls has a French text of its own") {
  const std::vector<const MessageText*> all = {
      &kUnknownName, &kQuoteACodeOrDeclare, &kParameterDependsOnItself, &kDefinitionCycle, &kBreakTheCycle, &kColumnOfSeveralTables,
      &kWriteOneOf, &kAsWritten, &kOrBetween, &kOrLast, &kTableNotAValue, &kReadAColumn, &kAggregateTheRows,
      &kIndicatorNotAValue, &kReadAPart, &kMemberOfAnExpression, &kWriteAMember, &kRowTableColumn, &kAggregateIt,
      &kNoSuchDefinition, &kNeitherTableNorIndicator, &kPeriodWithoutEffect, &kWhatVariesByYear, &kNegateNotANumber,
      &kNotNotACondition, &kJoinsConditions, &kNeedsTwoNumbers, &kDaysBetweenDates, &kApproxOnlyInTests,
      &kRoundExplicitly, &kApproxWithWrittenNumber, &kComparedWithAbsent, &kTestPresence, &kCannotCompare,
      &kWriteTheThresholdUnit, &kOrdersNumbersOrDates, &kListsNotCompared, &kTestMembership, &kCannotAdd,
      &kCannotSubtract, &kMoneyAddsToMoney, &kRateAddsToRate, &kShareOfACount, &kPlainNumberCompared, &kPlainNumberAdded, &kMoneyTimesMoney, &kRatioIsADivision, &kDivideByMoney,
      &kDivideTheAmount, &kInNeedsAList, &kWriteAList, &kLookedForInOtherType, &kIfNeedsACondition, &kBranchesDiffer,
      &kWriteZeroEuro, &kListOfLists, &kListMixesTypes, &kSelonMissesYears, &kAddTheYears, &kRestateInAmendment, &kCaseGivesOtherType, &kCaseOfOtherType, &kUnknownFunction,
      &kReadsTheRows, &kWriteAnAggregation, &kTakesOneArgument, &kWriteACount, &kWriteASum,
      &kAggregationNestedTooDeep, &kExpectedARowTable, &kWriteACountOfStays, &kNothingToAggregate, &kReadTheColumn,
      &kTableWithoutYears, &kDeclareItWithYears, &kGroupOfRows, &kFilterTheRows, &kAggregatedNotRowLevel,
      &kAddsNumbers, &kFunctionOrdersNumbersOrDates, &kCountDistinctValues, &kWhereNeedsACondition,
      &kRowFilterNotRowLevel, &kCompareOutside, &kTakesArgument, &kTakesArguments, &kWriteWithOrder,
      &kStatisticOnARow, &kComputedOverNumbers, &kGroupByAValue, &kOrderIsANumber, &kOrderIsConstant,
      &kTakesPlainValues, &kExpectsANumber, &kDecimalsWrittenOut, &kRoundToTheCent, &kComparesTwoValues,
      &kComparesOneUnit, &kDefaultOfOtherType, &kReferenceNeedsParameter, &kReferenceNeedsStatistic,
      &kReferenceExample, &kReferenceOfOtherType, &kReferenceGroupNotWritable, &kReferenceGroupHint, &kReferenceTwice,
      &kReferenceOnce, &kDaysBetweenTakesDates, &kYearOfTakesADate, &kWorksOnTexts,
      &kSubstringNumbers,
      &kDecimalsOutOfRange, &kEvaluationTooDeep, &kShortenTheChain};
  // A name shown as written; and, never translated (French has always shown them in English), three messages of
  // calls.
  const std::set<const MessageText*> same = {&kAsWritten, &kAggregationNestedTooDeep, &kWorksOnTexts,
                                             &kSubstringNumbers};
  // English joins alternatives with "or" throughout, French with a comma and "ou" before the last.
  const std::set<const MessageText*> same_english = {&kOrLast};
  check_catalog("interpreter/check/check_expression_messages.h", all, same, same_english);
}

TEST_CASE("values go where each language puts them") {
  CHECK(Message(kUnknownName, "dépens").in(Language::Fr) == "nom inconnu « dépens »");
  CHECK(Message(kUnknownName, "dépens").in(Language::En) == "unknown name 'dépens'");
  CHECK(Message(kDidYouMean, "dépense").in(Language::Fr) == "vouliez-vous dire « dépense » ?");
  // Values may be reordered.
  CHECK(Message(kMissingProperty, "transport", "niveau").in(Language::Fr) ==
        "il manque la ligne « niveau » à l'indicateur « transport »");
  CHECK(Message(kOrdersNumbersOrDates, "<", "texte").in(Language::Fr) ==
        "« < » ordonne des nombres ou des dates, et non des valeurs de type texte");
  CHECK(Message(kFunctionOrdersNumbersOrDates, "min", "texte").in(Language::Fr) ==
        "min ordonne des nombres ou des dates, et non des valeurs de type texte");
  CHECK(Message(kTakesArguments, "somme", 2).in(Language::Fr) == "somme(...) prend 2 arguments");
  CHECK(Message(kTakesArgument, "abs", 1).in(Language::En) == "abs(...) takes 1 argument");
  // A value used twice.
  CHECK(Message(kAggregateIt, "montant", "lignes").in(Language::En) ==
        "aggregate it: somme(montant de lignes), or compte(lignes où ...)");
  // A huge name is put in place as it is (the diagnostic shortens the whole message when it is shown).
  std::string name(1 << 20, 'x');
  CHECK(Message(kUnknownName, name).in(Language::Fr) == "nom inconnu « " + name + " »");
}

TEST_CASE("alternatives read \"a or b or c\" in English and « a, b ou c » in French") {
  auto write = [](std::vector<std::string> columns) {
    std::vector<Message> items;
    for (const auto& c : columns) items.emplace_back(kAsWritten, c);
    return Message(kWriteOneOf, Message::list(kOrBetween, kOrLast, std::move(items)));
  };
  CHECK(write({"finances.x", "registre.x"}).in(Language::Fr) == "écrivez finances.x ou registre.x");
  CHECK(write({"finances.x", "registre.x"}).in(Language::En) == "write finances.x or registre.x");
  CHECK(write({"a.x", "b.x", "c.x"}).in(Language::Fr) == "écrivez a.x, b.x ou c.x");
  CHECK(write({"a.x", "b.x", "c.x"}).in(Language::En) == "write a.x or b.x or c.x");
  CHECK(write({"a.x", "b.x", "c.x", "d.x", "e.x"}).in(Language::Fr) == "écrivez a.x, b.x, c.x, d.x ou e.x");
}

TEST_CASE("no diagnostic of the checker is an English text translated afterwards") {
  int checked = 0;
  for (const auto& rules : bad_rules()) {
    INFO("rules:\n", rules.substr(0, 2000));
    TempFolder folder;
    Diagnostics diags;
    auto program = load_program(folder.write("règles.caqes", rules), diags);
    if (diags.has_errors()) continue;  // the loader's, not the checker's
    check_program(std::move(program), diags);
    CHECK(diags.has_errors());
    for (const auto& d : diags.items()) {
      INFO("message: ", d.message.in(Language::En));
      CHECK(d.message.text() != nullptr);
      ++checked;
    }
  }
  CHECK(checked > 80);
}

}  // namespace
}  // namespace caqes
