// The commands that take the rules to a PostgreSQL database: `caqes sql` (the generated SQL, for review),
// `caqes load` (the CSV extracts into the database) and the data of `caqes run --db`. Each returns its text or
// its diagnostics; main.cc prints them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "sql/table_mapping.h"
#include "syntax/diagnostic.h"
#include "syntax/message.h"

namespace caqes {

class Connection;
class AggregateSource;

// The SQL that computes the contract's aggregations over rows in `years`, commented.
bool sql_command(const CheckedProgram& program, const std::vector<int>& years, const TableMapping& names,
                 std::string& out, Diagnostics& diags);

// Creates and fills the declared tables in the database (under the names `names` gives them) from DIR; `done` says
// what was loaded.
bool load_command(const CheckedProgram& program, const std::string& dir, const std::string& url,
                  const TableMapping& names, Message& done, Diagnostics& diags);

// A run's data in a database: the per-establishment tables read into `data`, and the source of the aggregates
// over rows that the run's PassOptions point to. Lives as long as the run.
class DatabaseData {
 public:
  DatabaseData();
  ~DatabaseData();
  // The connection and its one read-only snapshot.
  bool connect(const std::string& url, Diagnostics& diags);
  // One program's per-establishment tables read into `data`, and the source of its aggregates (null on an error).
  // Several programs (the two versions of a diff) read the same snapshot.
  // `explaining`: the rows of every aggregation counted, as `caqes explain` shows them.
  AggregateSource* read(const CheckedProgram& program, const TableMapping& names, Dataset& data, Diagnostics& diags,
                        bool explaining = false);
  // connect, then read.
  bool open(const CheckedProgram& program, const std::string& url, const TableMapping& names, Dataset& data,
            Diagnostics& diags, bool explaining = false);
  // The source of the last program read (null before).
  AggregateSource* source() const { return sources_.empty() ? nullptr : sources_.back().get(); }

 private:
  std::unique_ptr<Connection> connection_;
  std::vector<std::unique_ptr<AggregateSource>> sources_;
};

}  // namespace caqes
