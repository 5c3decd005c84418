// Unit tests of the reading of one cell into a row's value (data/dataset.h, parse_cell): the short paths the scan
// takes for the common forms (a plain whole number, a code repeated from the row before) must give exactly what the
// general reading gives, and leave every other form to it.
#include <doctest/doctest.h>

#include <string>

#include "data/csv.h"
#include "data/data_number.h"
#include "data/dataset.h"
#include "rules_file.h"
#include "value/text_key.h"

namespace caqes {
namespace {

long long whole(std::string_view cell) {
  long long value = -999;
  REQUIRE_MESSAGE(parse_plain_whole_number(cell, value), "refused: '", std::string(cell), "'");
  return value;
}

Value cell(ColumnType type, std::string_view text, bool french_extract = true) {
  Value out;
  Message error;
  REQUIRE_MESSAGE(parse_cell(type, text, out, error, french_extract), "refused: '", std::string(text), "': ",
                  error.in(Language::En));
  return out;
}

std::string cell_error(ColumnType type, std::string_view text) {
  Value out;
  Message error;
  REQUIRE_MESSAGE(!parse_cell(type, text, out, error, true), "accepted: '", std::string(text), "'");
  return error.in(Language::En);
}

TEST_CASE("plain whole numbers") {
  CHECK(whole("0") == 0);
  CHECK(whole("42") == 42);
  CHECK(whole("-7") == -7);
  CHECK(whole("-0") == 0);
  CHECK(whole("007") == 7);
  CHECK(whole("2019") == 2019);
  CHECK(whole("999999999999999999") == 999999999999999999LL);    // 18 digits: the most
  CHECK(whole("-999999999999999999") == -999999999999999999LL);
  CHECK(whole("000000000000000001") == 1);
}

TEST_CASE("every other form is left to the general reading") {
  long long untouched = 5;
  for (std::string_view other :
       {"", "-", "+1", " 1", "1 ", "1 234", "1\u00A0234", "1\u202F234", "12,0", "12.5", "1,", "12 %", "12\u20AC", "1e3",
        "\u22121", "--1", "1-", "0x1F", "1234567890123456789", "-1234567890123456789", "9999999999999999999"}) {
    CAPTURE(other);
    CHECK_FALSE(parse_plain_whole_number(other, untouched));
    CHECK(untouched == 5);
  }
}

TEST_CASE("counts and whole numbers: the short path and the general one agree") {
  CHECK(cell(ColumnType::Count, "42").number() == Decimal(42));
  CHECK(cell(ColumnType::Count, "007").number() == Decimal(7));
  CHECK(cell(ColumnType::Count, "-0").number() == Decimal(0));
  CHECK(cell(ColumnType::Integer, "-12").number() == Decimal(-12));
  // Through the general reading: digit groups with any of the three spaces, surrounding spaces.
  CHECK(cell(ColumnType::Count, "1 234").number() == Decimal(1234));
  CHECK(cell(ColumnType::Count, "1\u00A0234").number() == Decimal(1234));
  CHECK(cell(ColumnType::Count, "1\u202F234\u202F567").number() == Decimal(1234567));
  CHECK(cell(ColumnType::Integer, "-1 000").number() == Decimal(-1000));
  CHECK(cell(ColumnType::Integer, " 12 ").number() == Decimal(12));
  CHECK(cell(ColumnType::Integer, "12,0").number() == Decimal(12));  // a whole number written with a decimal
  // Beyond 18 digits: exact, as a rational.
  CHECK(cell(ColumnType::Integer, "12345678901234567890").number() == *Decimal::parse_plain("12345678901234567890"));
  CHECK(cell(ColumnType::Integer, "-123 456 789 012 345 678 901").number() ==
        *Decimal::parse_plain("-123456789012345678901"));
  // The same errors either way.
  CHECK(cell_error(ColumnType::Count, "-3") == "'-3' is negative; a count cannot be");
  CHECK(cell_error(ColumnType::Count, "-1 000") == "'-1 000' is negative; a count cannot be");
  CHECK(cell_error(ColumnType::Count, "2,5") == "'2,5' is not a whole number");
  CHECK(cell_error(ColumnType::Count, "12 %") == "'12 %' has a unit; this column holds a whole number");
  CHECK(cell_error(ColumnType::Count, "abc") == "'abc' is not a number");
}

TEST_CASE("years: four digits from 1900 to 2200") {
  CHECK(cell(ColumnType::Year, "2019").number() == Decimal(2019));
  CHECK(cell(ColumnType::Year, "1900").number() == Decimal(1900));
  CHECK(cell(ColumnType::Year, "2200").number() == Decimal(2200));
  for (std::string_view bad : {"1899", "2201", "0999", "-202", "202", "20190", "2 019", "2019,0"}) {
    CAPTURE(bad);
    CHECK(cell_error(ColumnType::Year, bad) == "'" + std::string(bad) + "' is not a year");
  }
}

TEST_CASE("amounts and decimals with a decimal comma stay exact") {
  CHECK(cell(ColumnType::Money, "1234,50").number() == Decimal::from_fraction(123450, 100));
  CHECK(cell(ColumnType::Money, "1 234,50").number() == Decimal::from_fraction(123450, 100));
  CHECK(cell(ColumnType::Money, "-0,01").number() == Decimal::from_fraction(-1, 100));
  CHECK(cell(ColumnType::Money, "0,10").number() == Decimal::from_fraction(1, 10));
  CHECK(cell(ColumnType::Decimal, "12345678901234567,89").number() ==
        *Decimal::parse_plain("12345678901234567.89"));  // 19 digits: the general reading
  CHECK(cell(ColumnType::Rate, "7,5").number() == Decimal::from_fraction(75, 1000));
  CHECK(cell_error(ColumnType::Money, "1.234").find("ambiguous") != std::string::npos);
}

TEST_CASE("a value kept from the row before is replaced by the next cell, whatever it held") {
  Value out;
  Message error;
  REQUIRE(parse_cell(ColumnType::Code, "MCO", out, error));
  REQUIRE(parse_cell(ColumnType::Code, "MCO", out, error));
  CHECK(out.text() == "MCO");
  REQUIRE(parse_cell(ColumnType::Code, "SSR", out, error));
  CHECK(out.text() == "SSR");
  REQUIRE(parse_cell(ColumnType::Code, "un texte de plus de seize octets", out, error));
  CHECK(out.text() == "un texte de plus de seize octets");
  REQUIRE(parse_cell(ColumnType::Code, "HC", out, error));
  CHECK(out.text() == "HC");
  REQUIRE(parse_cell(ColumnType::Code, " ", out, error));
  CHECK(out.absent());
  REQUIRE(parse_cell(ColumnType::Code, "PSY", out, error));
  CHECK(out.text() == "PSY");
  REQUIRE(parse_cell(ColumnType::Count, "3", out, error));
  CHECK(out.number() == Decimal(3));
  REQUIRE(parse_cell(ColumnType::Count, "4", out, error));
  CHECK(out.number() == Decimal(4));
  REQUIRE(parse_cell(ColumnType::Money, "4,25", out, error));
  CHECK(out.number() == Decimal::from_fraction(17, 4));
  REQUIRE(parse_cell(ColumnType::Text, "x", out, error));
  CHECK(out.text() == "x");
}

TEST_CASE("a Latin-1 extract: codes decoded to UTF-8 match the rules' codes, a no-break space groups digits") {
  // "privé" is 70 72 69 76 E9 in Latin-1 (the header's "durée" too is Latin-1); "1 234" with a no-break space (A0)
  // between its groups.
  TempFolder folder;
  auto opened = CsvReader::open(folder.write("data.csv", "statut;dur\xE9" "e\npriv\xE9;1\xA0" "234\nHC;007\n"));
  REQUIRE(std::holds_alternative<std::unique_ptr<CsvReader>>(opened));
  CsvReader& reader = *std::get<std::unique_ptr<CsvReader>>(opened);
  CHECK(reader.encoding() == Encoding::Latin1);
  std::vector<std::string_view> fields;
  Value code, count;
  Message error;
  REQUIRE(reader.next(fields));
  REQUIRE(parse_cell(ColumnType::Code, fields[0], code, error, true));
  CHECK(code.text() == "priv\xC3\xA9");  // UTF-8, 6 bytes
  TextKey read, written;
  REQUIRE(TextKey::of(code.text(), read));
  REQUIRE(TextKey::of("privé", written));
  CHECK(read == written);
  REQUIRE(parse_cell(ColumnType::Count, fields[1], count, error, true));
  CHECK(count.number() == Decimal(1234));
  REQUIRE(reader.next(fields));
  REQUIRE(parse_cell(ColumnType::Code, fields[0], code, error, true));
  CHECK(code.text() == "HC");
  REQUIRE(parse_cell(ColumnType::Count, fields[1], count, error, true));
  CHECK(count.number() == Decimal(7));
  CHECK_FALSE(reader.next(fields));
}

}  // namespace
}  // namespace caqes
