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
#include "syntax/diagnostic.h"
#include "syntax/message.h"

namespace caqes {

class Connection;
class AggregateSource;

// The SQL that computes the contract's aggregations over rows in `years`, commented.
bool sql_command(const CheckedProgram& program, const std::vector<int>& years, std::string& out, Diagnostics& diags);

// Creates and fills the declared tables in the database from DIR; `done` says what was loaded.
bool load_command(const CheckedProgram& program, const std::string& dir, const std::string& url, Message& done,
                  Diagnostics& diags);

// A run's data in a database: the per-establishment tables read into `data`, and the source of the aggregates
// over rows that the run's PassOptions point to. Lives as long as the run.
class DatabaseData {
 public:
  DatabaseData();
  ~DatabaseData();
  bool open(const CheckedProgram& program, const std::string& url, Dataset& data, Diagnostics& diags);
  AggregateSource* source() const { return source_.get(); }

 private:
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<AggregateSource> source_;
};

}  // namespace caqes
