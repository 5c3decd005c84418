// Decimal arithmetic, rounding and text, on top of GMP rationals.
#include "value/decimal.h"

#include <algorithm>
#include <climits>
#include <utility>

namespace caqes {
namespace {

mpz_class integer_from(long long v) {
  if constexpr (sizeof(long) >= sizeof(long long)) {
    return mpz_class(static_cast<long>(v));
  } else {
    // gmpxx has no long long constructor where long is 32 bits: import the magnitude word.
    unsigned long long magnitude = static_cast<unsigned long long>(v);
    if (v < 0) magnitude = 0ULL - magnitude;
    mpz_class z;
    mpz_import(z.get_mpz_t(), 1, -1, sizeof magnitude, 0, 0, &magnitude);
    if (v < 0) z = -z;
    return z;
  }
}

mpz_class power_of_ten(unsigned long exponent) {
  mpz_class p;
  mpz_ui_pow_ui(p.get_mpz_t(), 10, exponent);
  return p;
}

// Rounds num/den (den > 0) to an integer.
mpz_class round_to_integer(const mpz_class& num, const mpz_class& den, Rounding mode) {
  mpz_class result;
  switch (mode) {
    case Rounding::TowardZero:
      mpz_tdiv_q(result.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
      return result;
    case Rounding::Floor:
      mpz_fdiv_q(result.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
      return result;
    case Rounding::Ceiling:
      mpz_cdiv_q(result.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
      return result;
    case Rounding::HalfAwayFromZero:
    case Rounding::HalfEven:
      break;
  }
  mpz_class remainder;  // 0 <= remainder < den
  mpz_fdiv_qr(result.get_mpz_t(), remainder.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
  int against_half = cmp(mpz_class(remainder * 2), den);
  bool up;
  if (against_half != 0) {
    up = against_half > 0;
  } else if (mode == Rounding::HalfAwayFromZero) {
    up = sgn(num) > 0;
  } else {
    up = mpz_odd_p(result.get_mpz_t()) != 0;
  }
  if (up) result += 1;
  return result;
}

std::size_t mix(std::size_t seed, std::size_t v) {
  return seed ^ (v + static_cast<std::size_t>(0x9e3779b97f4a7c15ULL) + (seed << 6) + (seed >> 2));
}

std::size_t hash_integer(mpz_srcptr z, std::size_t seed) {
  std::size_t limbs = mpz_size(z);
  for (std::size_t i = 0; i < limbs; ++i) seed = mix(seed, static_cast<std::size_t>(mpz_getlimbn(z, i)));
  return mix(seed, static_cast<std::size_t>(mpz_sgn(z) + 1));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

Decimal::Decimal(long long value) : value_(integer_from(value)) {}

Decimal::Decimal(mpq_class value) : value_(std::move(value)) {
  value_.canonicalize();
}

Decimal Decimal::from_rational(const mpq_class& value) {
  return Decimal(value);
}

Decimal Decimal::from_fraction(long long num, long long den) {
  return Decimal(mpq_class(integer_from(num), integer_from(den)));
}

std::optional<Decimal> Decimal::parse_plain(std::string_view text) {
  std::size_t i = 0;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  std::size_t integer_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == integer_start) return std::nullopt;
  std::string digits(text.substr(integer_start, i - integer_start));
  std::size_t fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    std::size_t fraction_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    fraction_digits = i - fraction_start;
    if (fraction_digits == 0) return std::nullopt;
    digits.append(text.substr(fraction_start, fraction_digits));
  }
  if (i != text.size()) return std::nullopt;
  mpz_class num;
  mpz_set_str(num.get_mpz_t(), digits.c_str(), 10);
  if (negative) num = -num;
  return Decimal(mpq_class(num, power_of_ten(fraction_digits)));
}

Decimal Decimal::operator+(const Decimal& other) const {
  return Decimal(mpq_class(value_ + other.value_));
}
Decimal Decimal::operator-(const Decimal& other) const {
  return Decimal(mpq_class(value_ - other.value_));
}
Decimal Decimal::operator*(const Decimal& other) const {
  return Decimal(mpq_class(value_ * other.value_));
}
Decimal Decimal::operator/(const Decimal& other) const {
  return Decimal(mpq_class(value_ / other.value_));
}
Decimal Decimal::operator-() const {
  return Decimal(mpq_class(-value_));
}

bool Decimal::is_integer() const {
  return value_.get_den() == 1;
}

std::optional<long long> Decimal::to_int() const {
  if (!is_integer()) return std::nullopt;
  const mpz_class& z = value_.get_num();
  if (mpz_sizeinbase(z.get_mpz_t(), 2) > 64) return std::nullopt;
  unsigned long long magnitude = 0;
  mpz_export(&magnitude, nullptr, -1, sizeof magnitude, 0, 0, z.get_mpz_t());
  constexpr unsigned long long max_positive = static_cast<unsigned long long>(LLONG_MAX);
  if (sgn(z) >= 0) {
    if (magnitude > max_positive) return std::nullopt;
    return static_cast<long long>(magnitude);
  }
  if (magnitude > max_positive + 1) return std::nullopt;
  if (magnitude == max_positive + 1) return LLONG_MIN;
  return -static_cast<long long>(magnitude);
}

Decimal Decimal::abs() const {
  return Decimal(mpq_class(::abs(value_)));
}

Decimal Decimal::round(int places, Rounding mode) const {
  Decimal shifted = scaled(places);
  mpz_class rounded = round_to_integer(shifted.value_.get_num(), shifted.value_.get_den(), mode);
  return Decimal(mpq_class(rounded)).scaled(-places);
}

Decimal Decimal::scaled(int power_of_ten_exponent) const {
  if (power_of_ten_exponent == 0) return *this;
  // The cast goes through long long so that INT_MIN has a magnitude.
  long long exponent = power_of_ten_exponent;
  mpz_class factor = power_of_ten(static_cast<unsigned long>(exponent < 0 ? -exponent : exponent));
  if (exponent > 0) return Decimal(mpq_class(value_.get_num() * factor, value_.get_den()));
  return Decimal(mpq_class(value_.get_num(), value_.get_den() * factor));
}

bool Decimal::is_terminating() const {
  mpz_class rest = value_.get_den();
  mpz_class two(2), five(5);
  mpz_remove(rest.get_mpz_t(), rest.get_mpz_t(), two.get_mpz_t());
  mpz_remove(rest.get_mpz_t(), rest.get_mpz_t(), five.get_mpz_t());
  return rest == 1;
}

std::string Decimal::to_string(int min_places, int max_places, char decimal_separator,
                               std::string_view thousands) const {
  int max = std::max(max_places, 0);
  int min = std::clamp(min_places, 0, max);
  // Rounding a value that already has at most `max` decimals leaves it unchanged, so one path serves both cases.
  mpz_class units = round(max, Rounding::HalfEven).scaled(max).value_.get_num();
  bool negative = sgn(units) < 0;
  std::string digits = mpz_class(::abs(units)).get_str();
  std::size_t width = static_cast<std::size_t>(max) + 1;
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  std::size_t integer_length = digits.size() - static_cast<std::size_t>(max);
  std::size_t fraction_length = static_cast<std::size_t>(max);
  while (fraction_length > static_cast<std::size_t>(min) && digits[integer_length + fraction_length - 1] == '0') {
    --fraction_length;
  }

  std::string text;
  text.reserve(integer_length + fraction_length + 2 + (integer_length / 3) * thousands.size());
  if (negative) text += '-';
  for (std::size_t i = 0; i < integer_length; ++i) {
    if (i > 0 && !thousands.empty() && (integer_length - i) % 3 == 0) text += thousands;
    text += digits[i];
  }
  if (fraction_length > 0) {
    text += decimal_separator;
    text.append(digits, integer_length, fraction_length);
  }
  return text;
}

std::size_t Decimal::hash() const {
  return hash_integer(value_.get_den_mpz_t(), hash_integer(value_.get_num_mpz_t(), 0));
}

}  // namespace caqes
