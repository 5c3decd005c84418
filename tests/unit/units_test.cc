// Unit tests of the unit algebra (check/units.h), rule by rule: what +, −, × and / give for €, %, counts and plain
// numbers, which combinations are refused and with what hint, and how values of two branches unify.
#include "check/units.h"

#include <doctest/doctest.h>

namespace caqes {
namespace {

using ast::BinaryOp;

Unit gives(BinaryOp op, Unit a, Unit b) {
  UnitOutcome r = arithmetic_unit(op, a, b);
  REQUIRE_MESSAGE(r.unit.has_value(), r.message.in(Language::En));
  CHECK(r.message.empty());
  return *r.unit;
}

TEST_CASE("€ and € add to €, % and % to %, a count and a plain number to a plain number") {
  CHECK(gives(BinaryOp::Add, Unit::Money, Unit::Money) == Unit::Money);
  CHECK(gives(BinaryOp::Subtract, Unit::Rate, Unit::Rate) == Unit::Rate);
  CHECK(gives(BinaryOp::Add, Unit::Count, Unit::Plain) == Unit::Plain);
  CHECK(gives(BinaryOp::Add, Unit::Count, Unit::Count) == Unit::Count);
}

TEST_CASE("a rate never adds to a plain number or a count: 1 − 7,5 % is refused, with the hint to write the unit") {
  for (Unit other : {Unit::Plain, Unit::Count}) {
    UnitOutcome r = arithmetic_unit(BinaryOp::Subtract, other, Unit::Rate);
    CHECK_FALSE(r.unit.has_value());
    CHECK(r.hint.in(Language::En) ==
          "a rate only adds to a rate, written with its unit (7,5 %); a share of a count is effectif × taux");
  }
  CHECK(arithmetic_unit(BinaryOp::Add, Unit::Rate, Unit::Plain).message.in(Language::En) ==
        "cannot add a taux (%) and a nombre");
  CHECK_FALSE(same_dimension(Unit::Rate, Unit::Plain));
  CHECK_FALSE(same_dimension(Unit::Rate, Unit::Count));
  CHECK_FALSE(same_dimension(Unit::Money, Unit::Plain));
  CHECK(same_dimension(Unit::Count, Unit::Plain));
}

TEST_CASE("€ + % is refused, with the hint that a share of an amount is a product") {
  UnitOutcome r = arithmetic_unit(BinaryOp::Add, Unit::Money, Unit::Rate);
  CHECK_FALSE(r.unit.has_value());
  CHECK(r.message.in(Language::En) == "cannot add a montant (€) and a taux (%)");
  CHECK(r.hint.in(Language::En) == "amounts in € only add to amounts in €; a share of an amount is montant × taux");
  CHECK(arithmetic_unit(BinaryOp::Subtract, Unit::Plain, Unit::Money).message.in(Language::En) ==
        "cannot subtract a nombre and a montant (€)");
}

TEST_CASE("products: € × % is €, % × count is a count, % × % is a rate; € × € is refused") {
  CHECK(gives(BinaryOp::Multiply, Unit::Money, Unit::Rate) == Unit::Money);
  CHECK(gives(BinaryOp::Multiply, Unit::Rate, Unit::Count) == Unit::Count);
  CHECK(gives(BinaryOp::Multiply, Unit::Rate, Unit::Rate) == Unit::Rate);
  CHECK(gives(BinaryOp::Multiply, Unit::Plain, Unit::Rate) == Unit::Rate);
  UnitOutcome r = arithmetic_unit(BinaryOp::Multiply, Unit::Money, Unit::Money);
  CHECK_FALSE(r.unit.has_value());
  CHECK(r.message.in(Language::En) == "cannot multiply an amount in € by an amount in €");
}

TEST_CASE("quotients: € / € is a rate, € / count is €, count / count is a rate; anything but € over € is refused") {
  CHECK(gives(BinaryOp::Divide, Unit::Money, Unit::Money) == Unit::Rate);
  CHECK(gives(BinaryOp::Divide, Unit::Money, Unit::Count) == Unit::Money);
  CHECK(gives(BinaryOp::Divide, Unit::Count, Unit::Count) == Unit::Rate);
  CHECK(gives(BinaryOp::Divide, Unit::Rate, Unit::Rate) == Unit::Plain);
  CHECK(gives(BinaryOp::Divide, Unit::Rate, Unit::Count) == Unit::Rate);
  CHECK(gives(BinaryOp::Divide, Unit::Count, Unit::Rate) == Unit::Count);
  CHECK(gives(BinaryOp::Divide, Unit::Plain, Unit::Count) == Unit::Plain);
  UnitOutcome r = arithmetic_unit(BinaryOp::Divide, Unit::Count, Unit::Money);
  CHECK_FALSE(r.unit.has_value());
  CHECK(r.message.in(Language::En) == "cannot divide a effectif by an amount in €");
}

TEST_CASE("two branches unify: absent takes the other's type, a count and a plain number join, a rate joins no number") {
  CHECK(*unify(Type::absent(), Type::number(Unit::Money)) == Type::number(Unit::Money));
  CHECK(*unify(Type::number(Unit::Count), Type::number(Unit::Plain)) == Type::number(Unit::Plain));
  CHECK_FALSE(unify(Type::number(Unit::Count), Type::number(Unit::Rate)).has_value());
  CHECK_FALSE(unify(Type::number(Unit::Rate), Type::number(Unit::Plain)).has_value());
  CHECK_FALSE(unify(Type::number(Unit::Money), Type::number(Unit::Plain)).has_value());
  CHECK_FALSE(unify(Type::text(), Type::date()).has_value());
}

TEST_CASE("a declared parameter type takes a count for a number and a number for a count; a test row takes a plain number for €, not for %") {
  CHECK(fits_declared_type(Type::number(Unit::Plain), Type::number(Unit::Count)));
  CHECK(fits_declared_type(Type::number(Unit::Count), Type::number(Unit::Plain)));  // : effectif = 10 000
  CHECK_FALSE(fits_declared_type(Type::number(Unit::Rate), Type::number(Unit::Plain)));  // : taux = 20
  CHECK_FALSE(fits_declared_type(Type::number(Unit::Money), Type::number(Unit::Plain)));
  CHECK(fits_declared_type(Type::text(), Type::list(Type::text())));
  // `paramètre p : taux = absent;`: a figure not given yet.
  CHECK(fits_declared_type(Type::number(Unit::Rate), Type::absent()));
  CHECK(fits_column(Type::number(Unit::Money), Type::number(Unit::Plain)));
  CHECK_FALSE(fits_column(Type::number(Unit::Rate), Type::number(Unit::Plain)));
  CHECK(fits_column(Type::date(), Type::absent()));
}

}  // namespace
}  // namespace caqes
