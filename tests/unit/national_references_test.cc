// Unit tests of the national references: which statistics a plan reads as national references and for which years
// (eval/national_references.h), and how their exact values are written as rules (cli/render_references.h).
#include "eval/national_references.h"

#include <doctest/doctest.h>

#include <string>

#include "check/checker.h"
#include "cli/render_references.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

// Two references read in 2019 and 2020 (a period relative to N), one statistic not linked, one reference unread.
const char* kRules =
    "contrat essai \"Essai\" { années 2021..2021; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { catégorie: code; }\n"
    "table activité \"Activité\" par établissement et année { séjours: effectif; dépense: monnaie; }\n"
    "paramètre q1 \"Q1\" : décimal = absent;\n"
    "paramètre moyenne_nationale \"Moyenne\" : monnaie = absent;\n"
    "paramètre inutile \"Jamais lu\" : décimal = absent;\n"
    "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
    "  seuil = référence_nationale(moyenne_nationale, moyenne(activité.dépense par catégorie));\n"
    "  quart = référence_nationale(q1, quartile(activité.séjours, 1));\n"
    "  jamais = référence_nationale(inutile, médiane(activité.séjours));\n"
    "  libre = médiane(activité.dépense);\n"
    "  valeur = activité.séjours[2019];\n"
    "  ciblage = activité.séjours[2019] > quart[2019] et activité.dépense[N-1] > seuil[N-1] et libre > 0 €;\n"
    "}\n";

TEST_CASE("the national references a plan reads, in the order of the parameters, with the years they are read") {
  RulesFile file(kRules);
  Diagnostics diags;
  auto program = check_program(load_program(file.path(), diags), diags);
  REQUIRE_MESSAGE(program != nullptr, render_all(diags));
  REQUIRE(program->national_references.size() == 3);
  auto needs = reference_needs(*program, {2021});
  REQUIRE(needs.size() == 2);
  // q1 is declared before moyenne_nationale: written first, though read second. `inutile` is linked but never read.
  CHECK(program->parameters[program->national_references[needs[0].reference].parameter].decl->name == "q1");
  CHECK(needs[0].year == 2019);
  CHECK(program->parameters[program->national_references[needs[1].reference].parameter].decl->name ==
        "moyenne_nationale");
  CHECK(needs[1].year == 2020);  // [N-1] of 2021
  // Without a file of references, nothing is asked of the inputs.
  Diagnostics none;
  CHECK(check_reference_inputs(*program, {2021}, {}, none));
  CHECK(none.items().empty());
}

TEST_CASE("a national reference is written exactly, in the unit of its parameter") {
  const Type plain = Type::number(Unit::Plain), rate = Type::number(Unit::Rate), money = Type::number(Unit::Money);
  // (10 + 20) / 2 + … : a quantile between two counts ends.
  CHECK(reference_literal(Decimal::from_fraction(45, 2), plain) == "22,5");
  // 7/24 of one is 29,1666… %: the division the language reads, 175/6 %.
  CHECK(reference_literal(Decimal::from_fraction(7, 24), rate) == "175 % / 6");
  CHECK(reference_literal(Decimal::from_fraction(1, 4), rate) == "25 %");
  CHECK(reference_literal(Decimal::from_fraction(200, 3), money) == "200 € / 3");
  CHECK(reference_literal(Decimal::from_fraction(123456725, 100), money) == "1 234 567,25 €");
  CHECK(reference_literal(Decimal::from_fraction(-1, 3), plain) == "-1 / 3");
  CHECK(reference_literal(Decimal::from_fraction(1234567, 3), plain) == "1 234 567 / 3");
  CHECK(reference_literal(Decimal(0), money) == "0 €");
}

}  // namespace
}  // namespace caqes
