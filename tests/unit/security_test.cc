// The findings of the red-team pass (issue 17), each kept fixed by a test: the output writer (a planted link, runs
// writing one file at once, an output that is an input), temporary files on a signal, definition chains too deep
// to evaluate, arrondi's decimals, exact numbers that grow without bound.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "check/checker.h"
#include "cli/output_file.h"
#include "data/dataset.h"
#include "data/spill.h"
#include "data/temporary_files.h"
#include "eval/evaluator.h"
#include "rules_file.h"
#include "syntax/program_loader.h"
#include "syntax/visible_text.h"

namespace caqes {
namespace {

namespace fs = std::filesystem;

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- 1. the output writer --------------------------------------------------------------------------------------

TEST_CASE("a link planted beside the output is never followed") {
  TempFolder dir;
  std::string victim = dir.write("victim.txt", "precious\n");
  std::string out = dir.path() + "/out.csv";
  // The names an attacker could guess: the old fixed temporary name, and the output itself.
  fs::create_symlink(victim, out + ".partial");
  Message error;
  REQUIRE(write_output_file(out, "results\n", {}, error));
  CHECK(contents(victim) == "precious\n");
  CHECK(contents(out) == "results\n");
  CHECK(fs::is_symlink(out + ".partial"));  // left alone
  // An output that is a link is replaced by the file, the file it named untouched.
  std::string linked = dir.path() + "/linked.csv";
  fs::create_symlink(victim, linked);
  REQUIRE(write_output_file(linked, "results\n", {}, error));
  CHECK(contents(victim) == "precious\n");
  CHECK(!fs::is_symlink(linked));
}

TEST_CASE("the output gets the usual permissions and no temporary file is left") {
  TempFolder dir;
  std::string out = dir.path() + "/out.json";
  mode_t mask = ::umask(022);
  Message error;
  REQUIRE(write_output_file(out, "{}\n", {}, error));
  ::umask(mask);
  CHECK((fs::status(out).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) entries += e.path().filename() == "out.json" ? 0 : 1;
  CHECK(entries == 0);
  // Replacing a file keeps its permissions.
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write);
  REQUIRE(write_output_file(out, "[]\n", {}, error));
  CHECK((fs::status(out).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(contents(out) == "[]\n");
}

TEST_CASE("runs writing the same output at once each write a whole file") {
  TempFolder dir;
  std::string out = dir.path() + "/out.csv";
  const std::string a(200000, 'a'), b(300000, 'b');
  std::atomic<int> failures{0};
  auto writer = [&](const std::string& text) {
    for (int i = 0; i < 20; ++i) {
      Message error;
      if (!write_output_file(out, text, {}, error)) ++failures;
    }
  };
  std::thread t1(writer, a), t2(writer, b);
  t1.join();
  t2.join();
  CHECK(failures == 0);
  std::string last = contents(out);
  CHECK((last == a || last == b));
}

TEST_CASE("an output that is one of the inputs is refused, whatever its name") {
  TempFolder dir;
  std::string input = dir.write("data/transports.csv", "finess;année\n");
  std::string other_name = dir.path() + "/same.csv";
  fs::create_hard_link(input, other_name);
  Message error;
  CHECK(!write_output_file(other_name, "results\n", {input}, error));
  CHECK(error.in(Language::En).find("an input of this run") != std::string::npos);
  CHECK(contents(input) == "finess;année\n");
  // Through "..": the same file.
  CHECK(!write_output_file(dir.path() + "/data/../data/transports.csv", "x", {input}, error));
  CHECK(contents(input) == "finess;année\n");
  // Another file of the same folder is fine.
  CHECK(write_output_file(dir.path() + "/data/out.csv", "x", {input}, error));
}

TEST_CASE("a device is written in place, never replaced") {
  Message error;
  CHECK(write_output_file("/dev/null", "x", {}, error));
  CHECK(fs::is_character_file("/dev/null"));
}

// ---- 3. temporary files on a signal -----------------------------------------------------------------------------

TEST_CASE("a run stopped by SIGTERM removes its spill folder, which only its user could read") {
  TempFolder tmp;
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child: a run with a spill folder holding rows, killed while it works.
    setenv("TMPDIR", tmp.path().c_str(), 1);
    remove_temporary_files_on_signal();
    Message error;
    auto folder = SpillFolder::create(error);
    if (!folder) _exit(3);
    struct stat st;
    if (::stat(folder->path().c_str(), &st) != 0 || (st.st_mode & 0777) != 0700) _exit(4);
    std::ofstream(folder->path() + "/séjours.0") << "310000001;patient 42;GHM 05M09\n";
    ::kill(getpid(), SIGTERM);  // as `kill PID` sends it: to the process
    for (;;) pause();
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));  // it ended by the signal, as if uncaught: the shell sees 143
  CHECK(WTERMSIG(status) == SIGTERM);
  int left = 0;
  for (const auto& e : fs::directory_iterator(tmp.path())) {
    (void)e;
    ++left;
  }
  CHECK(left == 0);
}

TEST_CASE("a spill folder is removed when its run ends by an exception") {
  TempFolder tmp;
  std::string path;
  try {
    Message error;
    auto folder = SpillFolder::create(error);
    REQUIRE(folder);
    path = folder->path();
    std::ofstream(path + "/t.0") << "rows";
    throw std::bad_alloc();
  } catch (const std::bad_alloc&) {
  }
  CHECK(!fs::exists(path));
}

// ---- 2. chains of definitions ------------------------------------------------------------------------------------

// An indicator whose definitions chain `links` times: d1 = d0 + 0 %, d2 = d1 + 0 %... (`reversed`: written from the
// last to the first, so that the checker meets the end of the chain first and walks down it).
std::string chain(int links, bool reversed = false) {
  std::vector<std::string> definitions{"  d0 = 10 %;\n"};
  for (int k = 1; k <= links; ++k)
    definitions.push_back("  d" + std::to_string(k) + " = d" + std::to_string(k - 1) + " + 0 %;\n");
  if (reversed) std::reverse(definitions.begin(), definitions.end());
  std::string text =
      "contrat c \"C\" { années 2022..2022; }\n"
      "table établissements par établissement { statut: code; }\n"
      "indicateur i \"I\" {\n  volet pertinence; niveau régional; source \"PMSI\";\n";
  for (const auto& d : definitions) text += d;
  text += "  valeur = d" + std::to_string(links) + ";\n  ciblage = vrai;\n}\n";
  return text;
}

std::string check_errors(const std::string& text, std::unique_ptr<CheckedProgram>* out = nullptr) {
  TempFolder dir;
  std::string path = dir.write("r.caqes", text);
  Diagnostics diags;
  auto program = load_program(path, diags);
  std::unique_ptr<CheckedProgram> checked;
  if (!diags.has_errors()) checked = check_program(std::move(program), diags);
  if (out) *out = std::move(checked);
  return render_all(diags);
}

TEST_CASE("a chain of 10 000 definitions is a located error of check, not a crash") {
  // Before the bound, check accepted it and run, test, explain and diff --data overflowed the stack near 7 000.
  std::string errors = check_errors(chain(10000));
  CHECK(errors.find("nests more than 2000 levels deep") != std::string::npos);
  CHECK(errors.find("r.caqes:") != std::string::npos);
  // Declared the other way round: the same.
  CHECK(check_errors(chain(3000, true)).find("nests more than 2000 levels deep") != std::string::npos);
  // Just beyond the bound (1 000 links nest 2 000 levels, and valeur reads the last): the error too.
  CHECK(check_errors(chain(1000)).find("nests more than 2000 levels deep") != std::string::npos);
}

TEST_CASE("a chain within the bound checks and evaluates: d900 = 10 % + 900 × 0 %") {
  std::unique_ptr<CheckedProgram> program;
  CHECK(check_errors(chain(900), &program) == "");
  REQUIRE(program);
  TempFolder data;
  data.write("établissements.csv", "finess;statut\n310000001;public\n");
  Diagnostics diags;
  Dataset dataset;
  REQUIRE(load_dataset(*program, data.path(), dataset, diags));
  std::vector<IndicatorResult> results;
  REQUIRE(run_all(*program, dataset, {2022}, results, diags));
  REQUIRE(results.size() == 1);
  CHECK(results[0].value.number() == Decimal::from_fraction(1, 10));
}

TEST_CASE("parameters squared thirty times: a located error, not an abort") {
  std::string text =
      "contrat c \"C\" { années 2022..2022; }\n"
      "table établissements par établissement { statut: code; }\n"
      "paramètre p0 = 12 345 678;\n";
  for (int k = 1; k <= 30; ++k)
    text += "paramètre p" + std::to_string(k) + " = p" + std::to_string(k - 1) + " × p" + std::to_string(k - 1) + ";\n";
  text +=
      "indicateur i \"I\" {\n  volet pertinence; niveau régional; source \"PMSI\";\n  valeur = p30;\n  ciblage = "
      "vrai;\n}\n";
  std::unique_ptr<CheckedProgram> program;
  REQUIRE(check_errors(text, &program) == "");
  TempFolder data;
  data.write("établissements.csv", "finess;statut\n310000001;public\n");
  Diagnostics diags;
  Dataset dataset;
  REQUIRE(load_dataset(*program, data.path(), dataset, diags));
  std::vector<IndicatorResult> results;
  CHECK(!run_all(*program, dataset, {2022}, results, diags));
  std::string errors = render_all(diags);
  // 12 345 678 has 8 digits: p10 has about 8 × 2^10 = 8 192, p11 about 16 384 (more than 10 000), at line 14.
  CHECK(errors.find("r.caqes:14:") != std::string::npos);
  CHECK(errors.find("the exact result has more than 10000 digits") != std::string::npos);
}

// ---- 5. arrondi ----------------------------------------------------------------------------------------------

TEST_CASE("arrondi's decimals: a whole number from 0 to 18, else a located error of check") {
  auto with = [](const std::string& call) {
    return check_errors(
        "contrat c \"C\" { années 2022..2022; }\n"
        "table établissements par établissement { statut: code; }\n"
        "indicateur i \"I\" {\n  volet pertinence; niveau régional; source \"PMSI\";\n  valeur = " +
        call + ";\n  ciblage = vrai;\n}\n");
  };
  CHECK(with("arrondi(1 € / 3, 2)") == "");
  CHECK(with("arrondi(1 € / 3, 18)") == "");
  CHECK(with("arrondi(1 € / 3, 4 294 967 295)")
            .find("r.caqes:5:29: error: arrondi(x, n): n is a number of decimals, "
                  "from 0 to 18") != std::string::npos);
  CHECK(with("arrondi(1 € / 3, 1 000 000 000)").find("from 0 to 18") != std::string::npos);
  CHECK(with("arrondi_sup(1 € / 3, 19)").find("arrondi_sup(x, n): n is a number of decimals") != std::string::npos);
  CHECK(with("arrondi(1 € / 3, -1)").find("r.caqes:5:") != std::string::npos);
  CHECK(with("arrondi(1 € / 3, 1,5)").find("r.caqes:5:") != std::string::npos);
}

// ---- 7. reads ----------------------------------------------------------------------------------------------------

TEST_CASE("a named pipe, a device or a huge file is refused as rules, without blocking or reading it") {
  TempFolder dir;
  std::string fifo = dir.path() + "/pipe.caqes";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string text;
  Message error;
  CHECK(!read_rules_file(fifo, text, error));  // returns at once: no writer is waited for
  CHECK(error.in(Language::En) == "'" + fifo +
                                      "' is not a regular file (a pipe, a device or a folder): rules are read "
                                      "from files only");
  CHECK(!read_rules_file("/dev/zero", text, error));
  CHECK(error.in(Language::En).find("is not a rules file") != std::string::npos);
  std::string big = dir.write("big.caqes", std::string(kMaxRulesFileBytes + 1, ' '));
  CHECK(!read_rules_file(big, text, error));
  CHECK(error.in(Language::En) == "'" + big + "' is larger than 1 MiB, the most a rules file may be");
  // étend naming a pipe: a located error, no hang.
  std::string rules = dir.write("r.caqes", "importe \"pipe.caqes\";\ncontrat c \"C\" { années 2022..2022; }\n");
  Diagnostics diags;
  load_program(rules, diags);
  CHECK(render_all(diags).find("r.caqes:1:1: error: '") != std::string::npos);
  CHECK(render_all(diags).find("pipe.caqes' is not a regular file") != std::string::npos);
}

TEST_CASE("a data file that is a named pipe is a located error, not a run that waits for ever") {
  std::unique_ptr<CheckedProgram> program;
  REQUIRE(check_errors(chain(1), &program) == "");
  TempFolder data;
  std::string fifo = data.path() + "/établissements.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  Diagnostics diags;
  Dataset dataset;
  CHECK(!load_dataset(*program, data.path(), dataset, diags));
  CHECK(render_all(diags).find("is not a regular file (a pipe, a device or a folder): data are read from files only") !=
        std::string::npos);
}

// ---- 8. unbounded growth ------------------------------------------------------------------------------------------

TEST_CASE("a header of 5 000 undeclared columns gives 100 messages and one line for the rest") {
  std::unique_ptr<CheckedProgram> program;
  REQUIRE(check_errors(chain(1), &program) == "");
  TempFolder data;
  std::string header = "finess;statut";
  for (int i = 0; i < 5000; ++i) header += ";x" + std::to_string(i);
  data.write("établissements.csv", header + "\n");
  Diagnostics diags;
  Dataset dataset;
  CHECK(!load_dataset(*program, data.path(), dataset, diags));
  CHECK(diags.error_count() == 5000);
  CHECK(diags.items().size() == 100);
  std::string text = render_all(diags);
  std::size_t lines = 0;
  for (std::size_t at = text.find("is not declared"); at != std::string::npos;
       at = text.find("is not declared", at + 1))
    ++lines;
  CHECK(lines == 100);
  CHECK(text.find("caqes: note: 4900 more of the same kind not shown (the first 100 are above)") != std::string::npos);
}

TEST_CASE("a number of more than 10 000 digits is refused, in the rules and in the data") {
  const std::string contract =
      "contrat c \"C\" { années 2022..2022; }\n"
      "table établissements par établissement { statut: code; }\n";
  CHECK(check_errors(contract + "paramètre p = " + std::string(10001, '7') + ";\n")
            .find("r.caqes:3:15: error: a number has at most 10000 digits") != std::string::npos);
  CHECK(check_errors(contract + "paramètre p = " + std::string(10000, '7') + ";\n") == "");
  Value out;
  Message error;
  CHECK(!parse_cell(ColumnType::Decimal, std::string(10001, '7'), out, error));
  CHECK(parse_cell(ColumnType::Decimal, std::string(10000, '7'), out, error));
}

// ---- 4. terminal escapes ------------------------------------------------------------------------------------------

TEST_CASE("control characters are shown escaped; text, accents and tabs as they are") {
  CHECK(visible("Clinique \x1b[2J\x1b]0;x\x07") == "Clinique \\x1b[2J\\x1b]0;x\\x07");
  CHECK(visible("établissement\tprivé\n") == "établissement\tprivé\n");
  CHECK(visible("a\nb", false) == "a\\x0ab");
  CHECK(visible("\xC2\x9B"
                "31m") == "\\u009b31m");  // CSI as a C1 control, in UTF-8
  CHECK(visible("abc\xE2\x80\xAE"
                "def") == "abc\\u202edef");  // right-to-left override
  CHECK(visible("caf\xE9") == "caf\\xe9");   // not UTF-8
  CHECK(visible("\x7F") == "\\x7f");
}

// ---- 9. data quality ----------------------------------------------------------------------------------------------

TEST_CASE("years are four digits; booleans oui or non") {
  Value out;
  Message error;
  CHECK(parse_cell(ColumnType::Year, "2022", out, error));
  CHECK(out.number() == Decimal(2022));
  CHECK(parse_cell(ColumnType::Year, " 2022 ", out, error));
  for (const char* bad : {"2 022", "2022,0", "2022.0", "+2022", "02022", "2\u00a0022"}) {
    CHECK_MESSAGE(!parse_cell(ColumnType::Year, bad, out, error), bad);
  }
  CHECK(parse_cell(ColumnType::Boolean, "oui", out, error));
  CHECK(out.boolean());
  CHECK(parse_cell(ColumnType::Boolean, "Non", out, error));
  CHECK(!out.boolean());
  for (const char* bad : {"vrai", "faux", "1", "0", "true", "o", "n"}) {
    CHECK_MESSAGE(!parse_cell(ColumnType::Boolean, bad, out, error), bad);
    CHECK(error.in(Language::Fr).find("écrivez oui ou non") != std::string::npos);
  }
}

}  // namespace
}  // namespace caqes
