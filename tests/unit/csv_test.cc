// Unit tests of CsvReader: files written to a temporary folder and read back.
#include "data/csv.h"

#include <doctest/doctest.h>

#include "rules_file.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace caqes {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMiB = std::size_t{1} << 20;


std::unique_ptr<CsvReader> open_ok(const TempFolder& folder, const std::string& bytes) {
  auto opened = CsvReader::open(folder.write("data.csv", bytes));
  if (auto* error = std::get_if<CsvError>(&opened))
    FAIL("unexpected error: ", error->located_message().in(Language::En));
  return std::move(std::get<std::unique_ptr<CsvReader>>(opened));
}

CsvError open_error(const TempFolder& folder, const std::string& bytes) {
  auto opened = CsvReader::open(folder.write("data.csv", bytes));
  REQUIRE(std::holds_alternative<CsvError>(opened));
  return std::get<CsvError>(opened);
}

struct Contents {
  std::vector<std::vector<std::string>> records;
  std::vector<long> lines;
  std::optional<CsvError> error;
};

Contents read_all(CsvReader& reader) {
  Contents contents;
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    contents.records.emplace_back(fields.begin(), fields.end());
    contents.lines.push_back(reader.record_line());
  }
  contents.error = reader.error();
  return contents;
}

using Record = std::vector<std::string>;

// Header "a;b" then filler records of at most 80 bytes, up to `size` bytes exactly.
std::string padding_to(std::size_t size) {
  std::string text = "a;b\n";
  while (text.size() < size) {
    std::size_t left = size - text.size();
    std::size_t line = left <= 80 ? left : (left - 80 >= 4 ? 80 : left - 4);  // every line holds at least "0;x\n"
    text += "0;";
    text.append(line - 3, 'x');
    text += '\n';
  }
  REQUIRE(text.size() == size);
  return text;
}

TEST_CASE("semicolon-separated UTF-8") {
  TempFolder folder;
  auto reader = open_ok(folder, "finess;nom;montant\n010000024;CH Bourg;1 234,5\n310781406;CHU Toulouse;20 000\n");
  CHECK(reader->delimiter() == ';');
  CHECK(reader->encoding() == Encoding::Utf8);
  CHECK(reader->header() == Record{"finess", "nom", "montant"});
  Contents contents = read_all(*reader);
  CHECK_FALSE(contents.error.has_value());
  CHECK(contents.records ==
        std::vector<Record>{{"010000024", "CH Bourg", "1 234,5"}, {"310781406", "CHU Toulouse", "20 000"}});
  CHECK(contents.lines == std::vector<long>{2, 3});
}

TEST_CASE("comma-separated") {
  TempFolder folder;
  auto reader = open_ok(folder, "a,b,c\n1,2,3\n");
  CHECK(reader->delimiter() == ',');
  CHECK(reader->header() == Record{"a", "b", "c"});
  CHECK(read_all(*reader).records == std::vector<Record>{{"1", "2", "3"}});
}

TEST_CASE("a ';' in the header wins over ','") {
  TempFolder folder;
  auto reader = open_ok(folder, "a;b,c\n1;2,3\n");
  CHECK(reader->delimiter() == ';');
  CHECK(reader->header() == Record{"a", "b,c"});
  CHECK(read_all(*reader).records == std::vector<Record>{{"1", "2,3"}});
}

TEST_CASE("a ';' inside quotes in the header does not count") {
  TempFolder folder;
  auto reader = open_ok(folder, "\"x;y\",b\n1,2\n");
  CHECK(reader->delimiter() == ',');
  CHECK(reader->header() == Record{"x;y", "b"});
}

TEST_CASE("header names are trimmed, data fields are not") {
  TempFolder folder;
  auto reader = open_ok(folder, " a ; b\t\n 1 ;2\n");
  CHECK(reader->header() == Record{"a", "b"});
  CHECK(read_all(*reader).records == std::vector<Record>{{" 1 ", "2"}});
}

TEST_CASE("a UTF-8 byte order mark is skipped") {
  TempFolder folder;
  auto reader = open_ok(folder, "\uFEFFa;b\n\xC3\xA9;x\n");
  CHECK(reader->encoding() == Encoding::Utf8Bom);
  CHECK(reader->header() == Record{"a", "b"});
  std::vector<std::string_view> fields;
  REQUIRE(reader->next(fields));
  CHECK(fields[0] == "\xC3\xA9");
  CHECK(reader->field_column(0) == 1);
  CHECK(reader->field_column(1) == 3);  // columns count characters: "é" is one
  CHECK_FALSE(reader->next(fields));
  CHECK_FALSE(reader->error().has_value());
}

TEST_CASE("Latin-1 is read back as UTF-8") {
  TempFolder folder;
  auto reader = open_ok(folder,
                        "r\xE9gion;ville;note\n"
                        "Occitanie;B\xE9ziers;\"\xE9t\xE9 \"\"chaud\"\"\"\n"
                        "\xE9\xE9;h\xF4pital;\x80 \x9C\x75vre\n");
  CHECK(reader->encoding() == Encoding::Latin1);
  CHECK(reader->header() == Record{"r\xC3\xA9gion", "ville", "note"});
  std::vector<std::string_view> fields;
  REQUIRE(reader->next(fields));
  CHECK(fields[1] == "B\xC3\xA9ziers");
  CHECK(fields[2] == "\xC3\xA9t\xC3\xA9 \"chaud\"");
  REQUIRE(reader->next(fields));
  CHECK(fields[0] == "\xC3\xA9\xC3\xA9");
  CHECK(fields[1] == "h\xC3\xB4pital");
  CHECK(fields[2] == "\xE2\x82\xAC \xC5\x93uvre");  // Windows-1252: 0x80 is '€', 0x9C is 'œ'
  CHECK(reader->field_column(1) == 4);
  CHECK_FALSE(reader->next(fields));
  CHECK_FALSE(reader->error().has_value());
}

TEST_CASE("quoted fields may hold the delimiter and line breaks") {
  TempFolder folder;
  auto reader = open_ok(folder,
                        "id;texte;n\n"
                        "1;\"a;b\";2\n"
                        "2;\"ligne 1\nligne 2\";3\n"
                        "3;x;4\n");
  std::vector<std::string_view> fields;
  REQUIRE(reader->next(fields));
  CHECK(fields[1] == "a;b");
  CHECK(reader->record_line() == 2);
  CHECK(reader->field_column(1) == 3);
  CHECK(reader->field_column(2) == 9);
  REQUIRE(reader->next(fields));
  CHECK(fields[1] == "ligne 1\nligne 2");
  CHECK(fields[2] == "3");
  CHECK(reader->record_line() == 3);
  CHECK(reader->field_line(1) == 3);
  CHECK(reader->field_line(2) == 4);
  CHECK(reader->field_column(2) == 10);
  REQUIRE(reader->next(fields));
  CHECK(fields[0] == "3");
  CHECK(reader->record_line() == 5);
  CHECK(reader->field_line(5) == 0);
  CHECK_FALSE(reader->next(fields));
  CHECK_FALSE(reader->error().has_value());
}

TEST_CASE("doubled quotes are unescaped") {
  TempFolder folder;
  auto reader = open_ok(folder, "a;b;c;d\n\"il dit \"\"oui\"\"\";\"\"\"d\xC3\xA9\x62ut\";\"\";\"\"\"\"\n");
  std::vector<std::string_view> fields;
  REQUIRE(reader->next(fields));
  CHECK(fields[0] == "il dit \"oui\"");
  CHECK(fields[1] == "\"d\xC3\xA9\x62ut");
  CHECK(fields[2] == "");
  CHECK(fields[3] == "\"");
}

TEST_CASE("CRLF line endings") {
  TempFolder folder;
  auto reader = open_ok(folder, "a;b\r\n1;2\r\n\"x\";\"l1\r\nl2\"\r\n3;4\r\n");
  CHECK(reader->header() == Record{"a", "b"});
  Contents contents = read_all(*reader);
  CHECK_FALSE(contents.error.has_value());
  CHECK(contents.records == std::vector<Record>{{"1", "2"}, {"x", "l1\r\nl2"}, {"3", "4"}});
  CHECK(contents.lines == std::vector<long>{2, 3, 5});
}

TEST_CASE("a lone CR inside a field is data") {
  TempFolder folder;
  auto reader = open_ok(folder, "a;b\n1\r2;3\n");
  CHECK(read_all(*reader).records == std::vector<Record>{{"1\r2", "3"}});
}

TEST_CASE("the last line may lack its line break") {
  TempFolder folder;
  CHECK(read_all(*open_ok(folder, "a;b\n1;2")).records == std::vector<Record>{{"1", "2"}});
  CHECK(read_all(*open_ok(folder, "a;b\n1;\"2\"")).records == std::vector<Record>{{"1", "2"}});
  CHECK(read_all(*open_ok(folder, "a;b\n1;")).records == std::vector<Record>{{"1", ""}});
  CHECK(read_all(*open_ok(folder, "a;b\r\n1;2\r")).records == std::vector<Record>{{"1", "2"}});
}

TEST_CASE("empty lines at the end are ignored") {
  TempFolder folder;
  Contents contents = read_all(*open_ok(folder, "a;b\n1;2\n\n\r\n  \n"));
  CHECK_FALSE(contents.error.has_value());
  CHECK(contents.records == std::vector<Record>{{"1", "2"}});
}

TEST_CASE("an empty line before the end is an error") {
  TempFolder folder;
  auto reader = open_ok(folder, "a;b\n1;2\n\n\n3;4\n");
  std::vector<std::string_view> fields;
  REQUIRE(reader->next(fields));
  CHECK_FALSE(reader->next(fields));
  REQUIRE(reader->error().has_value());
  CHECK(reader->error()->line == 3);
  CHECK(reader->error()->located_message().in(Language::En) ==
        "line 3: empty line: only the end of the file may have empty lines");
  CHECK_FALSE(reader->next(fields));
}

TEST_CASE("a record with another number of fields than the header") {
  TempFolder folder;
  Contents contents = read_all(*open_ok(folder, "a;b;c;d\n1;2;3;4\n1;2;3;4;5\n"));
  CHECK(contents.records.size() == 1);
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->located_message().in(Language::En) == "line 3: 5 fields, the header has 4");

  contents = read_all(*open_ok(folder, "a;b;c;d\nx\n"));
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->located_message().in(Language::En) == "line 2: 1 field, the header has 4");

  // The line count goes on through a quoted line break.
  contents = read_all(*open_ok(folder, "a;b\n\"x\ny\";1\n2;3;4\n"));
  CHECK(contents.records == std::vector<Record>{{"x\ny", "1"}});
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->located_message().in(Language::En) == "line 4: 3 fields, the header has 2");
}

TEST_CASE("an unterminated quote is reported where it opened") {
  TempFolder folder;
  Contents contents = read_all(*open_ok(folder, "a;b\n1;2\n3;\"abc\n4;5\n"));
  CHECK(contents.records == std::vector<Record>{{"1", "2"}});
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->line == 3);
  CHECK(contents.error->column == 3);
  CHECK(contents.error->message.in(Language::En) == "unterminated quoted field: this quote is never closed");
}

TEST_CASE("a quote in the middle of an unquoted field") {
  TempFolder folder;
  Contents contents = read_all(*open_ok(folder, "a;b\n1;ab\"c\n"));
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->line == 2);
  CHECK(contents.error->column == 5);
  CHECK(contents.error->message.in(Language::En).rfind("quote in the middle of an unquoted field", 0) == 0);
}

TEST_CASE("text after a closing quote") {
  TempFolder folder;
  Contents contents = read_all(*open_ok(folder, "a;b\n1;\"ab\"c\n"));
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->line == 2);
  CHECK(contents.error->column == 7);
}

TEST_CASE("a NUL byte means a binary file") {
  TempFolder folder;
  Contents contents = read_all(*open_ok(folder, std::string("a;b\n1;2\n333;ab\0d\n", 17)));
  CHECK(contents.records.size() == 1);
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->located_message().in(Language::En) ==
        "line 3, column 7: NUL byte: this is not a text CSV file");
}

TEST_CASE("invalid UTF-8 after the first 64 KiB") {
  TempFolder folder;
  std::string text = "a;b\n";
  for (int i = 0; i < 20000; ++i) text += "\xC3\xA9;xx\n";  // 6 bytes a line: 120 000 bytes of valid UTF-8
  text += "ok;\xE9t\xE9\n";
  auto reader = open_ok(folder, text);
  CHECK(reader->encoding() == Encoding::Utf8);
  Contents contents = read_all(*reader);
  CHECK(contents.records.size() == 20000);
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->line == 20002);
  CHECK(contents.error->column == 4);
  CHECK(contents.error->message.in(Language::En).rfind("invalid UTF-8 (byte 0xE9)", 0) == 0);
}

TEST_CASE("invalid UTF-8 in a file with a byte order mark") {
  TempFolder folder;
  Contents contents = read_all(*open_ok(folder, "\uFEFFa;b\n\xC3\xA9;\xFF\n"));
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->line == 2);
  CHECK(contents.error->column == 3);
}

TEST_CASE("files without a header") {
  TempFolder folder;
  CHECK(open_error(folder, "").message.in(Language::En) == "empty file: there is no header line");
  CHECK(open_error(folder, "").line == 0);
  CHECK(open_error(folder, "\xEF\xBB\xBF").message.in(Language::En) == "empty file: there is no header line");
  CHECK(open_error(folder, "\n\r\n").message.in(Language::En) == "empty file: there is no header line");
  CHECK(open_error(folder, "\na;b\n").located_message().in(Language::En) ==
        "line 1: the first line is empty: it must be the header");
}

TEST_CASE("a header and no records") {
  TempFolder folder;
  for (const char* text : {"a;b\n", "a;b", "a;b\n\n"}) {
    CAPTURE(text);
    auto reader = open_ok(folder, text);
    CHECK(reader->header() == Record{"a", "b"});
    std::vector<std::string_view> fields;
    CHECK_FALSE(reader->next(fields));
    CHECK_FALSE(reader->error().has_value());
  }
}

TEST_CASE("files that cannot be read as CSV") {
  TempFolder folder;
  auto missing = CsvReader::open((fs::temp_directory_path() / "caqes_no_such_dir" / "missing.csv").string());
  REQUIRE(std::holds_alternative<CsvError>(missing));
  CHECK(std::get<CsvError>(missing).message.in(Language::En).rfind("cannot open '", 0) == 0);

  CHECK(open_error(folder, "a\tb\n1\t2\n").located_message().in(Language::En) ==
        "line 1: tab-separated files are not supported: the delimiter must be ';' or ','");
  CHECK(open_error(folder, std::string("\xFF\xFEx\0;\0", 6)).message.in(Language::En) ==
        "the file is UTF-16 text, which is not supported: save it as UTF-8");
  CHECK(open_error(folder, std::string("a;\0\n", 4)).located_message().in(Language::En) ==
        "line 1, column 3: NUL byte: this is not a text CSV file");
}

// The first read fills 1 MiB exactly: these records straddle that boundary at their most delicate byte.
TEST_CASE("records across the first block boundary") {
  TempFolder folder;
  struct Case {
    std::string record;
    std::size_t delicate;  // index in the record of the byte that lands last in the block
    Record expected;
  };
  const Case cases[] = {
      {"1;h\xC3\xA9\n", 3, {"1", "h\xC3\xA9"}},            // a 2-byte UTF-8 character cut in two
      {"1;2\r\n", 3, {"1", "2"}},                          // CR | LF
      {"1;\"a\"\"b\"\n", 4, {"1", "a\"b"}},                // " | " of an escaped quote
      {"1;\"ab\"\n", 5, {"1", "ab"}},                      // the closing quote
      {"1;2\n", 3, {"1", "2"}},                            // the line feed
      {"1;\"x\ny\"\n", 4, {"1", "x\ny"}},                  // a quoted line break
      {"1;\"\xE2\x82\xAC\"\n", 3, {"1", "\xE2\x82\xAC"}},  // a 3-byte UTF-8 character cut after one byte
      {"1;\"\xE2\x82\xAC\"\n", 4, {"1", "\xE2\x82\xAC"}},  // ... and after two
  };
  for (const Case& c : cases) {
    CAPTURE(c.record);
    std::string text = padding_to(kMiB - 1 - c.delicate);
    std::size_t fillers = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) - 1;
    text += c.record;
    text += "2;3\n";
    auto reader = open_ok(folder, text);
    CHECK(reader->encoding() == Encoding::Utf8);
    Contents contents = read_all(*reader);
    CHECK_FALSE(contents.error.has_value());
    REQUIRE(contents.records.size() == fillers + 2);
    CHECK(contents.records[fillers] == c.expected);
    CHECK(contents.records[fillers + 1] == Record{"2", "3"});
    long record_lines = std::count(c.record.begin(), c.record.end(), '\n');
    CHECK(contents.lines[fillers] == static_cast<long>(fillers) + 2);
    CHECK(contents.lines[fillers + 1] == static_cast<long>(fillers) + 2 + record_lines);
  }
}

TEST_CASE("a field longer than the buffer") {
  TempFolder folder;
  std::string big(3 * kMiB, 'z');
  big[kMiB] = '\n';
  auto reader = open_ok(folder, "a;b\n1;\"" + big + "\"\n2;3\n");
  Contents contents = read_all(*reader);
  CHECK_FALSE(contents.error.has_value());
  REQUIRE(contents.records.size() == 2);
  CHECK(contents.records[0][1] == big);
  CHECK(contents.lines == std::vector<long>{2, 4});
}

TEST_CASE("a quote left open does not load the whole file") {
  TempFolder folder;
  std::string text = "a;b\n1;2\n3;\"";
  text.append(65 * kMiB, 'q');
  Contents contents = read_all(*open_ok(folder, text));
  CHECK(contents.records.size() == 1);
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->located_message().in(Language::En) ==
        "line 3, column 3: unterminated quoted field: this quote is not closed within 64 MiB");
}

TEST_CASE("many records over many blocks") {
  TempFolder folder;
  std::string text = "id;name;amount\n";
  for (int i = 0; i < 200000; ++i) {
    text += std::to_string(i);
    text += i % 1000 == 0 ? ";\"multi\nline\";" : ";name;";
    text += std::to_string(i % 97);
    text += '\n';
  }
  auto reader = open_ok(folder, text);
  std::vector<std::string_view> fields;
  long count = 0, amount_sum = 0;
  long expected_line = 2;
  bool lines_right = true;
  while (reader->next(fields)) {
    lines_right = lines_right && reader->record_line() == expected_line;
    expected_line += count % 1000 == 0 ? 2 : 1;
    amount_sum += std::stol(std::string(fields[2]));
    ++count;
  }
  CHECK_FALSE(reader->error().has_value());
  CHECK(count == 200000);
  CHECK(lines_right);
  long expected_sum = 0;
  for (int i = 0; i < 200000; ++i) expected_sum += i % 97;
  CHECK(amount_sum == expected_sum);
}

}  // namespace
}  // namespace caqes
