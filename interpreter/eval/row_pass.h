// The pass over the rows: carries out a plan's groups (plan.h) on the row-level tables of a dataset, filling the
// accumulators of every aggregation. Each group's code is compiled first (group_code.h); the groups then run side
// by side on the machine's cores, the biggest first (a group whose code is partly left to the tree walker runs
// alone, after the others). The rows that nested aggregations look up, and the values of distinct counts, are
// split by key into partitions written to temporary files (data/spill.h) and processed one after the other, so
// that memory does not grow with the rows. A big table is read in parts side by side, byte ranges of its file cut at
// records, each with its own accumulators, merged in the order of the file (PassOptions::parts).
#pragma once

#include "check/program.h"
#include "data/dataset.h"
#include "eval/accumulator.h"
#include "eval/evaluator.h"
#include "eval/plan.h"
#include "syntax/diagnostic.h"

namespace caqes {

class ExpressionEvaluator;

// Errors (a malformed row, an unknown establishment, a full disk) go to diags.
bool run_pass(const CheckedProgram& program, const Dataset& data, const Plan& plan, const PassOptions& options,
              ExpressionEvaluator& walker, RowAggregates& aggregates, Diagnostics& diags);

}  // namespace caqes
