// Unit tests of the French diagnostics: the old catalog's templates (same values on both sides), its matcher
// (values, unknown messages left in English), the language of the environment, the rendering of whole diagnostics
// in French and English, and that the messages of many bad rules, versions, data files and runs all have a French
// text: from a catalog of their stage (syntax_messages.h, data_messages.h...) or from the old catalog.
#include "syntax/message.h"

#include <doctest/doctest.h>

#include "bad_rules.h"
#include "rules_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check/checker.h"
#include "data/data_messages.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "syntax/diagnostic.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

namespace fs = std::filesystem;

// ---- the catalog ---------------------------------------------------------------------------------------------


// Sets environment variables for the time of a test and puts them back after.
class Environment {
 public:
  Environment(std::initializer_list<std::pair<const char*, const char*>> values) {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      const char* old = std::getenv(name);
      saved_.push_back({name, old ? std::optional<std::string>(old) : std::nullopt});
      unsetenv(name);
    }
    for (auto [name, value] : values) setenv(name, value, 1);
  }
  ~Environment() {
    for (const auto& [name, value] : saved_) {
      if (value) setenv(name.c_str(), value->c_str(), 1);
      else unsetenv(name.c_str());
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST_CASE("the language comes from LC_ALL, then LC_MESSAGES, then LANG") {
  {
    Environment env({});
    CHECK(language_from_environment() == Language::En);
  }
  {
    Environment env({{"LANG", "fr_FR.UTF-8"}});
    CHECK(language_from_environment() == Language::Fr);
  }
  {
    Environment env({{"LANG", "fr_FR.UTF-8"}, {"LC_MESSAGES", "en_GB.UTF-8"}});
    CHECK(language_from_environment() == Language::En);
  }
  {
    Environment env({{"LANG", "en_US.UTF-8"}, {"LC_MESSAGES", "C"}, {"LC_ALL", "fr_CA.UTF-8"}});
    CHECK(language_from_environment() == Language::Fr);
  }
  {
    Environment env({{"LANG", "fr_FR.UTF-8"}, {"LC_ALL", ""}});  // empty: not set
    CHECK(language_from_environment() == Language::Fr);
  }
  {
    Environment env({{"LANG", "C.UTF-8"}});
    CHECK(language_from_environment() == Language::En);
  }
  CHECK(language_from_name("fr") == Language::Fr);
  CHECK(language_from_name("FR") == Language::Fr);
  CHECK(language_from_name("fr_FR.UTF-8") == Language::Fr);
  CHECK(language_from_name("en") == Language::En);
  CHECK_FALSE(language_from_name("de").has_value());
  CHECK_FALSE(language_from_name("french").has_value());
  CHECK_FALSE(language_from_name("").has_value());
}

// ---- rules and data written to a temporary folder -----------------------------------------------------------


struct Result {
  Diagnostics diags;
  std::unique_ptr<CheckedProgram> program;
  std::string rules_path;
};

// Loads and checks the rules, as `caqes check` does.
Result diagnose(const TempFolder& folder, const std::string& rules) {
  Result r;
  r.rules_path = folder.write("règles.caqes", rules);
  auto program = load_program(r.rules_path, r.diags);
  if (!r.diags.has_errors()) r.program = check_program(std::move(program), r.diags);
  return r;
}

TEST_CASE("a diagnostic in French and in English") {
  TempFolder folder;
  Result r = diagnose(folder, std::string(kBase) + indicator("valeur = finances.dépens;\nciblage = vrai;"));
  REQUIRE(r.diags.items().size() == 1);
  const std::string& path = r.rules_path;
  CHECK(render_all(r.diags, false, Language::Fr) ==
        path + ":8:19: erreur : la table « finances » n'a pas de colonne « dépens »\n"
               "  valeur = finances.dépens;\n"
               "                    ^~~~~~\n"
               "  conseil : vouliez-vous dire « dépense » ?\n");
  CHECK(render_all(r.diags, false, Language::En) ==
        path + ":8:19: error: table 'finances' has no column 'dépens'\n"
               "  valeur = finances.dépens;\n"
               "                    ^~~~~~\n"
               "  hint: did you mean 'dépense'?\n");
  CHECK(render_all(r.diags) == render_all(r.diags, false, Language::En));
}

TEST_CASE("several diagnostics in French: units, names, and a message without hint") {
  TempFolder folder;
  Result r = diagnose(folder, std::string(kBase) +
                                  indicator("valeur = finances.dépense + finances.part;\nciblage = inconnu;\n"
                                            "intéressement = finances.patients;"));
  std::string fr = render_all(r.diags, false, Language::Fr);
  INFO(fr);
  CHECK(fr.find(":8:10: erreur : impossible d'additionner des valeurs de type montant (€) et taux (%)\n") !=
        std::string::npos);
  CHECK(fr.find("  conseil : un montant en € ne s'additionne qu'à un montant en € ; une part d'un montant s'écrit "
                "montant × taux\n") != std::string::npos);
  CHECK(fr.find(":9:11: erreur : nom inconnu « inconnu »\n") != std::string::npos);
  CHECK(fr.find(":10:17: erreur : intéressement doit être un montant en €, et non de type effectif\n") !=
        std::string::npos);
  CHECK(fr.find("error") == std::string::npos);
  CHECK(fr.find("hint") == std::string::npos);
}

TEST_CASE("a diagnostic without location, a warning, and a note keep their prefix") {
  Diagnostic d;
  d.message = Message(data_messages::kDataDirectoryMissing, "données");
  CHECK(render(d, false, Language::Fr) == "caqes: erreur : le dossier de données « données » n'existe pas\n");
  CHECK(render(d, false, Language::En) == "caqes: error: data directory 'données' does not exist\n");
  d.location = "données/finances.csv:3:7";
  d.message = Message(data_messages::kInColumn, "dépense", Message(data_messages::kPercentInAmountColumn, "12,5 %"));
  d.hint = Message(data_messages::kColumnDeclaredAs, "dépense", "monnaie", "règles.caqes:3:40");
  CHECK(render(d, false, Language::Fr) ==
        "données/finances.csv:3:7: erreur : colonne « dépense » : « 12,5 % » est un pourcentage dans une colonne de "
        "montants\n"
        "  conseil : la colonne « dépense » est déclarée monnaie dans règles.caqes:3:40\n");
  d.severity = Severity::Warning;
  d.hint = Message();
  d.message = Message(data_messages::kPercentInAmountColumn, "7 %");
  CHECK(render(d, false, Language::Fr) ==
        "données/finances.csv:3:7: avertissement : « 7 % » est un pourcentage dans une colonne de montants\n");
  CHECK(render(d, false, Language::En) ==
        "données/finances.csv:3:7: warning: '7 %' is a percentage in an amount column\n");
}

// ---- completeness: the messages of many mistakes all have a French text -------------------------------------

// A message of a catalog (shown differently in French when its two texts differ), or an English one that the old
// catalog knows.
void check_translated(const Message& m) {
  std::string en = m.in(Language::En);
  INFO("English: ", en);
  REQUIRE(m.text() != nullptr);
  if (m.text()->en != m.text()->fr) CHECK(m.in(Language::Fr) != en);
}

// Every message and hint of `diags` has a French text, and the French rendering shows none of them in English.
void check_all_translated(const Diagnostics& diags, const std::string& what) {
  for (const auto& d : diags.items()) {
    INFO(what);
    INFO("message: ", d.message.in(Language::En));
    INFO("hint: ", d.hint.in(Language::En));
    check_translated(d.message);
    if (!d.hint.empty()) check_translated(d.hint);
    std::string fr = render(d, false, Language::Fr);
    CHECK(fr.find(d.message.in(Language::En)) == std::string::npos);
    if (!d.hint.empty()) CHECK(fr.find(d.hint.in(Language::En)) == std::string::npos);
    // No untranslated phrase of a nested value either.
    for (const char* english : {" expected ", "a name", "a text in quotes", " is not ", "unexpected", " cannot "})
      CHECK(fr.find(english) == std::string::npos);
  }
}

TEST_CASE("the messages of bad rules all have a French translation") {
  const std::vector<std::string> cases = bad_rules();
  int diagnostics = 0;
  for (const auto& rules : cases) {
    TempFolder folder;
    Result r = diagnose(folder, rules);
    INFO("rules:\n", rules.substr(0, 2000));
    CHECK(r.diags.has_errors());
    diagnostics += static_cast<int>(r.diags.items().size());
    check_all_translated(r.diags, rules.substr(0, 2000));
  }
  CHECK(diagnostics > 80);
}

TEST_CASE("the messages of a version of a contract all have a French translation") {
  TempFolder folder;
  folder.write("base/règles.caqes", std::string(kBase) + "paramètre p = 1;\n" + indicator("valeur = 1; ciblage = vrai;"));
  std::string own = folder.write(
      "v2/règles.caqes",
      "contrat v2 \"V2\" { années 2022..2024; établissements établissements; étend \"../base\"; }\n"
      "retire indicateur absent_i;\n"
      "table finances \"F\" par établissement { a: code; }\n"
      "remplace table inconnue_t \"T\" par ligne { a: code; }\n"
      "paramètre p = 2;\n"
      "remplace paramètre q = 1;\n" +
          indicator("valeur = 1; ciblage = vrai;") +
          "remplace indicateur u \"U\" { valeur = 1; }\nmodifie indicateur w \"W\" { valeur = 1; }\n");
  Diagnostics diags;
  load_program(own, diags);
  std::string fr = render_all(diags, false, Language::Fr);
  INFO(fr);
  CHECK(diags.error_count() == 8);
  check_all_translated(diags, "v2");
  CHECK(fr.find("erreur : la table « finances » est déjà déclarée par le contrat de base\n") != std::string::npos);
  CHECK(fr.find("erreur : rien à modifier : le contrat de base « essai » n'a pas d'indicateur « w »\n") !=
        std::string::npos);

  TempFolder loop;
  std::string self = loop.write("c/règles.caqes", "contrat c \"C\" { années 2022..2024; étend \".\"; }\n");
  Diagnostics cycle;
  load_program(self, cycle);
  CHECK(cycle.has_errors());
  check_all_translated(cycle, "a contract that extends itself");
}

// ---- data files ---------------------------------------------------------------------------------------------

const char* const kDataRules =
    "contrat essai \"Essai\" { années 2022..2024; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { catégorie: code; ouvert: booléen; }\n"
    "table finances \"Finances\" par établissement et année { dépense: monnaie; patients: effectif; part: taux; "
    "début: date; score: décimal; lits: entier; }\n"
    "table lignes \"Lignes\" par ligne et année { montant: monnaie; }\n";

const char* const kRegistry = "finess;catégorie;ouvert\n310000001;MCO;oui\n310000002;SSR;non\n";
const char* const kFinancesHeader = "finess;année;dépense;patients;part;début;score;lits\n";

// Loads the rules above with the given CSV files.
Diagnostics load_data(const std::map<std::string, std::string>& files) {
  TempFolder folder;
  Result r = diagnose(folder, kDataRules);
  REQUIRE_MESSAGE(r.program != nullptr, render_all(r.diags));
  fs::create_directory(fs::path(folder.path()) / "données");
  for (const auto& [name, text] : files) folder.write("données/" + name, text);
  Dataset data;
  Diagnostics diags;
  load_dataset(*r.program, (fs::path(folder.path()) / "données").string(), data, diags);
  return diags;
}

TEST_CASE("the messages of bad data files all have a French translation") {
  const std::string lignes = "finess;année;montant\n310000001;2022;5 €\n";
  auto finances = [](const std::string& row) {
    return std::string(kFinancesHeader) + "310000001;2022;1 €;1;1;2022-01-01;1;1\n" + row + "\n";
  };
  const std::string e = "établissements.csv";
  const std::vector<std::map<std::string, std::string>> cases = {
      {},
      {{e, kRegistry}},
      {{e, "finess;catégorie;ouvert;couleur;catégorie\n310000001;MCO;oui;bleu;MCO\n"}},
      {{e, "finess;ouvert\n310000001;oui\n"}},
      {{e, std::string(kRegistry) + "310000001;MCO;oui\n"}},
      {{e, "finess;catégorie;ouvert\n31000;MCO;oui\n"}},
      {{e, "finess;catégorie;ouvert\n;MCO;oui\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;MCO;peut-être\n"}},
      {{e, ""}},
      {{e, "\n\nfiness;catégorie;ouvert\n"}},
      {{e, "finess\tcatégorie\touvert\n310000001\tMCO\toui\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;MCO\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;MCO;oui;x\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;MCO;oui\n\n310000002;SSR;non\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;M\"CO;oui\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;\"MCO\"x;oui\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;\"MCO;oui\n"}},
      {{e, std::string("finess;catégorie;ouvert\n310000001;M\0CO;oui\n", 42)}},
      {{e, std::string("\xff\xfe" "f\0i\0", 6)}},
      {{e, "\xef\xbb\xbf" "finess;catégorie;ouvert\n310000001;M\xe9;oui\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;M\xe9;oui\n310000002;caf\xc3\xa9;oui\n"}},
      {{e, "finess;catégorie;ouvert\n310000001;" + std::string(70000, 'a') + ";oui\n310000002;\xff;non\n"}},
      {{e, kRegistry}, {"lignes.csv", lignes}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000009;2022;1;1;1;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000001;2022;1;1;1;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;;1;1;1;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;5 %;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;5 €;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;1 €;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;1,5;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;-1;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;1800;;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;;;5 €;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;1.234;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;12 34;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;,5;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;1,,5;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;1,;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;1,5,2;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;abc;;;;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;;hier;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;;0000-01-01;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;;2022-13-01;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;;2022-01-00;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;;31/04/2022;;")}},
      {{e, kRegistry}, {"lignes.csv", lignes}, {"finances.csv", finances("310000002;2022;;;;29/02/2023;;")}},
  };
  int diagnostics = 0;
  for (const auto& files : cases) {
    Diagnostics diags = load_data(files);
    std::string what;
    for (const auto& [name, text] : files) what += name + ":\n" + text + "\n";
    INFO("files:\n", what);
    CHECK(diags.has_errors());
    diagnostics += static_cast<int>(diags.items().size());
    check_all_translated(diags, what);
  }
  CHECK(diagnostics >= static_cast<int>(cases.size()));
}

// ---- errors of a run ---------------------------------------------------------------------------------------

TEST_CASE("the messages of a run all have a French translation") {
  const std::string rules =
      "contrat essai \"Essai\" { années 2022..2024; établissements établissements; données_absentes erreur; "
      "division_par_zéro erreur; }\n"
      "table établissements \"Établissements\" par établissement { catégorie: code; }\n"
      "table finances \"Finances\" par établissement et année { a: monnaie; b: monnaie; }\n" +
      indicator("valeur = finances.a / finances.b; ciblage = vrai;");
  struct Case {
    std::string finances;
    int year;
    std::string extra;  // another indicator
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"finess;année;a;b\n310000001;2022;1 €;0 €\n", 2022, "",
       "erreur : division par zéro pour l'établissement 310000001 en 2022\n"},
      {"finess;année;a;b\n310000001;2022;;1 €\n", 2022, "",
       "erreur : donnée manquante : la colonne « a » de la table « finances » est vide pour l'établissement "
       "310000001 en 2022\n"},
      {"finess;année;a;b\n310000001;2022;1 €;1 €\n", 2023, "",
       "erreur : donnée manquante : la table « finances » n'a pas de ligne pour l'établissement 310000001 en 2023\n"},
      {"finess;année;a;b\n310000001;2022;1 €;1 €\n", 2022,
       indicator("valeur = quantile(finances.a, 150 %); ciblage = vrai;", "q"),
       "erreur : l'ordre d'un quantile est compris entre 0 et 1 (ici 1.5)\n"},
  };
  for (const auto& c : cases) {
    TempFolder folder;
    Result r = diagnose(folder, rules + c.extra);
    REQUIRE_MESSAGE(r.program != nullptr, render_all(r.diags));
    folder.write("données/établissements.csv", "finess;catégorie\n310000001;MCO\n");
    folder.write("données/finances.csv", c.finances);
    Dataset data;
    Diagnostics diags;
    REQUIRE_MESSAGE(load_dataset(*r.program, folder.path() + "/données", data, diags), render_all(diags));
    std::vector<IndicatorResult> results;
    CHECK_FALSE(run_all(*r.program, data, {c.year}, results, diags));
    std::string fr = render_all(diags, false, Language::Fr);
    INFO(fr);
    CHECK(fr.find(c.expected) != std::string::npos);
    check_all_translated(diags, c.finances);
  }
}

}  // namespace
}  // namespace caqes
