// Reading numbers and dates written the French way in data cells.
#include "data/data_number.h"

#include <optional>

#include "data/data_messages.h"

namespace caqes {

using namespace data_messages;

namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";            // U+00A0
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";  // U+202F
constexpr std::string_view kMinusSign = "\xE2\x88\x92";           // U+2212
constexpr std::string_view kEuroSign = "\xE2\x82\xAC";            // U+20AC

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Byte length of the space that starts `text` (' ', U+00A0 or U+202F), 0 if it starts with something else.
std::size_t space_length(std::string_view text) {
  if (starts_with(text, " ")) return 1;
  if (starts_with(text, kNoBreakSpace)) return kNoBreakSpace.size();
  if (starts_with(text, kNarrowNoBreakSpace)) return kNarrowNoBreakSpace.size();
  return 0;
}

std::string_view without_surrounding_spaces(std::string_view text) {
  for (;;) {
    std::size_t length = starts_with(text, "\t") ? 1 : space_length(text);
    if (length == 0) break;
    text.remove_prefix(length);
  }
  for (;;) {
    if (ends_with(text, " ") || ends_with(text, "\t")) {
      text.remove_suffix(1);
    } else if (ends_with(text, kNoBreakSpace)) {
      text.remove_suffix(kNoBreakSpace.size());
    } else if (ends_with(text, kNarrowNoBreakSpace)) {
      text.remove_suffix(kNarrowNoBreakSpace.size());
    } else {
      return text;
    }
  }
}

std::size_t digits_at(std::string_view text, std::size_t position) {
  std::size_t end = position;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - position;
}

// The cell as error messages show it (in quotes), cut if long (at a character boundary).
std::string shown(std::string_view text) {
  constexpr std::size_t kLongest = 60;
  if (text.size() <= kLongest) return std::string(text);
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

bool is_decimal_separator(std::string_view text, std::size_t position) {
  return position < text.size() && (text[position] == ',' || text[position] == '.');
}

Decimal decimal_from_digits(const std::string& digits, std::size_t fraction_digits, bool negative) {
  if (digits.size() <= 18) {
    long long mantissa = 0;
    for (char digit : digits) mantissa = mantissa * 10 + (digit - '0');
    // Exact, and without a rational: the mantissa shifted by the number of decimals.
    return Decimal(negative ? -mantissa : mantissa).scaled(-static_cast<int>(fraction_digits));
  }
  std::string plain = negative ? "-" : "";
  std::size_t integer_digits = digits.size() - fraction_digits;
  plain.append(digits, 0, integer_digits);
  if (fraction_digits > 0) plain.append(".").append(digits, integer_digits, fraction_digits);
  return *Decimal::parse_plain(plain);
}

std::optional<int> number_of_digits(std::string_view text, std::size_t min_length, std::size_t max_length) {
  if (text.size() < min_length || text.size() > max_length || digits_at(text, 0) != text.size()) return std::nullopt;
  int value = 0;
  for (char digit : text) value = value * 10 + (digit - '0');
  return value;
}

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

constexpr const MessageText* kMonthNames[12] = {&kJanuary, &kFebruary, &kMarch,     &kApril,   &kMay,      &kJune,
                                                &kJuly,    &kAugust,   &kSeptember, &kOctober, &kNovember, &kDecember};

}  // namespace

// Nothing to trim, no group, no unit: the general parse would give the same value, built here without copying
// the digits.
bool parse_plain_data_number(std::string_view cell, Decimal& value) {
  const char* p = cell.data();
  const char* const end = p + cell.size();
  const bool negative = p < end && *p == '-';
  if (negative) ++p;
  // Unsigned, so that too many digits wrap harmlessly before the count below refuses them.
  unsigned long long mantissa = 0;
  const char* const integer = p;
  while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  const std::size_t integer_digits = static_cast<std::size_t>(p - integer);
  if (integer_digits == 0) return false;
  std::size_t fraction_digits = 0;
  if (p < end && (*p == ',' || *p == '.')) {
    const char* const fraction = ++p;
    while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    fraction_digits = static_cast<std::size_t>(p - fraction);
    if (fraction_digits == 0) return false;
  }
  if (p != end || integer_digits + fraction_digits > 18) return false;
  const auto units = static_cast<long long>(mantissa);
  value = Decimal::from_small_form(negative ? -units : units, static_cast<int>(fraction_digits));
  return true;
}

bool parse_plain_whole_number(std::string_view cell, long long& value) {
  const char* p = cell.data();
  const char* const end = p + cell.size();
  const bool negative = p < end && *p == '-';
  if (negative) ++p;
  const std::size_t digits = static_cast<std::size_t>(end - p);
  if (digits == 0 || digits > 18) return false;
  long long units = 0;  // 18 digits fit: 999 999 999 999 999 999 < 2^63
  for (; p < end; ++p) {
    const unsigned digit = static_cast<unsigned>(*p - '0');
    if (digit > 9) return false;
    units = units * 10 + digit;
  }
  value = negative ? -units : units;
  return true;
}

std::variant<DataNumber, NumberError> parse_data_number(std::string_view cell) {
  if (DataNumber plain; parse_plain_data_number(cell, plain.value)) return plain;
  std::string_view text = without_surrounding_spaces(cell);
  if (text.empty()) return NumberError{Message(kEmptyCell)};
  // Built only on failure: the message is never needed for a well-formed cell.
  auto not_a_number = [&] { return NumberError{Message(kNotANumber, shown(text))}; };

  std::size_t i = 0;
  bool negative = false;
  if (starts_with(text, "-")) {
    negative = true;
    i = 1;
  } else if (starts_with(text, kMinusSign)) {
    negative = true;
    i = kMinusSign.size();
  }

  std::string digits;
  std::size_t first_group = digits_at(text, i);
  digits.append(text, i, first_group);
  i += first_group;
  if (first_group > 0) {
    for (;;) {
      std::size_t space = space_length(text.substr(i));
      if (space == 0) break;
      std::size_t group = digits_at(text, i + space);
      if (group == 0) break;  // the space before a unit
      if (first_group > 3 || group != 3) return NumberError{Message(kDigitGroups, shown(text))};
      digits.append(text, i + space, group);
      i += space + group;
    }
  }

  std::size_t fraction_digits = 0;
  if (is_decimal_separator(text, i)) {
    if (digits.empty()) return NumberError{Message(kDigitBeforeSeparator, shown(text))};
    fraction_digits = digits_at(text, i + 1);
    if (fraction_digits == 0) {
      if (is_decimal_separator(text, i + 1)) return NumberError{Message(kTwoDecimalSeparators, shown(text))};
      return NumberError{Message(kDigitAfterSeparator, shown(text))};
    }
    digits.append(text, i + 1, fraction_digits);
    i += 1 + fraction_digits;
    if (is_decimal_separator(text, i)) return NumberError{Message(kTwoDecimalSeparators, shown(text))};
  }
  if (digits.empty()) return not_a_number();

  NumberUnit unit = NumberUnit::None;
  std::size_t space = space_length(text.substr(i));
  if (starts_with(text.substr(i + space), kEuroSign)) {
    unit = NumberUnit::Euro;
    i += space + kEuroSign.size();
  } else if (starts_with(text.substr(i + space), "%")) {
    unit = NumberUnit::Percent;
    i += space + 1;
  }
  if (i != text.size()) return not_a_number();
  if (digits.size() > kMaxDecimalDigits) return NumberError{Message(kTooManyDigits, shown(text), kMaxDecimalDigits)};
  return DataNumber{decimal_from_digits(digits, fraction_digits, negative), unit};
}

std::variant<ParsedDate, NumberError> parse_data_date(std::string_view cell) {
  std::string_view text = without_surrounding_spaces(cell);
  if (text.empty()) return NumberError{Message(kEmptyCell)};

  std::optional<int> year, month, day;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    year = number_of_digits(text.substr(0, 4), 4, 4);
    month = number_of_digits(text.substr(5, 2), 2, 2);
    day = number_of_digits(text.substr(8, 2), 2, 2);
  } else if (std::size_t first = text.find('/'); first != std::string_view::npos) {
    std::size_t second = text.find('/', first + 1);
    if (second != std::string_view::npos) {
      day = number_of_digits(text.substr(0, first), 1, 2);
      month = number_of_digits(text.substr(first + 1, second - first - 1), 1, 2);
      year = number_of_digits(text.substr(second + 1), 4, 4);
    }
  }
  if (!year || !month || !day) {
    return NumberError{Message(kNotADateForm, shown(text))};
  }
  if (*year == 0) return NumberError{Message(kNoYearZero, shown(text))};
  if (*month < 1 || *month > 12) return NumberError{Message(kNoSuchMonth, shown(text), *month)};
  if (*day == 0) return NumberError{Message(kNoDayZero, shown(text))};
  int days = days_in_month(*year, *month);
  if (*day > days)
    return NumberError{Message(kDaysInMonth, shown(text), Message(*kMonthNames[*month - 1]), *year, days)};
  return ParsedDate{*year, *month, *day};
}

}  // namespace caqes
