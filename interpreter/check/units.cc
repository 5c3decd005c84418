// The unit algebra: the rules policy staff expect for €, %, counts and plain numbers (see units.h).
#include "check/units.h"

#include "check/check_expression_messages.h"
#include "check/check_messages.h"

namespace caqes {

namespace {

// Three dimensions: amounts in €, rates in %, and numbers (counts and plain numbers). A count is written as a plain
// number (`compte(...) ≥ 10`), so the two mix; a rate and an amount are always written with their unit, so a plain
// number never stands for one (15 % ≤ 10 would compare 0,15 with 10).
enum class Dimension { Money, Rate, Number };

Dimension dimension(Unit u) {
  switch (u) {
    case Unit::Money: return Dimension::Money;
    case Unit::Rate: return Dimension::Rate;
    default: return Dimension::Number;
  }
}

}  // namespace

bool same_dimension(Unit a, Unit b) { return dimension(a) == dimension(b); }

Unit join_units(Unit a, Unit b) { return a == b ? a : Unit::Plain; /* Count with Plain */ }

Unit multiply_units(Unit a, Unit b) {
  if (a == Unit::Money || b == Unit::Money) return Unit::Money;
  if (a == Unit::Plain) return b;
  if (b == Unit::Plain) return a;
  if (a == Unit::Count || b == Unit::Count) return Unit::Count;  // 5 % of the stays is a number of stays
  return Unit::Rate;
}

Unit divide_units(Unit a, Unit b) {
  if (a == Unit::Money) return b == Unit::Money ? Unit::Rate : Unit::Money;
  if (b == Unit::Plain) return a;
  if (a == Unit::Plain) return Unit::Plain;
  if (a == b) return a == Unit::Count ? Unit::Rate : Unit::Plain;
  if (a == Unit::Rate) return Unit::Rate;  // rate per count
  return Unit::Count;                     // count / rate
}

std::optional<Type> unify(const Type& a, const Type& b) {
  if (a.kind == Kind::Absent) return b;
  if (b.kind == Kind::Absent) return a;
  if (a.kind != b.kind) return std::nullopt;
  if (a.kind == Kind::Number) {
    if (!same_dimension(a.unit, b.unit)) return std::nullopt;
    return Type::number(join_units(a.unit, b.unit));
  }
  return a;
}

UnitOutcome arithmetic_unit(ast::BinaryOp op, Unit a, Unit b) {
  using namespace check_messages;
  const Type x = Type::number(a), y = Type::number(b);
  switch (op) {
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Subtract:
      if (!same_dimension(a, b))
        return {std::nullopt, Message(op == ast::BinaryOp::Add ? kCannotAdd : kCannotSubtract, describe(x), describe(y)),
                a == Unit::Money || b == Unit::Money ? Message(kMoneyAddsToMoney) : Message(kRateAddsToRate)};
      return {join_units(a, b), {}, {}};
    case ast::BinaryOp::Multiply:
      if (a == Unit::Money && b == Unit::Money)
        return {std::nullopt, Message(kMoneyTimesMoney), Message(kRatioIsADivision)};
      return {multiply_units(a, b), {}, {}};
    case ast::BinaryOp::Divide:
      if (a != Unit::Money && b == Unit::Money)
        return {std::nullopt, Message(kDivideByMoney, describe(x)), Message(kDivideTheAmount)};
      return {divide_units(a, b), {}, {}};
    default:
      return {std::nullopt, {}, {}};
  }
}

bool fits_declared_type(const Type& declared, const Type& value) {
  if (value.kind == Kind::Absent) return declared.kind != Kind::List;
  if (value.kind == Kind::List) return declared.kind == value.element && declared.unit == value.unit;
  // Counts and plain numbers are one dimension: `: effectif = 10 000` is a count written without a unit.
  return declared.kind == value.kind &&
         (declared.kind != Kind::Number || declared.unit == value.unit ||
          (declared.unit == Unit::Plain && value.unit == Unit::Count) ||
          (declared.unit == Unit::Count && value.unit == Unit::Plain));
}

bool fits_column(const Type& column, const Type& value) {
  return value.kind == Kind::Absent ||
         (value.kind == column.kind &&
          (column.kind != Kind::Number || value.unit == column.unit ||
           (value.unit == Unit::Plain && column.unit != Unit::Rate)));
}

Message unit_hint(const Type& want) {
  if (want.kind != Kind::Number) return {};
  switch (want.unit) {
    case Unit::Money: return Message(check_messages::kAmountWithUnit);
    case Unit::Rate: return Message(check_messages::kRateWithUnit);
    default: return {};
  }
}

}  // namespace caqes
