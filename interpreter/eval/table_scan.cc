// The tight scan of one table (table_scan.h): its compilation from a group's slots, the tables of cells seen, and
// the loop over the records.
#include "eval/table_scan.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eval/accumulator.h"
#include "eval/expression_key.h"
#include "eval/group_code.h"
#include "syntax/ast_walk.h"
#include "value/text_key.h"

namespace caqes {
namespace {

// The largest number of distinct conditions of a group: the bits of one word.
constexpr std::size_t kMaxConditions = 64;
// The cells remembered per column (a code column of the extracts holds a few to a thousand distinct codes).
constexpr std::size_t kMaxCells = 2048;
constexpr std::size_t kCellSlots = 4096;  // a power of two, twice kMaxCells
// Past this many records, the scan hands the table over when more than one record in kHandOverRatio went the
// general way: its cells seldom repeat (amounts, patients), and remembering them only adds work.
constexpr unsigned long long kHandOverAfter = 4096;
constexpr unsigned long long kHandOverRatio = 8;

// The answers of the compiler's questions for the scan: the constant parameters as the group's compiler gives them;
// anything left to the tree walker or nested refuses the scan (the group then runs the general way).
class ScanHost final : public RowCodeHost {
 public:
  explicit ScanHost(RowCodeHost& group) : group_(group) {}
  std::optional<Value> constant_parameter(int parameter, int year) override {
    return group_.constant_parameter(parameter, year);
  }
  std::unique_ptr<RowCode> nested_aggregation(const ast::Expr&, int) override { return refuse(); }
  std::unique_ptr<RowCode> interpreted(const ast::Expr&, int) override { return refuse(); }
  bool refused() const { return refused_; }

 private:
  class Refused final : public RowCode {
   public:
    const Value& get(const RowFrame&, Value& scratch) const override { return scratch = Value(); }
  };
  std::unique_ptr<RowCode> refuse() {
    refused_ = true;
    return std::make_unique<Refused>();
  }
  RowCodeHost& group_;
  bool refused_ = false;
};

// The columns of the row an expression reads; false if it reads anything else of a row (an outer row).
bool row_columns(const CheckedProgram& p, const ast::Expr& e, std::set<int>& out) {
  bool ok = true;
  ast::walk(e, [&](const ast::Expr& node) {
    if (node.as<ast::Name>() || node.as<ast::Member>()) {
      if (const auto* r = p.references_.find(node.id)) {
        if (r->second.what == Reference::What::RowColumn) out.insert(r->second.column);
        if (r->second.what == Reference::What::OuterRowColumn) ok = false;
      }
    }
    return true;
  });
  return ok;
}

// One condition on one column, its bit the index in the group's list.
struct Condition {
  int column;
  std::unique_ptr<RowCode> code;
};

// One aggregation in one year, as the scan runs it.
struct ScanSlot {
  int rows_year;
  std::uint64_t needed;  // the bits of its filter's conditions
  std::vector<Accumulator>* accs;
  Function function;
  int value = -1;  // the column of its value (an index into Impl::columns), -1: a count
  // A distinct count of the partition column, when the group's distinct values spill (GroupRun::distinct_values):
  // its values go to the partition files as the general way writes them (row_pass.cc, run_row), from this id on.
  bool distinct_on_key = false;
  std::size_t first_id = 0;
};

// A cell remembered: its bytes, the value it converts to, the bits of the conditions it makes true, and for the
// FINESS its establishment, for the year its year.
struct Cell {
  TextKey key;
  Value value;
  std::uint64_t bits = 0;
  int number = 0;
};

// The cells of one column seen so far, by their key: an open-addressed table of indices into `cells`, which never
// moves (reserved whole).
class CellTable {
 public:
  CellTable() : slots_(kCellSlots, -1) { cells_.reserve(kMaxCells); }

  const Cell* find(const TextKey& key) const {
    if (last_ && last_->key == key) return last_;  // most cells repeat the one above
    for (std::size_t i = slot_of(key);; i = (i + 1) & (kCellSlots - 1)) {
      int at = slots_[i];
      if (at < 0) return nullptr;
      if (cells_[at].key == key) return last_ = &cells_[at];
    }
  }
  // Remembers a cell not yet held; nothing once the table is full.
  void add(Cell cell) {
    if (cells_.size() == kMaxCells) return;
    std::size_t i = slot_of(cell.key);
    while (slots_[i] >= 0) {
      if (cells_[slots_[i]].key == cell.key) return;
      i = (i + 1) & (kCellSlots - 1);
    }
    slots_[i] = static_cast<int>(cells_.size());
    cells_.push_back(std::move(cell));
  }

 private:
  static std::size_t slot_of(const TextKey& key) {
    std::uint64_t h = key.first * 0x9E3779B97F4A7C15ull ^ (key.last + key.size) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<std::size_t>(h >> 52) & (kCellSlots - 1);
  }
  std::vector<int> slots_;
  std::vector<Cell> cells_;
  mutable const Cell* last_ = nullptr;
};

// A column the scan reads in every record: every column the general way checks, so that a cell it would refuse is
// never taken for good.
struct ScanColumn {
  std::size_t column;
  std::size_t field;  // its place in the record
  // Direct: a column whose cells seldom repeat (texte: the patients; monnaie: the amounts), converted in every
  // record with parse_cell, as the general way converts it, and its conditions tested on the value, rather than
  // remembered; a cell that does not convert sends the record the general way, which reports it.
  enum class Role { Plain, Finess, Year, Direct } role = Role::Plain;
  ColumnType type = ColumnType::Text;
  std::vector<int> conditions;  // on this column
  CellTable cells;
  Cell own;  // a Direct column's cell of the current record
  const Cell* current = nullptr;
};

}  // namespace

struct TableScan::Impl {
  const TableInfo* table = nullptr;
  int table_index = -1;
  std::vector<Condition> conditions;
  std::vector<ScanSlot> slots;  // ordered by the year of their rows
  // Filled when the scan starts, from the columns the reader checks.
  std::vector<ScanColumn> columns;
  std::vector<int> column_of;  // declared column → index in `columns`, -1
  bool started = false;
  unsigned long long scanned = 0;
  bool direct = false;  // some column is Direct
  Row row;              // the Direct columns' values, for their conditions (each reads its column alone)
  Message error;        // parse_cell's, unused: the general way reports it

  bool start(const RawRows& raw);
  void remember(RawRows& raw, const Row& row, int entity);
};

TableScan::TableScan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TableScan::~TableScan() = default;
unsigned long long TableScan::scanned() const {
  return impl_->scanned;
}

std::unique_ptr<TableScan> compile_table_scan(const CheckedProgram& p, GroupRun& g, RowCodeHost& group_host) {
  const PlannedGroup& group = g.group;
  if (g.interpreted || !group.inner.empty() || !g.memos.empty()) return nullptr;
  auto impl = std::make_unique<TableScan::Impl>();
  impl->table = &p.tables[group.table];
  impl->table_index = group.table;
  if (impl->table->per_entity()) return nullptr;
  ScanHost host(group_host);
  std::map<std::string, int> condition_index;  // by structure: each distinct condition one bit
  // Conditions on no column (a constant parameter compared with a literal) are the same for every row: tested once.
  for (const SlotPass& pass : g.passes) {
    const CallInfo& info = *pass.info;
    int value = -1;
    if (info.value) {
      value = plain_column(p, info);
      if (value < 0) return nullptr;
    }
    std::vector<const ast::Expr*> parts;
    if (info.filter) split_conjuncts(*info.filter, parts);
    for (const SlotYear& sy : pass.years) {
      std::uint64_t needed = 0;
      bool never = false;
      for (const ast::Expr* part : parts) {
        std::set<int> columns;
        if (!reads_row_alone(p, *part) || !row_columns(p, *part, columns) || columns.size() > 1) return nullptr;
        if (columns.empty()) {
          auto code = compile_row_code(p, *part, sy.year, host);
          if (host.refused()) return nullptr;
          Row none(impl->table->columns.size());
          never = never || code->test(RowFrame{&none, nullptr, 0, 0}) != Truth::True;
          continue;
        }
        // A condition that reads no year-dependent parameter (reads_row_alone) is the same in every year.
        auto [it, added] = condition_index.emplace(expression_key(p, *part), static_cast<int>(impl->conditions.size()));
        if (added) {
          if (impl->conditions.size() == kMaxConditions) return nullptr;
          impl->conditions.push_back({*columns.begin(), compile_row_code(p, *part, sy.year, host)});
          if (host.refused()) return nullptr;
        }
        needed |= std::uint64_t{1} << it->second;
      }
      if (never) continue;  // counts no row, its accumulators stay as sized
      impl->slots.push_back({sy.rows_year, needed, sy.accs, info.function, value, pass.distinct_on_key, sy.first_id});
    }
  }
  std::stable_sort(impl->slots.begin(), impl->slots.end(),
                   [](const ScanSlot& a, const ScanSlot& b) { return a.rows_year < b.rows_year; });
  return std::make_unique<TableScan>(std::move(impl));
}

// The columns read, from those the reader checks; false if a condition or a value reads another (the plan's needed
// columns hold them all: then the group runs the general way).
bool TableScan::Impl::start(const RawRows& raw) {
  started = true;
  column_of.assign(table->columns.size(), -1);
  const std::vector<std::size_t>& checked = raw.checked_columns();
  columns = std::vector<ScanColumn>(checked.size());
  for (std::size_t i = 0; i < checked.size(); ++i) {
    ScanColumn& c = columns[i];
    c.column = checked[i];
    c.field = raw.field_of(c.column);
    if (static_cast<int>(c.column) == table->finess_column) c.role = ScanColumn::Role::Finess;
    if (table->has_year() && static_cast<int>(c.column) == table->year_column) c.role = ScanColumn::Role::Year;
    c.type = table->columns[c.column].type;
    if (c.role == ScanColumn::Role::Plain && (c.type == ColumnType::Text || c.type == ColumnType::Money)) {
      c.role = ScanColumn::Role::Direct;
      direct = true;
    }
    column_of[c.column] = static_cast<int>(i);
  }
  if (column_of[table->finess_column] < 0 || (table->has_year() && column_of[table->year_column] < 0)) return false;
  for (std::size_t k = 0; k < conditions.size(); ++k) {
    int at = column_of[conditions[k].column];
    if (at < 0) return false;
    columns[at].conditions.push_back(static_cast<int>(k));
  }
  for (ScanSlot& slot : slots) {
    if (slot.value < 0) continue;
    slot.value = column_of[slot.value];
    if (slot.value < 0) return false;
  }
  return true;
}

// The cells of a record converted the general way, remembered with what the general way made of them: each
// condition tested on the row (it reads only its column), the establishment and the year.
void TableScan::Impl::remember(RawRows& raw, const Row& row, int entity) {
  for (ScanColumn& c : columns) {
    if (c.role == ScanColumn::Role::Direct) continue;
    Cell cell;
    if (!TextKey::of(raw.cells()[c.field], cell.key) || c.cells.find(cell.key)) continue;
    cell.value = row[c.column];
    RowFrame frame{&row, nullptr, entity, 0};
    for (int k : c.conditions)
      if (conditions[k].code->test(frame) == Truth::True) cell.bits |= std::uint64_t{1} << k;
    if (c.role == ScanColumn::Role::Finess) cell.number = entity;
    if (c.role == ScanColumn::Role::Year) cell.number = static_cast<int>(cell.value.number().to_int().value_or(0));
    c.cells.add(std::move(cell));
  }
}

TableScan::Outcome TableScan::run(GroupRun& g, RawRows& raw, RowSource& rows,
                                  const std::function<void(const Row&, int)>& general) {
  Impl& s = *impl_;
  if (s.started || !s.start(raw)) return Outcome::HandedOver;
  const bool has_year = s.table->has_year();
  const std::size_t finess = static_cast<std::size_t>(s.column_of[s.table->finess_column]);
  const std::size_t year_at = has_year ? static_cast<std::size_t>(s.column_of[s.table->year_column]) : 0;
  std::set<int>& years_seen = g.years_seen[s.table_index];
  int last_year = 0;
  // The slots of the year of the rows read last: [first, end) of s.slots.
  std::size_t first = 0, end = s.slots.size();
  int slots_year = 0;
  bool slots_known = !has_year;
  unsigned long long records = 0, converted = 0;
  const std::vector<std::string_view>& cells = raw.cells();
  const bool french = raw.french_extract();
  s.row = Row(s.table->columns.size());
  const RowFrame frame{&s.row, nullptr, 0, 0};
  while (raw.next_record(g.diags)) {
    ++records;
    std::uint64_t bits = 0;
    bool seen = true;
    for (ScanColumn& c : s.columns) {
      if (c.role == ScanColumn::Role::Direct) continue;
      TextKey key;
      const Cell* cell = TextKey::of(cells[c.field], key) ? c.cells.find(key) : nullptr;
      if (!cell) {
        seen = false;
        break;
      }
      bits |= cell->bits;
      c.current = cell;
    }
    if (seen && s.direct)
      for (ScanColumn& c : s.columns) {
        if (c.role != ScanColumn::Role::Direct) continue;
        if (!parse_cell(c.type, cells[c.field], c.own.value, s.error, french)) {
          seen = false;
          break;
        }
        c.own.bits = 0;
        if (!c.conditions.empty()) {
          s.row[c.column] = c.own.value;
          for (int k : c.conditions)
            if (s.conditions[static_cast<std::size_t>(k)].code->test(frame) == Truth::True)
              c.own.bits |= std::uint64_t{1} << k;
        }
        bits |= c.own.bits;
        c.current = &c.own;
      }
    if (!seen) {
      const Row* row = raw.convert(g.diags);
      if (!row) return Outcome::Done;
      general(*row, rows.entity());
      s.remember(raw, *row, rows.entity());
      ++converted;
      if (records >= kHandOverAfter && converted * kHandOverRatio > records) return Outcome::HandedOver;
      continue;
    }
    const int entity = s.columns[finess].current->number;
    int year = 0;
    if (has_year) {
      year = s.columns[year_at].current->number;
      if (year != last_year) {
        last_year = year;
        years_seen.insert(year);
      }
      if (!slots_known || year != slots_year) {
        slots_known = true;
        slots_year = year;
        auto by_year = [](const ScanSlot& slot, int y) { return slot.rows_year < y; };
        first =
            static_cast<std::size_t>(std::lower_bound(s.slots.begin(), s.slots.end(), year, by_year) - s.slots.begin());
        end = first;
        while (end < s.slots.size() && s.slots[end].rows_year == year) ++end;
      }
    }
    ++g.rows_seen;
    ++s.scanned;
    for (std::size_t i = first; i < end; ++i) {
      const ScanSlot& slot = s.slots[i];
      if ((bits & slot.needed) != slot.needed) continue;
      Accumulator& acc = (*slot.accs)[static_cast<std::size_t>(entity)];
      if (slot.value < 0) {
        ++acc.count;
        continue;
      }
      const Value& v = s.columns[static_cast<std::size_t>(slot.value)].current->value;
      if (g.distinct_values && slot.distinct_on_key) {
        if (!v.absent())
          g.distinct_values->write_counted(partition_of(v, entity, g.partitions),
                                           slot.first_id + static_cast<std::size_t>(entity), v.key());
        continue;
      }
      accumulate_value(slot.function, acc, v);
    }
  }
  return Outcome::Done;
}

}  // namespace caqes
