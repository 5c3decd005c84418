// The pass over the rows (row_pass.h): one row through a group's code, the loading of held rows, the partitions
// written and read back, a table read in parts, and the threads.
#include "eval/row_pass.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <queue>
#include <set>
#include <thread>
#include <unordered_set>

#include "data/spill.h"
#include "eval/expression_evaluator.h"
#include "eval/group_code.h"
#include "eval/timeline.h"

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

// A group whose table is read in parts side by side (a byte range of its file each, cut at records): part 0 is
// the group's own run and fills the run's accumulators; every other part has the group's code compiled again, with
// accumulators, held rows, memos and spill files of its own, merged into part 0's at the end in the order of the
// file (merge_accumulator). The parts of a group that spills (its distinct values, or the rows its correlated
// aggregations look up) write files of their own; each part then processes the partitions p ≡ part (mod parts),
// reading every part's file of that partition in the order of the parts, which is the order of the file.
struct SplitGroup {
  enum class Kind { Stream, Distinct, Spilled };
  struct Part {
    GroupRun* run = nullptr;
    std::unique_ptr<GroupRun> owned;
    std::unique_ptr<RowAggregates> aggregates;
    std::unique_ptr<SpillWriter> distinct;                 // Distinct: the values counted in this part's rows
    std::map<int, std::unique_ptr<SpillWriter>> spilled;   // Spilled: table → this part's rows of it
    // The step at which its first error came (a table read, a file closed, a partition processed): of the parts'
    // errors, the one reported is the first of the earliest step, which is the first in the order of the files.
    long error_step = LONG_MAX;
  };
  GroupRun* group = nullptr;
  Kind kind = Kind::Stream;
  int partitions = 1;
  std::uintmax_t bytes = 0;
  std::unique_ptr<SpillFolder> folder;
  std::map<int, std::vector<RowRange>> ranges;  // table read → its ranges, one per part
  std::vector<Part> parts;
  bool cut = false;                   // its files cut into ranges (else the error is in the group's diagnostics)
  // The work of one part's second step, in bytes of CSV as the queue weighs work: the rows of a spilled group's
  // partitions run through its code (as heavy as reading them: the EPA's lookups), the distinct values of a
  // partition counted (far lighter: a tenth to a fiftieth of phev's reading in bench/timeline's traces; weighed a
  // sixteenth), nothing for a stream.
  std::uintmax_t second_step() const {
    std::uintmax_t part = bytes / parts.size();
    return kind == Kind::Spilled ? part : kind == Kind::Distinct ? part / 16 : 0;
  }
  // A part's first step comes first in the queue by the work that follows it too (its second step), so that a
  // group whose chain of steps is the longest starts first (the EPA's lab acts read, then looked up).
  std::uintmax_t first_step() const { return bytes / parts.size() + second_step(); }
  std::atomic<std::size_t> unread{0};  // parts whose first step has not ended
};

constexpr long kFinishStep = 1L << 20;  // after every table is read

// Tasks run by `threads` workers, the biggest first (in the order they were added among equals); a task may add
// others. An exception in a worker (std::bad_alloc) would end the process at once: it is carried to the thread
// that calls finish() and thrown again there after the workers stopped, so that it unwinds as it would have
// without threads. With one thread, the tasks run in finish(), on the calling thread.
class WorkQueue {
 public:
  explicit WorkQueue(unsigned threads) {
    if (threads > 1)
      for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~WorkQueue() {
    if (!workers_.empty() && workers_.front().joinable()) finish_quietly();
  }

  void add(std::uintmax_t size, std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (failure_) return;
      tasks_.push(Task{size, added_++, std::move(task)});
    }
    ready_.notify_one();
  }

  // No task will be added but by the tasks themselves: runs or waits for every task.
  void finish() {
    finish_quietly();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  struct Task {
    std::uintmax_t size;
    unsigned long long order;
    std::function<void()> run;
    bool operator<(const Task& other) const {  // std::priority_queue serves the greatest: the biggest, then the first
      return size != other.size ? size < other.size : order > other.order;
    }
  };

  void finish_quietly() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
    if (workers_.empty()) work();
    for (auto& w : workers_) w.join();
  }

  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      ready_.wait(lock, [&] { return !tasks_.empty() || (closed_ && running_ == 0); });
      if (tasks_.empty()) break;
      std::function<void()> run = std::move(const_cast<Task&>(tasks_.top()).run);
      tasks_.pop();
      ++running_;
      lock.unlock();
      try {
        run();
      } catch (...) {
        lock.lock();
        if (!failure_) failure_ = std::current_exception();
        tasks_ = {};
        lock.unlock();
      }
      lock.lock();
      --running_;
    }
    ready_.notify_all();  // the last one out wakes the others, who find nothing left
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::priority_queue<Task> tasks_;
  unsigned long long added_ = 0;
  int running_ = 0;
  bool closed_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> workers_;
};

// A group's code compiled again for another part, with its own accumulators.
using CompilePart = std::function<std::unique_ptr<GroupRun>(const GroupRun&, RowAggregates&)>;

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

  // A group's name in the timeline: its table, and the tables its nested aggregations look up.
  std::string label_of(const GroupRun& g) const {
    std::string label = p.tables[g.group.table].name;
    for (int t : g.group.inner)
      if (t != g.group.table) label += "+" + p.tables[t].name;
    return label;
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

  // The rows of the group's table run through its code (the pass of a group without spilled partitions).
  void stream(GroupRun& g, RowSource& rows, Value& scratch) {
    const RowCode* keep = usable_rows_of(g, g.group.table);
    const TableInfo& table = p.tables[g.group.table];
    int last = 0;
    auto each = [&](const Row& row, int entity) {
      saw_year(g, table, g.group.table, row, last);
      if (usable(keep, row, entity)) run_row(g, row, entity, scratch);
    };
    // The tight scan (table_scan.h) reads what it can, and may hand the rest over.
    RawRows* raw = options.scan && g.scan ? rows.raw() : nullptr;
    if (raw) {
      TableScan::Outcome outcome = g.scan->run(g, *raw, rows, each);
      if (options.scanned_records) *options.scanned_records += g.scan->scanned();
      if (outcome == TableScan::Outcome::Done) return;
    }
    while (const Row* row = rows.next(g.diags)) each(*row, rows.entity());
  }

  // The rows of table t written to the partitions of their key `column`.
  void spill(GroupRun& g, int t, int column, RowSource& rows, SpillWriter& writer, int partitions) {
    const RowCode* keep = usable_rows_of(g, t);
    int last = 0;
    while (const Row* row = rows.next(g.diags)) {
      saw_year(g, p.tables[t], t, *row, last);
      if (usable(keep, *row, rows.entity()))
        writer.write(partition_of((*row)[column], rows.entity(), partitions), rows.entity(), *row);
    }
  }

  // The columns a spill file of table t keeps.
  std::vector<bool> kept_columns(int t, int column) const {
    std::vector<bool> kept = plan.needed_columns[t];
    kept[column] = true;
    if (p.tables[t].has_year()) kept[p.tables[t].year_column] = true;
    return kept;
  }

  using SpillFiles = std::map<int, std::unique_ptr<SpillWriter>>;

  // One partition of a spilled group: its rows of the looked-up tables held, then its outer rows run, read from the
  // files of every part that wrote them (`written`, in the order of the file). False (with `error`) if a file
  // cannot be read.
  bool process_partition(GroupRun& g, int part, const std::vector<const SpillFiles*>& written, Message& error) {
    const PlannedGroup& group = g.group;
    Value scratch;
    for (int t : group.inner)
      for (const SpillFiles* files : written) {
        auto source = read_spilled(*files->at(t), part, p.tables[t].columns.size(), error);
        if (!source) return false;
        load(g, t, *source, g.diags);
      }
    if (group.inner.count(group.table)) {
      for (std::size_t entity = 0; entity < data.entities.size(); ++entity)
        for (const Row& row : g.held.rows[group.table][entity]) run_row(g, row, static_cast<int>(entity), scratch);
    } else {
      for (const SpillFiles* files : written) {
        auto source = read_spilled(*files->at(group.table), part, p.tables[group.table].columns.size(), error);
        if (!source) return false;
        while (const Row* row = source->next(g.diags)) run_row(g, *row, source->entity(), scratch);
      }
    }
    for (const SpillFiles* files : written)
      for (const auto& [t, writer] : *files) writer->remove(part);
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
    return true;
  }

  // Counts the values of one partition of the distinct counts written by every part (`written`, one file each).
  bool count_distinct(GroupRun& g, int part, const std::vector<const SpillWriter*>& written,
                      std::vector<std::string>& bytes, Message& error) {
    std::unordered_set<std::string_view> seen;
    bytes.resize(written.size());
    for (std::size_t j = 0; j < written.size(); ++j) {
      auto each = [&](std::size_t counter, std::string_view counted) {
        if (seen.insert(counted).second) ++g.distinct_accumulators[counter]->distinct_counted;
      };
      bool read = for_each_counted(*written[j], part, bytes[j], error, each);
      if (!read) return false;
    }
    for (const SpillWriter* writer : written) writer->remove(part);
    return true;
  }

  bool run_group(GroupRun& g) {
    Diagnostics& diags = g.diags;
    const PlannedGroup& group = g.group;
    Value scratch;
    int partitions = partitions_of(g);
    if (partitions <= 1) {
      for (int t : group.inner) load(g, t, *data.open_rows(t, &plan.needed_columns[t]), diags);
      if (diags.has_errors()) return false;
      stream(g, *data.open_rows(group.table, &plan.needed_columns[group.table]), scratch);
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
    SpillFiles spilled;
    for (const auto& [t, column] : group.key) {
      auto writer =
          std::make_unique<SpillWriter>(folder->path(), std::to_string(t), partitions, kept_columns(t, column));
      spill(g, t, column, *data.open_rows(t, &plan.needed_columns[t]), *writer, partitions);
      if (diags.has_errors()) return false;
      if (!writer->close(error)) {
        diags.error_at("", error);
        return false;
      }
      spilled[t] = std::move(writer);
    }
    for (int part = 0; part < partitions; ++part)
      if (!process_partition(g, part, {&spilled}, error)) break;
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
    stream(g, *data.open_rows(g.group.table, &plan.needed_columns[g.group.table]), scratch);
    g.distinct_values = nullptr;
    if (diags.has_errors()) return false;
    if (!writer.close(error)) {
      diags.error_at("", error);
      return false;
    }
    std::vector<std::string> bytes;
    for (int part = 0; part < partitions; ++part)
      if (!count_distinct(g, part, {&writer}, bytes, error)) {
        diags.error_at("", error);
        return false;
      }
    return true;
  }

  // ---- a table read in parts ----------------------------------------------------------------------------------
  // How many parts a group's table is read in: 1 for a group left to the tree walker (not shared between threads)
  // and for one whose looked-up rows are all held in memory (each part would hold them all); else --parts, or one
  // per thread for a file of split_bytes or more.
  int parts_of(const GroupRun& g, unsigned threads) {
    if (g.interpreted) return 1;
    if (!g.group.inner.empty() && partitions_of(g) <= 1) return 1;
    if (options.parts > 0) return options.parts;
    if (threads <= 1 || bytes_of(g) < options.split_bytes) return 1;
    return static_cast<int>(threads);
  }

  // The parts of a group read in `parts` parts, their code compiled (on the calling thread, before any worker
  // starts: compiling evaluates the constants with the tree walker); cut() then finds their ranges.
  std::unique_ptr<SplitGroup> split(GroupRun& g, int parts, const CompilePart& compile) {
    auto s = std::make_unique<SplitGroup>();
    s->group = &g;
    s->partitions = partitions_of(g);
    s->bytes = bytes_of(g);
    s->kind = !g.group.inner.empty() ? SplitGroup::Kind::Spilled
              : s->partitions > 1    ? SplitGroup::Kind::Distinct
                                     : SplitGroup::Kind::Stream;
    s->parts.resize(static_cast<std::size_t>(parts));
    s->parts[0].run = &g;
    for (std::size_t k = 1; k < s->parts.size(); ++k) {
      SplitGroup::Part& part = s->parts[k];
      part.aggregates = std::make_unique<RowAggregates>();
      part.owned = compile(g, *part.aggregates);
      part.run = part.owned.get();
    }
    s->unread = s->parts.size();
    return s;
  }

  // The ranges of a split group's files (read side by side on `threads` threads) and its folder of spill files;
  // false (the error in the group's diagnostics) if a file cannot be read or a folder made.
  bool cut(SplitGroup& s, unsigned threads) {
    GroupRun& g = *s.group;
    Message error;
    std::vector<int> tables;
    if (s.kind == SplitGroup::Kind::Spilled)
      for (const auto& [t, column] : g.group.key) tables.push_back(t);
    else
      tables.push_back(g.group.table);
    for (int t : tables)
      if (!data.split_rows(t, static_cast<int>(s.parts.size()), static_cast<int>(threads), s.ranges[t], error)) {
        g.diags.error_at("", error);
        return false;
      }
    if (s.kind != SplitGroup::Kind::Stream && !(s.folder = SpillFolder::create(error))) {
      g.diags.error_at("", error);
      return false;
    }
    return s.cut = true;
  }

  // The first step of one part: its range of the table run through its code, or its ranges of the tables spilled.
  void read_part(SplitGroup& s, std::size_t k) {
    SplitGroup::Part& part = s.parts[k];
    GroupRun& g = *part.run;
    const PlannedGroup& group = g.group;
    Message error;
    auto failed = [&](long step) {
      if (!error.empty()) g.diags.error_at("", error);
      if (!g.diags.has_errors()) return false;
      part.error_step = step;
      return true;
    };
    if (s.kind != SplitGroup::Kind::Spilled) {
      if (s.kind == SplitGroup::Kind::Distinct) {
        part.distinct = std::make_unique<SpillWriter>(s.folder->path(), "distinct." + std::to_string(k), s.partitions,
                                                      std::vector<bool>{});
        g.distinct_values = part.distinct.get();
        g.partitions = s.partitions;
      }
      Value scratch;
      stream(g, *data.open_rows(group.table, &plan.needed_columns[group.table], s.ranges.at(group.table)[k]), scratch);
      g.distinct_values = nullptr;
      if (failed(0)) return;
      if (part.distinct && !part.distinct->close(error)) failed(1);
      return;
    }
    long step = 0;
    for (const auto& [t, column] : group.key) {
      auto writer = std::make_unique<SpillWriter>(s.folder->path(), std::to_string(t) + "." + std::to_string(k),
                                                  s.partitions, kept_columns(t, column));
      spill(g, t, column, *data.open_rows(t, &plan.needed_columns[t], s.ranges.at(t)[k]), *writer, s.partitions);
      if (failed(step)) return;
      if (!writer->close(error) && failed(step + 1)) return;
      part.spilled[t] = std::move(writer);
      step += 2;
    }
  }

  // The second step of one part of a group that spills: the partitions p ≡ k (mod parts).
  void finish_part(SplitGroup& s, std::size_t k) {
    SplitGroup::Part& part = s.parts[k];
    GroupRun& g = *part.run;
    Message error;
    bool ok = true;
    if (s.kind == SplitGroup::Kind::Distinct) {
      std::vector<const SpillWriter*> written;
      for (const auto& other : s.parts) written.push_back(other.distinct.get());
      std::vector<std::string> bytes;
      for (std::size_t q = k; ok && q < static_cast<std::size_t>(s.partitions); q += s.parts.size())
        ok = count_distinct(g, static_cast<int>(q), written, bytes, error);
    } else {
      std::vector<const SpillFiles*> written;
      for (const auto& other : s.parts) written.push_back(&other.spilled);
      for (std::size_t q = k; ok && q < static_cast<std::size_t>(s.partitions); q += s.parts.size())
        ok = process_partition(g, static_cast<int>(q), written, error);
    }
    if (!ok) g.diags.error_at("", error);
    if (g.diags.has_errors()) part.error_step = kFinishStep;
  }

  // The parts merged into part 0 (the group's run), in the order of the file; the first error in that order kept.
  void merge(SplitGroup& s) {
    GroupRun& into = *s.group;
    std::size_t first = 0;
    for (std::size_t k = 1; k < s.parts.size(); ++k)
      if (s.parts[k].error_step < s.parts[first].error_step) first = k;
    if (first != 0) into.diags = std::move(s.parts[first].run->diags);
    for (std::size_t k = 1; k < s.parts.size(); ++k) {
      GroupRun& part = *s.parts[k].run;
      for (auto& [t, years] : part.years_seen) into.years_seen[t].insert(years.begin(), years.end());
      for (std::size_t i = 0; i < into.passes.size(); ++i)
        for (std::size_t y = 0; y < into.passes[i].years.size(); ++y) {
          std::vector<Accumulator>& to = *into.passes[i].years[y].accs;
          std::vector<Accumulator>& from = *part.passes[i].years[y].accs;
          for (std::size_t e = 0; e < to.size(); ++e) merge_accumulator(to[e], from[e]);
        }
    }
  }

  // The tasks a group's parts add when their first step ends: the second step of every part of a group that
  // spills, once all of its parts are read (each part's partitions read the files of every part).
  void part_read(SplitGroup& s, WorkQueue& queue) {
    if (--s.unread != 0 || s.kind == SplitGroup::Kind::Stream) return;
    for (const auto& part : s.parts)
      if (part.error_step != LONG_MAX) return;
    for (std::size_t k = 0; k < s.parts.size(); ++k)
      queue.add(s.second_step(), [this, s = &s, k] {
        Timeline::Step step(options.timeline, label_of(*s->group) + " partitions of part " + std::to_string(k));
        finish_part(*s, k);
      });
  }

  // Every group, on as many threads as asked, from one queue taken biggest first (the size of the files stands
  // for the work), so that the threads finish together: the groups read whole, and the parts of the split ones as
  // soon as their files are cut (on this thread, while the workers start on the rest); the second step of the
  // parts of a group that spills as soon as all its parts are read; then the merging of the parts.
  void run_groups(std::vector<std::unique_ptr<GroupRun>>& groups, const CompilePart& compile) {
    unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                           : std::max(1u, std::thread::hardware_concurrency());
    std::vector<GroupRun*> alone;
    std::vector<std::unique_ptr<SplitGroup>> splits;
    std::vector<std::pair<GroupRun*, std::uintmax_t>> whole;
    for (auto& owned : groups) {
      GroupRun* g = owned.get();
      if (g->interpreted) {
        alone.push_back(g);
        continue;
      }
      int parts = parts_of(*g, threads);
      if (parts <= 1) whole.push_back({g, bytes_of(*g)});
      else splits.push_back(split(*g, parts, compile));
    }
    {
      WorkQueue queue(threads);
      for (auto [g, bytes] : whole)
        queue.add(bytes, [this, g = g] {
          Timeline::Step step(options.timeline, label_of(*g));
          run_group(*g);
        });
      // The longest chain of steps cut first, so that its parts start first.
      std::vector<SplitGroup*> by_size;
      for (auto& s : splits) by_size.push_back(s.get());
      std::stable_sort(by_size.begin(), by_size.end(),
                       [](auto* a, auto* b) { return a->first_step() > b->first_step(); });
      for (SplitGroup* s : by_size) {
        Timeline::Step cutting(options.timeline, "cut " + label_of(*s->group));
        bool ok = cut(*s, threads);
        cutting.end();
        if (!ok) continue;
        for (std::size_t k = 0; k < s->parts.size(); ++k)
          queue.add(s->first_step(), [this, s, k, &queue] {
            {
              Timeline::Step step(options.timeline, label_of(*s->group) + " part " + std::to_string(k));
              read_part(*s, k);
            }
            part_read(*s, queue);
          });
      }
      queue.finish();
    }
    Timeline::Step merging(options.timeline, "merge");
    for (auto& s : splits)
      if (s->cut) merge(*s);
    merging.end();
    Timeline::Step freeing(options.timeline, "parts freed");
    splits.clear();
    freeing.end();
    // The tree walker is not shared between threads.
    for (GroupRun* g : alone) {
      Timeline::Step step(options.timeline, label_of(*g) + " (tree walker)");
      run_group(*g);
    }
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
  Timeline::Step compiling(options.timeline, "compile");
  for (const PlannedGroup& planned : plan.groups) {
    groups.push_back(std::make_unique<GroupRun>(program, plan, planned, data.entities.size()));
    compile_group(program, data, plan, walker, aggregates, *groups.back());
  }
  // Another part of a group: the same code, compiled here before any thread starts (compiling evaluates the
  // constants with the tree walker).
  CompilePart compile = [&](const GroupRun& g, RowAggregates& own) {
    auto run = std::make_unique<GroupRun>(program, plan, g.group, data.entities.size());
    own.resize(program.row_aggregations.size());
    compile_group(program, data, plan, walker, own, *run);
    return run;
  };
  compiling.end();
  Pass(program, data, plan, options).run_groups(groups, compile);
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
  Timeline::Step freeing(options.timeline, "groups freed");
  groups.clear();
  return !diags.has_errors();
}

}  // namespace caqes
