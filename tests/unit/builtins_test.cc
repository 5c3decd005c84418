// Unit tests of the scalar built-in functions (stdlib/builtins.h), called through the table of functions as the
// evaluator calls them, with the expected values worked out by hand: rounding half away from zero (rates in points
// of percent), min and max with an absent argument, days across a leap year, texts with accents.
#include "stdlib/builtins.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace caqes {
namespace {

Decimal dec(std::string_view text) {
  auto d = Decimal::parse_plain(text);
  REQUIRE_MESSAGE(d.has_value(), "bad test literal ", std::string(text));
  return *d;
}
Value num(std::string_view text) { return Value(dec(text)); }
Value txt(const std::string& s) { return Value(s); }  // never Value("..."): a const char* would become a bool
Value day(int year, int month, int d) { return Value(Date::from_civil(year, month, d)); }
const Value kAbsent;

Value call(Function f, const std::vector<Value>& args, bool rate = false) {
  return call_scalar(function_info(f), args, CallUnits{rate});
}

std::string show(const Value& v) {
  if (v.absent()) return "absent";
  if (v.is_bool()) return v.boolean() ? "vrai" : "faux";
  if (v.is_number()) return v.number().to_string(0, 12);
  if (v.is_text()) return "\"" + v.text() + "\"";
  if (v.is_date()) return v.date().iso();
  return "<list>";
}

#define CHECK_NUMBER(value, want)                      \
  do {                                                 \
    Value v_ = (value);                                \
    INFO("computed: " << show(v_));                    \
    REQUIRE(v_.is_number());                           \
    CHECK(v_.number() == dec(want));                   \
  } while (0)

#define CHECK_TEXT(value, want)        \
  do {                                 \
    Value v_ = (value);                \
    INFO("computed: " << show(v_));    \
    REQUIRE(v_.is_text());             \
    CHECK(v_.text() == (want));        \
  } while (0)

#define CHECK_BOOL(value, want)        \
  do {                                 \
    Value v_ = (value);                \
    INFO("computed: " << show(v_));    \
    REQUIRE(v_.is_bool());             \
    CHECK(v_.boolean() == (want));     \
  } while (0)

#define CHECK_ABSENT(value)            \
  do {                                 \
    Value v_ = (value);                \
    INFO("computed: " << show(v_));    \
    CHECK(v_.absent());                \
  } while (0)

TEST_CASE("the table of functions is in the order of Function; exactly the scalar ones have an implementation") {
  const auto& all = functions();
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO(all[i].name);
    CHECK(static_cast<std::size_t>(all[i].function) == i);
    CHECK(&function_info(all[i].function) == &all[i]);
    CHECK((all[i].scalar != nullptr) == (all[i].family == FunctionFamily::Scalar));
  }
  CHECK(function_info(Function::Substring).name == std::string("sous_texte"));
}

TEST_CASE("arrondi: to n places, half away from zero; a rate in points of percent") {
  CHECK_NUMBER(call(Function::Round, {num("2.345"), num("2")}), "2.35");
  CHECK_NUMBER(call(Function::Round, {num("-2.345"), num("2")}), "-2.35");
  CHECK_NUMBER(call(Function::Round, {num("2.344"), num("2")}), "2.34");
  CHECK_NUMBER(call(Function::Round, {num("0.5"), num("0")}), "1");
  CHECK_NUMBER(call(Function::Round, {num("-0.5"), num("0")}), "-1");
  CHECK_NUMBER(call(Function::Round, {num("1250"), num("-2")}), "1300");  // to the hundred
  // 12,345 % is 0.12345: one place of percent is 12,3 %, i.e. 0.123 (not 0.1, one place of the fraction).
  CHECK_NUMBER(call(Function::Round, {num("0.12345"), num("1")}, true), "0.123");
  CHECK_NUMBER(call(Function::Round, {num("0.12345"), num("1")}, false), "0.1");
  // 12,35 % → 12,4 %; −12,35 % → −12,4 % (half away from zero, in points).
  CHECK_NUMBER(call(Function::Round, {num("0.1235"), num("1")}, true), "0.124");
  CHECK_NUMBER(call(Function::Round, {num("-0.1235"), num("1")}, true), "-0.124");
  // 66,666… % (2/3) to two places of percent: 66,67 %.
  CHECK_NUMBER(call(Function::Round, {Value(Decimal::from_fraction(2, 3)), num("2")}, true), "0.6667");
  CHECK_ABSENT(call(Function::Round, {kAbsent, num("2")}));
}

TEST_CASE("arrondi_inf and arrondi_sup: toward -∞ and +∞") {
  CHECK_NUMBER(call(Function::RoundDown, {num("2.349"), num("2")}), "2.34");
  CHECK_NUMBER(call(Function::RoundDown, {num("-2.341"), num("2")}), "-2.35");
  CHECK_NUMBER(call(Function::RoundUp, {num("2.341"), num("2")}), "2.35");
  CHECK_NUMBER(call(Function::RoundUp, {num("-2.349"), num("2")}), "-2.34");
  // rea-2018: 30 % of 7 reports is 2,1 places, rounded up to 3.
  CHECK_NUMBER(call(Function::RoundUp, {num("2.1"), num("0")}), "3");
  CHECK_NUMBER(call(Function::RoundUp, {num("2"), num("0")}), "2");
  // 12,341 % up to one place of percent: 12,4 %.
  CHECK_NUMBER(call(Function::RoundUp, {num("0.12341"), num("1")}, true), "0.124");
  CHECK_NUMBER(call(Function::RoundDown, {num("0.12349"), num("1")}, true), "0.123");
  CHECK_ABSENT(call(Function::RoundDown, {kAbsent, num("0")}));
  CHECK_ABSENT(call(Function::RoundUp, {kAbsent, num("0")}));
}

TEST_CASE("min and max: of any number of arguments, absent as soon as one is") {
  CHECK_NUMBER(call(Function::Min, {num("3"), num("1"), num("2")}), "1");
  CHECK_NUMBER(call(Function::Max, {num("3"), num("1"), num("2")}), "3");
  CHECK_NUMBER(call(Function::Min, {num("-1"), num("0")}), "-1");
  CHECK_NUMBER(call(Function::Max, {num("0"), num("-125.5")}), "0");  // max(0 €, -valeur)
  CHECK_NUMBER(call(Function::Max, {num("0.1"), num("0.10")}), "0.1");
  CHECK_NUMBER(call(Function::Min, {num("1"), num("2"), num("3"), num("4"), num("0.5"), num("6")}), "0.5");
  CHECK_ABSENT(call(Function::Min, {num("1"), kAbsent}));
  CHECK_ABSENT(call(Function::Max, {kAbsent, num("5")}));
  CHECK_ABSENT(call(Function::Max, {num("1"), num("2"), num("3"), num("4"), kAbsent}));
  Value earliest = call(Function::Min, {day(2024, 2, 29), day(2024, 2, 28)});
  REQUIRE(earliest.is_date());
  CHECK(earliest.date().iso() == "2024-02-28");
  Value latest = call(Function::Max, {day(2024, 2, 29), day(2023, 12, 31)});
  REQUIRE(latest.is_date());
  CHECK(latest.date().iso() == "2024-02-29");
}

TEST_CASE("abs") {
  CHECK_NUMBER(call(Function::Abs, {num("-2.5")}), "2.5");
  CHECK_NUMBER(call(Function::Abs, {num("2.5")}), "2.5");
  CHECK_NUMBER(call(Function::Abs, {num("0")}), "0");
  CHECK_ABSENT(call(Function::Abs, {kAbsent}));
}

TEST_CASE("défaut and présent look at an absent argument instead of propagating it") {
  CHECK_NUMBER(call(Function::Default, {kAbsent, num("5")}), "5");
  CHECK_NUMBER(call(Function::Default, {num("3"), num("5")}), "3");
  CHECK_NUMBER(call(Function::Default, {num("0"), num("5")}), "0");  // zero is a value
  CHECK_BOOL(call(Function::Default, {Value(false), Value(true)}), false);
  CHECK_ABSENT(call(Function::Default, {kAbsent, kAbsent}));
  CHECK_BOOL(call(Function::Present, {kAbsent}), false);
  CHECK_BOOL(call(Function::Present, {num("0")}), true);
  CHECK_BOOL(call(Function::Present, {Value(false)}), true);
  CHECK_BOOL(call(Function::Present, {txt("")}), true);
}

TEST_CASE("jours_entre: days from the first date to the second, across leap years") {
  CHECK_NUMBER(call(Function::DaysBetween, {day(2024, 2, 28), day(2024, 3, 1)}), "2");  // 29 February 2024
  CHECK_NUMBER(call(Function::DaysBetween, {day(2023, 2, 28), day(2023, 3, 1)}), "1");
  CHECK_NUMBER(call(Function::DaysBetween, {day(2024, 1, 1), day(2025, 1, 1)}), "366");
  CHECK_NUMBER(call(Function::DaysBetween, {day(2023, 1, 1), day(2024, 1, 1)}), "365");
  CHECK_NUMBER(call(Function::DaysBetween, {day(2024, 3, 1), day(2024, 2, 28)}), "-2");
  CHECK_NUMBER(call(Function::DaysBetween, {day(2021, 12, 20), day(2022, 1, 19)}), "30");  // the EPA's month before
  CHECK_NUMBER(call(Function::DaysBetween, {day(1900, 2, 28), day(1900, 3, 1)}), "1");    // 1900 is not leap
  CHECK_NUMBER(call(Function::DaysBetween, {day(2000, 2, 28), day(2000, 3, 1)}), "2");    // 2000 is
  CHECK_NUMBER(call(Function::DaysBetween, {day(2022, 5, 5), day(2022, 5, 5)}), "0");
  CHECK_ABSENT(call(Function::DaysBetween, {kAbsent, day(2022, 5, 5)}));
  CHECK_ABSENT(call(Function::DaysBetween, {day(2022, 5, 5), kAbsent}));
}

TEST_CASE("année_de") {
  CHECK_NUMBER(call(Function::YearOf, {day(2024, 2, 29)}), "2024");
  CHECK_NUMBER(call(Function::YearOf, {day(1999, 12, 31)}), "1999");
  CHECK_NUMBER(call(Function::YearOf, {day(2000, 1, 1)}), "2000");
  CHECK_ABSENT(call(Function::YearOf, {kAbsent}));
}

TEST_CASE("commence_par") {
  CHECK_BOOL(call(Function::StartsWith, {txt("03K02J"), txt("03K02")}), true);
  CHECK_BOOL(call(Function::StartsWith, {txt("03K02J"), txt("14")}), false);
  CHECK_BOOL(call(Function::StartsWith, {txt("03K02J"), txt("03K02J")}), true);
  CHECK_BOOL(call(Function::StartsWith, {txt("03K"), txt("03K02")}), false);  // a prefix longer than the text
  CHECK_BOOL(call(Function::StartsWith, {txt("Émilie"), txt("É")}), true);
  CHECK_BOOL(call(Function::StartsWith, {txt("Emilie"), txt("É")}), false);
  CHECK_BOOL(call(Function::StartsWith, {txt("x"), txt("")}), true);
  CHECK_ABSENT(call(Function::StartsWith, {kAbsent, txt("03")}));
  CHECK_ABSENT(call(Function::StartsWith, {txt("03K02J"), kAbsent}));
}

TEST_CASE("sous_texte counts characters, not bytes, from 1") {
  CHECK_TEXT(call(Function::Substring, {txt("03K02J"), num("3"), num("1")}), "K");
  CHECK_TEXT(call(Function::Substring, {txt("03K02J"), num("1"), num("5")}), "03K02");
  CHECK_TEXT(call(Function::Substring, {txt("Hôpital Sainte-Émilie"), num("1"), num("3")}), "Hôp");
  CHECK_TEXT(call(Function::Substring, {txt("Hôpital Sainte-Émilie"), num("16"), num("3")}), "Émi");
  CHECK_TEXT(call(Function::Substring, {txt("éèà"), num("2"), num("1")}), "è");
  CHECK_TEXT(call(Function::Substring, {txt("éèà"), num("3"), num("5")}), "à");  // past the end: what there is
  CHECK_TEXT(call(Function::Substring, {txt("a€b"), num("2"), num("1")}), "€");   // three bytes
  CHECK_TEXT(call(Function::Substring, {txt("a😀b"), num("2"), num("2")}), "😀b");  // four bytes
  CHECK_TEXT(call(Function::Substring, {txt("abc"), num("0"), num("2")}), "a");  // characters 0 and 1: only 1 exists
  CHECK_TEXT(call(Function::Substring, {txt("abc"), num("5"), num("2")}), "");
  CHECK_TEXT(call(Function::Substring, {txt("abc"), num("2"), num("0")}), "");
  CHECK_ABSENT(call(Function::Substring, {kAbsent, num("1"), num("1")}));
  CHECK_ABSENT(call(Function::Substring, {txt("abc"), kAbsent, num("1")}));
  CHECK_ABSENT(call(Function::Substring, {txt("abc"), num("1"), kAbsent}));
}

}  // namespace
}  // namespace caqes
