// The rules' tables in a PostgreSQL database, under their declared names or those a mapping file gives them
// (sql/table_mapping.h): creating and filling them from the CSV extracts (`caqes load`),
// reading the per-establishment tables back whole, and the source of the aggregates over rows that runs the
// generated SQL (sql/sql_compiler.h) on the server (`caqes run --db`).
#pragma once

#include <string>

#include "check/program.h"
#include "data/dataset.h"
#include "db/connection.h"
#include "eval/aggregate_source.h"
#include "sql/table_mapping.h"
#include "syntax/diagnostic.h"

namespace caqes {

// Creates every declared table (typed columns, primary keys of the per-establishment tables, the indexes the
// queries use) and fills it from DIR with the validation of a run, in one transaction: on any error nothing is
// left behind. `rows` and `tables` count what was loaded.
bool load_database(const CheckedProgram& program, const std::string& dir, const TableMapping& names, Connection& db,
                   long long& rows, int& tables, Diagnostics& diags);

// Checks that the database holds every declared table and column with a type that fits, then reads the
// per-establishment tables into `data` (the registry first, as load_dataset does). The row-level tables stay in
// the database.
bool read_database(const CheckedProgram& program, const TableMapping& names, Connection& db, Dataset& data,
                   Diagnostics& diags);

// The aggregations over rows computed by the database.
class SqlAggregates final : public AggregateSource {
 public:
  // `count_kept_rows`: every aggregation's rows counted, as an explanation shows them (sql_compiler.h).
  SqlAggregates(Connection& db, TableMapping names, bool count_kept_rows = false)
      : db_(db), names_(std::move(names)), count_kept_rows_(count_kept_rows) {}
  bool fill(const CheckedProgram& program, const Dataset& data, const Plan& plan, const ConstantParameter& constant,
            RowAggregates& aggregates, std::map<int, std::set<int>>& row_years, Diagnostics& diags) override;

 private:
  Connection& db_;
  TableMapping names_;
  bool count_kept_rows_;
};

}  // namespace caqes
