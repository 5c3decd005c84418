// A planned group of aggregations (plan.h) made ready to run: for every aggregation and year, its filter and
// value compiled into row code (row_code.h), its accumulators, the pre-filter of the rows no aggregation could
// count, the rows its nested aggregations hold, and the memos those share. Compiling answers the row-code
// compiler's questions (row_code.h's RowCodeHost) for this group: constant parameters through the tree walker,
// nested aggregations compiled in turn, and what is left to the tree walker.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "data/spill.h"
#include "eval/accumulator.h"
#include "eval/held_rows.h"
#include "eval/plan.h"
#include "eval/row_code.h"
#include "eval/table_scan.h"
#include "syntax/diagnostic.h"

namespace caqes {

class ExpressionEvaluator;

// One aggregation in one year.
struct SlotYear {
  int year;
  int rows_year;  // the year of the rows it reads (N, or the aggregation's period)
  std::vector<Accumulator>* accs;
  std::unique_ptr<RowCode> filter, value;
  std::size_t first_id = 0;  // distinct counts of the partition column: the id of its first accumulator
};

// One aggregation in every year it is planned for.
struct SlotPass {
  const CallInfo* info;
  bool distinct_on_key;  // a distinct count of the partition column: its counts add up over the partitions
  std::vector<SlotYear> years;
};

// The figure of one nested aggregation for the current outer row, shared by the filters that repeat it (the
// EPA's rates, counts and amounts test the same bilans).
struct NestedMemo {
  unsigned long long serial = 0;
  Value value;
};

struct GroupRun {
  GroupRun(const CheckedProgram& program, const Plan& plan, const PlannedGroup& planned, std::size_t entities)
      : group(planned), held(program, plan.correlation, entities) {}

  const PlannedGroup& group;
  std::vector<SlotPass> passes;
  HeldRows held;
  bool interpreted = false;  // some of its code is left to the tree walker, which is not shared between threads
  Diagnostics diags;
  // Nested aggregations by their structure (expression_key.h) and year: the same in the same year gives the same
  // figure for a row.
  std::map<std::string, NestedMemo*> memo_index;
  std::vector<std::unique_ptr<NestedMemo>> memos;
  unsigned long long rows_seen = 0;
  // A table without nested aggregations whose distinct counts are split by value: the values counted are written
  // to partitions while the other aggregations add up as the rows stream.
  SpillWriter* distinct_values = nullptr;
  int partitions = 1;
  std::vector<Accumulator*> distinct_accumulators;  // id → accumulator
  // Per table, the rows that some aggregation of the group could count (absent: all of them).
  std::map<int, std::unique_ptr<RowCode>> usable;
  // Per per-year table read, the years it holds rows for (every row counted, before any filter): a year the
  // rules read and the data do not hold is warned about (ExpressionEvaluator::missing_years).
  std::map<int, std::set<int>> years_seen;
  // The tight scan of its table (table_scan.h), when its filters and values have that shape; null otherwise.
  std::unique_ptr<TableScan> scan;
};

// A condition that reads the row alone (nabm = "1104", geste = "AMYG"): columns of the row, literals, constant
// parameters, and the built-ins that compute from those.
bool reads_row_alone(const CheckedProgram& program, const ast::Expr& e);
// The operands of a chain of `et`, from the left (a filter that is no chain is its one operand).
void split_conjuncts(const ast::Expr& e, std::vector<const ast::Expr*>& out);

// Compiles every slot of the group for every planned year, sizing its accumulators in `aggregates`. Runs before
// any thread starts: compiling evaluates the constants with the tree walker.
void compile_group(const CheckedProgram& program, const Dataset& data, const Plan& plan, ExpressionEvaluator& walker,
                   RowAggregates& aggregates, GroupRun& g);

// One expression read on the rows of the group's table, compiled as the group's code is (for
// Evaluator::probe_row_code, which tests the row code against the tree walker).
std::unique_ptr<RowCode> compile_in_group(const CheckedProgram& program, const Dataset& data, ExpressionEvaluator& walker,
                                          GroupRun& g, const ast::Expr& e, int year);

}  // namespace caqes
