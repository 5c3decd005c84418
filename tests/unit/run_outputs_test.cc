// Unit tests of what the outputs of `caqes run` share (cli/text_table.h, cli/manifest.h): the neutralisation of
// text a spreadsheet would run, FINESS kept as text, windows-1252, SHA-256, the date of the manifest.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/manifest.h"
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

}  // namespace
}  // namespace caqes
