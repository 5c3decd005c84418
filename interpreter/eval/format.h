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
// JSON: 9877.94, 40 (percent), true, "2022-03-01", null
std::string format_json(const Value& v, const Type& t);
// "€", "%", "" for a column of units.
std::string unit_symbol(const Type& t);
// A JSON string literal.
std::string json_string(const std::string& s);

}  // namespace caqes
