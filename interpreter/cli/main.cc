// `caqes`: the command line. Each command loads and checks the rules, then does its one job; diagnostics go to
// stderr, results to stdout or to --output (written whole, or not at all). Exit 0 on success, 1 on an error in
// the rules or the data (or a failed test), 2 on a usage error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "check/checker.h"
#include "cli/output.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "eval/rule_tests.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

bool color_stderr() { return isatty(2) && std::getenv("NO_COLOR") == nullptr; }

void print_diagnostics(const Diagnostics& diags) {
  std::string text = render_all(diags, color_stderr());
  std::fputs(text.c_str(), stderr);
  int n = diags.error_count();
  if (n > 0) std::fprintf(stderr, "%d error%s\n", n, n > 1 ? "s" : "");
}

std::unique_ptr<CheckedProgram> load_and_check(const std::string& rules) {
  Diagnostics diags;
  auto program = load_program(rules, diags);
  std::unique_ptr<CheckedProgram> checked;
  if (!diags.has_errors()) checked = check_program(std::move(program), diags);
  if (!diags.items().empty()) print_diagnostics(diags);
  return diags.has_errors() ? nullptr : std::move(checked);
}

// Writes to stdout, or to `path` through a temporary file renamed at the end, so that a failure never leaves a
// partial file that could be taken for a complete one.
bool emit(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return true;
  }
  std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) {
      std::fprintf(stderr, "caqes: error: cannot write '%s'\n", path.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::fprintf(stderr, "caqes: error: cannot write '%s': %s\n", path.c_str(), ec.message().c_str());
    return false;
  }
  return true;
}

Format parse_format(const std::string& f) {
  if (f == "csv") return Format::Csv;
  if (f == "json") return Format::Json;
  if (f == "markdown") return Format::Markdown;
  return Format::Table;
}

int cmd_check(const std::string& rules) {
  auto p = load_and_check(rules);
  if (!p) return 1;
  std::fprintf(stderr, "%s: %zu indicators, %zu tables, %zu parameters, %zu tests: no error\n", p->contract_name.c_str(),
               p->indicators.size(), p->tables.size(), p->parameters.size(), p->ast->tests.size());
  return 0;
}

int cmd_run(const std::string& rules, const std::string& data_dir, int year, const std::string& format,
            const std::string& output) {
  auto p = load_and_check(rules);
  if (!p) return 1;
  std::vector<int> years;
  if (year != 0) {
    if (year < p->first_year || year > p->last_year) {
      std::fprintf(stderr, "caqes: error: %d is outside contract %s (%d..%d)\n", year, p->contract_name.c_str(),
                   p->first_year, p->last_year);
      return 1;
    }
    years.push_back(year);
  } else {
    for (int y = p->first_year; y <= p->last_year; ++y) years.push_back(y);
  }
  Diagnostics diags;
  Dataset data;
  if (!load_dataset(*p, data_dir, data, diags)) {
    print_diagnostics(diags);
    return 1;
  }
  std::vector<IndicatorResult> results;
  if (!run_all(*p, data, years, results, diags)) {
    print_diagnostics(diags);
    std::fprintf(stderr, "caqes: no result written: the run did not complete\n");
    return 1;
  }
  return emit(render_results(*p, data, results, years, year != 0, parse_format(format)), output) ? 0 : 1;
}

int cmd_test(const std::string& rules, const std::string& filter) {
  auto p = load_and_check(rules);
  if (!p) {
    std::printf("0 passed, 1 failed\n");
    return 1;
  }
  auto outcomes = run_rule_tests(*p, filter);
  int passed = 0, failed = 0;
  for (const auto& o : outcomes) {
    if (o.passed) {
      ++passed;
      std::printf("ok      %s\n", o.label.c_str());
    } else {
      ++failed;
      std::printf("ÉCHEC   %s (%s)\n", o.label.c_str(), o.span.where().c_str());
      for (const auto& f : o.failures) std::printf("        %s\n", f.c_str());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace caqes

int main(int argc, char** argv) {
  using namespace caqes;
  CLI::App app{"caqes: les indicateurs des contrats CAQES écrits en règles, vérifiés et calculés sur les données"};
  app.require_subcommand(1);
  std::string rules, data_dir, format = "table", output, filter;
  int year = 0;

  auto* check = app.add_subcommand("check", "vérifie un fichier ou un dossier de règles");
  check->add_option("RULES", rules, "fichier .caqes ou dossier d'un contrat")->required();

  auto* run = app.add_subcommand("run", "calcule chaque indicateur pour chaque établissement et année");
  run->add_option("RULES", rules, "fichier .caqes ou dossier d'un contrat")->required();
  run->add_option("--data", data_dir, "dossier des extractions CSV (un fichier par table)")->required();
  run->add_option("--year", year, "une seule année du contrat");
  run->add_option("--format", format, "table, csv (;  et virgule décimale) ou json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  run->add_option("--output,-o", output, "fichier de sortie (par défaut: la sortie standard)");

  auto* list = app.add_subcommand("list", "liste les indicateurs du contrat");
  list->add_option("RULES", rules)->required();
  list->add_option("--format", format, "table, csv ou json")->check(CLI::IsMember({"table", "csv", "json"}));

  auto* schema = app.add_subcommand("schema", "dictionnaire des données attendues (tables, colonnes, types)");
  schema->add_option("RULES", rules)->required();
  schema->add_option("--format", format, "table, csv ou json")->check(CLI::IsMember({"table", "csv", "json"}));

  auto* test = app.add_subcommand("test", "exécute les tests écrits dans les règles");
  test->add_option("RULES", rules)->required();
  test->add_option("--filter", filter, "seulement les tests dont le libellé contient ce texte");

  auto* functions = app.add_subcommand("fonctions", "documente les fonctions prédéfinies");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (check->parsed()) return cmd_check(rules);
  if (run->parsed()) return cmd_run(rules, data_dir, year, format, output);
  if (test->parsed()) return cmd_test(rules, filter);
  if (functions->parsed()) {
    std::fputs(render_functions().c_str(), stdout);
    return 0;
  }
  auto p = load_and_check(rules);
  if (!p) return 1;
  if (list->parsed()) std::fputs(render_indicators(*p, parse_format(format)).c_str(), stdout);
  if (schema->parsed()) std::fputs(render_schema(*p, parse_format(format)).c_str(), stdout);
  return 0;
}
