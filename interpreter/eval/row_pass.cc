// The pass over the rows (row_pass.h): one row through a group's code, the loading of held rows, the partitions
// written and read back, and the threads.
#include "eval/row_pass.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "data/spill.h"
#include "eval/expression_evaluator.h"
#include "eval/group_code.h"

namespace caqes {
namespace {

// The pre-filter of a table in a group, looked up once per table rather than per row; null: every row.
const RowCode* usable_rows_of(const GroupRun& g, int table) {
  auto it = g.usable.find(table);
  return it == g.usable.end() ? nullptr : it->second.get();
}

bool usable(const RowCode* keep, const Row& row, int entity) {
  return !keep || keep->test(RowFrame{&row, nullptr, entity, 0}) == Truth::True;
}

// Notes the year of a row of a per-year table; the rows of a file come mostly in runs of one year.
void saw_year(GroupRun& g, const TableInfo& table, int t, const Row& row, int& last) {
  if (!table.has_year()) return;
  int year = static_cast<int>(row[table.year_column].number().to_int().value_or(0));
  if (year == last) return;
  last = year;
  g.years_seen[t].insert(year);
}

class Pass {
 public:
  Pass(const CheckedProgram& program, const Dataset& data, const Plan& plan, const PassOptions& options)
      : p(program), data(data), plan(plan), options(options) {}

  void run_row(GroupRun& g, const Row& row, int entity, Value& scratch) {
    const TableInfo& table = p.tables[g.group.table];
    int row_year = table.has_year() ? static_cast<int>(row[table.year_column].number().to_int().value_or(0)) : 0;
    RowFrame frame{&row, nullptr, entity, ++g.rows_seen};
    for (const SlotPass& pass : g.passes) {
      for (const SlotYear& sy : pass.years) {
        if (table.has_year() && sy.rows_year != row_year) continue;
        if (sy.filter && sy.filter->test(frame) != Truth::True) continue;
        Accumulator& acc = (*sy.accs)[entity];
        if (!sy.value) {
          ++acc.count;
          continue;
        }
        const Value& v = sy.value->get(frame, scratch);
        if (g.distinct_values && pass.distinct_on_key) {
          if (v.absent()) continue;
          g.distinct_values->write_counted(partition_of(v, entity, g.partitions), sy.first_id + static_cast<std::size_t>(entity),
                                           v.key());
          continue;
        }
        accumulate_value(pass.info->function, acc, v);
      }
    }
  }

  // The size of the files a group reads (0 for rows held in memory).
  std::uintmax_t bytes_of(const GroupRun& g) {
    std::set<int> tables = g.group.inner;
    tables.insert(g.group.table);
    std::uintmax_t bytes = 0;
    for (int t : tables) {
      std::error_code ec;
      if (!data.row_files[t].empty()) {
        std::uintmax_t size = std::filesystem::file_size(data.row_files[t], ec);
        if (!ec) bytes += size;
      }
    }
    return bytes;
  }

  // How many partitions a group's rows are split into: 1 (no files) unless they can be partitioned and the
  // tables are bigger than one partition's worth of CSV.
  int partitions_of(const GroupRun& g) {
    if (g.group.key.empty()) return 1;
    if (options.partitions > 0) return options.partitions;
    std::uintmax_t bytes = bytes_of(g);
    std::uintmax_t n = (bytes + options.partition_bytes - 1) / options.partition_bytes;
    return static_cast<int>(std::clamp<std::uintmax_t>(n, 1, 4096));
  }

  void load(GroupRun& g, int table, RowSource& source, Diagnostics& diags) {
    auto& rows = g.held.rows[table];
    rows.resize(data.entities.size());
    const RowCode* keep = usable_rows_of(g, table);
    const TableInfo& info = p.tables[table];
    int last = 0;
    Row row;
    while (source.next_into(row, diags)) {
      saw_year(g, info, table, row, last);
      if (usable(keep, row, source.entity())) rows[source.entity()].push_back(std::move(row));
    }
  }

  bool run_group(GroupRun& g) {
    Diagnostics& diags = g.diags;
    const PlannedGroup& group = g.group;
    Value scratch;
    int partitions = partitions_of(g);
    if (partitions <= 1) {
      for (int t : group.inner) load(g, t, *data.open_rows(t, &plan.needed_columns[t]), diags);
      if (diags.has_errors()) return false;
      const RowCode* keep = usable_rows_of(g, group.table);
      auto rows = data.open_rows(group.table, &plan.needed_columns[group.table]);
      int last = 0;
      while (const Row* row = rows->next(diags)) {
        saw_year(g, p.tables[group.table], group.table, *row, last);
        if (usable(keep, *row, rows->entity())) run_row(g, *row, rows->entity(), scratch);
      }
      g.held.clear();
      return !diags.has_errors();
    }
    if (group.inner.empty()) return run_group_distinct(g, partitions);
    Message error;
    auto folder = SpillFolder::create(error);
    if (!folder) {
      diags.error_at("", error);
      return false;
    }
    std::map<int, std::unique_ptr<SpillWriter>> spilled;
    for (const auto& [t, column] : group.key) {
      std::vector<bool> kept = plan.needed_columns[t];
      kept[column] = true;
      if (p.tables[t].has_year()) kept[p.tables[t].year_column] = true;
      auto writer = std::make_unique<SpillWriter>(folder->path(), std::to_string(t), partitions, kept);
      auto rows = data.open_rows(t, &plan.needed_columns[t]);
      const RowCode* keep = usable_rows_of(g, t);
      int last = 0;
      while (const Row* row = rows->next(diags)) {
        saw_year(g, p.tables[t], t, *row, last);
        if (usable(keep, *row, rows->entity()))
          writer->write(partition_of((*row)[column], rows->entity(), partitions), rows->entity(), *row);
      }
      if (diags.has_errors()) return false;
      if (!writer->close(error)) {
        diags.error_at("", error);
        return false;
      }
      spilled[t] = std::move(writer);
    }
    for (int part = 0; part < partitions; ++part) {
      for (int t : group.inner) {
        auto source = read_spilled(*spilled.at(t), part, p.tables[t].columns.size(), error);
        if (!source) break;
        load(g, t, *source, diags);
      }
      if (!error.empty()) break;
      if (group.inner.count(group.table)) {
        for (std::size_t entity = 0; entity < data.entities.size(); ++entity)
          for (const Row& row : g.held.rows[group.table][entity]) run_row(g, row, static_cast<int>(entity), scratch);
      } else {
        auto source = read_spilled(*spilled.at(group.table), part, p.tables[group.table].columns.size(), error);
        if (!source) break;
        while (const Row* row = source->next(diags)) run_row(g, *row, source->entity(), scratch);
      }
      // The distinct values of the partition column seen here are seen in no other partition.
      for (const SlotPass& pass : g.passes)
        if (pass.distinct_on_key)
          for (const SlotYear& sy : pass.years)
            for (Accumulator& acc : *sy.accs)
              if (acc.distinct) {
                acc.distinct_counted += static_cast<long long>(acc.distinct->size());
                acc.distinct.reset();
              }
      g.held.clear();
    }
    if (!error.empty()) diags.error_at("", error);
    return !diags.has_errors();
  }

  // A table whose only unbounded state is its distinct counts: one pass over the rows, the values counted
  // written out by value, then each partition's values counted with a set of (accumulator, value) records.
  bool run_group_distinct(GroupRun& g, int partitions) {
    Diagnostics& diags = g.diags;
    Message error;
    auto folder = SpillFolder::create(error);
    if (!folder) {
      diags.error_at("", error);
      return false;
    }
    SpillWriter writer(folder->path(), "distinct", partitions, {});
    g.distinct_values = &writer;
    g.partitions = partitions;
    Value scratch;
    auto rows = data.open_rows(g.group.table, &plan.needed_columns[g.group.table]);
    int last = 0;
    while (const Row* row = rows->next(diags)) {
      saw_year(g, p.tables[g.group.table], g.group.table, *row, last);
      run_row(g, *row, rows->entity(), scratch);
    }
    g.distinct_values = nullptr;
    if (diags.has_errors()) return false;
    if (!writer.close(error)) {
      diags.error_at("", error);
      return false;
    }
    std::string bytes;
    std::unordered_set<std::string_view> seen;
    for (int part = 0; part < partitions; ++part) {
      seen.clear();
      bool read = for_each_counted(writer, part, bytes, error, [&](std::size_t counter, std::string_view counted) {
        if (seen.insert(counted).second) ++g.distinct_accumulators[counter]->distinct_counted;
      });
      if (!read) {
        diags.error_at("", error);
        return false;
      }
    }
    return true;
  }

  // Every group, on as many threads as asked.
  void run_groups(std::vector<std::unique_ptr<GroupRun>>& groups) {
    std::vector<GroupRun*> shared, alone;
    for (auto& g : groups) (g->interpreted ? alone : shared).push_back(g.get());
    // The biggest first, so that the threads finish together (the size of the files stands for the work).
    std::vector<std::pair<std::uintmax_t, GroupRun*>> by_size;
    for (GroupRun* g : shared) by_size.push_back({bytes_of(*g), g});
    std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < shared.size(); ++i) shared[i] = by_size[i].second;
    unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads) : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, static_cast<unsigned>(shared.size()));
    if (threads > 1) {
      std::atomic<std::size_t> next{0};
      // An exception in a worker (std::bad_alloc) would end the process at once: it is carried to this thread and
      // thrown again after the others stopped, so that it unwinds as it would have without threads.
      std::mutex failure_mutex;
      std::exception_ptr failure;
      std::vector<std::thread> workers;
      for (unsigned i = 0; i < threads; ++i)
        workers.emplace_back([&] {
          try {
            for (std::size_t k; (k = next++) < shared.size();) run_group(*shared[k]);
          } catch (...) {
            next = shared.size();
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
          }
        });
      for (auto& w : workers) w.join();
      if (failure) std::rethrow_exception(failure);
    } else {
      for (GroupRun* g : shared) run_group(*g);
    }
    // The tree walker is not shared between threads.
    for (GroupRun* g : alone) run_group(*g);
  }

 private:
  const CheckedProgram& p;
  const Dataset& data;
  const Plan& plan;
  const PassOptions& options;
};

}  // namespace

bool run_pass(const CheckedProgram& program, const Dataset& data, const Plan& plan, const PassOptions& options,
              ExpressionEvaluator& walker, RowAggregates& aggregates, Diagnostics& diags) {
  std::vector<std::unique_ptr<GroupRun>> groups;
  for (const PlannedGroup& planned : plan.groups) {
    groups.push_back(std::make_unique<GroupRun>(program, plan, planned, data.entities.size()));
    compile_group(program, data, plan, walker, aggregates, *groups.back());
  }
  Pass(program, data, plan, options).run_groups(groups);
  std::map<int, std::set<int>> years;
  for (auto& g : groups) {
    diags.append(g->diags);
    for (auto& [t, seen] : g->years_seen) years[t].insert(seen.begin(), seen.end());
  }
  // Every table a group read, even one with no row at all.
  for (auto& g : groups) {
    years[g->group.table];
    for (int t : g->group.inner) years[t];
  }
  for (auto& [t, seen] : years)
    if (program.tables[t].has_year()) walker.set_row_years(t, std::move(seen));
  return !diags.has_errors();
}

}  // namespace caqes
