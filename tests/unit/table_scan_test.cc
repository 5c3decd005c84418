// The tight scan of one table (eval/table_scan.h) against the general way (every row converted and run through the
// compiled code): on cells of every awkward kind, figures computed by hand; on the shipped contracts over the
// example extracts, every result the same; on malformed data, the same located error. PassOptions::scan switches
// the scan off, and PassOptions::scanned_records says that it read records itself.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "check/checker.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

const char* const kRules = R"(contrat essai "Essai" { années 2022..2022; établissements établissements; }
table établissements "Établissements" par établissement { statut: code; }
table séjours "Séjours" par ligne et année { champ: code; mode: code; domaine: code; durée: effectif; poids: décimal; }
indicateur a "A" {
  volet pertinence; niveau régional; source "S";
  mco_hc = compte(séjours où champ = "MCO" et mode = "HC");
  ciblés = compte(séjours où champ = "MCO" et domaine dans ["D01", "D02", "UN_CODE_BIEN_PLUS_LONG_QUE_16"] et durée ≥ 3);
  hors = compte(séjours où domaine non dans ["D01"]);
  jours = somme(durée de séjours où champ = "MCO");
  poids_moyen = moyenne(poids de séjours où mode = "HC");
  poids_max = max(poids de séjours);
  valeur = mco_hc;
  ciblage = vrai;
}
)";

const char* const kEstablishments = "finess;statut\n310000001;public\n310000002;privé\n";

// The contract run on `sejours`: each binding of the indicator for each establishment, as text, or the errors.
struct Run {
  std::vector<std::string> figures;
  std::string errors;
  unsigned long long scanned = 0;
};

std::string shown(const Value& v) {
  if (v.absent()) return "absent";
  if (v.is_number()) return v.number().to_string(0, 12);
  return v.key();
}

// Runs `rules` on the establishments and `content` as data/`file`, and gives the figures `names` of indicator `a` for
// both establishments, or the errors (the temporary folder shown as DIR).
Run run_contract(const char* rules, const std::string& file, const std::string& content, PassOptions options,
                 std::initializer_list<const char*> names) {
  TempFolder folder;
  const std::string rules_path = folder.write("r.caqes", rules);
  folder.write("data/établissements.csv", kEstablishments);
  folder.write("data/" + file, content);
  Diagnostics diags;
  std::unique_ptr<CheckedProgram> program = check_program(load_program(rules_path, diags), diags);
  REQUIRE(program != nullptr);
  Dataset data;
  REQUIRE(load_dataset(*program, folder.path() + "/data", data, diags));
  std::atomic<unsigned long long> scanned{0};
  options.scanned_records = &scanned;
  Run out;
  Evaluator evaluator(*program, data, options);
  bool prepared = evaluator.prepare({2022}, diags);
  out.scanned = scanned;
  if (!prepared) {
    out.errors = render_all(diags);
    for (std::size_t at; (at = out.errors.find(folder.path())) != std::string::npos;)
      out.errors.replace(at, folder.path().size(), "DIR");
    return out;
  }
  const IndicatorInfo& info = program->indicators[program->indicator_index("a")];
  for (const char* name : names)
    for (const char* finess : {"310000001", "310000002"}) {
      auto v = evaluator.evaluate(*info.decl->bindings[info.bindings.at(name)].value, data.entity_index.at(finess),
                                  2022, diags);
      REQUIRE(v.has_value());
      out.figures.push_back(std::string(name) + " " + finess + " = " + shown(*v));
    }
  return out;
}

Run run(const std::string& sejours, PassOptions options) {
  return run_contract(kRules, "séjours.csv", sejours, options,
                      {"mco_hc", "ciblés", "hors", "jours", "poids_moyen", "poids_max"});
}

// A table of dispensing lines (as phev): distinct patients per filter, their column `texte` and the amounts
// `monnaie`, which the scan converts in every record rather than remembering their cells.
const char* const kDistinctRules = R"(contrat essai "Essai" { années 2022..2022; établissements établissements; }
table établissements "Établissements" par établissement { statut: code; }
table lignes "Lignes" par ligne et année { classe: code; patient: texte; montant: monnaie; }
indicateur a "A" {
  volet pertinence; niveau régional; source "S";
  patients = compte_distinct(patient de lignes où classe = "A" et montant > 0 €);
  tous = compte_distinct(patient de lignes);
  dépense = somme(montant de lignes où classe = "A");
  valeur = patients;
  ciblage = vrai;
}
)";

Run run_distinct(const std::string& lignes, PassOptions options) {
  return run_contract(kDistinctRules, "lignes.csv", lignes, options, {"patients", "tous", "dépense"});
}

PassOptions options(bool scan, int parts) {
  PassOptions o;
  o.scan = scan;
  o.parts = parts;
  o.threads = parts;
  return o;
}

}  // namespace

TEST_CASE("the scan and the general way give the hand-computed figures on awkward cells") {
  // A byte order mark, CRLF line ends, a quoted code and a quoted number, a code of 29 bytes, codes and numbers
  // with spaces around, a number with a digit group ("1 000"), decimal commas, empty cells.
  const std::string row1 = "310000001;2022;MCO;HC;D01;4;1,5\r\n";
  std::string sejours =
      "\xEF\xBB\xBF"
      "finess;année;champ;mode;domaine;durée;poids\r\n";
  sejours += row1 + row1 + row1;                                               // 3 × MCO HC D01, 4 days, 1,5
  sejours += "310000001;2022;\"MCO\";HC;D02;2;2,25\r\n";                       // 2 days: not in ciblés
  sejours += "310000001;2022;MCO;HP;UN_CODE_BIEN_PLUS_LONG_QUE_16;3; 10\r\n";  // HP, the long code, 10
  sejours += "310000001;2022;SSR;HC;;5;\r\n";                                  // no domain, no weight
  sejours += "310000001;2022; MCO ;HC;D01;1 000;0,5\r\n";                      // 1 000 days
  sejours += "310000001;2021;MCO;HC;D01;4;99\r\n";                             // 2021: not read for 2022
  sejours += "310000002;2022;MCO;HC;D02;3;\"1,5\"\r\n";
  sejours += row1 + row1;  // two more for 310000001, whose cells were all seen: read by the scan
  // By hand, 310000001 in 2022 (5 × row1, then the 4 other rows of 2022):
  //   mco_hc: 5 row1 + D02 + 1 000 days = 7; ciblés: 5 row1 + the long code (3 days) + 1 000 days = 7;
  //   hors (domaine non dans [D01]): D02 and the long code = 2 (the empty domain is absent: neither);
  //   jours (MCO): 5 × 4 + 2 + 3 + 1 000 = 1 025; poids_moyen (HC): (5 × 1,5 + 2,25 + 0,5) / 7 = 10,25 / 7;
  //   poids_max: 10.
  // 310000002: 1, 1, 1, 3 days, 1,5, 1,5.
  const std::vector<std::string> expected = {
      "mco_hc 310000001 = 7",        "mco_hc 310000002 = 1",     "ciblés 310000001 = 7",
      "ciblés 310000002 = 1",        "hors 310000001 = 2",       "hors 310000002 = 1",
      "jours 310000001 = 1025",      "jours 310000002 = 3",      "poids_moyen 310000001 = 1.464285714286",
      "poids_moyen 310000002 = 1.5", "poids_max 310000001 = 10", "poids_max 310000002 = 1.5",
  };
  for (bool scan : {false, true})
    for (int parts : {1, 2}) {
      CAPTURE(scan);
      CAPTURE(parts);
      Run r = run(sejours, options(scan, parts));
      CHECK(r.errors == "");
      CHECK(r.figures == expected);
      if (scan) {
        CHECK(r.scanned >= 2);  // at least the last two rows, whose cells were all seen before
      } else {
        CHECK(r.scanned == 0);
      }
    }
}

TEST_CASE("the scan hands over a table whose cells seldom repeat, with the same figures") {
  // 5 000 rows whose weights are 1 to 5 000, each new: after 4 096 records most went the general way.
  // Sum 5 000 × 5 001 / 2 = 12 502 500 over 5 000 rows: a mean of 2 500,5; the maximum 5 000.
  std::string sejours = "finess;année;champ;mode;domaine;durée;poids\n";
  for (int i = 1; i <= 5000; ++i) sejours += "310000001;2022;MCO;HC;D01;4;" + std::to_string(i) + "\n";
  for (bool scan : {false, true}) {
    CAPTURE(scan);
    Run r = run(sejours, options(scan, 1));
    REQUIRE(r.figures.size() == 12);
    CHECK(r.figures[0] == "mco_hc 310000001 = 5000");
    CHECK(r.figures[6] == "jours 310000001 = 20000");
    CHECK(r.figures[8] == "poids_moyen 310000001 = 2500.5");
    CHECK(r.figures[10] == "poids_max 310000001 = 5000");
    CHECK(r.scanned < 600);  // handed over at the 4 096th record, when every record so far had a new weight
  }
}

TEST_CASE("a malformed cell, an unknown establishment, an empty year: the same located error with the scan") {
  const std::string good = "310000001;2022;MCO;HC;D01;4;1,5\n";
  std::string head = "finess;année;champ;mode;domaine;durée;poids\n" + good + good + good;  // lines 2 to 4
  struct Case {
    std::string line;
    std::string where;  // file:line:col, by hand: line 5
    std::string what;
  };
  const std::vector<Case> cases = {
      {"310000001;2022;MCO;HC;D01;quatre;1,5\n", "séjours.csv:5:27", "quatre"},
      {"310000001;2022;MCO;HC;D01;-4;1,5\n", "séjours.csv:5:27", "-4"},
      {"310000009;2022;MCO;HC;D01;4;1,5\n", "séjours.csv:5:1", "310000009"},
      {"310000001;;MCO;HC;D01;4;1,5\n", "séjours.csv:5:11", "year"},
      {"310000001;2022;MCO;HC;D01;4;1,5;\n", "séjours.csv:5", "8 fields"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    std::string sejours = head + c.line + good;
    Run general = run(sejours, options(false, 1));
    Run scanned = run(sejours, options(true, 1));
    CHECK(general.errors.find(c.where) != std::string::npos);
    CHECK(general.errors.find(c.what) != std::string::npos);
    CHECK(scanned.errors == general.errors);
    CHECK(scanned.scanned >= 2);  // lines 3 and 4, before the error
  }
}

TEST_CASE("the scan and the general way agree on every result of the shipped contracts over the example data") {
  for (const char* contract : {"caqes-2022", "caqes-2021"}) {
    CAPTURE(contract);
    Diagnostics diags;
    auto program = check_program(load_program(std::string(CAQES_SOURCE_DIR) + "/rules/" + contract, diags), diags);
    REQUIRE(program != nullptr);
    Dataset data;
    REQUIRE(load_dataset(*program, std::string(CAQES_SOURCE_DIR) + "/examples/occitanie", data, diags));
    std::vector<std::vector<std::string>> outputs;
    for (bool scan : {false, true})
      for (int parts : {1, 2}) {
        std::atomic<unsigned long long> scanned{0};
        PassOptions o = options(scan, parts);
        o.scanned_records = &scanned;
        std::vector<IndicatorResult> results;
        Diagnostics run_diags;
        REQUIRE(run_all(*program, data, {2022}, results, run_diags, o));
        std::vector<std::string> lines;
        for (const IndicatorResult& r : results)
          lines.push_back(std::to_string(r.indicator) + " " + std::to_string(r.entity) + " " + std::to_string(r.year) +
                          " " + (r.targeted ? "1 " : "0 ") + r.value.key() + " " + r.target.key() + " " +
                          r.achieved.key() + " " + r.incentive.key());
        CHECK(!lines.empty());
        // caqes-2022: séjours (46 683 rows) is read by the scan; caqes-2021's tables are not of its shape.
        if (scan && contract == std::string("caqes-2022")) CHECK(scanned > 40000);
        outputs.push_back(std::move(lines));
      }
    for (std::size_t k = 1; k < outputs.size(); ++k) CHECK(outputs[k] == outputs[0]);
  }
}

TEST_CASE("distinct patients per filter: the scan gives the hand-computed counts, in memory and spilled") {
  std::string lignes = "finess;année;classe;patient;montant\n";
  lignes += "310000001;2022;A;P1;10\n";      // 1: new cells, the general way
  lignes += "310000001;2022;A;P1;5\n";       // 2: P1 again
  lignes += "310000001;2022;A;P2;0\n";       // 3: nothing spent: in `tous`, not in `patients`
  lignes += "310000001;2022;B;P3;7\n";       // 4: class B (a new cell: the general way)
  lignes += "310000001;2022;A;P4;2,50\n";    // 5
  lignes += "310000001;2022;A;;3\n";         // 6: no patient: counted by neither, spent
  lignes += "310000001;2022;A;P2;1\n";       // 7: P2, now with an amount
  lignes += "310000001;2021;A;P9;10\n";      // 2021: not read for 2022 (a new year: the general way)
  lignes += "310000002;2022;A;P1;4\n";       // another establishment's P1 (its FINESS new: the general way)
  lignes += "310000002;2022;B;P1;4\n";       // the same patient again
  // By hand, 310000001 in 2022: patients (A, amount > 0): P1, P4, P2 = 3; tous: P1, P2, P3, P4 = 4;
  //   dépense (A): 10 + 5 + 0 + 2,50 + 3 + 1 = 21,50. 310000002: 1, 1, 4.
  // The scan reads lines 2, 3, 5, 6, 7 and the last: 6 records (each of the others brings a code cell not seen).
  const std::vector<std::string> expected = {
      "patients 310000001 = 3", "patients 310000002 = 1", "tous 310000001 = 4",
      "tous 310000002 = 1",     "dépense 310000001 = 21.5", "dépense 310000002 = 4",
  };
  for (bool scan : {false, true})
    for (int partitions : {0, 3})
      for (int parts : {1, 2}) {
        CAPTURE(scan);
        CAPTURE(partitions);
        CAPTURE(parts);
        PassOptions o = options(scan, parts);
        o.partitions = partitions;  // 3: the distinct values spill to three partitions
        Run r = run_distinct(lignes, o);
        CHECK(r.errors == "");
        CHECK(r.figures == expected);
        if (!scan) {
          CHECK(r.scanned == 0);
        } else if (parts == 1) {
          CHECK(r.scanned == 6);
        }
      }
}

TEST_CASE("distinct patients: many patients and amounts, each new, are read by the scan, not handed over") {
  // 6 000 lines of class A for 310000001, patient P<i mod 1 500> and amount i,01 €: 1 500 distinct patients,
  // spent 6 000 × 0,01 + (1 + … + 6 000) = 60 + 18 003 000 = 18 003 060. Only the first line brings a code cell
  // not seen: the scan reads the 5 999 others.
  std::string lignes = "finess;année;classe;patient;montant\n";
  for (int i = 1; i <= 6000; ++i)
    lignes += "310000001;2022;A;P" + std::to_string(i % 1500) + ";" + std::to_string(i) + ",01\n";
  for (bool scan : {false, true})
    for (int partitions : {0, 4}) {
      CAPTURE(scan);
      CAPTURE(partitions);
      PassOptions o = options(scan, 1);
      o.partitions = partitions;
      Run r = run_distinct(lignes, o);
      REQUIRE(r.figures.size() == 6);
      CHECK(r.figures[0] == "patients 310000001 = 1500");
      CHECK(r.figures[2] == "tous 310000001 = 1500");
      CHECK(r.figures[4] == "dépense 310000001 = 18003060");
      CHECK(r.scanned == (scan ? 5999u : 0u));
    }
}

TEST_CASE("a malformed amount or patient in a line the scan reads: the same located error") {
  const std::string good = "310000001;2022;A;P1;10\n";
  std::string head = "finess;année;classe;patient;montant\n" + good + good + good;  // lines 2 to 4
  for (const char* line : {"310000001;2022;A;P2;dix\n", "310000001;2022;A;P2;1.234\n"}) {
    CAPTURE(line);
    std::string lignes = head + line + good;
    Run general = run_distinct(lignes, options(false, 1));
    Run scanned = run_distinct(lignes, options(true, 1));
    CHECK(general.errors.find("lignes.csv:5:21") != std::string::npos);  // line 5, the amount's column by hand
    CHECK(scanned.errors == general.errors);
    CHECK(scanned.scanned >= 2);  // lines 3 and 4
  }
}

}  // namespace caqes
