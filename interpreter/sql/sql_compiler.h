// The aggregations over rows of a plan (eval/plan.h) compiled to SQL: one query per planned group (a row-level
// table and the tables its nested aggregations look up), `GROUP BY finess, année`, one column per aggregation and
// year with its filter as `FILTER (WHERE …)` (the years whose SQL is the same but for the year of the rows share one
// column, filtered on `année IN (…)`: each result row holds its own year's aggregate), the nested (correlated) aggregations of each looked-up table by one
// join on the same establishment, their shared conditions and years, grouped by row (tableoid, ctid). The columns say which accumulator (eval/accumulator.h) they fill, so that a
// database source of the aggregates (db/db_source.h) gives the per-establishment evaluation what the pass over
// the CSV files gives it. Identifiers are always quoted, texts are literals with their quotes doubled, numbers
// are exact NUMERIC literals; what is not compiled yet is a located error, never a different query.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "check/program.h"
#include "eval/aggregate_source.h"
#include "eval/plan.h"
#include "sql/table_mapping.h"
#include "syntax/diagnostic.h"
#include "value/value.h"

namespace caqes {

// What one column of a query gives to an aggregation's accumulator.
enum class SqlField { Count, Sum, Min, Max, Distinct };

struct SqlOutput {
  int slot = -1;       // in program.row_aggregations
  int year = 0;        // the year it is planned for (kAnyYear included)
  int rows_year = 0;   // the year of the rows it reads (per-year tables): the result row of that year holds it
  SqlField field = SqlField::Count;
  int column = 0;      // its column among the aggregates (c1, c2, …): the years that compile alike share one
};

// One query: its result columns are the establishment's FINESS, the year (per-year tables), then the aggregates
// c1, c2, … that `outputs` point to.
struct SqlQuery {
  int table = -1;
  std::string text;
  std::vector<SqlOutput> outputs;
  // The looked-up tables, when its rows look up others: the query groups the joined rows by the row's identity
  // (tableoid, ctid), which a view does not have.
  std::vector<int> looked_up;
};

// The queries of every group of the plan; false (with located errors) if some aggregation cannot be compiled. The
// tables and columns under the names `mapping` gives them in the database (null: their declared names).
// `count_kept_rows`: the sums also count the rows they add up, as an explanation shows them (a run needs only the sum).
bool compile_queries(const CheckedProgram& program, const Plan& plan, const ConstantParameter& constant,
                     std::vector<SqlQuery>& out, Diagnostics& diags, const TableMapping* mapping = nullptr,
                     bool count_kept_rows = false);

// "name" with its double quotes doubled: any text is a harmless identifier.
std::string quote_identifier(std::string_view name);
// 'text' with its single quotes doubled (standard_conforming_strings, which every connection sets).
std::string quote_text(std::string_view text);
// A number's exact decimal text ("-12.075"), as NUMERIC reads it.
std::string decimal_text(const Decimal& d);
// The SQL type of a declared column: NUMERIC for money, rates and counts, INTEGER for the year, TEXT, DATE, BOOLEAN.
std::string sql_type(ColumnType type);
// The types of an existing database column (as information_schema names them) that hold a declared column's values
// exactly, the one caqes load creates first.
const std::vector<std::string>& database_types(ColumnType type);

}  // namespace caqes
