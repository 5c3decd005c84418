// Unit tests of the checker: unit algebra, names and "did you mean", ambiguity, cycles, periods, aggregations,
// `≈`, the reserved bindings of an indicator, and that every error of a run is reported.
#include "check/checker.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

namespace fs = std::filesystem;


// The contract, the registry and two data tables shared by the tests.
const char* const kBase =
    "contrat essai \"Essai\" { années 2022..2024; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { catégorie: code; statut: code; }\n"
    "table finances \"Finances\" par établissement et année {\n"
    "  dépense: monnaie; recettes: monnaie; patients: effectif; séjours_n: effectif; part: taux; score: décimal;\n"
    "}\n"
    "table lignes \"Lignes\" par ligne et année { montant: monnaie; classe: code; patient: texte; }\n"
    "table registre \"Registre\" par ligne { montant_r: monnaie; }\n";

// An indicator with its required properties around the given bindings.
std::string indicator(const std::string& name, const std::string& bindings) {
  return "indicateur " + name + " \"" + name + "\" {\n  volet pertinence; niveau national; source \"S\";\n" + bindings +
         "\n}\n";
}

// The tests look at the messages, hints, lines and columns of the diagnostics.
struct Checked {
  Diagnostics diags;
  std::unique_ptr<CheckedProgram> program;
  bool load_ok = false;

  std::string messages() const {
    std::string out;
    for (const auto& d : diags.items()) out += d.message.in(Language::En) + (d.hint.empty() ? "" : "  [hint: " + d.hint.in(Language::En) + "]") + "\n";
    return out;
  }
  const Diagnostic* find(const std::string& part) const {
    for (const auto& d : diags.items())
      if (d.severity == Severity::Error && d.message.in(Language::En).find(part) != std::string::npos) return &d;
    return nullptr;
  }
  bool has(const std::string& part) const { return find(part) != nullptr; }
};

Checked check(const std::string& rules) {
  RulesFile file(rules);
  Checked c;
  auto program = load_program(file.path(), c.diags);
  c.load_ok = !c.diags.has_errors();
  REQUIRE_MESSAGE(c.load_ok, "the test's rules do not parse:\n", render_all(c.diags));
  c.program = check_program(std::move(program), c.diags);
  return c;
}

Type binding_type(const CheckedProgram& p, const std::string& ind, const std::string& name) {
  int i = p.indicator_index(ind);
  REQUIRE(i >= 0);
  const IndicatorInfo& info = p.indicators[i];
  auto it = info.bindings.find(name);
  REQUIRE_MESSAGE(it != info.bindings.end(), "no binding ", name);
  return info.binding_types[it->second];
}

// ---- a valid program -----------------------------------------------------------------------------------------

TEST_CASE("the base program checks") {
  Checked c = check(std::string(kBase) + indicator("t", "valeur = finances.dépense; ciblage = vrai;"));
  INFO(c.messages());
  REQUIRE(c.program != nullptr);
  CHECK(c.diags.error_count() == 0);
  CHECK(c.program->first_year == 2022);
  CHECK(c.program->last_year == 2024);
  CHECK(c.program->registry_table == c.program->table_index("établissements"));
  CHECK(binding_type(*c.program, "t", "valeur") == Type::number(Unit::Money));
  CHECK(binding_type(*c.program, "t", "ciblage") == Type::boolean());
}

// ---- unit algebra --------------------------------------------------------------------------------------------

TEST_CASE("unit algebra of valid expressions") {
  Checked c = check(std::string(kBase) + indicator("u",
                                                   "ratio = finances.dépense / finances.recettes;\n"
                                                   "part_montant = finances.dépense × 30 %;\n"
                                                   "part_montant_2 = 30 % × finances.dépense;\n"
                                                   "moyenne_patient = finances.dépense / finances.patients;\n"
                                                   "taux_patients = finances.patients / finances.séjours_n;\n"
                                                   "somme_taux = finances.part + 5 %;\n"
                                                   "effectif_réduit = finances.patients × 50 %;\n"
                                                   "double = finances.dépense × 2;\n"
                                                   "écart = finances.dépense - finances.recettes;\n"
                                                   "seuil = finances.dépense >= 400 000 €;\n"
                                                   "valeur = ratio; ciblage = vrai;"));
  INFO(c.messages());
  REQUIRE(c.program != nullptr);
  const CheckedProgram& p = *c.program;
  CHECK(binding_type(p, "u", "ratio") == Type::number(Unit::Rate));               // € / € → %
  CHECK(binding_type(p, "u", "part_montant") == Type::number(Unit::Money));       // € × % → €
  CHECK(binding_type(p, "u", "part_montant_2") == Type::number(Unit::Money));     // % × € → €
  CHECK(binding_type(p, "u", "moyenne_patient") == Type::number(Unit::Money));    // € / effectif → €
  CHECK(binding_type(p, "u", "taux_patients") == Type::number(Unit::Rate));       // effectif / effectif → %
  CHECK(binding_type(p, "u", "somme_taux") == Type::number(Unit::Rate));          // % + % → %
  CHECK(binding_type(p, "u", "effectif_réduit") == Type::number(Unit::Count));    // effectif × % → effectif
  CHECK(binding_type(p, "u", "double") == Type::number(Unit::Money));             // € × nombre → €
  CHECK(binding_type(p, "u", "écart") == Type::number(Unit::Money));              // € − € → €
  CHECK(binding_type(p, "u", "seuil") == Type::boolean());
}

TEST_CASE("money + rate is an error") {
  Checked c = check(std::string(kBase) +
                    indicator("u", "valeur = finances.dépense + finances.part; ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* d = c.find("cannot add a montant (€) and a taux (%)");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En).find("montant × taux") != std::string::npos);
  // The span is the whole sum, on line 10 of the file (7 lines of base, the indicator's first line, the
  // properties line), from column 10, after "valeur = ".
  CHECK(d->span.line == 10);
  CHECK(d->span.column == 10);
}

TEST_CASE("money × money is an error") {
  Checked c = check(std::string(kBase) +
                    indicator("u", "valeur = finances.dépense × finances.recettes; ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* d = c.find("cannot multiply an amount in € by an amount in €");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En).find("division") != std::string::npos);
}

TEST_CASE("count / money is an error") {
  Checked c = check(std::string(kBase) +
                    indicator("u", "valeur = finances.patients / finances.dépense; ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  CHECK(c.has("cannot divide a effectif by an amount in €"));
}

TEST_CASE("comparing money with a plain number is an error, with a hint to write the unit") {
  Checked c = check(std::string(kBase) +
                    indicator("u", "valeur = finances.dépense; ciblage = finances.dépense >= 400 000;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* d = c.find("cannot compare a montant (€) with a nombre");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En).find("400 000 €") != std::string::npos);
}

TEST_CASE("a rate compared with a plain number is an error, as money is: 15 % ≤ 10 would be true") {
  Checked ok = check(std::string(kBase) + indicator("u", "valeur = finances.part; ciblage = finances.part >= 20 %;"));
  INFO(ok.messages());
  CHECK(ok.program != nullptr);
  for (const char* bad_threshold : {"0,2", "20", "0"}) {
    Checked c = check(std::string(kBase) + indicator("u", std::string("valeur = finances.part; ciblage = finances.part >= ") +
                                                            bad_threshold + ";"));
    INFO(c.messages());
    CHECK(c.program == nullptr);
    const Diagnostic* d = c.find("cannot compare a taux (%) with a nombre");
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En) == "a rate is written with its unit: 7,5 %");
  }
  Checked bad = check(std::string(kBase) + indicator("u", "valeur = finances.part; ciblage = finances.dépense >= 20 %;"));
  INFO(bad.messages());
  CHECK(bad.program == nullptr);
  CHECK(bad.has("cannot compare a montant (€) with a taux (%)"));
}

TEST_CASE("a count compares with a plain number, not with a rate; a décimal column is a plain number") {
  Checked ok = check(std::string(kBase) +
                     indicator("u", "valeur = finances.patients; ciblage = finances.patients > 10 et finances.score < 3,5 "
                                    "et finances.patients + 1 > finances.score;"));
  INFO(ok.messages());
  CHECK(ok.program != nullptr);
  Checked bad = check(std::string(kBase) + indicator("u", "valeur = finances.patients; ciblage = finances.patients > 20 %;"));
  INFO(bad.messages());
  const Diagnostic* d = bad.find("cannot compare a effectif with a taux (%)");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En).find("effectif / effectif") != std::string::npos);
  Checked share = check(std::string(kBase) +
                        indicator("u", "valeur = finances.patients / finances.séjours_n; ciblage = valeur > 20 %;"));
  INFO(share.messages());
  CHECK(share.program != nullptr);
}

TEST_CASE("a plain number written in a selon, a definition or a parameter is blamed where it is written") {
  Checked c = check(std::string(kBase) + indicator("u",
                                                   "valeur = finances.part;\n"
                                                   "cible = selon N { 2022: 12; 2023: 10; 2024: 8; };\n"
                                                   "atteint = valeur ≤ cible;\n"
                                                   "ciblage = vrai;"));
  INFO(c.messages());
  REQUIRE(c.diags.items().size() == 1);
  const Diagnostic& d = c.diags.items().front();
  CHECK(d.message.in(Language::En).find("12 is a plain number, compared with a taux (%) at ") == 0);
  CHECK(d.span.line == 11);  // the selon's line, not the comparison's
  CHECK(d.hint.in(Language::En) == "a rate is written with its unit: 7,5 %");
  Checked p = check(std::string(kBase) + "paramètre plafond = 30;\n" +
                    indicator("u", "valeur = finances.part; ciblage = finances.part - plafond > 0 %;"));
  INFO(p.messages());
  const Diagnostic* added = p.find("30 is a plain number, added to or subtracted from a taux (%) at ");
  REQUIRE(added != nullptr);
  CHECK(added->span.line == 8);  // the parameter's line
}

TEST_CASE("a selon N without autre gives a value for every year of the contract") {
  Checked ok = check(std::string(kBase) +
                     indicator("u", "valeur = finances.part; cible = selon N { 2022: 5 %; 2023, 2024: 7 %; };\n"
                                    "atteint = valeur ≤ cible; ciblage = vrai;"));
  INFO(ok.messages());
  CHECK(ok.program != nullptr);
  Checked with_otherwise = check(std::string(kBase) +
                                 indicator("u", "valeur = finances.part; cible = selon N { 2022: 5 %; autre: 7 %; };\n"
                                                "atteint = valeur ≤ cible; ciblage = vrai;"));
  INFO(with_otherwise.messages());
  CHECK(with_otherwise.program != nullptr);
  Checked bad = check(std::string(kBase) +
                      indicator("u", "valeur = finances.part; cible = selon N { 2023: 5 %; };\n"
                                     "atteint = valeur ≤ cible; ciblage = vrai;"));
  INFO(bad.messages());
  const Diagnostic* d = bad.find("selon N gives no value for 2022, 2024, a year of the contract (2022..2024)");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En) == "add a case for each year (2022: …;), or autre: …; for the years not listed");
}

TEST_CASE("a parameter declared with a type may be absent until given: it has its declared type") {
  Checked ok = check(std::string(kBase) + "paramètre référence : taux = absent;\n" +
                     indicator("u", "valeur = finances.part; ciblage = finances.part > défaut(référence, médiane(finances.part));"));
  INFO(ok.messages());
  REQUIRE(ok.program != nullptr);
  CHECK(ok.program->parameters.front().type == Type::number(Unit::Rate));
  Checked bad = check(std::string(kBase) + "paramètre référence : taux = absent;\n" +
                      indicator("u", "valeur = finances.part; ciblage = finances.patients > référence;"));
  CHECK(bad.has("cannot compare a effectif with a taux (%)"));
}

// ---- names ---------------------------------------------------------------------------------------------------

TEST_CASE("unknown names: did you mean, ignoring accents") {
  SUBCASE("a binding written without its accents") {
    Checked c = check(std::string(kBase) + indicator("u",
                                                     "dépense_totale = finances.dépense;\n"
                                                     "valeur = depense_totale; ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    const Diagnostic* d = c.find("unknown name 'depense_totale'");
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En) == "did you mean 'dépense_totale'?");
  }
  SUBCASE("a column written without its accent") {
    Checked c = check(std::string(kBase) + indicator("u", "valeur = finances.depense; ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    const Diagnostic* d = c.find("table 'finances' has no column 'depense'");
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En) == "did you mean 'dépense'?");
  }
  SUBCASE("a typo in a function name") {
    Checked c = check(std::string(kBase) + indicator("u", "valeur = medianne(finances.score); ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    const Diagnostic* d = c.find("unknown function 'medianne'");
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En) == "did you mean 'médiane'?");
  }
  SUBCASE("a name far from everything gets no suggestion, but the two usual causes: an unquoted code, a parameter") {
    Checked c = check(std::string(kBase) + indicator("u", "valeur = zzzzqqqq; ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    const Diagnostic* d = c.find("unknown name 'zzzzqqqq'");
    REQUIRE(d != nullptr);
    std::string hint = d->hint.in(Language::En);
    CHECK(hint.find("did you mean") == std::string::npos);
    CHECK(hint.find("a code is written in quotes (\"zzzzqqqq\"") != std::string::npos);
    CHECK(hint.find("paramètre zzzzqqqq") != std::string::npos);
  }
}

TEST_CASE("closest_name folds accents and case") {
  std::vector<std::string> names = {"dépense", "recettes", "catégorie"};
  CHECK(closest_name("depense", names) == "dépense");
  CHECK(closest_name("CATEGORIE", names) == "catégorie");
  CHECK(closest_name("recette", names) == "recettes");
  CHECK(closest_name("xyz", names).empty());
}

TEST_CASE("a bare column name found in two tables is ambiguous") {
  std::string rules = std::string(kBase) +
                      "table enquête \"Enquête\" par établissement et année { statut: code; }\n" +
                      indicator("u", "valeur = finances.dépense; ciblage = statut = \"privé\";");
  Checked c = check(rules);
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* d = c.find("'statut' is a column of several tables");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En).find("établissements.statut") != std::string::npos);
  CHECK(d->hint.in(Language::En).find("enquête.statut") != std::string::npos);

  // Qualified, it checks.
  Checked q = check(std::string(kBase) + "table enquête \"Enquête\" par établissement et année { statut: code; }\n" +
                    indicator("u", "valeur = finances.dépense; ciblage = établissements.statut = \"privé\";"));
  INFO(q.messages());
  CHECK(q.program != nullptr);
}

TEST_CASE("a bare column name found in one table resolves") {
  Checked c = check(std::string(kBase) + indicator("u", "valeur = dépense; ciblage = catégorie = \"MCO\";"));
  INFO(c.messages());
  REQUIRE(c.program != nullptr);
  CHECK(binding_type(*c.program, "u", "valeur") == Type::number(Unit::Money));
}

// ---- cycles --------------------------------------------------------------------------------------------------

TEST_CASE("a cycle between two bindings is reported") {
  Checked c = check(std::string(kBase) + indicator("u",
                                                   "a = b + 1 €;\n"
                                                   "b = a + 1 €;\n"
                                                   "valeur = a; ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  // The message names the whole cycle, in the order the definitions use each other.
  const Diagnostic* d = c.find("cycle of definitions: ");
  REQUIRE(d != nullptr);
  CHECK(d->message.in(Language::En) == "cycle of definitions: a → b → a");
  CHECK(d->hint.in(Language::En).find("break the cycle") != std::string::npos);
}

TEST_CASE("a binding using itself is a cycle") {
  Checked c = check(std::string(kBase) + indicator("u", "a = a × 2; valeur = a; ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  CHECK(c.has("cycle of definitions: a → a"));
}

TEST_CASE("a cycle between two parameters is reported") {
  Checked c = check(std::string(kBase) +
                    "paramètre p = q + 1;\nparamètre q = p + 1;\n" + indicator("u", "valeur = p; ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  CHECK(c.has("depends on itself"));
}

// ---- periods -------------------------------------------------------------------------------------------------

TEST_CASE("[N-1] on an expression that does not change with the year is an error") {
  SUBCASE("a constant parameter") {
    Checked c = check(std::string(kBase) + "paramètre seuil = 400 000 €;\n" +
                      indicator("u", "valeur = seuil[N-1]; ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    const Diagnostic* d = c.find("[N-1] has no effect");
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En).find("vary by year") != std::string::npos);
  }
  SUBCASE("a column of a table without years") {
    Checked c = check(std::string(kBase) + indicator("u", "valeur = finances.dépense; ciblage = catégorie[2019] = \"MCO\";"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    CHECK(c.has("[2019] has no effect"));
  }
  SUBCASE("on yearly data it is fine, and so is a binding built on it") {
    Checked c = check(std::string(kBase) + indicator("u",
                                                     "d = finances.dépense;\n"
                                                     "valeur = d - d[N-1];\n"
                                                     "ciblage = finances.dépense[2019] >= 1 € et d[N-2] >= 1 €;"));
    INFO(c.messages());
    CHECK(c.program != nullptr);
  }
}

// ---- aggregations --------------------------------------------------------------------------------------------

TEST_CASE("row aggregations read row-level tables only") {
  SUBCASE("somme over a per-establishment table") {
    Checked c = check(std::string(kBase) + indicator("u", "valeur = somme(dépense de finances); ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    const Diagnostic* d = c.find("'finances' has one row per establishment: there is nothing to aggregate");
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En).find("finances.colonne") != std::string::npos);
  }
  SUBCASE("compte over the registry") {
    Checked c = check(std::string(kBase) + indicator("u", "valeur = compte(établissements); ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    CHECK(c.has("'établissements' has one row per establishment"));
  }
  SUBCASE("[2019] on a row table without years") {
    Checked c = check(std::string(kBase) + indicator("u", "valeur = somme(montant_r de registre[2019]); ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    CHECK(c.has("table 'registre' has no years"));
  }
  SUBCASE("over row-level tables they check, with the column's unit") {
    Checked c = check(std::string(kBase) + indicator("u",
                                                     "s = somme(montant de lignes où classe = \"IPP\");\n"
                                                     "s19 = somme(montant de lignes[2019]);\n"
                                                     "n = compte(lignes où montant > 10 €);\n"
                                                     "p = compte_distinct(patient de lignes);\n"
                                                     "r = somme(montant_r de registre);\n"
                                                     "valeur = s; ciblage = vrai;"));
    INFO(c.messages());
    REQUIRE(c.program != nullptr);
    CHECK(binding_type(*c.program, "u", "s") == Type::number(Unit::Money));
    CHECK(binding_type(*c.program, "u", "s19") == Type::number(Unit::Money));
    CHECK(binding_type(*c.program, "u", "n") == Type::number(Unit::Count));
    CHECK(binding_type(*c.program, "u", "p") == Type::number(Unit::Count));
    CHECK(binding_type(*c.program, "u", "r") == Type::number(Unit::Money));
  }
}

TEST_CASE("a row filter may not use an aggregate") {
  SUBCASE("a definition holding an aggregation") {
    Checked c = check(std::string(kBase) + indicator("u",
                                                     "total = somme(montant de lignes);\n"
                                                     "valeur = somme(montant de lignes où montant > total);\n"
                                                     "ciblage = vrai;"));
    CHECK(c.program == nullptr);
    INFO(c.messages());
    const Diagnostic* d = c.find("a row filter may only use the row's columns");
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En).find("separate definition") != std::string::npos);
  }
  SUBCASE("a parameter and an establishment attribute are allowed") {
    Checked c = check(std::string(kBase) + "paramètre plancher = 10 €;\n" +
                      indicator("u",
                                "valeur = somme(montant de lignes où montant > plancher et catégorie = \"MCO\");\n"
                                "ciblage = vrai;"));
    INFO(c.messages());
    CHECK(c.program != nullptr);
  }
}

// ---- ≈ -------------------------------------------------------------------------------------------------------

TEST_CASE("≈ is only for test expectations") {
  Checked c = check(std::string(kBase) + indicator("u", "valeur = finances.dépense; ciblage = finances.dépense ≈ 10 €;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* d = c.find("'≈' is only for test expectations");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En).find("arrondi") != std::string::npos);

  Checked t = check(std::string(kBase) + indicator("u", "valeur = finances.dépense; ciblage = vrai;") +
                    "test \"approx\" { année 2022; attendu \"340000001\": u.valeur ≈ 10,50 €; }\n");
  INFO(t.messages());
  CHECK(t.program != nullptr);
}

TEST_CASE("≈ accepts a negative number written out") {
  // An evolution of spending is negative exactly when the spend went down (the case that pays), so expectations
  // such as `valeur ≈ -6 000,50 €` are natural; `-6 000,50 €` is a number written out, with its decimals.
  Checked t = check(std::string(kBase) + indicator("u", "valeur = finances.dépense; ciblage = vrai;") +
                    "test \"approx négatif\" { année 2022; attendu \"340000001\": u.valeur ≈ -6 000,50 €; }\n");
  INFO(t.messages());
  CHECK(t.program != nullptr);
  CHECK_FALSE(t.has("'≈' compares with a number written out"));
}

// ---- the reserved bindings of an indicator -------------------------------------------------------------------

TEST_CASE("an indicator without valeur or ciblage is reported") {
  Checked c = check(std::string(kBase) + indicator("sans_valeur", "ciblage = vrai;") +
                    indicator("sans_ciblage", "valeur = finances.dépense;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* v = c.find("indicator 'sans_valeur' has no value");
  REQUIRE(v != nullptr);
  CHECK(v->hint.in(Language::En).find("valeur =") != std::string::npos);
  const Diagnostic* t = c.find("indicator 'sans_ciblage' does not say which establishments it targets");
  REQUIRE(t != nullptr);
  CHECK(t->hint.in(Language::En).find("ciblage =") != std::string::npos);
}

TEST_CASE("statut à_définir excuses a missing valeur, not a missing ciblage") {
  Checked c = check(std::string(kBase) + indicator("à_venir", "statut à_définir; ciblage = vrai;"));
  INFO(c.messages());
  CHECK(c.program != nullptr);
}

TEST_CASE("cible without atteint is reported") {
  Checked c = check(std::string(kBase) + indicator("u",
                                                   "valeur = finances.part;\n"
                                                   "cible = 80 %;\n"
                                                   "ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* d = c.find("a target needs a rule saying when it is reached");
  REQUIRE(d != nullptr);
  CHECK(d->hint.in(Language::En).find("atteint") != std::string::npos);

  Checked ok = check(std::string(kBase) + indicator("u",
                                                    "valeur = finances.part;\n"
                                                    "cible = 80 %; atteint = valeur >= cible;\n"
                                                    "ciblage = vrai;"));
  INFO(ok.messages());
  CHECK(ok.program != nullptr);
}

TEST_CASE("intéressement must be money") {
  Checked c = check(std::string(kBase) + indicator("u",
                                                   "valeur = finances.part;\n"
                                                   "intéressement = 30 % × finances.part;\n"
                                                   "ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* d = c.find("intéressement must be an amount in €, not a taux (%)");
  REQUIRE(d != nullptr);
  CHECK_FALSE(d->hint.empty());

  Checked plain = check(std::string(kBase) + indicator("u", "valeur = finances.part; intéressement = 0; ciblage = vrai;"));
  CHECK(plain.program == nullptr);
  CHECK(plain.has("intéressement must be an amount in €, not a nombre"));

  Checked ok = check(std::string(kBase) + indicator("u",
                                                    "valeur = finances.part;\n"
                                                    "intéressement = 30 % × finances.dépense;\n"
                                                    "ciblage = vrai;"));
  INFO(ok.messages());
  CHECK(ok.program != nullptr);
}

TEST_CASE("ciblage must be a condition") {
  Checked c = check(std::string(kBase) + indicator("u", "valeur = finances.part; ciblage = finances.part;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  CHECK(c.has("ciblage must be a condition (booléen), not a taux (%)"));
}

// ---- several errors at once ----------------------------------------------------------------------------------

TEST_CASE("several errors in one run are all reported") {
  Checked c = check(std::string(kBase) +
                    indicator("un", "valeur = finances.dépense + finances.part; ciblage = vrai;") +
                    indicator("deux", "valeur = finances.depense; ciblage = vrai;") +
                    indicator("trois", "valeur = finances.dépense; ciblage = finances.dépense >= 400 000;") +
                    indicator("quatre", "valeur = finances.dépense;") +
                    indicator("cinq", "valeur = finances.part; intéressement = 10 %; ciblage = vrai;"));
  CHECK(c.program == nullptr);
  INFO(c.messages());
  CHECK(c.has("cannot add a montant (€) and a taux (%)"));
  CHECK(c.has("table 'finances' has no column 'depense'"));
  CHECK(c.has("cannot compare a montant (€) with a nombre"));
  CHECK(c.has("indicator 'quatre' does not say which establishments it targets"));
  CHECK(c.has("intéressement must be an amount in €"));
  CHECK(c.diags.error_count() == 5);
}

TEST_CASE("an unknown test property and an unknown table in a test are reported") {
  Checked c = check(std::string(kBase) + indicator("u", "valeur = finances.dépense; ciblage = vrai;") +
                    "test \"t\" { anné 2022; financs: finess = \"340000001\", année = 2022; }\n");
  CHECK(c.program == nullptr);
  INFO(c.messages());
  const Diagnostic* p = c.find("unknown test property 'anné'");
  REQUIRE(p != nullptr);
  CHECK(p->hint.in(Language::En) == "did you mean 'année'?");
  const Diagnostic* t = c.find("unknown table 'financs'");
  REQUIRE(t != nullptr);
  CHECK(t->hint.in(Language::En) == "did you mean 'finances'?");
}

}  // namespace
}  // namespace caqes
