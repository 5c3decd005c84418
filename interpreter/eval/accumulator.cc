// Aggregations over rows: how a row's value is added, and what the aggregation gives (accumulator.h).
#include "eval/accumulator.h"

namespace caqes {

Value row_value(const CallInfo& info, const Accumulator& acc) {
  switch (info.function) {
    case Function::RowExists: return Value(acc.count > 0);
    case Function::RowCount: return Value(Decimal(acc.count));
    case Function::RowSum: return Value(acc.sum);
    case Function::RowMean: return acc.count ? Value(acc.sum / Decimal(acc.count)) : Value();
    case Function::RowMin: return acc.min;
    case Function::RowMax: return acc.max;
    case Function::RowCountDistinct:
      return Value(Decimal(acc.distinct_counted + (acc.distinct ? static_cast<long long>(acc.distinct->size()) : 0)));
    default: return Value();
  }
}

void merge_accumulator(Accumulator& into, Accumulator& later) {
  into.count += later.count;
  into.sum = into.sum + later.sum;
  if (!later.min.absent() && (into.min.absent() || less(later.min, into.min))) into.min = later.min;
  if (!later.max.absent() && (into.max.absent() || less(into.max, later.max))) into.max = later.max;
  if (later.distinct) {
    if (!into.distinct) {
      into.distinct = std::move(later.distinct);
    } else {
      for (auto it = later.distinct->begin(); it != later.distinct->end();)
        into.distinct->insert(std::move(later.distinct->extract(it++).value()));
    }
  }
  into.distinct_counted += later.distinct_counted;
}

}  // namespace caqes
