// The catalogue of built-in functions: one entry per function, with its family, the form of its arguments, the
// French documentation that `caqes fonctions` prints, and for a scalar function its one implementation
// (builtins.h). The checker types the calls; the evaluator plans the aggregations and the population statistics,
// and calls the scalar functions through this table.
#pragma once

#include <string>
#include <vector>

namespace caqes {

enum class Function {
  // over the rows of a row-level table, per establishment:   compte(séjours où durée >= 3), somme(montant de phev)
  RowCount, RowSum, RowMean, RowMin, RowMax, RowCountDistinct, RowExists,
  // over the establishments (population statistics):         médiane(x), moyenne(x par catégorie), rang(x par g)
  PopMean, PopMedian, PopQuantile, PopQuartile, PopPercentile, PopMin, PopMax, PopSum, PopRank, PopCount,
  // scalar
  Round, RoundDown, RoundUp, Min, Max, Abs, Default, Present, DaysBetween, YearOf, StartsWith, Substring,
  // a national reference: the published figure (a parameter) if given, else the population statistic
  NationalReference
};

enum class FunctionFamily { Rows, Population, Scalar };

class Value;
class Arguments;
struct CallUnits;
// The implementation of a scalar function, on the values of its arguments (builtins.h).
using ScalarBuiltin = Value (*)(const Arguments& args, const CallUnits& units);

struct FunctionInfo {
  Function function;
  FunctionFamily family;
  const char* name;       // as written in the rules
  const char* signature;  // as documented
  const char* doc;        // what it returns, in French
  ScalarBuiltin scalar = nullptr;  // Scalar family: what it computes
};

// All functions, in the order of `Function`; several share a name (moyenne over rows with `de`, over establishments
// without).
const std::vector<FunctionInfo>& functions();
// The entry of one function.
const FunctionInfo& function_info(Function function);
// The names, for "did you mean".
std::vector<std::string> function_names();
bool is_function_name(const std::string& name);

}  // namespace caqes

namespace caqes {

// The function of `family` written `name` in the rules, or null if that family has none of that name.
const FunctionInfo* find_function(const std::string& name, FunctionFamily family);

}  // namespace caqes
