// How figures are written: in French for people (decimal comma, "€", "%"), plainly for machines (JSON).
// Exact when the number has a finite decimal expansion; otherwise rounded half-even to `kMaxPlaces` decimals
// in its display unit (rates are shown in percent).
#pragma once

#include <string>

#include "check/types.h"
#include "value/value.h"

namespace caqes {

inline constexpr int kMaxPlaces = 6;

// "9 877,94 €", "40 %", "oui", "2022-03-01", "absent"
std::string format_french(const Value& v, const Type& t);
// For CSV cells read by French spreadsheets: "9877,94", "40" (the unit is in its own column), "oui", "".
std::string format_cell(const Value& v, const Type& t);
// For programs (JSON): "9877.94", "40" (a rate in percent): '.' as decimal separator, no grouping.
std::string format_plain(const Decimal& d, const Type& t);
// "€", "%", "" for a column of units.
std::string unit_symbol(const Type& t);

}  // namespace caqes
