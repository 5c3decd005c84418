// What an aggregation over rows keeps while the rows go by (a count, a sum, a minimum, the distinct values), and
// the figure it gives at the end. The compiled pass, the nested aggregations and the tree walker share these, so
// that `compte`, `somme`, `moyenne`, `min`, `max`, `compte_distinct` and `existe` mean one thing everywhere.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "check/program.h"
#include "value/value.h"

namespace caqes {

// The rows aggregated for one establishment by one aggregation in one year.
struct Accumulator {
  long long count = 0;
  Decimal sum;
  Value min, max;
  std::unique_ptr<std::unordered_set<std::string>> distinct;
  long long distinct_counted = 0;  // values counted in earlier partitions (the set holds the current one's)
};

// The accumulators of every planned aggregation: slot → year (or kAnyYear) → establishment. Filled by the pass,
// read by the tree walker.
using RowAggregates = std::vector<std::unordered_map<int, std::vector<Accumulator>>>;

// The figure of an aggregation from what it accumulated.
Value row_value(const CallInfo& info, const Accumulator& acc);

// The order of two numbers or two dates, as `min` and `max` take it.
inline bool less(const Value& a, const Value& b) {
  if (a.is_date()) return a.date() < b.date();
  return a.number() < b.number();
}

// Adds one row's value (absent values are not counted). Inline: the pass calls it for every row.
inline void accumulate_value(Function function, Accumulator& acc, const Value& v) {
  if (v.absent()) return;
  switch (function) {
    case Function::RowSum:
    case Function::RowMean:
      acc.sum = acc.sum + v.number();
      ++acc.count;
      break;
    case Function::RowMin:
      if (acc.min.absent() || less(v, acc.min)) acc.min = v;
      break;
    case Function::RowMax:
      if (acc.max.absent() || less(acc.max, v)) acc.max = v;
      break;
    case Function::RowCountDistinct:
      if (!acc.distinct) acc.distinct = std::make_unique<std::unordered_set<std::string>>();
      acc.distinct->insert(v.key());
      break;
    default:
      ++acc.count;
  }
}

// Adds what `later` accumulated over rows that come after those of `into` in the order of the file (one table read
// in parts on several cores, row_pass.cc): counts and sums add, the sets of distinct values unite, and a minimum
// or maximum is replaced only by a strictly smaller or larger one, so that of equal values the first read is kept,
// as when the rows are read in one pass.
void merge_accumulator(Accumulator& into, Accumulator& later);

}  // namespace caqes
