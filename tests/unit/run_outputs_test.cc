// Unit tests of what the outputs of `caqes run` share (cli/text_table.h, cli/manifest.h): the neutralisation of
// text a spreadsheet would run, FINESS kept as text, windows-1252, SHA-256, the date of the manifest, and the
// summaries every output shows (cli/run_summary.h).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "cli/manifest.h"
#include "cli/run_summary.h"
#include "cli/text_table.h"

namespace caqes {
namespace {

TEST_CASE("text from the data that a spreadsheet would run as a formula gets a leading apostrophe") {
  CHECK(spreadsheet_text("=1+2") == "'=1+2");
  CHECK(spreadsheet_text("+33 5 61") == "'+33 5 61");
  CHECK(spreadsheet_text("-2+3") == "'-2+3");
  CHECK(spreadsheet_text("@SOMME(A1)") == "'@SOMME(A1)");
  CHECK(spreadsheet_text("\tx") == "'\tx");
  CHECK(spreadsheet_text("\rx") == "'\rx");
  // Anything else is left as it is, an '=' inside included.
  CHECK(spreadsheet_text("Centre hospitalier A") == "Centre hospitalier A");
  CHECK(spreadsheet_text("a=b") == "a=b");
  CHECK(spreadsheet_text("") == "");
}

TEST_CASE("a FINESS is written for French Excel as a text formula, which keeps its leading zero") {
  CHECK(spreadsheet_code("090476856") == "=\"090476856\"");
  CHECK(spreadsheet_code("2A0000001") == "=\"2A0000001\"");
  // Not a plain code: neutralised as any text, never wrapped in a formula.
  CHECK(spreadsheet_code("=HYPERLINK(1)") == "'=HYPERLINK(1)");
  CHECK(spreadsheet_code("31 000") == "31 000");
  // Through the CSV writer, the quotes are doubled inside a quoted cell.
  CHECK(csv_table({"entité"}, {{spreadsheet_code("090476856")}}) == "entité\n\"=\"\"090476856\"\"\"\n");
}

TEST_CASE("UTF-8 to windows-1252: Latin-1 letters, the euro sign, and the characters it lacks") {
  std::string out, bad, context;
  // é = 0xE9, € = 0x80, ’ = 0x92, œ = 0x9C (windows-1252's table), — = 0x97.
  REQUIRE(to_windows_1252("Séjours € ’œ—", out, bad, context));
  CHECK(out == "S\xE9jours \x80 \x92\x9C\x97");
  REQUIRE(to_windows_1252("x ≥ 2, y ≤ 3, z ≠ 4, −1", out, bad, context));
  CHECK(out == "x >= 2, y <= 3, z != 4, -1");
  CHECK_FALSE(to_windows_1252("a;b\nCentre Ω;c\nd", out, bad, context));
  CHECK(bad == "Ω");
  CHECK(context == "Centre Ω;c");
}

TEST_CASE("SHA-256 of known texts (FIPS 180-2's examples)") {
  CHECK(sha256_of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  auto path = std::filesystem::temp_directory_path() / "caqes-sha256-test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "abc";
  }
  CHECK(sha256_of_file(path.string()) == std::optional<std::string>(sha256_of("abc")));
  std::filesystem::remove(path);
  CHECK_FALSE(sha256_of_file("/no/such/file"));
}

TEST_CASE("the manifest's digests computed on their own thread: the files kept, and any other when asked") {
  auto folder = std::filesystem::temp_directory_path() / "caqes-digests-test";
  std::filesystem::create_directories(folder);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream out(folder / name, std::ios::binary);
    out << text;
    return (folder / name).string();
  };
  std::string a = write("a.csv", "abc"), b = write("b.csv", ""), other = write("notes.txt", "abc");
  std::string missing = (folder / "gone.csv").string();
  CHECK(csv_files_in(folder.string()) == std::vector<std::string>{a, b});
  CHECK(csv_files_in((folder / "no-such-folder").string()).empty());
  FileDigests digests;
  digests.start({a, b, missing});
  digests.keep({a, missing});
  // FIPS 180-2's digest of "abc", and of the empty text.
  CHECK(digests.digest(a) == std::optional<std::string>("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  CHECK(digests.digest(b) == std::optional<std::string>("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  CHECK(digests.digest(other) == std::optional<std::string>("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  CHECK_FALSE(digests.digest(missing));
  std::filesystem::remove_all(folder);
}

TEST_CASE("the date of the manifest follows SOURCE_DATE_EPOCH, and refuses what is not a number of seconds") {
  const char* saved = std::getenv("SOURCE_DATE_EPOCH");
  std::string keep = saved ? saved : "";
  std::string date;
  Message error;
  setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
  REQUIRE(run_date(date, error));
  CHECK(date == "2026-01-01T00:00:00Z");
  setenv("SOURCE_DATE_EPOCH", "86399", 1);
  REQUIRE(run_date(date, error));
  CHECK(date == "1970-01-01T23:59:59Z");
  setenv("SOURCE_DATE_EPOCH", "hier", 1);
  CHECK_FALSE(run_date(date, error));
  CHECK(error.in(Language::En) == "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01 UTC, not 'hier'");
  unsetenv("SOURCE_DATE_EPOCH");
  REQUIRE(run_date(date, error));
  CHECK(date.size() == 20);
  if (saved) setenv("SOURCE_DATE_EPOCH", keep.c_str(), 1);
}

Value euros(long long cents) {
  return Value(Decimal::from_fraction(cents, 100));
}

TEST_CASE("the summaries of a run: totals per indicator and year, per signing entity, the amount notified") {
  CheckedProgram program;
  program.indicators.resize(2);
  program.indicators[0].name = "payé";
  program.indicators[0].incentive = 0;  // defines an incentive
  program.indicators[1].name = "cible";
  program.indicators[1].achieved = 0;  // defines a target, no incentive
  Dataset data;
  data.entities = {"310000001", "310000002", "310000003"};
  for (int e = 0; e < 3; ++e) data.entity_index[data.entities[e]] = e;
  // 310000001 and 310000002 are signed for by the EJ 319100001; 310000003 signs for itself.
  std::vector<std::string> signatories = {"319100001", "319100001", "310000003"};
  std::vector<std::string> groups = {"public", "public", "privé"};
  auto result = [](int indicator, int entity, bool targeted, Value incentive, Value achieved = Value()) {
    IndicatorResult r;
    r.indicator = indicator;
    r.entity = entity;
    r.year = 2022;
    r.targeted = targeted;
    r.incentive = std::move(incentive);
    r.achieved = std::move(achieved);
    return r;
  };
  std::vector<IndicatorResult> results = {
      result(0, 0, true, euros(1050)),   // 10,50 €
      result(0, 1, true, Value()),       // targeted, incentive absent
      result(0, 2, true, euros(20001)),  // 200,01 €
      result(1, 0, true, Value(), Value(true)),
      result(1, 1, false, Value()),
      result(1, 2, true, Value(), Value(false)),
  };
  std::vector<int> years = {2022};
  Manifest manifest;
  RunResults run{program, data, results, years, true, signatories, groups, manifest};
  RunSummary s = summarise(run);

  REQUIRE(s.indicators.size() == 2);
  CHECK(s.group_names == std::vector<std::string>{"privé", "public"});
  const IndicatorYearSummary& paid = s.indicators[0];
  CHECK(paid.establishments == 3);
  CHECK(paid.targeted == 3);
  CHECK(paid.missing == 1);
  CHECK(paid.incentive == Decimal::from_fraction(21051, 100));  // 10,50 + 200,01
  CHECK(paid.targeted_by_group.at("public") == 2);
  CHECK(paid.targeted_by_group.at("privé") == 1);
  const IndicatorYearSummary& target = s.indicators[1];
  CHECK_FALSE(target.pays);
  CHECK(target.targeted == 2);
  CHECK(target.reached == 1);
  CHECK(target.missing == 0);  // no incentive defined: nothing is missing

  // Per signing entity and indicator: every pair, also the indicator without incentive.
  CHECK(s.signatory_lines.size() == 4);
  REQUIRE(s.signatory_totals.size() == 2);
  const SignatoryTotal& ej = s.signatory_totals[1];
  CHECK(ej.signatory == "319100001");
  CHECK(ej.establishments == 2);
  CHECK(ej.targeted_lines == 3);  // payé × 2, cible × 1
  CHECK(ej.missing == 1);
  CHECK(ej.incentive == Decimal::from_fraction(1050, 100));
  const SignatoryTotal& eg = s.signatory_totals[0];
  CHECK(eg.signatory == "310000003");
  CHECK(eg.establishments == 1);
  CHECK(eg.incentive == Decimal::from_fraction(20001, 100));
  CHECK(eg.missing == 0);
}

}  // namespace
}  // namespace caqes
