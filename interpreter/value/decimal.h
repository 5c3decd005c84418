// Decimal: the exact number type for money, rates and counts, with the roundings and the decimal text that
// indicator results are reported in. A value is held as a scaled 64-bit integer (units / 10^scale) whenever it
// is one — amounts, counts and the rates of data always are — and as a canonical GMP rational otherwise (a ratio
// such as 1/3). The form is canonical (the small one whenever possible), so both give exactly the same results.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace caqes {

// The most digits a numerator or a denominator may have (about 33 220 bits). Money, counts and rates have a few
// dozen; the bound stops a chain of multiplications (thirty squarings) from growing a number until memory runs out,
// which GMP answers with an abort.
inline constexpr std::size_t kMaxDecimalDigits = 10000;

// Thrown by an operation whose exact result would exceed kMaxDecimalDigits; the evaluator turns it into a located
// error.
struct NumberTooLarge : std::exception {
  const char* what() const noexcept override { return "number too large"; }
};

enum class Rounding {
  HalfAwayFromZero,  // 2.345 -> 2.35, -2.345 -> -2.35 (the usual commercial rounding)
  HalfEven,          // 2.345 -> 2.34, 2.355 -> 2.36 (banker's rounding)
  TowardZero,        // truncation
  Floor,             // toward -infinity
  Ceiling,           // toward +infinity
};

class Decimal {
 public:
  Decimal() = default;  // 0
  explicit Decimal(long long value);

  static Decimal from_rational(const mpq_class& value);
  // Precondition: den != 0.
  static Decimal from_fraction(long long num, long long den);
  // An exact decimal written with '.' as separator and an optional leading '-': "12", "-0.075", "1234.5".
  // Digits are required on both sides of the '.'; nullopt if the text is anything else, or holds more than
  // kMaxDecimalDigits digits.
  static std::optional<Decimal> parse_plain(std::string_view text);

  Decimal operator+(const Decimal& other) const;
  Decimal operator-(const Decimal& other) const;
  Decimal operator*(const Decimal& other) const;
  // Precondition: other is not zero (the caller checks and reports the division by zero).
  Decimal operator/(const Decimal& other) const;
  Decimal operator-() const;

  bool operator==(const Decimal& other) const { return compare(other) == 0; }
  bool operator!=(const Decimal& other) const { return compare(other) != 0; }
  bool operator<(const Decimal& other) const { return compare(other) < 0; }
  bool operator<=(const Decimal& other) const { return compare(other) <= 0; }
  bool operator>(const Decimal& other) const { return compare(other) > 0; }
  bool operator>=(const Decimal& other) const { return compare(other) >= 0; }
  // -1, 0 or 1. Inline for two small forms of one scale (a column of counts against a threshold, row after row):
  // the form is canonical, so their order is that of their units.
  int compare(const Decimal& other) const {
    if (small_ && other.small_ && scale_ == other.scale_) return (units_ > other.units_) - (units_ < other.units_);
    return compare_forms(other);
  }

  bool is_zero() const { return small_ ? units_ == 0 : sgn(*value_) == 0; }
  int sign() const { return small_ ? (units_ > 0) - (units_ < 0) : sgn(*value_); }
  bool is_integer() const;
  // The value as an integer, only if it is one and fits in a long long.
  std::optional<long long> to_int() const {
    if (small_) return scale_ == 0 ? std::optional<long long>(units_) : std::nullopt;
    return rational_to_int();
  }
  Decimal abs() const;

  // Rounds to `places` decimal places; places may be 0 or negative (-3 rounds to thousands).
  Decimal round(int places, Rounding mode) const;
  // value * 10^power_of_ten, exact; the power may be negative.
  Decimal scaled(int power_of_ten) const;
  // True when the value has a finite decimal expansion (denominator made of 2s and 5s only).
  bool is_terminating() const;

  // The exact decimal text when it has at most max_places decimals, otherwise the value rounded HalfEven to
  // max_places. Trailing zeros are dropped but at least min_places decimals are shown (min_places <= max_places).
  // `thousands`, when not empty, is inserted every 3 digits of the integer part (e.g. " " or "\u202f").
  // Never prints "-0": a value that rounds to zero is written without sign.
  std::string to_string(int min_places = 0, int max_places = 10, char decimal_separator = '.',
                        std::string_view thousands = "") const;

  mpq_class rational() const;
  std::size_t hash() const;

  // The small form's units and scale (value = units / 10^scale), for a compact binary copy; false for a rational.
  bool small_form(long long& units, int& scale) const {
    units = units_;
    scale = scale_;
    return small_;
  }
  // The value units / 10^scale (0 ≤ scale ≤ 18), as small_form gave it.
  static Decimal from_small_form(long long units, int scale) { return from_scaled(units, scale); }

 private:
  explicit Decimal(mpq_class value);  // takes the small form when the value has one
  std::optional<long long> rational_to_int() const;
  int compare_forms(const Decimal& other) const;
  static Decimal from_scaled(__int128 units, int scale);

  bool small_ = true;
  long long units_ = 0;  // small form: units_ / 10^scale_, without trailing zeros, |units_| ≤ LLONG_MAX
  int scale_ = 0;        // 0 to 18
  // Rational form (when !small_): lowest terms, positive denominator; shared and never modified once made, so
  // that copying a Decimal never allocates.
  std::shared_ptr<const mpq_class> value_;
};

}  // namespace caqes

namespace std {
template <>
struct hash<caqes::Decimal> {
  std::size_t operator()(const caqes::Decimal& d) const noexcept { return d.hash(); }
};
}  // namespace std
