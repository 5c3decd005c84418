// The unit algebra of the rules language, all in one place: which units mix, and what an operator gives.
// € + % is an error, € / € is a rate, € × % is €, € / effectif is € (a mean per patient), % × effectif is a count.
// Three dimensions never mix (added, subtracted, compared, or side by side in si/selon/lists): amounts (€), rates (%)
// and numbers; a count and a plain number are both numbers, since a count is written without a unit.
#pragma once

#include <optional>

#include "check/types.h"
#include "syntax/ast.h"
#include "syntax/message.h"

namespace caqes {

// Whether two units may be added, subtracted or compared: both amounts, both rates, or both numbers (counts and
// plain numbers).
bool same_dimension(Unit a, Unit b);
// The unit of a + b (and of the branches of si/selon) when the dimensions agree.
Unit join_units(Unit a, Unit b);
Unit multiply_units(Unit a, Unit b);
Unit divide_units(Unit a, Unit b);

// The one type of two values that stand in the same place (the branches of si/selon, the items of a list, the
// arguments of défaut, min, max): `absent` takes the other's type, numbers of one dimension join their units.
std::optional<Type> unify(const Type& a, const Type& b);

// What +, −, × or / gives for two numbers: the unit, or, when their units do not combine, why and what to write.
struct UnitOutcome {
  std::optional<Unit> unit;
  Message message, hint;
};
UnitOutcome arithmetic_unit(ast::BinaryOp op, Unit a, Unit b);

// Whether a value of type `value` may be the value of a parameter declared `declared` (a count is a number, and
// a number written without a unit may be a count; `absent` is a value of every type).
bool fits_declared_type(const Type& declared, const Type& value);
// Whether a value of type `value` may be given, in a test row, for a column of type `column` (a plain number is
// taken as a count or an amount, never as a rate: 20 is not 20 %).
bool fits_column(const Type& column, const Type& value);

// How to write a literal of `want`'s unit, for the hint of a unit error; empty for other types.
Message unit_hint(const Type& want);

}  // namespace caqes
