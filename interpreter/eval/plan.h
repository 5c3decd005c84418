// The plan of an evaluation, as a value: which aggregations over rows are needed for which years, how they are
// grouped by the table they read (and the tables their nested aggregations look up), how each group's rows can be
// split into partitions, which columns the rules read, and which population statistics are needed for which years.
// It is made from the checked program and the years alone, before any row is read; the pass over the rows
// (row_pass.h) carries it out, and another backend (SQL) could read it instead.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/program.h"

namespace caqes {

constexpr int kAnyYear = 0;  // the year of an aggregation whose result does not depend on N

// The equality a nested aggregation's filter starts from (inner column = outer column), if any: its rows are
// looked up by that key, and the rows of both tables can be partitioned by it.
struct Correlation {
  int inner_column = -1, outer_column = -1;
};

// The aggregations over one row-level table, evaluated together in one pass over its rows.
struct PlannedGroup {
  int table = -1;
  std::vector<int> slots;                          // the aggregations (indexes in program.row_aggregations)
  std::vector<std::vector<const ast::Expr*>> nested;  // per slot: the aggregations nested in its filter and value
  std::set<int> inner;                             // the tables those nested aggregations read
  std::map<int, int> key;  // table → partition column; empty when the rows cannot be partitioned
};

struct Plan {
  std::vector<std::set<int>> slot_years;  // aggregation slot → years (kAnyYear when it does not depend on N)
  std::vector<PlannedGroup> groups;       // in the order of the tables
  IdMap<Correlation> correlation;         // nested call id → its equality (none: inner_column < 0)
  std::vector<std::vector<bool>> needed_columns;  // table → column → read by some rule
  // The population statistics (their call) and the years they are needed for, computed before any establishment.
  std::set<std::pair<const ast::Expr*, int>> populations;
};

// The plan for evaluating every indicator of `program` in `years`, and the `extra` expressions (test
// expectations) in their year.
Plan make_plan(const CheckedProgram& program, const std::vector<int>& years,
               const std::vector<std::pair<const ast::Expr*, int>>& extra = {});

// The population statistics (their call) that the five figures of every indicator read in `years` (each at the
// years its periods reach: critère[2019] reads 2019), and those the `extra` expressions read in their year; the
// other definitions, which the plan also walks for explanations, are not counted.
std::set<std::pair<const ast::Expr*, int>> populations_read(const CheckedProgram& program, const std::vector<int>& years,
                                                            const std::vector<std::pair<const ast::Expr*, int>>& extra = {});

// The aggregations nested in an expression (the filter or value of an aggregation), in source order.
void nested_calls(const CheckedProgram& program, const ast::Expr& e, std::vector<const ast::Expr*>& out);

// The column an aggregation's value reads when it is a column of the row, else -1.
int plain_column(const CheckedProgram& program, const CallInfo& info);

// The plan in words, one line per fact, for reading and for tests.
std::string describe(const Plan& plan, const CheckedProgram& program);

}  // namespace caqes
