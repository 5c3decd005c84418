// Unit tests of the SQL side (sql/sql_compiler.h, db/connection.h): the catalogs of messages, the quoting of
// names and texts, exact numbers, the password never shown, and the queries compiled from a small contract, read
// against the SQL written here by hand. The queries' results against a real server are checked by
// tests/db/run_db_tests.sh.
#include "sql/sql_compiler.h"

#include <doctest/doctest.h>

#include <string>

#include "checked_rules.h"
#include "db/connection.h"
#include "db/db_messages.h"
#include "message_catalog.h"
#include "rules_file.h"
#include "sql/sql_messages.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

TEST_CASE("every message of the SQL and database catalogs has a French text of its own") {
  using namespace db_messages;
  check_catalog("interpreter/db/db_messages.h",
                {&kCannotConnect, &kQueryFailed, &kQueryWas, &kMissingTable, &kMissingColumn, &kWrongType, &kBadValue,
                 &kUnknownEstablishment, &kTwoRows, &kLoaded, &kNothingLoaded, &kDataOrDatabase, &kMissingMappedTable,
                 &kMissingMappedColumn, &kWrongMappedType, &kConnectionLost, &kConnectionLostHint},
                {});
  check_catalog("interpreter/sql/sql_messages.h", {&sql_messages::kNotCompiled, &sql_messages::kNotCompiledHint}, {});
}

TEST_CASE("names and texts are quoted whatever they hold") {
  CHECK(quote_identifier("année") == "\"année\"");
  CHECK(quote_identifier("année\"; DROP TABLE x; --") == "\"année\"\"; DROP TABLE x; --\"");
  CHECK(quote_text("l'hôpital") == "'l''hôpital'");
  CHECK(quote_text("a\\b") == "'a\\b'");  // standard_conforming_strings: a backslash is a backslash
  CHECK(copy_escaped("a\tb\\c\nd\re") == "a\\tb\\\\c\\nd\\re");
}

TEST_CASE("numbers are written exactly") {
  CHECK(decimal_text(Decimal(12)) == "12");
  CHECK(decimal_text(*Decimal::parse_plain("-0.075")) == "-0.075");
  CHECK(decimal_text(*Decimal::parse_plain("1234.5")) == "1234.5");
  CHECK(decimal_text(*Decimal::parse_plain("0.000001")) == "0.000001");
  CHECK(decimal_text(*Decimal::parse_plain("-123456789012.34")) == "-123456789012.34");
  CHECK(sql_type(ColumnType::Money) == "NUMERIC");
  CHECK(sql_type(ColumnType::Rate) == "NUMERIC");
  CHECK(sql_type(ColumnType::Year) == "INTEGER");
  CHECK(sql_type(ColumnType::Code) == "TEXT");
}

TEST_CASE("the password of a connection string is never shown") {
  CHECK(redacted("postgresql://alice:s3cret@db.example:5432/caqes") == "postgresql://alice:***@db.example:5432/caqes");
  CHECK(redacted("postgres://alice@db/caqes?password=s3cret&sslmode=require") ==
        "postgres://alice@db/caqes?password=***&sslmode=require");
  CHECK(redacted("host=db dbname=caqes password=s3cret user=alice") == "host=db dbname=caqes password=*** user=alice");
  CHECK(redacted("host=db password = 'se cret' user=alice") == "host=db password = *** user=alice");
  CHECK(redacted("host=/tmp dbname=caqes") == "host=/tmp dbname=caqes");
}

const char* kRules =
    "contrat essai \"Essai\" { années 2022..2022; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { score: décimal; }\n"
    "table lignes \"Lignes\" par ligne et année { montant: monnaie; classe: code; patient: texte; }\n"
    "table actes \"Actes\" par ligne et année { patient: texte; code: code; }\n"
    "paramètre seuil = 7,5 %;\n"
    "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
    "  n = compte(lignes où classe dans [A, B] et montant ≥ 10,50 €);\n"
    "  s = somme(montant de lignes[2021] où non (classe = \"l'x\"));\n"
    "  d = compte_distinct(patient de lignes où existe(actes où patient = lignes.patient et code = \"X\"));\n"
    "  valeur = n + d;\n"
    "  intéressement = s;\n"
    "  ciblage = vrai;\n"
    "}\n";

TEST_CASE("the queries of a contract: one per table, a column per aggregation and year, nested as EXISTS") {
  auto p = checked(kRules);
  Plan plan = make_plan(*p, {2022});
  ConstantParameter none = [](int, int) { return std::optional<Value>(); };
  std::vector<SqlQuery> queries;
  Diagnostics diags;
  REQUIRE_MESSAGE(compile_queries(*p, plan, none, queries, diags), render_all(diags));
  REQUIRE(queries.size() == 1);
  const SqlQuery& q = queries[0];
  CHECK(p->tables[q.table].name == "lignes");
  REQUIRE(q.outputs.size() == 3);
  CHECK(q.outputs[0].field == SqlField::Count);
  CHECK(q.outputs[1].field == SqlField::Sum);
  CHECK(q.outputs[1].rows_year == 2021);  // lignes[2021], evaluated for N = 2022
  CHECK(q.outputs[2].field == SqlField::Distinct);
  // Written by hand from the rules above: each comparison and each 'et' in parentheses, the nested filter once more
  // after the subquery's own conditions, the year looked up written relative to the row's (the column counts the rows
  // of 2022 only, and looks up 2022).
  CHECK(q.text.find("count(*) FILTER (WHERE r.\"année\" = 2022 AND ((r.\"classe\" IN ('A', 'B')) AND "
                    "(r.\"montant\" >= NUMERIC '10.5'))) AS \"c1\"") != std::string::npos);
  CHECK(q.text.find("sum(r.\"montant\") FILTER (WHERE r.\"année\" = 2021 AND (NOT (r.\"classe\" = 'l''x'))) AS \"c2\"") !=
        std::string::npos);
  CHECK(q.text.find("count(DISTINCT r.\"patient\") FILTER (WHERE r.\"année\" = 2022 AND EXISTS (SELECT 1 FROM \"actes\" "
                    "AS n1 WHERE n1.\"finess\" = r.\"finess\" AND n1.\"année\" = r.\"année\" AND (((n1.\"patient\" = "
                    "r.\"patient\") AND (n1.\"code\" = 'X'))))) AS \"c3\"") != std::string::npos);
  CHECK(q.text.find("WHERE r.\"année\" IN (2021, 2022)\nGROUP BY r.\"finess\", r.\"année\";") != std::string::npos);
}

TEST_CASE("the years that compile alike share a column, read from each year's result row") {
  auto p = checked(kRules);
  Plan plan = make_plan(*p, {2022, 2023});
  ConstantParameter none = [](int, int) { return std::optional<Value>(); };
  std::vector<SqlQuery> queries;
  Diagnostics diags;
  REQUIRE_MESSAGE(compile_queries(*p, plan, none, queries, diags), render_all(diags));
  REQUIRE(queries.size() == 1);
  const SqlQuery& q = queries[0];
  // n: one column for N = 2022 and 2023, each read from the row of its own year; s (lignes[2021]) is planned once for
  // any year; d: its nested lookup names the year of the row (n1."année" = r."année"), so one column too.
  REQUIRE(q.outputs.size() == 5);
  CHECK(q.outputs[0].column == 1);
  CHECK(q.outputs[0].year == 2022);
  CHECK(q.outputs[0].rows_year == 2022);
  CHECK(q.outputs[1].column == 1);
  CHECK(q.outputs[1].year == 2023);
  CHECK(q.outputs[1].rows_year == 2023);
  CHECK(q.outputs[2].column == 2);
  CHECK(q.outputs[2].rows_year == 2021);
  CHECK(q.outputs[3].column == 3);
  CHECK(q.outputs[3].year == 2022);
  CHECK(q.outputs[3].rows_year == 2022);
  CHECK(q.outputs[4].column == 3);
  CHECK(q.outputs[4].year == 2023);
  CHECK(q.outputs[4].rows_year == 2023);
  CHECK(q.text.find("count(*) FILTER (WHERE r.\"année\" IN (2022, 2023) AND ((r.\"classe\" IN ('A', 'B')) AND "
                    "(r.\"montant\" >= NUMERIC '10.5'))) AS \"c1\"  -- N = 2022, 2023") != std::string::npos);
  CHECK(q.text.find("sum(r.\"montant\") FILTER (WHERE r.\"année\" = 2021 AND (NOT (r.\"classe\" = 'l''x'))) AS \"c2\""
                    "  -- toute année") != std::string::npos);
  CHECK(q.text.find("count(DISTINCT r.\"patient\") FILTER (WHERE r.\"année\" IN (2022, 2023) AND EXISTS (SELECT 1 FROM "
                    "\"actes\" AS n1 WHERE n1.\"finess\" = r.\"finess\" AND n1.\"année\" = r.\"année\" AND "
                    "(((n1.\"patient\" = r.\"patient\") AND (n1.\"code\" = 'X'))))) AS \"c3\"  -- N = 2022, 2023") !=
        std::string::npos);
  CHECK(q.text.find("AS \"c4\"") == std::string::npos);
}

TEST_CASE("a lookup named by several columns is computed once per row, where one of them may count the row") {
  auto p = checked(
      "contrat essai \"Essai\" { années 2022..2022; établissements établissements; }\n"
      "table établissements \"Établissements\" par établissement { score: décimal; }\n"
      "table lignes \"Lignes\" par ligne { montant: monnaie; classe: code; patient: texte; }\n"
      "table actes \"Actes\" par ligne { patient: texte; }\n"
      "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
      "  a = compte(lignes où classe = \"A\" et existe(actes où patient = lignes.patient));\n"
      "  b = compte(lignes où classe = \"B\" et montant > 1 € et non existe(actes où patient = lignes.patient));\n"
      "  c = compte(lignes où existe(actes où patient = lignes.patient) ou classe = \"C\");\n"
      "  valeur = a + b + c;\n"
      "  ciblage = vrai;\n"
      "}\n");
  ConstantParameter none = [](int, int) { return std::optional<Value>(); };
  std::vector<SqlQuery> queries;
  Diagnostics diags;
  REQUIRE_MESSAGE(compile_queries(*p, make_plan(*p, {2022}), none, queries, diags), render_all(diags));
  REQUIRE(queries.size() == 1);
  const std::string& text = queries[0].text;
  // Written by hand: one lookup l1 for the three columns; a and b need it only where their other operands of 'et'
  // hold, c (a 'ou') on every row: so it is computed on every row, without a CASE.
  CHECK(text.find("count(*) FILTER (WHERE ((r.\"classe\" = 'A') AND l.\"l1\")) AS \"c1\"") != std::string::npos);
  CHECK(text.find("count(*) FILTER (WHERE (((r.\"classe\" = 'B') AND (r.\"montant\" > NUMERIC '1')) AND "
                  "(NOT l.\"l1\"))) AS \"c2\"") != std::string::npos);
  CHECK(text.find("count(*) FILTER (WHERE (l.\"l1\" OR (r.\"classe\" = 'C'))) AS \"c3\"") != std::string::npos);
  CHECK(text.find("CROSS JOIN LATERAL (SELECT\n    EXISTS (SELECT 1 FROM \"actes\" AS n1 WHERE n1.\"finess\" = "
                  "r.\"finess\" AND ((n1.\"patient\" = r.\"patient\"))) AS \"l1\"\n  OFFSET 0) AS l\n") !=
        std::string::npos);
  CHECK(text.find("\"l2\"") == std::string::npos);
  // Without c, the lookup is computed only where a or b may count the row.
  auto p2 = checked(
      "contrat essai \"Essai\" { années 2022..2022; établissements établissements; }\n"
      "table établissements \"Établissements\" par établissement { score: décimal; }\n"
      "table lignes \"Lignes\" par ligne { montant: monnaie; classe: code; patient: texte; }\n"
      "table actes \"Actes\" par ligne { patient: texte; }\n"
      "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
      "  a = compte(lignes où classe = \"A\" et existe(actes où patient = lignes.patient));\n"
      "  b = compte(lignes où classe = \"B\" et montant > 1 € et non existe(actes où patient = lignes.patient));\n"
      "  valeur = a + b;\n"
      "  ciblage = vrai;\n"
      "}\n");
  queries.clear();
  REQUIRE_MESSAGE(compile_queries(*p2, make_plan(*p2, {2022}), none, queries, diags), render_all(diags));
  REQUIRE(queries.size() == 1);
  CHECK(queries[0].text.find("CROSS JOIN LATERAL (SELECT\n    CASE WHEN ((r.\"classe\" = 'A')) OR ((r.\"classe\" = 'B') "
                             "AND (r.\"montant\" > NUMERIC '1')) THEN EXISTS (SELECT 1 FROM \"actes\" AS n1 WHERE "
                             "n1.\"finess\" = r.\"finess\" AND ((n1.\"patient\" = r.\"patient\"))) END AS \"l1\"\n") !=
        std::string::npos);
}

TEST_CASE("the year a lookup reads is written relative to the year of the rows its column counts") {
  auto p = checked(
      "contrat essai \"Essai\" { années 2022..2023; établissements établissements; }\n"
      "table établissements \"Établissements\" par établissement { score: décimal; }\n"
      "table lignes \"Lignes\" par ligne et année { patient: texte; }\n"
      "table actes \"Actes\" par ligne et année { patient: texte; }\n"
      "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
      "  e = compte(lignes où existe(actes[N-1] où patient = lignes.patient));\n"
      "  valeur = e;\n"
      "  ciblage = vrai;\n"
      "}\n");
  ConstantParameter none = [](int, int) { return std::optional<Value>(); };
  std::vector<SqlQuery> queries;
  Diagnostics diags;
  REQUIRE_MESSAGE(compile_queries(*p, make_plan(*p, {2022, 2023}), none, queries, diags), render_all(diags));
  REQUIRE(queries.size() == 1);
  // Written by hand: N = 2022 counts the rows of 2022 and looks up 2021, N = 2023 the rows of 2023 and looks up
  // 2022: the year before the row's in both, so one column for both years.
  CHECK(queries[0].text.find("count(*) FILTER (WHERE r.\"année\" IN (2022, 2023) AND EXISTS (SELECT 1 FROM \"actes\" AS n1 "
                             "WHERE n1.\"finess\" = r.\"finess\" AND n1.\"année\" = r.\"année\" - 1 AND "
                             "((n1.\"patient\" = r.\"patient\")))) AS \"c1\"  -- N = 2022, 2023") != std::string::npos);
  CHECK(queries[0].text.find("\"c2\"") == std::string::npos);
}

TEST_CASE("what is not compiled yet is a located error") {
  auto p = checked(
      "contrat essai \"Essai\" { années 2022..2022; établissements établissements; }\n"
      "table établissements \"Établissements\" par établissement { score: décimal; }\n"
      "table lignes \"Lignes\" par ligne et année { montant: monnaie; nombre: entier; }\n"
      "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
      "  s = somme(montant / nombre de lignes);\n"
      "  valeur = s;\n"
      "  ciblage = vrai;\n"
      "}\n");
  ConstantParameter none = [](int, int) { return std::optional<Value>(); };
  std::vector<SqlQuery> queries;
  Diagnostics diags;
  CHECK_FALSE(compile_queries(*p, make_plan(*p, {2022}), none, queries, diags));
  std::string text = render_all(diags);
  CHECK(text.find(":6:") != std::string::npos);
  CHECK(text.find("montant / nombre") != std::string::npos);
}

}  // namespace
}  // namespace caqes
