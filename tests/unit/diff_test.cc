// Unit tests of the diff (diff/semantic_diff.h, diff/data_impact.h): each number that changed is named by its role
// (threshold, target, rate, amount) and by the years it changed for; the impact counts establishments, keeps only
// what changes, and says why an incentive is absent.
#include "diff/semantic_diff.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "check/checker.h"
#include "diff/data_impact.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

// The program stays valid after its file is removed: the AST owns its text.
std::unique_ptr<CheckedProgram> checked(const std::string& rules) {
  RulesFile file(rules);
  Diagnostics diags;
  auto program = check_program(load_program(file.path(), diags), diags);
  REQUIRE_MESSAGE(program != nullptr, render_all(diags));
  return program;
}

const char* const kContract =
    "contrat c \"C\" { années 2022..2024; établissements établissements; }\n"
    "table établissements par établissement { statut: code; }\n"
    "table dépenses par établissement et année { montant: monnaie; part: taux; }\n";

std::string rules(const std::string& threshold, const std::string& target, const std::string& rate,
                  const std::string& parameter) {
  return std::string(kContract) + "paramètre seuil : monnaie = " + parameter +
         ";\n"
         "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
         "  valeur = dépenses.part;\n"
         "  ciblage = dépenses.part[N-1] ≥ " + threshold + " et dépenses.montant[N-1] ≥ seuil;\n"
         "  cible = " + target + ";\n"
         "  atteint = valeur ≤ cible;\n"
         "  intéressement = " + rate + " × max(0 €, dépenses.montant[N-1] - dépenses.montant);\n}\n";
}

const RuleChange& change_named(const DiffReport& r, const std::string& name) {
  for (const auto& c : r.changes)
    if (c.name == name) return c;
  FAIL("no change named ", name);
  return r.changes.front();
}

TEST_CASE("a number that changed is named by its role: a threshold, a target, an incentive rate") {
  auto old_program = checked(rules("20 %", "10 %", "30 %", "20 000 €"));
  auto new_program = checked(rules("25 %", "8 %", "40 %", "25 000 €"));
  DiffReport r = diff_programs(*old_program, *new_program);
  const RuleChange& targeting = change_named(r, "i.ciblage");
  REQUIRE(targeting.thresholds.size() == 1);
  CHECK(targeting.thresholds[0].role == NumberChange::Role::Threshold);
  CHECK(targeting.thresholds[0].old_text == "20 %");
  CHECK(targeting.thresholds[0].new_text == "25 %");
  const RuleChange& target = change_named(r, "i.cible");
  REQUIRE(target.thresholds.size() == 1);
  CHECK(target.thresholds[0].role == NumberChange::Role::Target);
  const RuleChange& incentive = change_named(r, "i.intéressement");
  REQUIRE(incentive.thresholds.size() == 1);
  CHECK(incentive.thresholds[0].role == NumberChange::Role::Rate);
  // A parameter compared with (`montant ≥ seuil`) is a threshold, though its own formula compares nothing.
  const RuleChange& parameter = change_named(r, "seuil");
  REQUIRE(parameter.thresholds.size() == 1);
  CHECK(parameter.thresholds[0].role == NumberChange::Role::Threshold);
}

TEST_CASE("a value changed for some years only gives the years, consecutive years once") {
  auto old_program = checked(rules("20 %", "10 %", "30 %", "20 000 €"));
  auto one_year = checked(rules("20 %", "10 %", "selon N { 2023: 20 %; autre: 30 %; }", "20 000 €"));
  DiffReport one = diff_programs(*old_program, *one_year);
  const RuleChange& c = change_named(one, "i.intéressement");
  REQUIRE(c.thresholds.size() == 1);
  CHECK(c.thresholds[0].old_text == "30 %");
  CHECK(c.thresholds[0].new_text == "20 %");
  CHECK(c.thresholds[0].years == "2023");
  CHECK(c.thresholds[0].role == NumberChange::Role::Rate);
  auto two_years = checked(rules("20 %", "selon N { 2022: 10 %; 2023, 2024: 8 %; }", "30 %", "20 000 €"));
  DiffReport two = diff_programs(*old_program, *two_years);
  const RuleChange& t = change_named(two, "i.cible");
  REQUIRE(t.thresholds.size() == 1);
  CHECK(t.thresholds[0].years == "2023..2024");
  CHECK(t.thresholds[0].new_text == "8 %");
  CHECK(t.thresholds[0].role == NumberChange::Role::Target);
}

IndicatorResult result(const CheckedProgram& p, const std::string& indicator, int entity, int year, bool targeted,
                       Value incentive) {
  IndicatorResult r;
  r.indicator = p.indicator_index(indicator);
  r.entity = entity;
  r.year = year;
  r.targeted = targeted;
  r.incentive = std::move(incentive);
  return r;
}

TEST_CASE("the impact counts establishments, not establishment-years, and says why an incentive is absent") {
  const std::string base = std::string(kContract) +
                           "indicateur stable \"S\" { volet pertinence; niveau national; source \"S\"; valeur = "
                           "dépenses.part; ciblage = vrai; intéressement = 100 €; }\n";
  auto old_program = checked(base);
  auto new_program = checked(base + "indicateur nouveau \"N\" { volet pertinence; niveau national; source \"S\"; "
                                    "valeur = dépenses.part; ciblage = vrai; intéressement = dépenses.montant; }\n");
  Dataset data;
  data.entities = {"340000001", "340000002"};
  // stable: both establishments targeted both years, 100 € each time, in both versions.
  std::vector<IndicatorResult> old_results, new_results;
  for (int e = 0; e < 2; ++e)
    for (int year : {2022, 2023}) {
      old_results.push_back(result(*old_program, "stable", e, year, true, Value(Decimal(100))));
      new_results.push_back(result(*new_program, "stable", e, year, true, Value(Decimal(100))));
    }
  // nouveau: 340000001 targeted both years, 50 € then absent (missing data); 340000002 not targeted.
  new_results.push_back(result(*new_program, "nouveau", 0, 2022, true, Value(Decimal(50))));
  new_results.push_back(result(*new_program, "nouveau", 0, 2023, true, Value()));
  new_results.push_back(result(*new_program, "nouveau", 1, 2022, false, Value(Decimal(0))));
  new_results.push_back(result(*new_program, "nouveau", 1, 2023, false, Value(Decimal(0))));
  DataImpact impact = compare_results({*old_program, data, old_results}, {*new_program, data, new_results}, {2022, 2023});
  REQUIRE(impact.indicators.size() == 2);
  const IndicatorImpact& stable = impact.indicators[0];
  CHECK(stable.indicator == "stable");
  CHECK_FALSE(stable.changed());
  CHECK(stable.old_targeted == 2);
  CHECK(stable.old_targeted_years == 4);
  const IndicatorImpact& added = impact.indicators[1];
  CHECK(added.changed());
  CHECK(added.new_targeted == 1);
  CHECK(added.new_targeted_years == 2);
  CHECK(added.new_missing == 1);
  REQUIRE(added.payments.size() == 2);
  CHECK(added.payments[0].old_absence == Absence::NoIndicator);
  CHECK(added.payments[0].new_absence == Absence::None);
  CHECK(added.payments[0].new_amount == Decimal(50));
  CHECK(added.payments[1].year == 2023);
  CHECK(added.payments[1].new_absence == Absence::MissingData);
  // 400 € of stable in each version, and 50 € of nouveau.
  CHECK(impact.total_old == Decimal(400));
  CHECK(impact.total_new == Decimal(450));
}

}  // namespace
}  // namespace caqes
