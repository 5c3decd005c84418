// The data a run reads: one CSV file per declared table, validated against the declared schema.
// Per-establishment tables are held in memory (their size grows with the establishments); row-level tables are
// streamed, once, by the evaluator through RowSource, so memory does not grow with the number of rows.
#pragma once

#include <memory>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/program.h"
#include "data/csv_split.h"
#include "syntax/diagnostic.h"
#include "value/value.h"

namespace caqes {

using Row = std::vector<Value>;  // one value per column of the table, key columns first

// The records of a table's file before they are converted into rows, for a scan that reads only what it needs from
// each cell (eval/table_scan.h). Every record can still be converted the way RowSource::next converts it, with the
// same checks and the same located errors: the scan hands that way every record it does not handle itself.
class RawRows {
 public:
  virtual ~RawRows() = default;
  // The next record, split into cells; false at the end or on an error of the file (then `diags` holds it).
  virtual bool next_record(Diagnostics& diags) = 0;
  // The unconverted cells of the current record, in the order of the file (views valid until the next record), and
  // the place of each declared column among them.
  virtual const std::vector<std::string_view>& cells() const = 0;
  virtual std::size_t field_of(std::size_t column) const = 0;
  // The current record converted and checked as RowSource::next does, its establishment resolved (entity()); null on
  // an error, then in `diags` with file, line and column.
  virtual const Row* convert(Diagnostics& diags) = 0;
  // The columns every record is checked on (those asked for, and the key columns), in the order they are checked.
  virtual const std::vector<std::size_t>& checked_columns() const = 0;
  // A ';' file: what parse_cell's `french_extract` says.
  virtual bool french_extract() const = 0;
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // The next row, or null at the end or on an error (then `diags` holds it, with file, line and column).
  virtual const Row* next(Diagnostics& diags) = 0;
  // Establishment of the current row, as an index into Dataset::entities (-1: unknown, already reported).
  virtual int entity() const = 0;
  // The next row moved or copied into `out` (whose storage it may reuse); false at the end or on an error.
  virtual bool next_into(Row& out, Diagnostics& diags) {
    const Row* row = next(diags);
    if (!row) return false;
    out = *row;
    return true;
  }
  // The same rows as records not yet converted (a file); null when the rows are held in memory. Once used, next()
  // is not.
  virtual RawRows* raw() { return nullptr; }
};

// A part of a row-level table, for reading the table on several cores: a byte range of its file cut at records
// (csv_split.h), or a range of the rows held in memory (a rule test).
struct RowRange {
  CsvRange bytes;
  std::size_t first_row = 0, end_row = 0;
};

struct Dataset {
  const CheckedProgram* program = nullptr;
  std::vector<std::string> entities;                  // FINESS numbers, sorted
  std::unordered_map<std::string, int> entity_index;  // FINESS → index in `entities`
  // Per table (index as in program->tables): for 'par établissement', entity → row;
  // for 'par établissement et année', (entity, year) → row, keyed by entity * 10000 + year.
  std::vector<std::unordered_map<long long, Row>> keyed_rows;
  // Row-level tables: read from `row_files` (a run), or held in `memory_rows` (a rule test).
  std::vector<std::string> row_files;
  std::vector<std::vector<Row>> memory_rows;

  static long long key(int entity, int year) { return static_cast<long long>(entity) * 10000 + year; }
  const Row* entity_row(int table, int entity) const;
  const Row* entity_year_row(int table, int entity, int year) const;
  // `needed` (optional): the columns to parse; the others are read but not converted (key columns always are).
  std::unique_ptr<RowSource> open_rows(int table, const std::vector<bool>* needed = nullptr) const;
  // The rows of one range of split_rows, read as open_rows reads them all, located on the lines of the file.
  std::unique_ptr<RowSource> open_rows(int table, const std::vector<bool>* needed, const RowRange& range) const;
  // The rows of a row-level table cut into `parts` ranges, in order, together holding every row once (some may be
  // empty); the file scanned on up to `threads` threads. False (with the reason) if the file cannot be read.
  bool split_rows(int table, int parts, int threads, std::vector<RowRange>& out, Message& error) const;
  // Adds an establishment (rule tests register them as their rows name them).
  int add_entity(const std::string& finess);
};

// Reads DIR/<table>.csv for every declared table. Returns false (with located diagnostics) on any error:
// a missing file or column, an undeclared column, a malformed value, a duplicated key, an unknown establishment.
bool load_dataset(const CheckedProgram& program, const std::string& dir, Dataset& out, Diagnostics& diags);

// Parses one cell for a column of the given type. Empty cells are absent. On error returns false and sets `error`.
// `french_extract` (a ';'-separated file): an amount such as 1.234 is refused as ambiguous (thousands point?).
bool parse_cell(ColumnType type, std::string_view cell, Value& out, Message& error, bool french_extract = false);

// The years the data holds for the per-year tables, for `--year` checks.
std::vector<int> data_years(const Dataset& data);

}  // namespace caqes
