// `caqes sql`, `caqes load` and the data of `caqes run --db` (db_command.h).
#include "cli/db_command.h"

#include <fmt/format.h>

#include "db/connection.h"
#include "db/database.h"
#include "db/db_messages.h"
#include "eval/plan.h"
#include "sql/sql_compiler.h"

namespace caqes {

bool sql_command(const CheckedProgram& p, const std::vector<int>& years, const TableMapping& names, std::string& out,
                 Diagnostics& diags) {
  // The constant parameters are evaluated as a run evaluates them; no data is read for that.
  Dataset none;
  none.program = &p;
  none.keyed_rows.assign(p.tables.size(), {});
  none.row_files.assign(p.tables.size(), "");
  none.memory_rows.assign(p.tables.size(), {});
  Evaluator evaluator(p, none);
  ConstantParameter constant = [&](int parameter, int year) { return evaluator.constant_parameter(parameter, year); };
  std::vector<SqlQuery> queries;
  if (!compile_queries(p, make_plan(p, years), constant, queries, diags, &names)) return false;
  std::string list;
  for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
  out = fmt::format("-- caqes sql: contrat {} ({}), années {}\n"
                    "-- Les agrégations sur les lignes, par établissement et année ; le reste du calcul est fait par caqes.\n",
                    p.contract_name, p.contract_label.empty() ? p.contract_name : p.contract_label, list);
  if (!names.path().empty()) {
    std::string path = names.path();
    for (char& c : path)
      if (c == '\n' || c == '\r') c = ' ';  // the comment stays one line
    out += "-- Les noms de la base : correspondance " + path + "\n";
  }
  for (const SqlQuery& q : queries) out += "\n" + q.text;
  return true;
}

bool load_command(const CheckedProgram& p, const std::string& dir, const std::string& url, const TableMapping& names,
                  Message& done, Diagnostics& diags) {
  auto db = Connection::open(url, diags);
  if (!db) return false;
  long long rows = 0;
  int tables = 0;
  if (!load_database(p, dir, names, *db, rows, tables, diags)) return false;
  done = Message(db_messages::kLoaded, rows, tables, redacted(url));
  return true;
}

DatabaseData::DatabaseData() = default;
DatabaseData::~DatabaseData() = default;

bool DatabaseData::connect(const std::string& url, Diagnostics& diags) {
  connection_ = Connection::open(url, diags);
  if (!connection_) return false;
  // One snapshot for every query of the run (of both versions, for a diff).
  return connection_->command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", diags);
}

AggregateSource* DatabaseData::read(const CheckedProgram& p, const TableMapping& names, Dataset& data,
                                    Diagnostics& diags, bool explaining) {
  if (!read_database(p, names, *connection_, data, diags)) return nullptr;
  sources_.push_back(std::make_unique<SqlAggregates>(*connection_, names, explaining));
  return sources_.back().get();
}

bool DatabaseData::open(const CheckedProgram& p, const std::string& url, const TableMapping& names, Dataset& data,
                        Diagnostics& diags, bool explaining) {
  return connect(url, diags) && read(p, names, data, diags, explaining) != nullptr;
}

}  // namespace caqes
