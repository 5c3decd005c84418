// The catalogue of built-in functions: one entry per function, with the form of its arguments and the French
// documentation that `caqes fonctions` prints and stdlib/README.md reproduces. The checker types the calls,
// the evaluator implements them; both switch on `Function`.
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
  Round, RoundDown, RoundUp, Min, Max, Abs, Default, Present, DaysBetween, YearOf, StartsWith, Substring
};

enum class FunctionFamily { Rows, Population, Scalar };

struct FunctionInfo {
  Function function;
  FunctionFamily family;
  const char* name;       // as written in the rules
  const char* signature;  // as documented
  const char* doc;        // what it returns, in French
};

// All functions; several share a name (moyenne over rows with `de`, over establishments without).
const std::vector<FunctionInfo>& functions();
// The names, for "did you mean".
std::vector<std::string> function_names();
bool is_function_name(const std::string& name);

}  // namespace caqes

namespace caqes {

// The function of `family` written `name` in the rules, or null if that family has none of that name.
const FunctionInfo* find_function(const std::string& name, FunctionFamily family);

}  // namespace caqes
