// Unit tests of the mapping file (sql/table_mapping.h): its catalog of messages, the names it gives (schema split,
// quoting), the queries compiled under those names (read against SQL written here by hand: the correlated lookup
// joins two tables whose FINESS columns have different names), and its located errors. The mapped names against a
// real server are checked by tests/db/run_mapping_tests.sh.
#include "sql/table_mapping.h"

#include <doctest/doctest.h>

#include <string>

#include "checked_rules.h"
#include "message_catalog.h"
#include "rules_file.h"
#include "sql/mapping_messages.h"
#include "sql/sql_compiler.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

TEST_CASE("every message of the mapping catalog has a French text of its own") {
  using namespace mapping_messages;
  check_catalog("interpreter/sql/mapping_messages.h",
                {&kUnreadable,
                 &kNotYaml,
                 &kTopLevel,
                 &kUnknownKey,
                 &kNotMap,
                 &kNotName,
                 &kBadQualifiedName,
                 &kUnknownTable,
                 &kUnknownColumn,
                 &kDuplicate,
                 &kSameTable,
                 &kSameColumn,
                 &kSkeletonTitle,
                 &kSkeletonReplace,
                 &kSkeletonSchema,
                 &kSkeletonTypes,
                 &kSkeletonPerEntity,
                 &kSkeletonPerEntityYear,
                 &kSkeletonRows,
                 &kSkeletonRowsYear,
                 &kSkeletonColumn},
                {});
}

const char* kRules =
    "contrat essai \"Essai\" { années 2022..2022; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { score: décimal; }\n"
    "table lignes \"Lignes\" par ligne et année { montant: monnaie; patient: texte; }\n"
    "table actes \"Actes\" par ligne et année { patient: texte; code: code; }\n"
    "indicateur i \"I\" {\n  volet pertinence; niveau national; source \"S\";\n"
    "  n = compte(lignes où existe(actes où patient = lignes.patient et code = \"X\"));\n"
    "  valeur = n;\n"
    "  ciblage = vrai;\n"
    "}\n";

TEST_CASE("the names a mapping file gives, and the query compiled under them") {
  auto p = checked(kRules);
  TempFolder folder;
  std::string path = folder.write("correspondance.yaml",
                                  "tables:\n"
                                  "  lignes:\n"
                                  "    table: \"pmsi.RSA 2022\"\n"
                                  "    colonnes:\n"
                                  "      finess: FINESS_GEO\n"
                                  "      année: ANNEE\n"
                                  "  actes:\n"
                                  "    schéma: dcir\n"
                                  "    table: \"a.b\"\n"
                                  "    colonnes:\n"
                                  "      patient: 'x\"; DROP TABLE y; --'\n");
  TableMapping names;
  Diagnostics diags;
  REQUIRE_MESSAGE(read_mapping(path, *p, names, diags), render_all(diags));
  int lignes = 1, actes = 2, etablissements = 0;
  CHECK(names.schema(lignes) == "pmsi");
  CHECK(names.table(lignes) == "RSA 2022");
  CHECK(names.table_sql(lignes) == "\"pmsi\".\"RSA 2022\"");
  CHECK(names.table_shown(lignes) == "pmsi.RSA 2022");
  CHECK(names.described(lignes) == "lignes → pmsi.RSA 2022");
  // A schema apart: the table's dot is part of its name.
  CHECK(names.table_sql(actes) == "\"dcir\".\"a.b\"");
  CHECK(names.column_sql(actes, 2) == "\"x\"\"; DROP TABLE y; --\"");
  // What the file leaves out keeps its declared name, in the connection's schema.
  CHECK(names.table_sql(etablissements) == "\"établissements\"");
  CHECK_FALSE(names.renamed(etablissements));
  CHECK(names.column_sql(actes, 0) == "\"finess\"");
  CHECK(names.column_sql(lignes, 3) == "\"patient\"");

  ConstantParameter none = [](int, int) { return std::optional<Value>(); };
  std::vector<SqlQuery> queries;
  REQUIRE_MESSAGE(compile_queries(*p, make_plan(*p, {2022}), none, queries, diags, &names), render_all(diags));
  REQUIRE(queries.size() == 1);
  const std::string& q = queries[0].text;
  // Written by hand: the outer rows' FINESS is FINESS_GEO, the inner's keeps its name; the inner table's year is its
  // own année, the outer's ANNEE (the lookup reads the year of the row).
  CHECK(q.find("-- Table lignes (Lignes), dans la base pmsi.RSA 2022: 1 agrégation(s)\n") != std::string::npos);
  CHECK(q.find("SELECT r.\"FINESS_GEO\", r.\"ANNEE\"\n") != std::string::npos);
  CHECK(q.find("count(*) FILTER (WHERE COALESCE(l1.\"v1\", FALSE)) AS \"c1\"") !=
        std::string::npos);
  CHECK(q.find("  FROM \"pmsi\".\"RSA 2022\" AS r JOIN \"dcir\".\"a.b\" AS n1 ON n1.\"finess\" = r.\"FINESS_GEO\" AND "
               "(n1.\"x\"\"; DROP TABLE y; --\" = r.\"patient\") AND (n1.\"code\" = 'X') AND n1.\"année\" = r.\"ANNEE\"\n"
               "  WHERE r.\"ANNEE\" = 2022\n") != std::string::npos);
  CHECK(q.find("FROM \"pmsi\".\"RSA 2022\" AS r\n-- ") != std::string::npos);
  CHECK(
      q.find("l1.\"id\" = r.ctid\nWHERE r.\"ANNEE\" IN (2022)\nGROUP BY r.\"FINESS_GEO\", r.\"ANNEE\";") !=
      std::string::npos);
}

TEST_CASE("the errors of a mapping file are located in it") {
  auto p = checked(kRules);
  TempFolder folder;
  std::string path = folder.write("m.yaml",
                                  "tables:\n"
                                  "  ligne:\n"  // line 2: unknown table, near 'lignes'
                                  "    table: x\n"
                                  "  actes:\n"
                                  "    colonnes:\n"
                                  "      patiant: P\n"    // line 6: unknown column, near 'patient'
                                  "      code: \"\"\n");  // line 7: an empty name
  TableMapping names;
  Diagnostics diags;
  CHECK_FALSE(read_mapping(path, *p, names, diags));
  std::string text = render_all(diags);
  CHECK(text.find(path + ":2:3: error: the rules declare no table 'ligne'") != std::string::npos);
  CHECK(text.find("did you mean 'lignes'?") != std::string::npos);
  CHECK(text.find(path + ":6:7: error: table 'actes' of the rules has no column 'patiant'") != std::string::npos);
  CHECK(text.find("did you mean 'patient'?") != std::string::npos);
  CHECK(text.find(path + ":7:13: error: 'code' must be a name of the database (a non-empty text)") !=
        std::string::npos);
  CHECK(diags.error_count() == 3);

  // Lenient (the older version of a diff): what the program does not declare is skipped.
  Diagnostics lenient;
  std::string only_unknown =
      folder.write("n.yaml", "tables:\n  ligne:\n    table: x\n  actes:\n    colonnes:\n      patiant: P\n");
  CHECK(read_mapping(only_unknown, *p, names, lenient, true));
  CHECK(lenient.items().empty());
}

}  // namespace
}  // namespace caqes
