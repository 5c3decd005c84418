// Unit tests of the cutting of a CSV file into ranges of records (data/csv_split.h) and of the reading of one range
// (CsvReader::restrict_to): every cut falls at a record, quoted line breaks included, each range knows its first
// line, and the ranges read one after the other give the records, the lines and the first error of one reading.
#include "data/csv_split.h"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/csv.h"
#include "rules_file.h"

namespace caqes {
namespace {

struct Reading {
  std::vector<std::vector<std::string>> records;
  std::vector<long> lines;
  std::optional<CsvError> error;
};

std::unique_ptr<CsvReader> open_ok(const std::string& path) {
  auto opened = CsvReader::open(path);
  REQUIRE(std::holds_alternative<std::unique_ptr<CsvReader>>(opened));
  return std::move(std::get<std::unique_ptr<CsvReader>>(opened));
}

// Reads until the end or the first error, appending to `into`; false on an error.
bool read_into(CsvReader& reader, Reading& into) {
  std::vector<std::string_view> fields;
  while (reader.next(fields)) {
    into.records.emplace_back(fields.begin(), fields.end());
    into.lines.push_back(reader.record_line());
  }
  into.error = reader.error();
  return !into.error;
}

// The file read in `parts` ranges, one after the other, stopping at the first range with an error.
Reading read_in_parts(const std::string& path, int parts, int threads, std::vector<CsvRange>& ranges) {
  auto header = open_ok(path);
  auto [begin, line] = header->data_start();
  Message error;
  REQUIRE(split_csv(path, begin, line, parts, threads, ranges, error));
  REQUIRE(ranges.size() == static_cast<std::size_t>(parts));
  Reading reading;
  for (const CsvRange& range : ranges) {
    auto reader = open_ok(path);
    REQUIRE(reader->restrict_to(range.begin, range.end, range.first_line));
    if (!read_into(*reader, reading)) break;
  }
  return reading;
}

// Header (8 bytes, line 1), then records at bytes 8, 12, 20, 33, 37: a quoted field holding a line break (record
// on lines 3-4), one holding escaped quotes and two line breaks (lines 5-7), a last record without a line end.
const std::string kQuoted =
    std::string("\"a\";\"b\"\n") + "1;x\n" + "2;\"y\nz\"\n" + "3;\"\"\"q\"\"\n\nr\"\n" + "4;w\n" + "5;v";

TEST_CASE("a file cut at records: quoted line breaks are not cuts, each range knows its line") {
  TempFolder folder;
  std::string path = folder.write("t.csv", kQuoted);
  REQUIRE(kQuoted.size() == 40);
  const std::map<unsigned long long, long> record_lines = {{8, 2}, {12, 3}, {20, 5}, {33, 8}, {37, 9}};
  const std::vector<std::vector<std::string>> records = {
      {"1", "x"}, {"2", "y\nz"}, {"3", "\"q\"\n\nr"}, {"4", "w"}, {"5", "v"}};
  const std::vector<long> lines = {2, 3, 5, 8, 9};
  for (int parts : {1, 2, 3, 7, 40}) {
    for (int threads : {1, 2}) {
      CAPTURE(parts);
      CAPTURE(threads);
      std::vector<CsvRange> ranges;
      Reading reading = read_in_parts(path, parts, threads, ranges);
      CHECK_FALSE(reading.error);
      CHECK(reading.records == records);
      CHECK(reading.lines == lines);
      // The ranges follow one another from the first record to the end of the file.
      CHECK(ranges.front().begin == 8);
      CHECK(ranges.back().end == 40);
      int empty = 0;
      for (std::size_t k = 0; k < ranges.size(); ++k) {
        if (k > 0) CHECK(ranges[k].begin == ranges[k - 1].end);
        if (ranges[k].begin == ranges[k].end) {
          ++empty;
          continue;
        }
        auto at = record_lines.find(ranges[k].begin);
        REQUIRE_MESSAGE(at != record_lines.end(), "range starting at byte ", ranges[k].begin);
        CHECK(ranges[k].first_line == at->second);
      }
      // 5 records: at most 5 ranges hold some.
      CHECK(empty >= parts - 5);
    }
  }
}

TEST_CASE("a file cut at records: the first error in the order of the file, at its line, whatever the parts") {
  TempFolder folder;
  // 40 good records (lines 2-41), a record of 3 fields on line 42, then 40 more good ones.
  std::string text = "a;b\n";
  for (int i = 0; i < 40; ++i) text += std::to_string(i) + ";\"x\"\n";
  text += "40;x;y\n";
  for (int i = 41; i < 81; ++i) text += std::to_string(i) + ";x\n";
  std::string path = folder.write("t.csv", text);
  for (int parts : {1, 2, 3, 7}) {
    CAPTURE(parts);
    std::vector<CsvRange> ranges;
    Reading reading = read_in_parts(path, parts, 2, ranges);
    REQUIRE(reading.error);
    CHECK(reading.error->line == 42);
    CHECK(reading.records.size() == 40);
  }
}

TEST_CASE("a file cut at records: an empty line is an error before a record and tolerated at the end") {
  TempFolder folder;
  // Line 4 is empty and line 5 is a record: an error at line 4, wherever the cuts fall.
  std::string bad = folder.write("bad.csv", "a;b\n1;x\n2;y\n\n3;z\n");
  // Empty lines at the end only: tolerated.
  std::string good = folder.write("good.csv", "a;b\n1;x\n2;y\n\n\n");
  for (int parts : {1, 2, 3, 7}) {
    CAPTURE(parts);
    std::vector<CsvRange> ranges;
    Reading reading = read_in_parts(bad, parts, 1, ranges);
    REQUIRE(reading.error);
    CHECK(reading.error->line == 4);
    reading = read_in_parts(good, parts, 1, ranges);
    CHECK_FALSE(reading.error);
    CHECK(reading.lines == std::vector<long>{2, 3});
  }
}

TEST_CASE("a file cut at records: a byte order mark and CRLF line ends") {
  TempFolder folder;
  // BOM and header: 3 + 5 bytes; records at bytes 8 (line 2), 13 (lines 3-4: "y", CR LF, "z" quoted), 23 (line 5).
  std::string text =
      "\xEF\xBB\xBF"
      "a;b\r\n"
      "1;x\r\n"
      "2;\"y\r\nz\"\r\n"
      "3;w\r\n";
  REQUIRE(text.size() == 28);
  std::string path = folder.write("t.csv", text);
  for (int parts : {1, 2, 3, 7}) {
    CAPTURE(parts);
    std::vector<CsvRange> ranges;
    Reading reading = read_in_parts(path, parts, 2, ranges);
    CHECK_FALSE(reading.error);
    CHECK(reading.records == std::vector<std::vector<std::string>>{{"1", "x"}, {"2", "y\r\nz"}, {"3", "w"}});
    CHECK(reading.lines == std::vector<long>{2, 3, 5});
    CHECK(ranges.front().begin == 8);
    for (const CsvRange& range : ranges)
      if (range.begin != range.end) CHECK((range.begin == 8 || range.begin == 13 || range.begin == 23));
  }
}

// Record i (from 0) holds the number i, on line i + 2: 20 000 records of 9 to 13 bytes, about 220 KB, so that the
// pieces span many runs of 16 bytes and of 255 such runs (the scan's counters); with `quote_at` >= 0, record
// quote_at holds a quoted field (no line break in it), so that one block of the scan goes byte by byte.
std::string numbered(int quote_at) {
  std::string text = "n;t\n";
  for (int i = 0; i < 20000; ++i)
    text += std::to_string(i) + (i == quote_at ? ";\"q;q\"\n" : i % 3 ? ";ab\n" : ";abcdef\n");
  return text;
}

TEST_CASE("a long file cut at records: each range starts at a record and knows its line") {
  TempFolder folder;
  for (int quote_at : {-1, 7000}) {
    std::string path = folder.write("n.csv", numbered(quote_at));
    for (int parts : {2, 3, 5}) {
      CAPTURE(quote_at);
      CAPTURE(parts);
      std::vector<CsvRange> ranges;
      Reading reading = read_in_parts(path, parts, 2, ranges);
      CHECK_FALSE(reading.error);
      REQUIRE(reading.records.size() == 20000);
      for (std::size_t i = 0; i < reading.records.size(); ++i) {
        REQUIRE(reading.records[i][0] == std::to_string(i));
        REQUIRE(reading.lines[i] == static_cast<long>(i) + 2);
      }
      // Each range's first line is that of the record it starts with, whose number says its line.
      for (const CsvRange& range : ranges) {
        if (range.begin == range.end) continue;
        auto reader = open_ok(path);
        REQUIRE(reader->restrict_to(range.begin, range.end, range.first_line));
        std::vector<std::string_view> fields;
        REQUIRE(reader->next(fields));
        CHECK(range.first_line == std::stol(std::string(fields[0])) + 2);
      }
    }
  }
}

TEST_CASE("a file with no record: every range is empty") {
  TempFolder folder;
  std::string path = folder.write("t.csv", "a;b\n");
  std::vector<CsvRange> ranges;
  Reading reading = read_in_parts(path, 3, 2, ranges);
  CHECK(reading.records.empty());
  CHECK_FALSE(reading.error);
  for (const CsvRange& range : ranges) CHECK(range.begin == range.end);
}

}  // namespace
}  // namespace caqes
