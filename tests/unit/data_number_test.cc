// Unit tests of the reading of numbers and dates from data cells.
#include "data/data_number.h"

#include <doctest/doctest.h>

namespace caqes {
namespace {

DataNumber number(std::string_view cell) {
  auto parsed = parse_data_number(cell);
  if (auto* error = std::get_if<NumberError>(&parsed))
    FAIL("'", std::string(cell), "': ", error->message.in(Language::En));
  return std::get<DataNumber>(parsed);
}

std::string number_error(std::string_view cell) {
  auto parsed = parse_data_number(cell);
  REQUIRE_MESSAGE(std::holds_alternative<NumberError>(parsed), "accepted: '", std::string(cell), "'");
  return std::get<NumberError>(parsed).message.in(Language::En);
}

Decimal plain(std::string_view text) {
  return *Decimal::parse_plain(text);
}

TEST_CASE("numbers as French extracts write them") {
  CHECK(number("1 234,56").value == Decimal::from_fraction(123456, 100));
  CHECK(number("1234.56").value == Decimal::from_fraction(123456, 100));
  CHECK(number("1234,56").value == Decimal::from_fraction(123456, 100));
  CHECK(number("-12").value == Decimal(-12));
  CHECK(number("0,5").value == Decimal::from_fraction(1, 2));
  CHECK(number("007").value == Decimal(7));
  CHECK(number("-0").value == Decimal(0));
  CHECK(number("1 234 567,891").value == Decimal::from_fraction(1234567891, 1000));
  CHECK(number("999").value == Decimal(999));
  CHECK(number("\u22123,25").value == Decimal::from_fraction(-13, 4));  // U+2212 minus sign
  CHECK(number("-1 000").value == Decimal(-1000));
}

TEST_CASE("thousands separators may be any of three spaces") {
  CHECK(number("20\u00A0000").value == Decimal(20000));                    // no-break space
  CHECK(number("1\u202F234,5").value == Decimal::from_fraction(2469, 2));  // narrow no-break space
  CHECK(number("1 000\u00A0000").value == Decimal(1000000));
}

TEST_CASE("surrounding spaces are ignored") {
  CHECK(number("  42  ").value == Decimal(42));
  CHECK(number("\u00A042\t").value == Decimal(42));
  CHECK(number("\u202F-1,5 ").value == Decimal::from_fraction(-3, 2));
}

TEST_CASE("unit suffixes are reported") {
  DataNumber percent = number("7,5 %");
  CHECK(percent.value == Decimal::from_fraction(15, 2));
  CHECK(percent.unit == NumberUnit::Percent);
  CHECK(number("7,5%").unit == NumberUnit::Percent);
  DataNumber euros = number("20 000 \xE2\x82\xAC");
  CHECK(euros.value == Decimal(20000));
  CHECK(euros.unit == NumberUnit::Euro);
  CHECK(number("20 000\xE2\x82\xAC").unit == NumberUnit::Euro);
  CHECK(number("12,50\xC2\xA0\xE2\x82\xAC").value == Decimal::from_fraction(25, 2));
  CHECK(number("12,50\xC2\xA0\xE2\x82\xAC").unit == NumberUnit::Euro);
  CHECK(number("12").unit == NumberUnit::None);
}

TEST_CASE("numbers longer than 18 digits stay exact") {
  CHECK(number("999999999999999999").value == plain("999999999999999999"));
  CHECK(number("123 456 789 012 345 678 901,25").value == plain("123456789012345678901.25"));
  CHECK(number("0,0000000000000000001").value == plain("0.0000000000000000001"));
  CHECK(number("-0.000000000000000001").value == Decimal::from_fraction(-1, 1000000000000000000));
}

TEST_CASE("the plain form is read as the general form would read it") {
  // A trailing space sends a cell through the general parse: both must give the same value, in the same form.
  for (std::string_view cell : {"0", "-0", "42", "007", "-12", "2019", "100,44", "100.44", "-0,50", "1,000", "0.001",
                                "123456789012345678", "-12345678901234567,8", "0,12345678901234567"}) {
    CAPTURE(cell);
    Decimal fast;
    CHECK(parse_plain_data_number(cell, fast));
    DataNumber general = number(std::string(cell) + " ");
    CHECK(fast == general.value);
    CHECK(number(cell).value == general.value);
    CHECK(number(cell).unit == NumberUnit::None);
    long long fast_units = 0, general_units = 0;
    int fast_scale = 0, general_scale = 0;
    CHECK(fast.small_form(fast_units, fast_scale) == general.value.small_form(general_units, general_scale));
    CHECK(fast_units == general_units);
    CHECK(fast_scale == general_scale);
  }
  Decimal untouched(7);
  for (std::string_view other : {"", "-", ",5", "5,", "1,2,3", "1.2,3", "+1", " 1", "1 ", "1 000", "12 %", "1e5",
                                 "\u22121", "1234567890123456789", "99999999999999999,99"}) {
    CAPTURE(other);
    CHECK_FALSE(parse_plain_data_number(other, untouched));
    CHECK(untouched == Decimal(7));
  }
}

TEST_CASE("what is not a number") {
  CHECK(number_error("") == "empty");
  CHECK(number_error("   ") == "empty");
  CHECK(number_error(",5") == "a digit is needed before the decimal separator in ',5'");
  CHECK(number_error("-,5") == "a digit is needed before the decimal separator in '-,5'");
  CHECK(number_error("12,") == "a digit is needed after the decimal separator in '12,'");
  CHECK(number_error("1.234,56") == "two decimal separators in '1.234,56'");
  CHECK(number_error("1,234.5") == "two decimal separators in '1,234.5'");
  CHECK(number_error("1.,5") == "two decimal separators in '1.,5'");
  CHECK(number_error("12 34") == "digit groups must have 3 digits in '12 34'");
  CHECK(number_error("1234 567") == "digit groups must have 3 digits in '1234 567'");
  CHECK(number_error("1 2345") == "digit groups must have 3 digits in '1 2345'");
  CHECK(number_error("abc") == "'abc' is not a number");
  for (std::string_view bad : {"+12", "1e5", "-", "- 12", "12  %", "12 %%", "\xE2\x82\xAC 12", "12 \xE2\x82\xAC %",
                               "1 234,5 6", "1  234", "0x1F", "12 abc", "%"}) {
    CAPTURE(bad);
    CHECK(number_error(bad) == "'" + std::string(bad) + "' is not a number");
  }
  std::string long_cell(100, 'z');
  CHECK(number_error(long_cell) == "'" + std::string(60, 'z') + "...' is not a number");
}

ParsedDate date(std::string_view cell) {
  auto parsed = parse_data_date(cell);
  if (auto* error = std::get_if<NumberError>(&parsed))
    FAIL("'", std::string(cell), "': ", error->message.in(Language::En));
  return std::get<ParsedDate>(parsed);
}

std::string date_error(std::string_view cell) {
  auto parsed = parse_data_date(cell);
  REQUIRE_MESSAGE(std::holds_alternative<NumberError>(parsed), "accepted: '", std::string(cell), "'");
  return std::get<NumberError>(parsed).message.in(Language::En);
}

bool same(const ParsedDate& a, int year, int month, int day) {
  return a.year == year && a.month == month && a.day == day;
}

TEST_CASE("dates, ISO or French") {
  CHECK(same(date("2022-03-15"), 2022, 3, 15));
  CHECK(same(date("15/03/2022"), 2022, 3, 15));
  CHECK(same(date("5/3/2022"), 2022, 3, 5));
  CHECK(same(date(" 2024-02-29 "), 2024, 2, 29));
  CHECK(same(date("29/02/2000"), 2000, 2, 29));
  CHECK(same(date("31/12/2023"), 2023, 12, 31));
}

TEST_CASE("dates are checked against the calendar") {
  CHECK(date_error("31/02/2022") == "'31/02/2022' is not a date: February 2022 has 28 days");
  CHECK(date_error("29/02/2023") == "'29/02/2023' is not a date: February 2023 has 28 days");
  CHECK(date_error("29/02/2100") == "'29/02/2100' is not a date: February 2100 has 28 days");
  CHECK(date_error("30/02/2024") == "'30/02/2024' is not a date: February 2024 has 29 days");
  CHECK(date_error("2022-04-31") == "'2022-04-31' is not a date: April 2022 has 30 days");
  CHECK(date_error("2022-13-01") == "'2022-13-01' is not a date: there is no month 13");
  CHECK(date_error("15/00/2022") == "'15/00/2022' is not a date: there is no month 0");
  CHECK(date_error("00/03/2022") == "'00/03/2022' is not a date: there is no day 0");
  CHECK(date_error("0000-01-01") == "'0000-01-01' is not a date: there is no year 0");
}

TEST_CASE("what is not a date") {
  CHECK(date_error("") == "empty");
  for (std::string_view bad : {"2022/03/15", "15/03/22", "2022-3-15", "15-03-2022", "2022-03-15T10:00", "abc",
                               "15/03/2022/1", "123/03/2022", "15.03.2022", "2022-03-1a"}) {
    CAPTURE(bad);
    CHECK(date_error(bad) == "'" + std::string(bad) + "' is not a date: expected 2022-03-15 or 15/03/2022");
  }
}

}  // namespace
}  // namespace caqes
