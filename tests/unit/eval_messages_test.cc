// Unit tests of the evaluation stage's catalog of messages (eval/eval_messages.h): every message has a French text
// of its own (but those the test names), an error of evaluation is data until it is rendered, and a failed rule
// test reads in the language asked for, its errors too.
#include "eval/eval_messages.h"

#include <doctest/doctest.h>

#include "check/checker.h"
#include "data/dataset.h"
#include "eval/rule_tests.h"
#include "message_catalog.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

using namespace eval_messages;

TEST_CASE("every message of the evaluation catalog has a French text of its own") {
  const std::vector<const MessageText*> all = {
      &kEmptyColumn, &kEmptyColumnInYear, &kNoRow, &kNoRowInYear, &kMissingDataHint, &kDivisionByZero,
      &kDivisionByZeroHint, &kQuantileOrder, &kQuantileOrderHint, &kAggregationNotPrepared, &kNestedOutsidePass,
      &kTestYearNotAYear, &kTestRowNotConstant, &kTestRowWithoutFiness, &kTestSecondRow, &kTestSecondRowInYear,
      &kExpectationFalse, &kExpectedComputed, &kExpectedComputedSides, &kSideComputed, &kSideSeparator,
      &kExpectationWithoutEstablishment, &kExpectationWithoutEstablishmentHint, &kExpectationUndecided, &kNoRowForYear,
      &kNoRowForYearHint,
      &kNumberTooLarge, &kRoundOnTheWay, &kNumberTooLargeInPass, &kRowsForUnreadYears,
      &kRowsForUnreadYearsHint, &kReferenceNotGiven, &kReferenceYearNotGiven, &kWriteReferencesAgain
  };
  // The place of a false expectation and its line as written in the rules, a side of 'et' and its value: no word
  // to translate.
  const std::set<const MessageText*> same = {&kExpectationFalse, &kSideComputed};
  check_catalog("interpreter/eval/eval_messages.h", all, same);
}

TEST_CASE("the errors of a run read as the old French catalog wrote them") {
  CHECK(Message(kEmptyColumnInYear, "a", "finances", "310000001", 2022).in(Language::Fr) ==
        "donnée manquante : la colonne « a » de la table « finances » est vide pour l'établissement 310000001 en "
        "2022");
  CHECK(Message(kEmptyColumnInYear, "a", "finances", "310000001", 2022).in(Language::En) ==
        "missing data: column 'a' of table 'finances' is empty for establishment 310000001 in 2022");
  CHECK(Message(kNoRow, "registre", "310000001").in(Language::Fr) ==
        "donnée manquante : la table « registre » n'a pas de ligne pour l'établissement 310000001");
  CHECK(Message(kDivisionByZero, "310000001", 2023).in(Language::En) ==
        "division by zero for establishment 310000001 in 2023");
  CHECK(Message(kQuantileOrder, "1.5").in(Language::Fr) == "l'ordre d'un quantile est compris entre 0 et 1 (ici 1.5)");
}

const char* const kRules =
    "contrat essai \"Essai\" { années 2022..2024; établissements établissements; division_par_zéro erreur; }\n"
    "table établissements \"Établissements\" par établissement { catégorie: code; }\n"
    "table finances \"Finances\" par établissement et année { a: monnaie; b: monnaie; }\n"
    "indicateur t \"T\" { volet pertinence; niveau national; source \"S\";\n"
    "  valeur = finances.a / finances.b; ciblage = vrai; }\n"
    "test \"faux\" {\n"
    "  année 2022;\n"
    "  établissements: finess = \"310000001\", catégorie = MCO;\n"
    "  finances: finess = \"310000001\", année = 2022, a = 1 €, b = 4 €;\n"
    "  attendu \"310000001\": t.valeur ≥ 30 %;\n"
    "}\n"
    "test \"zéro\" {\n"
    "  année 2022;\n"
    "  établissements: finess = \"310000001\", catégorie = MCO;\n"
    "  finances: finess = \"310000001\", année = 2022, a = 1 €, b = 0 €;\n"
    "  attendu \"310000001\": t.valeur = 1 %;\n"
    "}\n";

TEST_CASE("a failed rule test is data: what was expected and computed, or the errors, in either language") {
  RulesFile rules(kRules);
  Diagnostics diags;
  auto checked = check_program(load_program(rules.path(), diags), diags);
  REQUIRE_MESSAGE(!diags.has_errors(), render_all(diags));
  std::vector<RuleTestOutcome> outcomes = run_rule_tests(*checked);
  REQUIRE(outcomes.size() == 2);

  REQUIRE(outcomes[0].failures.size() == 1);
  const RuleTestFailure& wrong = outcomes[0].failures[0];
  CHECK(wrong.errors.items().empty());
  CHECK(wrong.message.text() == &kExpectedComputed);
  const std::string where = rules.path() + ":10:3";
  CHECK(wrong.message.in(Language::En) ==
        where + ": attendu \"310000001\": t.valeur ≥ 30 %: expected ≥ 30 %, computed 25 %");
  CHECK(wrong.message.in(Language::Fr) ==
        where + ": attendu \"310000001\": t.valeur ≥ 30 % : attendu ≥ 30 %, calculé 25 %");

  REQUIRE(outcomes[1].failures.size() == 1);
  const RuleTestFailure& stopped = outcomes[1].failures[0];
  REQUIRE(stopped.errors.items().size() == 1);
  CHECK(stopped.errors.items()[0].message.text() == &kDivisionByZero);
  CHECK(render_all(stopped.errors, false, Language::Fr).find("erreur : division par zéro pour l'établissement "
                                                             "310000001 en 2022\n") != std::string::npos);
  CHECK(render_all(stopped.errors, false, Language::En).find("error: division by zero for establishment 310000001 "
                                                             "in 2022\n") != std::string::npos);
}

}  // namespace
}  // namespace caqes
