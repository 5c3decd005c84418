// The scalar built-in functions on Values (builtins.h). Absent propagates: a function of an absent argument is
// absent, except défaut and présent, whose point is to look at one.
#include "stdlib/builtins.h"

#include <algorithm>
#include <string>

namespace caqes {
namespace {

bool any_absent(const Arguments& args) {
  for (std::size_t i = 0; i < args.size(); ++i)
    if (args[i].absent()) return true;
  return false;
}

Value rounded(const Arguments& args, const CallUnits& units, Rounding mode) {
  if (args[0].absent()) return Value();
  // The checker keeps n within 0..kMaxRoundingDecimals; whatever calls this otherwise, n stays bounded.
  int places = static_cast<int>(
      std::clamp<long long>(args[1].number().to_int().value_or(0), -kMaxRoundingDecimals, kMaxRoundingDecimals));
  // Rates are rounded in points of percent, the way they are written: arrondi(12,345 %, 1) = 12,3 %.
  int scale = units.first_is_rate ? 2 : 0;
  return Value(args[0].number().scaled(scale).round(places, mode).scaled(-scale));
}

// The order min and max use: dates by date, anything else by number.
bool less(const Value& a, const Value& b) {
  if (a.is_date()) return a.date() < b.date();
  return a.number() < b.number();
}

template <class Better>
Value best_of(const Arguments& args, Better better) {
  Value best;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].absent()) return Value();
    if (best.absent() || better(args[i], best)) best = args[i];
  }
  return best;
}

}  // namespace

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

Value round_builtin(const Arguments& args, const CallUnits& units) {
  return rounded(args, units, Rounding::HalfAwayFromZero);
}
Value round_down_builtin(const Arguments& args, const CallUnits& units) { return rounded(args, units, Rounding::Floor); }
Value round_up_builtin(const Arguments& args, const CallUnits& units) { return rounded(args, units, Rounding::Ceiling); }

Value min_builtin(const Arguments& args, const CallUnits&) {
  return best_of(args, [](const Value& a, const Value& best) { return less(a, best); });
}
Value max_builtin(const Arguments& args, const CallUnits&) {
  return best_of(args, [](const Value& a, const Value& best) { return less(best, a); });
}

Value abs_builtin(const Arguments& args, const CallUnits&) {
  return args[0].absent() ? Value() : Value(args[0].number().abs());
}

Value default_builtin(const Arguments& args, const CallUnits&) { return args[0].absent() ? args[1] : args[0]; }
Value present_builtin(const Arguments& args, const CallUnits&) { return Value(!args[0].absent()); }

Value days_between_builtin(const Arguments& args, const CallUnits&) {
  if (any_absent(args)) return Value();
  return Value(Decimal(static_cast<long long>(args[1].date().days) - args[0].date().days));
}

Value year_of_builtin(const Arguments& args, const CallUnits&) {
  if (args[0].absent()) return Value();
  int year, month, day;
  args[0].date().to_civil(year, month, day);
  return Value(Decimal(year));
}

Value starts_with_builtin(const Arguments& args, const CallUnits&) {
  if (any_absent(args)) return Value();
  const std::string& prefix = args[1].text();
  return Value(args[0].text().compare(0, prefix.size(), prefix) == 0);
}

Value substring_builtin(const Arguments& args, const CallUnits&) {
  if (any_absent(args)) return Value();
  const std::string& text = args[0].text();
  long long from = args[1].number().to_int().value_or(1), length = args[2].number().to_int().value_or(0);
  std::string out;
  long long index = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_length(static_cast<unsigned char>(text[i]));
    ++index;
    if (index >= from && index < from + length) out.append(text, i, n);
    i += n;
  }
  return Value(std::move(out));
}

Value call_scalar(const FunctionInfo& function, const std::vector<Value>& args, const CallUnits& units) {
  if (!function.scalar) return Value();
  std::vector<const Value*> items;
  items.reserve(args.size());
  for (const Value& a : args) items.push_back(&a);
  return function.scalar(Arguments(items.data(), items.size()), units);
}

}  // namespace caqes
