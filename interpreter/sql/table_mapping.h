// Where each declared table and column is in the database: national extracts have names of their own
// (`pmsi.rsa_2022`, `FINESS_GEO`, `ANNEE`). A mapping file (YAML) says it; what it leaves out keeps its declared name.
//
//   tables:
//     séjours:
//       table: "pmsi.rsa_2022"        # or  schéma: "pmsi"  and  table: "rsa_2022"
//       colonnes:
//         finess: "FINESS_GEO"
//         année: "ANNEE"
//
// The generated SQL (sql_compiler.h) and the database connector (db/) ask this for every name they write, always
// quoted; errors in the file are located (file:line:col from yaml-cpp's marks) and name what the rules declare.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "check/program.h"
#include "syntax/diagnostic.h"
#include "syntax/source.h"

namespace caqes {

class TableMapping {
 public:
  // Every table and column under its declared name, in the connection's schema.
  static TableMapping identity(const CheckedProgram& program);

  // SQL, quoted: "pmsi"."rsa_2022", "FINESS_GEO".
  std::string table_sql(int table) const;
  std::string column_sql(int table, int column) const;
  // As the database names them, unquoted, for messages: pmsi.rsa_2022, FINESS_GEO.
  std::string table_shown(int table) const;
  const std::string& schema(int table) const { return tables_[table].schema; }  // empty: the connection's
  const std::string& table(int table) const { return tables_[table].name; }
  const std::string& column(int table, int column) const { return tables_[table].columns[column].name; }
  // Whether the database name differs from the declared one.
  bool renamed(int table) const;
  bool renamed(int table, int column) const;
  // For messages about the data: "séjours → pmsi.rsa_2022", or the declared name alone.
  std::string described(int table) const;
  std::string described(int table, int column) const;
  // Where the file gives the table or column (unknown when the mapping does not name it).
  const Span& where(int table) const { return tables_[table].at; }
  const Span& where(int table, int column) const { return tables_[table].columns[column].at; }
  // The mapping file read ("" for the identity).
  const std::string& path() const { return path_; }

 private:
  friend class MappingReader;
  struct Name {
    std::string name;
    Span at;
  };
  struct Table {
    std::string schema, name;
    Span at;
    std::vector<Name> columns;
  };
  const CheckedProgram* program_ = nullptr;
  std::vector<Table> tables_;
  std::string path_;
  std::shared_ptr<SourceFile> file_;  // the spans point into it
};

// Reads the mapping file at `path` for `program`. False, with located errors, on a file that is not YAML, not of the
// shape above, that names a table or column the rules do not declare (with a "did you mean"), gives one twice, or
// gives one database table or column for two of the rules. `lenient`: entries naming what the program does not
// declare are skipped, not errors (the older version of a diff, which the newer one's mapping describes).
bool read_mapping(const std::string& path, const CheckedProgram& program, TableMapping& out, Diagnostics& diags,
                  bool lenient = false);

}  // namespace caqes
