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
                 &kUnknownEstablishment, &kLookingUpTableIsView, &kMaterializeTheView, &kTwoRows, &kLoaded, &kNothingLoaded, &kDataOrDatabase, &kMissingMappedTable,
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
  // Written by hand from the rules above: each comparison and each 'et' in parentheses; the lookup (false where the
  // row finds no act) computed by a join (the tests below).
  CHECK(q.text.find("count(*) FILTER (WHERE r.\"année\" = 2022 AND ((r.\"classe\" IN ('A', 'B')) AND "
                    "(r.\"montant\" >= NUMERIC '10.5'))) AS \"c1\"") != std::string::npos);
  CHECK(q.text.find("sum(r.\"montant\") FILTER (WHERE r.\"année\" = 2021 AND (NOT (r.\"classe\" = 'l''x'))) AS \"c2\"") !=
        std::string::npos);
  CHECK(q.text.find("count(DISTINCT r.\"patient\") FILTER (WHERE r.\"année\" = 2022 AND COALESCE(l1.\"v1\", FALSE)) "
                    "AS \"c3\"") != std::string::npos);
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
  CHECK(q.text.find("count(DISTINCT r.\"patient\") FILTER (WHERE r.\"année\" IN (2022, 2023) AND COALESCE(l1.\"v1\", "
                    "FALSE)) AS \"c3\"  -- N = 2022, 2023") != std::string::npos);
  // Its only lookup: all its conditions join.
  CHECK(q.text.find("    , bool_or(TRUE) AS \"v1\"") != std::string::npos);
  CHECK(q.text.find("JOIN \"actes\" AS n1 ON n1.\"finess\" = r.\"finess\" AND (n1.\"patient\" = r.\"patient\") AND "
                    "(n1.\"code\" = 'X') AND n1.\"année\" = r.\"année\"\n") != std::string::npos);
  CHECK(q.text.find("AS \"c4\"") == std::string::npos);
}

// The text of the one query of a contract's plan for these years.
std::string only_query(const CheckedProgram& p, std::vector<int> years) {
  ConstantParameter none = [](int, int) { return std::optional<Value>(); };
  std::vector<SqlQuery> queries;
  Diagnostics diags;
  REQUIRE_MESSAGE(compile_queries(p, make_plan(p, years), none, queries, diags), render_all(diags));
  REQUIRE(queries.size() == 1);
  return queries[0].text;
}

TEST_CASE("the lookups of a query are computed by one join per looked-up table, grouped by row") {
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
  const std::string text = only_query(*p, {2022});
  // Written by hand: one lookup v1 for the three columns, false where the row finds no act; the equality of the
  // patients joins; c (a 'ou') needs it on every row, so every row of lignes joins.
  CHECK(text.find("count(*) FILTER (WHERE ((r.\"classe\" = 'A') AND COALESCE(l1.\"v1\", FALSE))) AS \"c1\"") !=
        std::string::npos);
  CHECK(text.find("count(*) FILTER (WHERE (((r.\"classe\" = 'B') AND (r.\"montant\" > NUMERIC '1')) AND "
                  "(NOT COALESCE(l1.\"v1\", FALSE)))) AS \"c2\"") != std::string::npos);
  CHECK(text.find("count(*) FILTER (WHERE (COALESCE(l1.\"v1\", FALSE) OR (r.\"classe\" = 'C'))) AS \"c3\"") !=
        std::string::npos);
  CHECK(text.find("FROM \"lignes\" AS r\n") != std::string::npos);
  CHECK(text.find("LEFT JOIN (SELECT r.tableoid AS \"t\", r.ctid AS \"id\"\n"
                  "    , bool_or(TRUE) AS \"v1\"  -- existe(actes où patient = lignes.patient)\n"
                  "  FROM \"lignes\" AS r JOIN \"actes\" AS n1 ON n1.\"finess\" = r.\"finess\" AND "
                  "(n1.\"patient\" = r.\"patient\")\n"
                  "  GROUP BY r.\"finess\", r.tableoid, r.ctid) AS l1 ON l1.\"t\" = r.tableoid AND l1.\"id\" = r.ctid\n") !=
        std::string::npos);
  CHECK(text.find("\"v2\"") == std::string::npos);
  CHECK(text.find("EXISTS") == std::string::npos);
  // Without c, only the rows that a or b may count join.
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
  CHECK(only_query(*p2, {2022}).find("(n1.\"patient\" = r.\"patient\")\n  WHERE ((r.\"classe\" = 'A')) OR ((r.\"classe\" = 'B') "
                             "AND (r.\"montant\" > NUMERIC '1'))\n  GROUP BY r.\"finess\", r.tableoid, r.ctid) AS l1") !=
        std::string::npos);
}

TEST_CASE("the conditions that every lookup of a table has join; each lookup filters on the others") {
  auto p = checked(
      "contrat essai \"Essai\" { années 2022..2022; établissements établissements; }\n"
      "table établissements \"Établissements\" par établissement { score: décimal; }\n"
      "table lignes \"Lignes\" par ligne { classe: code; patient: texte; jour: date; }\n"
      "table actes \"Actes\" par ligne { patient: texte; code: code; montant: monnaie; jour: date; }\n"
      "table notes \"Notes\" par ligne { patient: texte; note: entier; }\n"
      "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
      "  n = somme(compte(actes où patient = lignes.patient et jours_entre(jour, lignes.jour) ≥ 0 et code = \"X\") "
      "de lignes où classe = \"A\");\n"
      "  m = somme(somme(montant de actes où patient = lignes.patient et jours_entre(jour, lignes.jour) ≥ 0) "
      "de lignes où classe = \"A\");\n"
      "  h = somme(max(note de notes où patient = lignes.patient) de lignes);\n"
      "  valeur = n + h;\n"
      "  ciblage = m > 0 €;\n"
      "}\n");
  const std::string text = only_query(*p, {2022});
  // Written by hand. actes: the patient and the window are in both lookups (the join), the code only in the count
  // (its filter); 0 where the row finds no act. notes: its own join, l2; absent (no 0) where no note is found.
  CHECK(text.find("sum(COALESCE(l1.\"v1\", 0)) FILTER (WHERE (r.\"classe\" = 'A')) AS \"c1\"") != std::string::npos);
  CHECK(text.find("sum(COALESCE(l1.\"v2\", 0)) FILTER (WHERE (r.\"classe\" = 'A')) AS \"c2\"") != std::string::npos);
  CHECK(text.find("sum(l2.\"v1\") AS \"c3\"") != std::string::npos);
  CHECK(text.find("    , count(*) FILTER (WHERE (n1.\"code\" = 'X')) AS \"v1\"") != std::string::npos);
  CHECK(text.find("    , sum(n1.\"montant\") AS \"v2\"") != std::string::npos);
  CHECK(text.find("JOIN \"actes\" AS n1 ON n1.\"finess\" = r.\"finess\" AND (n1.\"patient\" = r.\"patient\") AND "
                  "((r.\"jour\" - n1.\"jour\") >= NUMERIC '0')\n  WHERE (r.\"classe\" = 'A')\n") != std::string::npos);
  CHECK(text.find("    , max(n1.\"note\") AS \"v1\"") != std::string::npos);
  CHECK(text.find("JOIN \"notes\" AS n1 ON n1.\"finess\" = r.\"finess\" AND (n1.\"patient\" = r.\"patient\")\n  GROUP BY") !=
        std::string::npos);
  CHECK(text.find(") AS l2 ON l2.\"t\" = r.tableoid AND l2.\"id\" = r.ctid\n") != std::string::npos);
}

TEST_CASE("the year a lookup reads is written relative to the year of the rows its column counts") {
  auto p = checked(
      "contrat essai \"Essai\" { années 2022..2023; établissements établissements; }\n"
      "table établissements \"Établissements\" par établissement { score: décimal; }\n"
      "table lignes \"Lignes\" par ligne et année { patient: texte; }\n"
      "table actes \"Actes\" par ligne et année { patient: texte; }\n"
      "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
      "  e = compte(lignes où existe(actes[N-1] où patient = lignes.patient));\n"
      "  f = compte(lignes où existe(actes où patient = lignes.patient));\n"
      "  valeur = e + f;\n"
      "  ciblage = vrai;\n"
      "}\n");
  const std::string text = only_query(*p, {2022, 2023});
  // Written by hand: N = 2022 counts the rows of 2022 and looks up 2021, N = 2023 the rows of 2023 and looks up
  // 2022: the year before the row's in both, so one column for both years; f looks up the row's own year. The join
  // reads the window of both years, each lookup its own.
  // Both columns count the rows of every year the query reads (its WHERE): no condition on the year.
  CHECK(text.find("count(*) FILTER (WHERE COALESCE(l1.\"v1\", FALSE)) AS \"c1\"  -- N = 2022, 2023") !=
        std::string::npos);
  CHECK(text.find("count(*) FILTER (WHERE COALESCE(l1.\"v2\", FALSE)) AS \"c2\"  -- N = 2022, 2023") !=
        std::string::npos);
  CHECK(text.find("    , bool_or(n1.\"année\" = r.\"année\" - 1) AS \"v1\"") != std::string::npos);
  CHECK(text.find("    , bool_or(n1.\"année\" = r.\"année\") AS \"v2\"") != std::string::npos);
  CHECK(text.find("AND (n1.\"patient\" = r.\"patient\") AND n1.\"année\" BETWEEN r.\"année\" - 1 AND r.\"année\"\n"
                  "  WHERE r.\"année\" IN (2022, 2023)\n") != std::string::npos);
  CHECK(text.find("\"c3\"") == std::string::npos);
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
