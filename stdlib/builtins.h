// The meaning of the scalar built-in functions (arrondi, min, défaut, jours_entre, sous_texte...): one
// implementation each, on Values, which the tree walker (interpreter/eval/expression_evaluator.cc) and the
// compiled row code (interpreter/eval/row_code.cc) both call, so that the two cannot drift. How the arguments are evaluated, and
// whether a missing datum is an error under `données_absentes erreur`, is the caller's business: here an argument
// arrives as a Value, absent or not. The table of functions (functions.h) points to these.
#pragma once

#include <cstddef>
#include <vector>

#include "stdlib/functions.h"
#include "value/value.h"

namespace caqes {

// The arguments of a call, in order, read in place: the row code points into the row, so no text is copied.
class Arguments {
 public:
  Arguments(const Value* const* items, std::size_t size) : items_(items), size_(size) {}
  std::size_t size() const { return size_; }
  const Value& operator[](std::size_t i) const { return *items_[i]; }

 private:
  const Value* const* items_;
  std::size_t size_;
};

// What the checker knows of a call that its values do not carry (value.h: units are the checker's).
struct CallUnits {
  bool first_is_rate = false;  // arrondi rounds a rate in points of percent, the way rates are written
};

// The most decimals arrondi & co. take (their second argument, a whole number the checker requires written out,
// from 0 to this).
inline constexpr int kMaxRoundingDecimals = 18;

// Each has the form of ScalarBuiltin (functions.h), which the table of functions points to.
// arrondi, arrondi_inf, arrondi_sup (x, n): half away from zero, toward -∞, toward +∞.
Value round_builtin(const Arguments& args, const CallUnits& units);
Value round_down_builtin(const Arguments& args, const CallUnits& units);
Value round_up_builtin(const Arguments& args, const CallUnits& units);
// min, max (a, b, ...): absent as soon as one argument is.
Value min_builtin(const Arguments& args, const CallUnits& units);
Value max_builtin(const Arguments& args, const CallUnits& units);
Value abs_builtin(const Arguments& args, const CallUnits& units);
// défaut(x, y) and présent(x): the two that look at an absent argument rather than propagate it.
Value default_builtin(const Arguments& args, const CallUnits& units);
Value present_builtin(const Arguments& args, const CallUnits& units);
Value days_between_builtin(const Arguments& args, const CallUnits& units);
Value year_of_builtin(const Arguments& args, const CallUnits& units);
Value starts_with_builtin(const Arguments& args, const CallUnits& units);
// sous_texte(t, début, longueur): positions count characters (UTF-8), from 1.
Value substring_builtin(const Arguments& args, const CallUnits& units);

// The bytes of the UTF-8 character that `lead` begins, as sous_texte counts them (1 to 4).
std::size_t utf8_length(unsigned char lead);

// A scalar function (its table entry's `scalar`) over values held in a vector, as the tree walker holds them.
Value call_scalar(const FunctionInfo& function, const std::vector<Value>& args, const CallUnits& units);

}  // namespace caqes
