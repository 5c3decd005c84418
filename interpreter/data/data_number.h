// Numbers and dates as French data extracts write them ("1 234,56", "20 000 €", "7,5 %", "15/03/2022"),
// read into exact values.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "syntax/message.h"
#include "value/decimal.h"

namespace caqes {

struct NumberError {
  Message message;  // e.g. "two decimal separators in '1.234,5'"
};

enum class NumberUnit { None, Euro, Percent };

struct DataNumber {
  Decimal value;  // as written: "7,5 %" is 7.5, not 0.075
  NumberUnit unit = NumberUnit::None;
};

// A cell holding a number: optional surrounding spaces; an optional '-' (or U+2212 minus sign); digits, optionally
// in groups of exactly 3 after the first (1 to 3 digits) separated by one space (' ', U+00A0 or U+202F); at most one
// decimal separator, ',' or '.', with digits on both sides; an optional unit "€" or "%", with or without one space
// before it. An empty cell is an error ("empty"): callers that allow missing values test for it first.
std::variant<DataNumber, NumberError> parse_data_number(std::string_view cell);

// The form nearly every cell of an extract has, "-1234,56" or "42": an optional '-', 1 to 18 digits in all, at most
// one ',' or '.' with digits on both sides, nothing else (no space, no unit). True with `value` set as
// parse_data_number would set it; false for anything else, which parse_data_number then reads or rejects. A fast
// path for the hot loops: it skips parse_data_number's general scan and its result variant.
bool parse_plain_data_number(std::string_view cell, Decimal& value);

// The form of nearly every cell of a column of counts, years or whole numbers, "42" or "-7": an optional '-' and 1 to
// 18 digits, nothing else. True with `value` set; false for anything else (spaces, digit groups, a decimal
// separator, a unit, more digits), which parse_data_number then reads or rejects. Leading zeros are read ("007" is
// 7), as parse_data_number reads them.
bool parse_plain_whole_number(std::string_view cell, long long& value);

struct ParsedDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// A cell holding a date, ISO "2022-03-15" or French "15/03/2022" (day and month may have one digit), checked
// against the Gregorian calendar. Optional surrounding spaces.
std::variant<ParsedDate, NumberError> parse_data_date(std::string_view cell);

}  // namespace caqes
