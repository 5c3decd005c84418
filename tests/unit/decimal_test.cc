// Unit tests of Decimal: exact arithmetic, rounding modes and decimal text. Expected values worked out by hand.
#include "value/decimal.h"

#include <doctest/doctest.h>

#include <climits>
#include <unordered_set>

namespace caqes {
namespace {

Decimal d(std::string_view text) {
  std::optional<Decimal> value = Decimal::parse_plain(text);
  REQUIRE_MESSAGE(value.has_value(), "test literal does not parse: ", std::string(text));
  return *value;
}

TEST_CASE("parse_plain reads exact decimals") {
  CHECK(d("12") == Decimal(12));
  CHECK(d("-0.075") == Decimal::from_fraction(-3, 40));
  CHECK(d("1234.5") == Decimal::from_fraction(2469, 2));
  CHECK(d("007.50") == Decimal::from_fraction(15, 2));
  CHECK(d("-0").is_zero());
  CHECK(d("-0").sign() == 0);
  CHECK(d("123456789012345678901234567890.5").to_string() == "123456789012345678901234567890.5");
}

TEST_CASE("parse_plain rejects anything else") {
  for (std::string_view bad :
       {"", "-", ".", "1.", ".5", "-.5", "1.2.3", "+1", "1e3", " 1", "1 ", "--1", "1,5", "0x10"}) {
    CAPTURE(bad);
    CHECK_FALSE(Decimal::parse_plain(bad).has_value());
  }
}

TEST_CASE("arithmetic is exact") {
  CHECK(d("0.1") + d("0.2") == d("0.3"));
  CHECK(d("0.3") - d("0.1") == d("0.2"));
  CHECK(Decimal(1) / Decimal(3) * Decimal(3) == Decimal(1));
  CHECK(-d("2.5") == d("-2.5"));
  CHECK(d("-2.5").abs() == d("2.5"));
  CHECK(d("2.5").abs() == d("2.5"));
  CHECK(Decimal() == Decimal(0));

  // An incentive worked formula: 20 % x (0.5 - 0.4) x 1 000 000 x (98.50 - 46.70) / 46.70
  // = 0.02 x 1 000 000 x 51.80 / 46.70 = 1 036 000 / 46.70 = 10 360 000 / 467 (467 is prime)
  // = 22184 + 72/467 = 22184.15417558886...
  Decimal incentive = d("0.20") * (d("0.5") - d("0.4")) * Decimal(1000000) * (d("98.50") - d("46.70")) / d("46.70");
  CHECK(incentive == Decimal::from_fraction(10360000, 467));
  CHECK_FALSE(incentive.is_terminating());
  CHECK(incentive.round(2, Rounding::HalfAwayFromZero) == d("22184.15"));
  CHECK(incentive.round(0, Rounding::HalfAwayFromZero) == Decimal(22184));
  CHECK(incentive.to_string(0, 6) == "22184.154176");
  CHECK(incentive.to_string() == "22184.1541755889");
}

TEST_CASE("values are canonical") {
  Decimal half = Decimal::from_fraction(6, -4);
  CHECK(half == Decimal::from_fraction(-3, 2));
  CHECK(half.rational().get_num() == -3);
  CHECK(half.rational().get_den() == 2);
  CHECK(Decimal::from_rational(mpq_class(10, 4)) == d("2.5"));
  CHECK(Decimal::from_rational(mpq_class(10, 4)).rational().get_den() == 2);
}

TEST_CASE("comparisons") {
  Decimal third = Decimal::from_fraction(1, 3);
  CHECK(third < d("0.3334"));
  CHECK(third > d("0.3333"));
  CHECK(third <= third);
  CHECK(third >= third);
  CHECK(third != d("0.3333"));
  CHECK(d("-1") < Decimal());
  CHECK(d("-1").sign() == -1);
  CHECK(d("0.001").sign() == 1);
}

TEST_CASE("integers") {
  CHECK(Decimal(7).is_integer());
  CHECK(Decimal::from_fraction(10, 2).is_integer());
  CHECK_FALSE(d("2.5").is_integer());
  CHECK(Decimal::from_fraction(10, 2).to_int() == 5);
  CHECK(d("-42").to_int() == -42);
  CHECK_FALSE(d("2.5").to_int().has_value());
  CHECK(Decimal(LLONG_MAX).to_int() == LLONG_MAX);
  CHECK(Decimal(LLONG_MIN).to_int() == LLONG_MIN);
  CHECK_FALSE((Decimal(LLONG_MAX) + Decimal(1)).to_int().has_value());
  CHECK_FALSE((Decimal(LLONG_MIN) - Decimal(1)).to_int().has_value());
  CHECK(Decimal(LLONG_MAX).to_string() == "9223372036854775807");
  CHECK(Decimal(LLONG_MIN).to_string() == "-9223372036854775808");
}

TEST_CASE("rounding to decimal places") {
  CHECK(d("2.345").round(2, Rounding::HalfAwayFromZero) == d("2.35"));
  CHECK(d("-2.345").round(2, Rounding::HalfAwayFromZero) == d("-2.35"));
  CHECK(d("2.344").round(2, Rounding::HalfAwayFromZero) == d("2.34"));
  CHECK(d("2.345").round(2, Rounding::HalfEven) == d("2.34"));
  CHECK(d("2.355").round(2, Rounding::HalfEven) == d("2.36"));
  CHECK(d("-2.345").round(2, Rounding::HalfEven) == d("-2.34"));
  CHECK(d("2.3451").round(2, Rounding::HalfEven) == d("2.35"));
  CHECK(d("2.349").round(2, Rounding::TowardZero) == d("2.34"));
  CHECK(d("-2.349").round(2, Rounding::TowardZero) == d("-2.34"));
  CHECK(d("2.349").round(2, Rounding::Floor) == d("2.34"));
  CHECK(d("-2.341").round(2, Rounding::Floor) == d("-2.35"));
  CHECK(d("2.341").round(2, Rounding::Ceiling) == d("2.35"));
  CHECK(d("-2.349").round(2, Rounding::Ceiling) == d("-2.34"));
  CHECK(Decimal(7).round(2, Rounding::Ceiling) == Decimal(7));
  CHECK(Decimal::from_fraction(1, 3).round(4, Rounding::HalfEven) == d("0.3333"));
  CHECK(Decimal::from_fraction(2, 3).round(4, Rounding::HalfAwayFromZero) == d("0.6667"));
  CHECK(Decimal::from_fraction(-2, 3).round(4, Rounding::TowardZero) == d("-0.6666"));
}

TEST_CASE("rounding to units and above") {
  CHECK(d("0.5").round(0, Rounding::HalfAwayFromZero) == Decimal(1));
  CHECK(d("-0.5").round(0, Rounding::HalfAwayFromZero) == Decimal(-1));
  CHECK(d("0.5").round(0, Rounding::HalfEven) == Decimal(0));
  CHECK(d("1.5").round(0, Rounding::HalfEven) == Decimal(2));
  CHECK(d("2.5").round(0, Rounding::HalfEven) == Decimal(2));
  CHECK(d("-2.5").round(0, Rounding::HalfEven) == Decimal(-2));
  CHECK(Decimal(1234567).round(-3, Rounding::HalfAwayFromZero) == Decimal(1235000));
  CHECK(Decimal(1500).round(-3, Rounding::HalfEven) == Decimal(2000));
  CHECK(Decimal(2500).round(-3, Rounding::HalfEven) == Decimal(2000));
  CHECK(Decimal(2500).round(-3, Rounding::HalfAwayFromZero) == Decimal(3000));
  CHECK(Decimal(-1499).round(-3, Rounding::HalfAwayFromZero) == Decimal(-1000));
  CHECK(Decimal(-1).round(-3, Rounding::Floor) == Decimal(-1000));
  CHECK(Decimal(1).round(-3, Rounding::Ceiling) == Decimal(1000));
}

TEST_CASE("scaling by powers of ten") {
  CHECK(d("1.5").scaled(2) == Decimal(150));
  CHECK(d("1.5").scaled(-3) == Decimal::from_fraction(3, 2000));
  CHECK(d("1.5").scaled(0) == d("1.5"));
  CHECK(Decimal::from_fraction(1, 3).scaled(1) == Decimal::from_fraction(10, 3));
}

TEST_CASE("terminating decimals") {
  CHECK(Decimal::from_fraction(1, 8).is_terminating());
  CHECK(Decimal::from_fraction(7, 40).is_terminating());
  CHECK(Decimal::from_fraction(3, 15).is_terminating());  // = 1/5
  CHECK(Decimal(12).is_terminating());
  CHECK_FALSE(Decimal::from_fraction(1, 3).is_terminating());
  CHECK_FALSE(Decimal::from_fraction(1, 6).is_terminating());
}

TEST_CASE("decimal text") {
  CHECK(Decimal::from_fraction(1, 3).to_string(0, 6) == "0.333333");
  CHECK(Decimal::from_fraction(2, 3).to_string(0, 6) == "0.666667");
  CHECK(Decimal::from_fraction(1, 3).to_string() == "0.3333333333");
  CHECK(Decimal::from_fraction(1, 8).to_string() == "0.125");
  CHECK(Decimal::from_fraction(1, 8).to_string(0, 2) == "0.12");  // 0.125 half-even
  CHECK(Decimal::from_fraction(3, 8).to_string(0, 2) == "0.38");  // 0.375 half-even
  CHECK(Decimal(5).to_string(2, 2) == "5.00");
  CHECK(Decimal(5).to_string() == "5");
  CHECK(d("2.5").to_string(2, 4) == "2.50");
  CHECK(d("2.125").to_string(1, 4) == "2.125");
  CHECK(Decimal().to_string() == "0");
  CHECK(Decimal().to_string(2, 2) == "0.00");
  CHECK(d("0.05").to_string() == "0.05");
  CHECK(d("-0.05").to_string() == "-0.05");
  CHECK(d("1.5").to_string(0, 0) == "2");
  CHECK(d("-12.5").to_string(0, 0) == "-12");
  CHECK(d("0.000000000001").to_string() == "0");
}

TEST_CASE("decimal text never shows a negative zero") {
  CHECK(d("-0.0000001").to_string(0, 2) == "0");
  CHECK(d("-0.004").to_string(0, 2) == "0");
  CHECK(d("-0.005").to_string(2, 2) == "0.00");
  CHECK(d("-0.015").to_string(0, 2) == "-0.02");
}

TEST_CASE("decimal text with French separators") {
  CHECK(d("1234567.891").to_string(0, 10, ',', " ") == "1 234 567,891");
  CHECK(d("-1234.5").to_string(0, 2, ',', "\u202f") == "-1\u202f234,5");
  CHECK(Decimal(100).to_string(0, 2, ',', " ") == "100");
  CHECK(Decimal(1000).to_string(0, 2, ',', " ") == "1 000");
  CHECK(Decimal(999999).to_string(0, 2, ',', " ") == "999 999");
  CHECK(Decimal(-100000).to_string(2, 2, ',', " ") == "-100 000,00");
  CHECK(d("1234.5").to_string(2, 2, ',') == "1234,50");
}

TEST_CASE("equal values hash alike") {
  CHECK(Decimal::from_fraction(2, 4).hash() == (Decimal(1) / Decimal(2)).hash());
  CHECK(d("-0").hash() == Decimal().hash());
  std::unordered_set<Decimal> set{d("0.5"), Decimal::from_fraction(1, 2), d("1.50"), Decimal::from_fraction(3, 2)};
  CHECK(set.size() == 2);
}

}  // namespace
}  // namespace caqes

namespace caqes {

// The two forms (scaled 64-bit integer, GMP rational) must give the same results as exact rationals would.
TEST_CASE("Decimal: results cross between the integer and the rational form exactly") {
  Decimal third = Decimal(1) / Decimal(3);
  CHECK_FALSE(third.is_terminating());
  // 1/3 × 3 = 1 exactly, and is then an integer again.
  Decimal one = third * Decimal(3);
  CHECK(one == Decimal(1));
  CHECK(one.is_integer());
  CHECK(one.to_int() == 1);
  // 0,1 + 0,2 = 0,3 (no binary floating point anywhere).
  CHECK(*Decimal::parse_plain("0.1") + *Decimal::parse_plain("0.2") == *Decimal::parse_plain("0.3"));
  // Past 64 bits: 9 223 372 036 854 775 807 + 1 and back, exact.
  Decimal max(9223372036854775807LL);
  Decimal beyond = max + Decimal(1);
  CHECK(beyond > max);
  CHECK(beyond.to_string() == "9223372036854775808");
  CHECK(beyond - Decimal(1) == max);
  // 18 decimals times 18 decimals: 10^-36, kept exact as a rational, compared with its square root squared.
  Decimal tiny = *Decimal::parse_plain("0.000000000000000001");
  Decimal tinier = tiny * tiny;
  CHECK(tinier > Decimal(0));
  CHECK(tinier < tiny);
  CHECK(tinier * Decimal::from_fraction(1, 1) == tiny * tiny);
  CHECK(tinier.to_string(0, 40) == "0.000000000000000000000000000000000001");
  // Equal values compare equal whatever the path that made them: 500 000 / 1 000 000 and 0,5.
  CHECK(Decimal(500000) / Decimal(1000000) == *Decimal::parse_plain("0.5"));
  CHECK((Decimal(500000) / Decimal(1000000)).hash() == Decimal::parse_plain("0.5")->hash());
  // The smallest long long is outside the integer form's symmetric range: still exact.
  Decimal min(static_cast<long long>(-9223372036854775807LL - 1));
  CHECK(min.to_int() == static_cast<long long>(-9223372036854775807LL - 1));
  CHECK((-min).to_string() == "9223372036854775808");
}

}  // namespace caqes
