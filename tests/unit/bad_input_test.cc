// Bad input of every class the tool must survive: each ends in a located diagnostic, never a crash, a hang or a
// silent partial result. Rules: a truncated file, binary garbage, invalid UTF-8, deep nesting, a very long sum,
// a 1 MB identifier. Data: a missing or extra column, a ragged row, an empty file, a quoted field holding a
// newline (valid: it must load with the right line numbers after it), two decimal separators, a negative count.
#include <doctest/doctest.h>

#include "rules_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "check/checker.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "syntax/parser.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

namespace fs = std::filesystem;


const char* kRules = R"(contrat c "C" { années 2022..2022; }
table établissements par établissement { statut: code; }
table séjours par ligne et année { durée: effectif "Durée"; }
indicateur longs "Longs séjours" {
  volet pertinence; niveau régional; source "PMSI";
  valeur = compte(séjours où durée ≥ 3);
  ciblage = vrai;
}
)";

// The rules text's diagnostics; the rules must be rejected.
std::string rules_errors(const std::string& text) {
  TempFolder dir;
  std::string path = dir.write("r.caqes", text);
  Diagnostics diags;
  auto program = load_program(path, diags);
  if (!diags.has_errors()) check_program(std::move(program), diags);
  REQUIRE(diags.has_errors());
  std::string all = render_all(diags);
  CHECK(all.find("r.caqes:") != std::string::npos);  // located in the file
  return all;
}

// Runs the tiny contract on a data folder; returns the diagnostics ("" if the run succeeded).
std::string run_errors(const std::string& etablissements, const std::string& sejours, int* results = nullptr) {
  TempFolder rules_dir, data_dir;
  std::string rules = rules_dir.write("r.caqes", kRules);
  data_dir.write("établissements.csv", etablissements);
  data_dir.write("séjours.csv", sejours);
  Diagnostics diags;
  auto program = check_program(load_program(rules, diags), diags);
  REQUIRE(program != nullptr);
  Dataset data;
  std::vector<IndicatorResult> out;
  if (load_dataset(*program, data_dir.path(), data, diags)) run_all(*program, data, {2022}, out, diags);
  if (results) *results = static_cast<int>(out.size());
  return render_all(diags);
}

const char* kEtab = "finess;statut\n310000001;public\n310000002;privé\n";

}  // namespace

TEST_CASE("a truncated rules file is a located syntax error") {
  std::string text(kRules);
  std::string errors = rules_errors(text.substr(0, text.find("ciblage")));
  CHECK(errors.find("unexpected end of file") != std::string::npos);
  CHECK(errors.find("is never closed") != std::string::npos);
}

TEST_CASE("binary garbage and invalid UTF-8 are rejected at their byte") {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) % 256);
  CHECK(rules_errors(garbage).find("r.caqes:1:") != std::string::npos);
  // Latin-1 'é' (0xE9) in a UTF-8 rules file, line 2 column 8.
  std::string latin1 = "contrat c { années 2022..2022; }\nparamètre d\xE9pense = 1 €;\n";
  std::string errors = rules_errors(latin1);
  CHECK(errors.find("r.caqes:2:12: error: invalid UTF-8") != std::string::npos);
}

TEST_CASE("deep nesting and very long expressions are refused before any recursion") {
  std::string deep = "contrat c { années 2022..2022; }\nparamètre p = " + std::string(100000, '(') + "1" +
                     std::string(100000, ')') + ";\n";
  CHECK(rules_errors(deep).find("nested more than 64 levels") != std::string::npos);
  std::string sum = "contrat c { années 2022..2022; }\nparamètre p = 1";
  for (int i = 0; i < 200000; ++i) sum += " + 1";  // 800 KB: within the 1 MiB a rules file may be
  sum += ";\n";
  CHECK(rules_errors(sum).find("more than 1000 operators") != std::string::npos);
}

TEST_CASE("a 1 MB identifier is just an unknown name") {
  std::string name((1 << 20) - 1024, 'x');  // the rest of the 1 MiB a rules file may be holds the contract
  std::string text = std::string(kRules) + "paramètre p = " + name + " + 1;\n";
  std::string errors = rules_errors(text);
  CHECK(errors.find("error: unknown name") != std::string::npos);
  CHECK(errors.size() < 10000);  // the message shows a window of the line, not the whole megabyte
}

TEST_CASE("data: a missing column, an extra column, a ragged row, an empty file") {
  CHECK(run_errors(kEtab, "finess;année\n310000001;2022\n").find("séjours.csv:1: error: missing column 'durée' (Durée)") !=
        std::string::npos);
  CHECK(run_errors(kEtab, "finess;année;durée;x\n310000001;2022;3;1\n").find("column 'x' is not declared") !=
        std::string::npos);
  CHECK(run_errors(kEtab, "finess;année;durée\n310000001;2022;3\n310000001;2022\n").find("séjours.csv:3") !=
        std::string::npos);
  CHECK(run_errors(kEtab, "").find("séjours.csv") != std::string::npos);
}

TEST_CASE("data: two decimal separators and a negative count are errors at their cell") {
  std::string e = run_errors(kEtab, "finess;année;durée\n310000001;2022;1.234,5\n");
  CHECK(e.find("séjours.csv:2:16: error: column 'durée'") != std::string::npos);
  e = run_errors(kEtab, "finess;année;durée\n310000001;2022;-3\n");
  CHECK(e.find("séjours.csv:2:16: error: column 'durée': '-3' is negative") != std::string::npos);
}

TEST_CASE("data: a quoted field holding a newline loads, and the line numbers after it stay right") {
  int results = 0;
  // Row 2 of établissements spans lines 2 and 3; the bad FINESS on line 4 must be reported as line 4.
  std::string etab = "finess;statut\n310000001;\"pub\nlic\"\n31000000;privé\n";
  CHECK(run_errors(etab, "finess;année;durée\n").find("établissements.csv:4:1: error: '31000000' is not a FINESS") !=
        std::string::npos);
  CHECK(run_errors("finess;statut\n310000001;\"pub\nlic\"\n", "finess;année;durée\n310000001;2022;4\n", &results) == "");
  CHECK(results == 1);
}

}  // namespace caqes

namespace caqes {

// Found by the fuzzer: bytes that are not UTF-8 reached ANTLR's decoder (which throws) through `caqes fmt`,
// which parses a file on its own. parse_file itself now refuses them, at their line and column.
TEST_CASE("parse_file refuses invalid UTF-8 and encoded surrogates, located") {
  for (std::string bytes : {std::string("contrat c { années 2022..2022; }\n\xed\xa0\x80\n"),
                            std::string("contrat c { années 2022..2022; }\n \xc0\xaf\n"),
                            std::string("contrat c { années 2022..2022; }\n  \xf8\x88\x80\x80\x80\n")}) {
    SourceFile file("f.caqes", bytes);
    ast::Program program;
    Diagnostics diags;
    CHECK_FALSE(parse_file(file, program, diags));
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].span.line == 2);
    CHECK(diags.items()[0].message.in(Language::En) == "invalid UTF-8 in a rules file");
  }
}

}  // namespace caqes
