// Unit tests of the evaluation plan (eval/plan.h) and of the structural keys of expressions
// (eval/expression_key.h): what is planned for which year, how the aggregations are grouped and partitioned, which
// population statistics and columns are needed, read from the plan alone, before any row.
#include "eval/plan.h"

#include <doctest/doctest.h>

#include <string>

#include "checked_rules.h"
#include "eval/expression_key.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

const char* kRules =
    "contrat essai \"Essai\" { années 2022..2024; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { catégorie: code; score: décimal; }\n"
    "table lignes \"Lignes\" par ligne et année { montant: monnaie; classe: code; patient: texte; inutile: texte; }\n"
    "table actes \"Actes\" par ligne et année { patient: texte; code: code; }\n"
    "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
    "  n = compte(lignes où classe = \"A\");\n"
    "  n2019 = compte(lignes[2019] où classe = \"A\");\n"
    "  suivis = compte(lignes où existe(actes où patient = lignes.patient et code = \"X\"));\n"
    "  suivis_bis = compte(lignes où existe(actes où patient = lignes.patient et code = \"X\") et classe = \"B\");\n"
    "  méd = médiane(score par catégorie);\n"
    "  valeur = n + n2019 + suivis + suivis_bis + méd;\n"
    "  ciblage = vrai;\n"
    "}\n";

const ast::Expr& binding(const CheckedProgram& p, const std::string& name) {
  const IndicatorInfo& info = p.indicators[p.indicator_index("i")];
  return *info.decl->bindings[info.bindings.at(name)].value;
}

TEST_CASE("the plan: aggregations by year, groups, correlations, populations, columns") {
  auto p = checked(kRules);
  Plan plan = make_plan(*p, {2022, 2023});
  REQUIRE(plan.slot_years.size() == p->row_aggregations.size());
  // compte(lignes où ...) in N for each year asked; compte(lignes[2019] ...) in each year too (its rows are 2019's).
  const CallInfo& n = p->calls.at(binding(*p, "n").id);
  CHECK(plan.slot_years[n.slot] == std::set<int>{2022, 2023});

  // One group per row table read at the top: lignes (actes is only looked up by nested aggregations).
  REQUIRE(plan.groups.size() == 1);
  const PlannedGroup& g = plan.groups[0];
  CHECK(p->tables[g.table].name == "lignes");
  CHECK(g.slots.size() == 4);
  CHECK(g.inner == std::set<int>{p->table_index("actes")});
  // Both nested aggregations are tied to the outer row by patient: both tables are partitioned by it.
  const TableInfo& lignes = p->tables[p->table_index("lignes")];
  const TableInfo& actes = p->tables[p->table_index("actes")];
  CHECK(g.key.at(p->table_index("lignes")) == lignes.column_index("patient"));
  CHECK(g.key.at(p->table_index("actes")) == actes.column_index("patient"));
  std::size_t nested = 0;
  for (const auto& calls : g.nested) nested += calls.size();
  CHECK(nested == 2);

  // The median, in each year.
  CHECK(plan.populations.size() == 2);
  for (const auto& [call, year] : plan.populations) CHECK(call->id == binding(*p, "méd").id);

  // Only the columns some rule reads are converted.
  int l = p->table_index("lignes");
  CHECK(plan.needed_columns[l][lignes.column_index("classe")]);
  CHECK(plan.needed_columns[l][lignes.column_index("patient")]);
  CHECK_FALSE(plan.needed_columns[l][lignes.column_index("inutile")]);

  std::string text = describe(plan, *p);
  CHECK(text.find("group lignes") != std::string::npos);
  CHECK(text.find("actes partitioned by patient") != std::string::npos);
}

TEST_CASE("the plan of no year holds no aggregation") {
  auto p = checked(kRules);
  Plan plan = make_plan(*p, {});
  CHECK(plan.groups.empty());
  CHECK(plan.populations.empty());
}

TEST_CASE("structural keys: the same nested aggregation written twice has one key, a different one another") {
  auto p = checked(kRules);
  std::vector<const ast::Expr*> first, second;
  nested_calls(*p, binding(*p, "suivis"), first);
  nested_calls(*p, binding(*p, "suivis_bis"), second);
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0]->id != second[0]->id);
  CHECK(expression_key(*p, *first[0]) == expression_key(*p, *second[0]));
  CHECK(expression_key(*p, binding(*p, "n")) != expression_key(*p, binding(*p, "n2019")));
  CHECK(expression_key(*p, binding(*p, "suivis")) != expression_key(*p, binding(*p, "suivis_bis")));
}

}  // namespace
}  // namespace caqes
