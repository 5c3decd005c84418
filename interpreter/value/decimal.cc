// Decimal arithmetic, rounding and text: scaled 64-bit integers when the value is one, GMP rationals otherwise.
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

constexpr int kMaxScale = 18;
constexpr __int128 kPowersOfTen[] = {1LL,
                                     10LL,
                                     100LL,
                                     1000LL,
                                     10000LL,
                                     100000LL,
                                     1000000LL,
                                     10000000LL,
                                     100000000LL,
                                     1000000000LL,
                                     10000000000LL,
                                     100000000000LL,
                                     1000000000000LL,
                                     10000000000000LL,
                                     100000000000000LL,
                                     1000000000000000LL,
                                     10000000000000000LL,
                                     100000000000000000LL,
                                     1000000000000000000LL};

mpz_class integer_from_128(__int128 v) {
  bool negative = v < 0;
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  unsigned long long words[2] = {static_cast<unsigned long long>(magnitude),
                                 static_cast<unsigned long long>(magnitude >> 64)};
  mpz_class z;
  mpz_import(z.get_mpz_t(), 2, -1, sizeof words[0], 0, 0, words);
  if (negative) z = -z;
  return z;
}

}  // namespace

Decimal::Decimal(long long value) : units_(value) {
  if (value == LLONG_MIN) {  // outside the small form's symmetric range
    small_ = false;
    value_ = std::make_shared<const mpq_class>(integer_from(value));
  }
}

Decimal::Decimal(mpq_class value) : small_(false) {
  value.canonicalize();
  // Every operation makes its result here, from operands within the bound: the result, at most twice as long, was
  // affordable; the next one might not be.
  constexpr std::size_t kMaxBits = kMaxDecimalDigits * 3322 / 1000;  // log2(10) = 3.3219...
  if (mpz_sizeinbase(value.get_num().get_mpz_t(), 2) > kMaxBits ||
      mpz_sizeinbase(value.get_den().get_mpz_t(), 2) > kMaxBits)
    throw NumberTooLarge();
  // The small form, when the denominator is 2^a 5^b with max(a, b) ≤ 18 and the scaled numerator fits.
  const mpz_class& den = value.get_den();
  auto keep_rational = [&] { value_ = std::make_shared<const mpq_class>(std::move(value)); };
  if (mpz_sizeinbase(den.get_mpz_t(), 2) > 62 || mpz_sizeinbase(value.get_num().get_mpz_t(), 2) > 126) {
    keep_rational();
    return;
  }
  unsigned long long d = mpz_get_ui(den.get_mpz_t());
  int twos = 0, fives = 0;
  while (d % 2 == 0) {
    d /= 2;
    ++twos;
  }
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  int scale = std::max(twos, fives);
  if (d != 1 || scale > kMaxScale) {
    keep_rational();
    return;
  }
  mpz_class scaled_num = value.get_num() * mpz_class(power_of_ten(static_cast<unsigned long>(scale))) / den;
  if (mpz_sizeinbase(scaled_num.get_mpz_t(), 2) > 63) {
    keep_rational();
    return;
  }
  small_ = true;
  units_ = mpz_get_si(scaled_num.get_mpz_t());
  scale_ = scale;
}

Decimal Decimal::from_scaled(__int128 units, int scale) {
  constexpr __int128 fits = LLONG_MAX;
  if (units <= fits && units >= -fits) {
    // The common case, in 64-bit arithmetic (128-bit division is a library call).
    long long u = static_cast<long long>(units);
    while (scale > 0 && u % 10 == 0) {
      u /= 10;
      --scale;
    }
    if (scale <= kMaxScale) {
      Decimal d;
      d.units_ = u;
      d.scale_ = scale;
      return d;
    }
    units = u;
  }
  while (scale > 0 && units % 10 == 0) {
    units /= 10;
    --scale;
  }
  constexpr __int128 max = LLONG_MAX;
  if (scale <= kMaxScale && units <= max && units >= -max) {
    Decimal d;
    d.units_ = static_cast<long long>(units);
    d.scale_ = scale;
    return d;
  }
  return Decimal(mpq_class(integer_from_128(units), power_of_ten(static_cast<unsigned long>(scale))));
}

mpq_class Decimal::rational() const {
  if (!small_) return *value_;
  mpq_class q(integer_from(units_), power_of_ten(static_cast<unsigned long>(scale_)));
  q.canonicalize();
  return q;
}

int Decimal::compare_forms(const Decimal& other) const {
  if (small_ && other.small_) {
    int s = std::max(scale_, other.scale_);
    __int128 a = static_cast<__int128>(units_) * kPowersOfTen[s - scale_];
    __int128 b = static_cast<__int128>(other.units_) * kPowersOfTen[s - other.scale_];
    return (a > b) - (a < b);
  }
  int c = cmp(rational(), other.rational());
  return (c > 0) - (c < 0);
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
  if (i != text.size() || digits.size() > kMaxDecimalDigits) return std::nullopt;
  if (digits.size() <= 18 && fraction_digits <= static_cast<std::size_t>(kMaxScale)) {
    long long units = 0;
    for (char c : digits) units = units * 10 + (c - '0');
    return from_scaled(negative ? -static_cast<__int128>(units) : units, static_cast<int>(fraction_digits));
  }
  mpz_class num;
  mpz_set_str(num.get_mpz_t(), digits.c_str(), 10);
  if (negative) num = -num;
  return Decimal(mpq_class(num, power_of_ten(fraction_digits)));
}

Decimal Decimal::operator+(const Decimal& other) const {
  if (small_ && other.small_ && scale_ == other.scale_) {
    long long sum;
    if (!__builtin_add_overflow(units_, other.units_, &sum) && sum != LLONG_MIN) return from_scaled(sum, scale_);
  }
  if (small_ && other.small_) {
    int s = std::max(scale_, other.scale_);
    return from_scaled(static_cast<__int128>(units_) * kPowersOfTen[s - scale_] +
                           static_cast<__int128>(other.units_) * kPowersOfTen[s - other.scale_],
                       s);
  }
  return Decimal(mpq_class(rational() + other.rational()));
}
Decimal Decimal::operator-(const Decimal& other) const {
  if (small_ && other.small_) {
    int s = std::max(scale_, other.scale_);
    return from_scaled(static_cast<__int128>(units_) * kPowersOfTen[s - scale_] -
                           static_cast<__int128>(other.units_) * kPowersOfTen[s - other.scale_],
                       s);
  }
  return Decimal(mpq_class(rational() - other.rational()));
}
Decimal Decimal::operator*(const Decimal& other) const {
  if (small_ && other.small_ && scale_ + other.scale_ <= kMaxScale)
    return from_scaled(static_cast<__int128>(units_) * other.units_, scale_ + other.scale_);
  return Decimal(mpq_class(rational() * other.rational()));
}
Decimal Decimal::operator/(const Decimal& other) const {
  return Decimal(mpq_class(rational() / other.rational()));
}
Decimal Decimal::operator-() const {
  if (small_) return from_scaled(-static_cast<__int128>(units_), scale_);
  return Decimal(mpq_class(-*value_));
}

bool Decimal::is_integer() const {
  return small_ ? scale_ == 0 : value_->get_den() == 1;
}

std::optional<long long> Decimal::rational_to_int() const {
  if (!is_integer()) return std::nullopt;
  const mpz_class& z = value_->get_num();
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
  if (small_) return units_ < 0 ? -*this : *this;
  return Decimal(mpq_class(::abs(*value_)));
}

Decimal Decimal::round(int places, Rounding mode) const {
  // Already at most `places` decimals: nothing to round.
  if (small_ && scale_ <= places) return *this;
  mpq_class shifted = scaled(places).rational();
  mpz_class rounded = round_to_integer(shifted.get_num(), shifted.get_den(), mode);
  return Decimal(mpq_class(rounded)).scaled(-places);
}

Decimal Decimal::scaled(int power_of_ten_exponent) const {
  if (power_of_ten_exponent == 0) return *this;
  if (small_) {
    int s = scale_ - power_of_ten_exponent;
    if (s >= 0 && s <= kMaxScale) return from_scaled(units_, s);
    if (s < 0 && s >= -kMaxScale) return from_scaled(static_cast<__int128>(units_) * kPowersOfTen[-s], 0);
  }
  // The cast goes through long long so that INT_MIN has a magnitude.
  long long exponent = power_of_ten_exponent;
  mpz_class factor = power_of_ten(static_cast<unsigned long>(exponent < 0 ? -exponent : exponent));
  mpq_class q = rational();
  if (exponent > 0) return Decimal(mpq_class(q.get_num() * factor, q.get_den()));
  return Decimal(mpq_class(q.get_num(), q.get_den() * factor));
}

bool Decimal::is_terminating() const {
  if (small_) return true;
  mpz_class rest = value_->get_den();
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
  mpz_class units = round(max, Rounding::HalfEven).scaled(max).rational().get_num();
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
  mpq_class q = rational();
  return hash_integer(q.get_den_mpz_t(), hash_integer(q.get_num_mpz_t(), 0));
}

}  // namespace caqes
