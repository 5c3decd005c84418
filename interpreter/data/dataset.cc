// Loading and validating the CSV extracts against the declared tables.
#include "data/dataset.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>

#include "data/csv.h"
#include "data/data_messages.h"
#include "data/data_number.h"

namespace caqes {
namespace fs = std::filesystem;
using namespace data_messages;

const Row* Dataset::entity_row(int table, int entity) const {
  const auto& rows = keyed_rows[table];
  auto it = rows.find(entity);
  return it == rows.end() ? nullptr : &it->second;
}

const Row* Dataset::entity_year_row(int table, int entity, int year) const {
  const auto& rows = keyed_rows[table];
  auto it = rows.find(key(entity, year));
  return it == rows.end() ? nullptr : &it->second;
}

int Dataset::add_entity(const std::string& finess) {
  auto it = entity_index.find(finess);
  if (it != entity_index.end()) return it->second;
  int index = static_cast<int>(entities.size());
  entities.push_back(finess);
  entity_index[finess] = index;
  return index;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool valid_finess(std::string_view f) {
  if (f.size() != 9) return false;
  for (char c : f)
    if (!((c >= '0' && c <= '9') || c == 'A' || c == 'B')) return false;
  return true;
}

// a == b for the short texts of cells, with word loads instead of a call to memcmp: rows repeat most texts of the
// row before, so this comparison runs for nearly every text cell, and memcmp's call and dispatch on the size cost
// more than the few bytes compared.
inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t size = a.size();
  if (size != b.size()) return false;
  if (size > 16) return a == b;
  auto load8 = [](const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
  };
  auto load4 = [](const char* p) {
    std::uint32_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
  };
  const char* x = a.data();
  const char* y = b.data();
  // Two overlapping loads cover any size from one word to two.
  if (size >= 8) return ((load8(x) ^ load8(y)) | (load8(x + size - 8) ^ load8(y + size - 8))) == 0;
  if (size >= 4) return ((load4(x) ^ load4(y)) | (load4(x + size - 4) ^ load4(y + size - 4))) == 0;
  for (std::size_t i = 0; i < size; ++i)
    if (x[i] != y[i]) return false;
  return true;
}

// A code cell written as the row before wrote it, without surrounding spaces: the value stays as it is. The most
// common case of a code column (an extract groups its rows), tested before the call to parse_cell.
inline bool same_code(std::string_view cell, const Value& before) {
  return !cell.empty() && cell.front() != ' ' && cell.front() != '\t' && cell.back() != ' ' && cell.back() != '\t' &&
         before.is_text() && same_text(before.text(), cell);
}

}  // namespace

bool parse_cell(ColumnType type, std::string_view raw, Value& out, Message& error, bool french_extract) {
  std::string_view cell = trim(raw);
  if (cell.empty()) {
    out = Value();
    return true;
  }
  switch (type) {
    case ColumnType::Text:
    case ColumnType::Code:
      // Streamed rows reuse their values, and consecutive rows often repeat a text (establishment, category):
      // left as it is, it is not copied again.
      if (!out.is_text() || !same_text(out.text(), cell)) out.set_text(cell);
      return true;
    case ColumnType::Boolean: {
      std::string lower;
      for (char c : cell) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      // What the README documents, in any case, and nothing else: a 1, a `vrai` or an `o` in an extract is more
      // likely a column mixed up than a boolean.
      if (lower == "oui") {
        out = Value(true);
        return true;
      }
      if (lower == "non") {
        out = Value(false);
        return true;
      }
      error = Message(kNotABoolean, cell);
      return false;
    }
    case ColumnType::Year: {
      // Four digits and nothing else: "2 022" and "2022,0" are numbers equal to a year, not the way one is written.
      long long year = 0;
      if (cell.size() != 4 || !parse_plain_whole_number(cell, year) || cell[0] == '-' || year < 1900 || year > 2200) {
        error = Message(kNotAYear, cell);
        return false;
      }
      out.set_number(Decimal(year));
      return true;
    }
    case ColumnType::Integer:
    case ColumnType::Count: {
      // The form of nearly every cell, read without the general parse; any other goes that way.
      long long whole = 0;
      if (!parse_plain_whole_number(cell, whole)) break;
      if (type == ColumnType::Count && whole < 0) {
        error = Message(kNegativeCount, cell);
        return false;
      }
      out.set_number(Decimal(whole));
      return true;
    }
    case ColumnType::Date: {
      auto parsed = parse_data_date(cell);
      if (auto* e = std::get_if<NumberError>(&parsed)) {
        error = std::move(e->message);
        return false;
      }
      const auto& d = std::get<ParsedDate>(parsed);
      out = Value(Date::from_civil(d.year, d.month, d.day));
      return true;
    }
    default:
      break;
  }
  DataNumber n;
  if (!parse_plain_data_number(cell, n.value)) {
    auto parsed = parse_data_number(cell);
    if (auto* e = std::get_if<NumberError>(&parsed)) {
      error = std::move(e->message);
      return false;
    }
    n = std::get<DataNumber>(std::move(parsed));
  }
  Decimal& value = n.value;
  if (french_extract && type == ColumnType::Money) {
    // In a ';' extract a point followed by exactly three digits is most likely a thousands separator (1.234 for
    // 1 234 €), not three decimals of a euro: refuse to guess.
    auto point = cell.find('.');
    if (point != std::string_view::npos && cell.find(',') == std::string_view::npos) {
      std::size_t digits = 0;
      while (point + 1 + digits < cell.size() && cell[point + 1 + digits] >= '0' && cell[point + 1 + digits] <= '9') ++digits;
      if (digits == 3) {
        error = Message(kAmbiguousThousandsPoint, cell);
        return false;
      }
    }
  }
  switch (type) {
    case ColumnType::Money:
      if (n.unit == NumberUnit::Percent) {
        error = Message(kPercentInAmountColumn, cell);
        return false;
      }
      break;
    case ColumnType::Rate:
      if (n.unit == NumberUnit::Euro) {
        error = Message(kAmountInRateColumn, cell);
        return false;
      }
      // A rate column holds percentages: 45,2 and 45,2 % both mean 0.452.
      value = value.scaled(-2);
      break;
    case ColumnType::Integer:
    case ColumnType::Count:
    case ColumnType::Year:
      if (n.unit != NumberUnit::None) {
        error = Message(kUnitInWholeNumberColumn, cell);
        return false;
      }
      if (!value.is_integer()) {
        error = Message(kNotAWholeNumber, cell);
        return false;
      }
      if (type == ColumnType::Count && value.sign() < 0) {
        error = Message(kNegativeCount, cell);
        return false;
      }
      if (type == ColumnType::Year) {
        // A whole number that does not fit in a long long is no year either.
        std::optional<long long> year = value.to_int();
        if (!year || *year < 1900 || *year > 2200) {
          error = Message(kNotAYear, cell);
          return false;
        }
      }
      break;
    case ColumnType::Decimal:
      if (n.unit != NumberUnit::None) {
        error = Message(kUnitInPlainNumberColumn, cell);
        return false;
      }
      break;
    default:
      break;
  }
  out.set_number(value);
  return true;
}

namespace {

// A CSV file opened against a declared table: the header is matched to the columns (any order).
class TableFile {
 public:
  static std::unique_ptr<TableFile> open(const TableInfo& table, const std::string& path, Diagnostics& diags) {
    auto opened = CsvReader::open(path);
    if (auto* e = std::get_if<CsvError>(&opened)) {
      diags.error_at(e->line ? fmt::format("{}:{}", path, e->line) : path, e->message);
      return nullptr;
    }
    auto file = std::unique_ptr<TableFile>(new TableFile(table, path, std::move(std::get<0>(opened))));
    return file->match_header(diags) ? std::move(file) : nullptr;
  }

  // Reads and validates the next row. Null at the end or on error.
  const Row* next(Diagnostics& diags) {
    if (!next_record(diags)) return nullptr;
    return convert(diags);
  }

  // Reads the next record, unconverted (cell()). False at the end or on an error of the file.
  bool next_record(Diagnostics& diags) {
    if (!reader_->next(fields_)) {
      if (const auto& e = reader_->error()) {
        diags.error_at(fmt::format("{}:{}:{}", path_, e->line, std::max(1L, e->column)), e->message);
      }
      return false;
    }
    return true;
  }
  const std::vector<std::string_view>& cells() const { return fields_; }
  std::size_t field_of(std::size_t column) const { return column_field_[column]; }
  const std::vector<std::size_t>& checked_columns() const { return checked_; }
  bool french_extract() const { return french_extract_; }

  // Converts and validates the record read last. Null on error.
  const Row* convert(Diagnostics& diags) {
    // The FINESS of the row before, written the same, was checked with it.
    bool finess_kept = false;
    for (const Parsed& parsed : parsed_) {
      std::size_t c = parsed.column, f = parsed.field;
      if ((parsed.type == ColumnType::Code || parsed.type == ColumnType::Text) && same_code(fields_[f], row_[c])) {
        finess_kept = finess_kept || static_cast<int>(c) == table_.finess_column;
        continue;
      }
      if (!parse_cell(parsed.type, fields_[f], row_[c], error_, french_extract_)) {
        diags.error_at(fmt::format("{}:{}:{}", path_, reader_->field_line(f), reader_->field_column(f)),
                       Message(kInColumn, table_.columns[c].name, error_),
                       Message(kColumnDeclaredAs, table_.columns[c].name, column_type_name(table_.columns[c].type),
                               table_.columns[c].span.where()));
        return nullptr;
      }
    }
    const Value& finess = row_[table_.finess_column];
    if (!finess_kept && (finess.absent() || !valid_finess(finess.text()))) {
      std::size_t f = column_field_[table_.finess_column];
      diags.error_at(fmt::format("{}:{}:{}", path_, reader_->field_line(f), reader_->field_column(f)),
                     finess.absent() ? Message(kEmptyFiness) : Message(kNotAFiness, finess.text()),
                     Message(kFinessForm));
      return nullptr;
    }
    if (table_.has_year() && row_[table_.year_column].absent()) {
      std::size_t f = column_field_[table_.year_column];
      diags.error_at(fmt::format("{}:{}:{}", path_, reader_->field_line(f), reader_->field_column(f)),
                     Message(kEmptyYear));
      return nullptr;
    }
    return &row_;
  }

  std::string location(int column) const {
    std::size_t f = column_field_[column];
    return fmt::format("{}:{}:{}", path_, reader_->field_line(f), reader_->field_column(f));
  }
  long line() const { return reader_->record_line(); }
  // Only the `needed` columns are parsed from then on (with the key columns); all of them when null.
  void only(const std::vector<bool>* needed) {
    parsed_.clear();
    checked_.clear();
    for (std::size_t c = 0; c < table_.columns.size(); ++c) {
      if (needed && !(*needed)[c] && static_cast<int>(c) != table_.finess_column &&
          static_cast<int>(c) != table_.year_column)
        continue;
      parsed_.push_back({c, column_field_[c], table_.columns[c].type});
      checked_.push_back(c);
    }
  }
  const std::string& path() const { return path_; }
  // See CsvReader::restrict_to.
  bool restrict_to(const CsvRange& range) { return reader_->restrict_to(range.begin, range.end, range.first_line); }

 private:
  TableFile(const TableInfo& table, std::string path, std::unique_ptr<CsvReader> reader)
      : table_(table),
        path_(std::move(path)),
        reader_(std::move(reader)),
        french_extract_(reader_->delimiter() == ';'),
        row_(table.columns.size()) {}

  // A column to parse in each row, worked out once rather than per row.
  struct Parsed {
    std::size_t column;  // declared column
    std::size_t field;   // its field in the file
    ColumnType type;
  };

  bool match_header(Diagnostics& diags) {
    const auto& header = reader_->header();
    column_field_.assign(table_.columns.size(), 0);
    bool ok = true;
    std::set<std::string> seen;
    for (std::size_t f = 0; f < header.size(); ++f) {
      if (!seen.insert(header[f]).second) {
        diags.error_at(fmt::format("{}:1:{}", path_, f + 1), Message(kColumnTwice, header[f]));
        ok = false;
      }
      if (table_.column_index(header[f]) < 0) {
        diags.error_at(fmt::format("{}:1:{}", path_, f + 1), Message(kUndeclaredColumn, header[f], table_.name),
                       Message(kDeclareOrRemoveColumn, table_.decl->name_span.where()));
        ok = false;
      }
    }
    for (std::size_t c = 0; c < table_.columns.size(); ++c) {
      auto it = std::find(header.begin(), header.end(), table_.columns[c].name);
      if (it == header.end()) {
        const auto& col = table_.columns[c];
        diags.error_at(fmt::format("{}:1", path_),
                       Message(kMissingColumn, col.name, col.label.empty() ? "" : " (" + col.label + ")"),
                       Message(kTableDeclaresColumn, table_.name, col.span.where()));
        ok = false;
        continue;
      }
      column_field_[c] = static_cast<std::size_t>(it - header.begin());
    }
    only(nullptr);
    return ok;
  }

  const TableInfo& table_;
  std::string path_;
  std::unique_ptr<CsvReader> reader_;
  bool french_extract_;
  std::vector<std::string_view> fields_;
  std::vector<std::size_t> column_field_;  // declared column → field of the file
  std::vector<Parsed> parsed_;
  std::vector<std::size_t> checked_;  // the declared columns of parsed_
  Row row_;
  Message error_;
};

class FileRows : public RowSource, public RawRows {
 public:
  FileRows(const Dataset& data, const TableInfo& table, std::unique_ptr<TableFile> file)
      : data_(data), table_(table), file_(std::move(file)) {}
  const Row* next(Diagnostics& diags) override {
    if (!file_->next_record(diags)) return nullptr;
    return convert(diags);
  }
  RawRows* raw() override { return this; }
  bool next_record(Diagnostics& diags) override { return file_->next_record(diags); }
  const std::vector<std::string_view>& cells() const override { return file_->cells(); }
  std::size_t field_of(std::size_t column) const override { return file_->field_of(column); }
  const std::vector<std::size_t>& checked_columns() const override { return file_->checked_columns(); }
  bool french_extract() const override { return file_->french_extract(); }
  const Row* convert(Diagnostics& diags) override {
    const Row* row = file_->convert(diags);
    if (!row) return nullptr;
    const std::string& finess = (*row)[table_.finess_column].text();
    // Extracts list an establishment's rows together: the previous row's establishment is most often this one's.
    if (entity_ >= 0 && same_text(finess, data_.entities[entity_])) return row;
    auto it = data_.entity_index.find(finess);
    if (it == data_.entity_index.end()) {
      diags.error_at(file_->location(table_.finess_column), Message(kUnknownEstablishment, finess),
                     Message(kEveryFinessListed));
      return nullptr;
    }
    entity_ = it->second;
    return row;
  }
  int entity() const override { return entity_; }

 private:
  const Dataset& data_;
  const TableInfo& table_;
  std::unique_ptr<TableFile> file_;
  int entity_ = -1;
};

class MemoryRows : public RowSource {
 public:
  MemoryRows(const Dataset& data, const TableInfo& table, const std::vector<Row>& rows, std::size_t first = 0,
             std::size_t end = ~std::size_t{0})
      : data_(data), table_(table), rows_(rows), next_(first), end_(std::min(end, rows.size())) {}
  const Row* next(Diagnostics&) override {
    if (next_ >= end_) return nullptr;
    const Row& row = rows_[next_++];
    entity_ = data_.entity_index.at(row[table_.finess_column].text());
    return &row;
  }
  int entity() const override { return entity_; }

 private:
  const Dataset& data_;
  const TableInfo& table_;
  const std::vector<Row>& rows_;
  std::size_t next_, end_;
  int entity_ = -1;
};

}  // namespace

std::unique_ptr<RowSource> Dataset::open_rows(int table, const std::vector<bool>* needed) const {
  const TableInfo& info = program->tables[table];
  if (!row_files[table].empty()) {
    Diagnostics ignored;  // the file was opened once already at load time; it cannot fail now but for a race
    auto file = TableFile::open(info, row_files[table], ignored);
    if (!file) return std::make_unique<MemoryRows>(*this, info, memory_rows[table]);
    file->only(needed);
    return std::make_unique<FileRows>(*this, info, std::move(file));
  }
  return std::make_unique<MemoryRows>(*this, info, memory_rows[table]);
}

std::unique_ptr<RowSource> Dataset::open_rows(int table, const std::vector<bool>* needed, const RowRange& range) const {
  const TableInfo& info = program->tables[table];
  if (!row_files[table].empty()) {
    Diagnostics ignored;  // as above
    auto file = TableFile::open(info, row_files[table], ignored);
    if (file) {
      file->only(needed);
      file->restrict_to(range.bytes);  // a failed seek is the reader's error, reported by its first next()
      return std::make_unique<FileRows>(*this, info, std::move(file));
    }
  }
  return std::make_unique<MemoryRows>(*this, info, memory_rows[table], range.first_row, range.end_row);
}

bool Dataset::split_rows(int table, int parts, int threads, std::vector<RowRange>& out, Message& error) const {
  out.assign(static_cast<std::size_t>(std::max(parts, 1)), RowRange{});
  if (row_files[table].empty()) {
    std::size_t n = memory_rows[table].size();
    for (std::size_t k = 0; k < out.size(); ++k) {
      out[k].first_row = n * k / out.size();
      out[k].end_row = n * (k + 1) / out.size();
    }
    return true;
  }
  auto opened = CsvReader::open(row_files[table]);
  if (auto* e = std::get_if<CsvError>(&opened)) {  // it opened at load time: only a race can bring this
    error = e->located_message();
    return false;
  }
  auto [begin, line] = std::get<0>(opened)->data_start();
  std::vector<CsvRange> ranges;
  if (!split_csv(row_files[table], begin, line, parts, threads, ranges, error)) return false;
  for (std::size_t k = 0; k < out.size(); ++k) out[k].bytes = ranges[k];
  return true;
}

bool load_dataset(const CheckedProgram& program, const std::string& dir, Dataset& out, Diagnostics& diags) {
  out.program = &program;
  std::size_t n = program.tables.size();
  out.keyed_rows.assign(n, {});
  out.row_files.assign(n, "");
  out.memory_rows.assign(n, {});
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error_at("", Message(kDataDirectoryMissing, dir));
    return false;
  }
  int before = diags.error_count();
  auto path_of = [&](const TableInfo& t) { return (fs::path(dir) / (t.name + ".csv")).string(); };
  auto open = [&](const TableInfo& t) -> std::unique_ptr<TableFile> {
    std::string path = path_of(t);
    if (!fs::exists(path, ec)) {
      diags.error_at(path, Message(kMissingDataFile, t.name, t.label.empty() ? "" : " (" + t.label + ")"),
                     Message(kTableDeclaredAt, t.decl->name_span.where()));
      return nullptr;
    }
    return TableFile::open(t, path, diags);
  };
  // The registry first: it says which establishments exist.
  if (program.registry_table >= 0) {
    const TableInfo& reg = program.tables[program.registry_table];
    if (auto file = open(reg)) {
      std::vector<std::pair<std::string, Row>> rows;
      std::unordered_map<std::string, long> lines;
      while (const Row* row = file->next(diags)) {
        const std::string& f = (*row)[reg.finess_column].text();
        if (lines.count(f)) {
          diags.error_at(file->location(reg.finess_column), Message(kEstablishmentListedTwice, f),
                         Message(kFirstListedOnLine, lines[f]));
          break;
        }
        lines[f] = file->line();
        rows.push_back({f, *row});
      }
      std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [f, row] : rows) {
        int e = out.add_entity(f);
        out.keyed_rows[program.registry_table][e] = std::move(row);
      }
    }
  }
  if (diags.error_count() > before) return false;
  for (std::size_t t = 0; t < n; ++t) {
    if (static_cast<int>(t) == program.registry_table) continue;
    const TableInfo& table = program.tables[t];
    auto file = open(table);
    if (!file) continue;
    if (!table.per_entity()) {
      out.row_files[t] = path_of(table);  // streamed by the evaluator
      continue;
    }
    std::unordered_map<long long, long> lines;
    while (const Row* row = file->next(diags)) {
      const std::string& f = (*row)[table.finess_column].text();
      auto it = out.entity_index.find(f);
      if (it == out.entity_index.end()) {
        diags.error_at(file->location(table.finess_column), Message(kUnknownEstablishment, f),
                       Message(kEveryFinessListed));
        break;
      }
      long long k = it->second;
      if (table.has_year()) {
        auto year = (*row)[table.year_column].number().to_int().value_or(0);
        k = Dataset::key(it->second, static_cast<int>(year));
      }
      if (lines.count(k)) {
        diags.error_at(file->location(table.finess_column),
                       Message(table.has_year() ? kTwoRowsForOneYear : kTwoRows, f),
                       Message(kFirstRowOnLine, lines[k]));
        break;
      }
      lines[k] = file->line();
      out.keyed_rows[t][k] = *row;
    }
  }
  return diags.error_count() == before;
}

std::vector<int> data_years(const Dataset& data) {
  std::set<int> years;
  for (std::size_t t = 0; t < data.keyed_rows.size(); ++t) {
    if (data.program->tables[t].kind != ast::TableKind::EntityYear) continue;
    for (const auto& [k, _] : data.keyed_rows[t]) years.insert(static_cast<int>(k % 10000));
  }
  return {years.begin(), years.end()};
}

}  // namespace caqes
