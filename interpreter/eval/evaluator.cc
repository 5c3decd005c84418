// Evaluation of a checked program against a dataset, with exact arithmetic.
//
// Missing data is `absent`: it propagates through arithmetic and comparisons (a comparison with an absent value
// is neither true nor false), `et` is false as soon as one side is false and `ou` true as soon as one side is
// true. An establishment whose targeting cannot be decided is not targeted. Division by zero follows the
// contract's `division_par_zéro` (absent by default). The incentive is rounded to the cent, half away from zero.
#include "eval/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <atomic>
#include <filesystem>
#include <thread>
#include <unordered_set>

#include "data/spill.h"
#include "eval/format.h"
#include "eval/row_code.h"
#include "format/printer.h"
#include "stdlib/builtins.h"

namespace caqes {
namespace {

// An error that stops the evaluation of a figure; caught at the public entry points and turned into a diagnostic.
struct EvalError {
  Span span;
  std::string message;
  std::string hint;
};

// The rows aggregated for one establishment by one aggregation in one year.
struct Accumulator {
  long long count = 0;
  Decimal sum;
  Value min, max;
  std::unique_ptr<std::unordered_set<std::string>> distinct;
  long long distinct_counted = 0;  // values counted in earlier partitions (the set holds the current one's)
};

// A population statistic for one year: the sorted values of every group, and each establishment's group.
struct Population {
  std::unordered_map<std::string, std::vector<Decimal>> groups;
  std::vector<std::string> entity_group;  // "" = no group (its group expression is absent)
  std::vector<bool> has_group;
};

constexpr int kAnyYear = 0;  // the key of an aggregation whose result does not depend on N

long long memo_key(int a, int b, int entity, int year) {
  return (static_cast<long long>(a) << 44) ^ (static_cast<long long>(b) << 32) ^
         (static_cast<long long>(entity) << 12) ^ static_cast<long long>(year & 0xFFF);
}

}  // namespace

struct Evaluator::Impl final : RowCodeHost {
  const CheckedProgram& p;
  const Dataset& data;
  std::vector<std::set<int>> slot_years;                                      // slot → years (or kAnyYear)
  std::vector<std::unordered_map<int, std::vector<Accumulator>>> accumulators;  // slot → year → entity
  std::unordered_map<long long, Value> binding_memo, parameter_memo;
  std::unordered_map<long long, IndicatorResult> result_memo;
  std::map<std::pair<int, int>, Population> populations;  // (call id, year)
  std::set<std::tuple<int, int, int>> planned;            // (kind, index, year) already walked by the plan
  std::set<std::pair<const ast::Expr*, int>> population_needed;  // population statistics and their years

  struct Context {
    int entity = -1;
    int year = 0;
    const Row* row = nullptr;
    const Row* outer = nullptr;  // in a nested aggregation: the row of the aggregation around it
  };

  // For each nested call, the equality its filter starts from (inner column = outer column), if any.
  struct Correlation {
    int inner_column = -1, outer_column = -1;
  };
  IdMap<Correlation> correlation;  // nested call id → its equality, found by the plan
  // The held rows of one establishment grouped by the value of one column, shared by every nested call that
  // equates that column with an outer one. Keys view the held rows' texts (held rows never move once loaded).
  using RowsByKey = std::unordered_map<std::string_view, std::vector<const Row*>>;
  // The rows of the tables that nested (correlated) aggregations read, held per establishment (all of them, or one
  // partition's), with their indexes.
  struct Held {
    std::map<int, std::vector<std::vector<Row>>> rows;                               // table → establishment
    std::map<std::pair<int, int>, std::vector<std::unique_ptr<RowsByKey>>> indexes;  // (table, column) → establishment
    std::deque<std::string> index_keys;  // the keys of values that are not texts
    void clear() {
      rows.clear();
      indexes.clear();
      index_keys.clear();
    }
  };
  Held* interpreting = nullptr;  // the held rows that the tree walker's nested aggregations read

  // Explanation: while `trace` is non-empty, the evaluation of `trace_entity` records its steps under the top node.
  std::vector<ExplainNode*> trace;
  int trace_entity = -1;
  int trace_year = 0;
  int in_population = 0;
  int tolerate_missing = 0;  // inside défaut(x, …) and présent(x), a missing datum is absent even under 'erreur'
  int trace_indicator = -1;
  std::set<std::tuple<int, int, int>> explained;  // definitions (indicator, binding, year) already detailed

  bool tracing(int entity) const { return !trace.empty() && entity == trace_entity && in_population == 0; }

  ExplainNode& trace_node(ExplainNode::Kind kind, std::string name, int year) {
    ExplainNode n;
    n.kind = kind;
    n.name = std::move(name);
    if (year != trace_year) n.name += "[" + std::to_string(year) + "]";
    trace.back()->children.push_back(std::move(n));
    return trace.back()->children.back();
  }

  Impl(const CheckedProgram& program, const Dataset& d) : p(program), data(d) {
    slot_years.resize(p.row_aggregations.size());
    accumulators.resize(p.row_aggregations.size());
  }

  // A value the expression denotes without computing anything (a literal, a column of the current row), read in
  // place: comparisons in row filters then copy no text. Null for anything else.
  IdMap<Value> literals;
  const Value* peek(const ast::Expr& e, const Context& ctx) {
    if (auto* s = e.as<ast::StringLiteral>()) {
      if (auto* found = literals.find(e.id)) return &found->second;
      return &(literals[e.id] = Value(s->value));
    }
    if (e.as<ast::Name>() || e.as<ast::Member>()) {
      auto r = p.references_.find(e.id);
      if (r != p.references_.end() && r->second.what == Reference::What::RowColumn && ctx.row) return &(*ctx.row)[r->second.column];
    }
    return nullptr;
  }

  // ---- the plan: which aggregation is needed for which year -------------------------------------------------
  void plan(const ast::Expr& e, int year) {
    std::visit([&](const auto& n) { plan_node(e, n, year); }, e.node);
  }
  template <class T>
  void plan_node(const ast::Expr&, const T&, int) {}
  void plan_node(const ast::Expr&, const ast::AtPeriod& n, int year) { plan(*n.expr, n.period.apply(year)); }
  void plan_node(const ast::Expr& e, const ast::Name&, int year) { plan_reference(e, year); }
  void plan_node(const ast::Expr& e, const ast::Member&, int year) { plan_reference(e, year); }
  void plan_node(const ast::Expr&, const ast::Unary& n, int year) { plan(*n.operand, year); }
  void plan_node(const ast::Expr&, const ast::Binary& n, int year) {
    plan(*n.lhs, year);
    plan(*n.rhs, year);
  }
  void plan_node(const ast::Expr&, const ast::In& n, int year) {
    plan(*n.value, year);
    plan(*n.list, year);
  }
  void plan_node(const ast::Expr&, const ast::If& n, int year) {
    plan(*n.condition, year);
    plan(*n.then_branch, year);
    plan(*n.else_branch, year);
  }
  void plan_node(const ast::Expr&, const ast::List& n, int year) {
    for (const auto& i : n.items) plan(*i, year);
  }
  void plan_node(const ast::Expr&, const ast::Selon& n, int year) {
    plan(*n.subject, year);
    for (const auto& arm : n.arms) {
      for (const auto& k : arm.keys) plan(*k, year);
      plan(*arm.result, year);
    }
    if (n.otherwise) plan(*n.otherwise, year);
  }
  void plan_node(const ast::Expr& e, const ast::Call& n, int year) {
    auto it = p.calls.find(e.id);
    if (it == p.calls.end()) return;
    const CallInfo& info = it->second;
    if (info.slot >= 0) {
      slot_years[info.slot].insert(p.year_dependent.at(e.id) ? year : kAnyYear);
      return;
    }
    if (info.nested) return;
    if (info.function != Function::Round && info.function != Function::RoundDown && info.function != Function::RoundUp &&
        info.function != Function::Min && info.function != Function::Max && info.function != Function::Abs &&
        info.function != Function::Default && info.function != Function::Present &&
        info.function != Function::DaysBetween && info.function != Function::YearOf &&
        info.function != Function::StartsWith && info.function != Function::Substring)
      population_needed.insert({&e, year});
    for (const auto& a : n.args) {
      plan(*a.value, year);
      if (a.group) plan(*a.group, year);
      if (a.filter) plan(*a.filter, year);
    }
  }
  void plan_binding(int indicator, int b, int year) {
    if (b >= 0 && planned.insert({indicator, b, year}).second) plan(*p.indicators[indicator].decl->bindings[b].value, year);
  }
  void plan_reference(const ast::Expr& e, int year) {
    auto it = p.references_.find(e.id);
    if (it == p.references_.end()) return;
    const Reference& r = it->second;
    if (r.what == Reference::What::Binding) {
      plan_binding(r.indicator, r.binding, year);
    } else if (r.what == Reference::What::Result) {
      const IndicatorInfo& info = p.indicators[r.indicator];
      for (int b : {info.targeting, info.value, info.target, info.achieved, info.incentive}) plan_binding(r.indicator, b, year);
    } else if (r.what == Reference::What::Parameter) {
      if (planned.insert({-1, r.parameter, year}).second) plan(*p.parameters[r.parameter].decl->value, year);
    }
  }

  // ---- the pass over the rows -----------------------------------------------------------------------------
  // The columns of each row table that some rule reads: only those are converted while streaming.
  std::vector<std::vector<bool>> needed_columns;
  void find_needed_columns() {
    needed_columns.assign(p.tables.size(), {});
    for (std::size_t t = 0; t < p.tables.size(); ++t) needed_columns[t].assign(p.tables[t].columns.size(), false);
    p.references_.for_each([&](int, const Reference& r) {
      if (r.what == Reference::What::RowColumn || r.what == Reference::What::OuterRowColumn)
        needed_columns[r.table][r.column] = true;
    });
  }

  // The aggregations over one table (its slots) and the tables that the aggregations nested in their filters read,
  // evaluated together. When each nested aggregation equates an inner column with an outer one (patient =
  // interventions.patient), or when the table's distinct counts all count one column, the rows can be split by
  // that key into partitions processed one after the other: a patient's stays and lab acts are in the same one.
  struct SlotYear {
    int year;
    int rows_year;  // the year of the rows it reads (N, or the aggregation's period)
    std::vector<Accumulator>* accs;
    std::unique_ptr<RowCode> filter, value;
    std::size_t first_id = 0;  // distinct counts of the partition column: the id of its first accumulator
  };
  struct SlotPass {
    const CallInfo* info;
    bool distinct_on_key;  // a distinct count of the partition column: its counts add up over the partitions
    std::vector<SlotYear> years;
  };
  // The figure of one nested aggregation for the current outer row, shared by the filters that repeat it (the
  // EPA's rates, counts and amounts test the same bilans).
  struct NestedMemo {
    unsigned long long serial = 0;
    Value value;
  };

  struct Group {
    int table = -1;
    std::vector<int> slots;
    std::set<int> inner;     // the tables read by nested aggregations
    std::map<int, int> key;  // table → partition column; empty when the rows cannot be partitioned
    std::vector<SlotPass> passes;
    Held held;
    bool interpreted = false;  // some of its code is left to the tree walker, which is not shared between threads
    Diagnostics diags;
    std::map<std::string, NestedMemo*> memo_index;  // nested aggregation text and year → its memo
    std::vector<std::unique_ptr<NestedMemo>> memos;
    unsigned long long rows_seen = 0;
    // A table without nested aggregations whose distinct counts are split by value: the values counted are written
    // to partitions (accumulator id, value) while the other aggregations add up as the rows stream.
    SpillWriter* distinct_values = nullptr;
    int partitions = 1;
    std::vector<Accumulator*> distinct_accumulators;  // id → accumulator
    std::string record;                               // run_row's buffer for those records
    // Per table, the rows that some aggregation of the group could count (absent: all of them).
    std::map<int, std::unique_ptr<RowCode>> usable;
  };
  std::vector<std::unique_ptr<Group>> groups;
  Group* compiling = nullptr;  // the group whose code is being compiled
  PassOptions options;

  void nested_calls(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
    if (auto* call = e.as<ast::Call>()) {
      const auto* info = p.calls.find(e.id);
      if (info && info->second.nested) out.push_back(&e);
      for (const auto& a : call->args) {
        nested_calls(*a.value, out);
        if (a.filter) nested_calls(*a.filter, out);
        if (a.group) nested_calls(*a.group, out);
      }
      return;
    }
    std::visit([&](const auto& n) { children(n, out); }, e.node);
  }
  template <class T>
  void children(const T& n, std::vector<const ast::Expr*>& out) {
    if constexpr (std::is_same_v<T, ast::Unary>) nested_calls(*n.operand, out);
    if constexpr (std::is_same_v<T, ast::Binary>) {
      nested_calls(*n.lhs, out);
      nested_calls(*n.rhs, out);
    }
    if constexpr (std::is_same_v<T, ast::In>) {
      nested_calls(*n.value, out);
      nested_calls(*n.list, out);
    }
    if constexpr (std::is_same_v<T, ast::If>) {
      nested_calls(*n.condition, out);
      nested_calls(*n.then_branch, out);
      nested_calls(*n.else_branch, out);
    }
    if constexpr (std::is_same_v<T, ast::List>)
      for (const auto& i : n.items) nested_calls(*i, out);
    if constexpr (std::is_same_v<T, ast::Selon>) {
      nested_calls(*n.subject, out);
      for (const auto& arm : n.arms) {
        for (const auto& k : arm.keys) nested_calls(*k, out);
        nested_calls(*arm.result, out);
      }
      if (n.otherwise) nested_calls(*n.otherwise, out);
    }
    if constexpr (std::is_same_v<T, ast::AtPeriod>) nested_calls(*n.expr, out);
    if constexpr (std::is_same_v<T, ast::Member>) nested_calls(*n.object, out);
  }

  // The column a slot's value reads when it is a column of the row, else -1.
  int plain_column(const CallInfo& info) {
    if (!info.value) return -1;
    const auto* r = p.references_.find(info.value->id);
    return r && r->second.what == Reference::What::RowColumn ? r->second.column : -1;
  }

  void make_groups() {
    for (std::size_t t = 0; t < p.tables.size(); ++t) {
      if (p.tables[t].per_entity()) continue;
      auto g = std::make_unique<Group>();
      g->table = static_cast<int>(t);
      for (std::size_t s = 0; s < p.row_aggregations.size(); ++s)
        if (p.calls.at(p.row_aggregations[s]->id).table == g->table && !slot_years[s].empty())
          g->slots.push_back(static_cast<int>(s));
      if (g->slots.empty()) continue;
      // The partition columns: the correlations of the nested aggregations, else the column of distinct counts.
      bool partitionable = true;
      std::vector<const ast::Expr*> nested;
      for (int s : g->slots) {
        const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
        if (info.filter) nested_calls(*info.filter, nested);
        if (info.value) nested_calls(*info.value, nested);
      }
      auto set_key = [&](int table, int column) {
        auto [it, inserted] = g->key.emplace(table, column);
        if (!inserted && it->second != column) partitionable = false;
      };
      for (const ast::Expr* call : nested) {
        const CallInfo& info = p.calls.at(call->id);
        Correlation c;
        if (info.filter) find_correlation(*info.filter, c);
        correlation[call->id] = c;
        g->inner.insert(info.table);
        if (c.inner_column < 0) partitionable = false;
        set_key(info.table, c.inner_column);
        set_key(g->table, c.outer_column);
      }
      if (nested.empty()) {
        for (int s : g->slots) {
          const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
          if (info.function != Function::RowCountDistinct) continue;
          int column = plain_column(info);
          if (column < 0) partitionable = false;
          set_key(g->table, column);
        }
      }
      if (!partitionable) g->key.clear();
      groups.push_back(std::move(g));
    }
  }

  // Compiles every slot of every group (before any thread starts: the compiler evaluates the constants).
  void compile_groups() {
    std::size_t entities = data.entities.size();
    for (auto& g : groups) {
      compiling = g.get();
      for (int s : g->slots) {
        const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
        auto key = g->key.find(g->table);
        bool on_key = info.function == Function::RowCountDistinct && key != g->key.end() && plain_column(info) == key->second;
        SlotPass pass{&info, on_key, {}};
        for (int y : slot_years[s]) {
          accumulators[s][y].resize(entities);
          SlotYear sy{y, info.period ? info.period->apply(y) : y, &accumulators[s][y], nullptr, nullptr, 0};
          if (on_key) {
            sy.first_id = g->distinct_accumulators.size();
            for (Accumulator& acc : accumulators[s][y]) g->distinct_accumulators.push_back(&acc);
          }
          if (info.filter) sy.filter = compile_row_code(p, *info.filter, y, *this);
          if (info.value) sy.value = compile_row_code(p, *info.value, y, *this);
          pass.years.push_back(std::move(sy));
        }
        g->passes.push_back(std::move(pass));
      }
      compile_usable_rows(*g);
    }
    compiling = nullptr;
  }

  // ---- the rows a group can use -------------------------------------------------------------------------------
  // A row that fails, for every aggregation reading its table, one of the conditions of that aggregation's filter
  // that read the row alone (nabm = "1104", geste = "AMYG") is counted by none: it is dropped before it is held or
  // written out. In the EPA, a third of the lab acts and a fifth of the interventions go that way.
  bool reads_row_alone(const ast::Expr& e) {
    if (e.as<ast::NumberLiteral>() || e.as<ast::StringLiteral>() || e.as<ast::DateLiteral>() ||
        e.as<ast::BooleanLiteral>() || e.as<ast::AbsentLiteral>())
      return true;
    if (e.as<ast::Name>() || e.as<ast::Member>()) {
      const auto* r = p.references_.find(e.id);
      if (!r) return false;
      if (r->second.what == Reference::What::RowColumn) return true;
      return r->second.what == Reference::What::Parameter && !p.parameters[r->second.parameter].year_dependent &&
             constant_expression(*p.parameters[r->second.parameter].decl->value);
    }
    if (auto* u = e.as<ast::Unary>()) return reads_row_alone(*u->operand);
    if (auto* b = e.as<ast::Binary>())
      return b->op != ast::BinaryOp::Divide && reads_row_alone(*b->lhs) && reads_row_alone(*b->rhs);
    if (auto* in = e.as<ast::In>()) return reads_row_alone(*in->value) && reads_row_alone(*in->list);
    if (auto* l = e.as<ast::List>())
      return std::all_of(l->items.begin(), l->items.end(), [&](const auto& i) { return reads_row_alone(*i); });
    if (auto* c = e.as<ast::Call>()) {
      const auto* info = p.calls.find(e.id);
      if (!info || info->second.slot >= 0 || info->second.nested) return false;
      Function f = info->second.function;
      if (f != Function::DaysBetween && f != Function::StartsWith && f != Function::Substring && f != Function::YearOf &&
          f != Function::Abs)
        return false;
      return std::all_of(c->args.begin(), c->args.end(), [&](const auto& a) { return reads_row_alone(*a.value); });
    }
    return false;
  }

  static void split_conjuncts(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
    if (auto* b = e.as<ast::Binary>(); b && b->op == ast::BinaryOp::And) {
      split_conjuncts(*b->lhs, out);
      split_conjuncts(*b->rhs, out);
      return;
    }
    out.push_back(&e);
  }

  // Null when every row may count.
  std::unique_ptr<RowCode> usable_rows(const std::vector<const CallInfo*>& calls, int year) {
    // Many calls repeat the same conditions (the EPA's 48 lookups of lab acts test a dozen codes): each set of
    // conditions is tested once.
    std::map<std::set<std::string>, std::vector<const ast::Expr*>> sets;
    for (const CallInfo* info : calls) {
      std::vector<const ast::Expr*> conjuncts;
      if (info->filter) split_conjuncts(*info->filter, conjuncts);
      std::set<std::string> texts;
      std::vector<const ast::Expr*> kept;
      for (const ast::Expr* c : conjuncts)
        if (reads_row_alone(*c) && texts.insert(print_expr(*c)).second) kept.push_back(c);
      if (kept.empty()) return nullptr;
      sets.emplace(std::move(texts), std::move(kept));
    }
    std::vector<std::unique_ptr<RowCode>> alternatives;
    for (const auto& [texts, conjuncts] : sets) {
      std::vector<std::unique_ptr<RowCode>> parts;
      for (const ast::Expr* c : conjuncts) parts.push_back(compile_row_code(p, *c, year, *this));
      alternatives.push_back(all_true(std::move(parts)));
    }
    if (alternatives.empty()) return nullptr;
    return any_true(std::move(alternatives));
  }

  void compile_usable_rows(Group& g) {
    if (g.slots.empty()) return;
    int year = *slot_years[g.slots.front()].begin();
    std::map<int, std::vector<const CallInfo*>> readers;  // table → the calls that read its rows
    for (int s : g.slots) {
      const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
      readers[g.table].push_back(&info);
      std::vector<const ast::Expr*> nested;
      if (info.filter) nested_calls(*info.filter, nested);
      if (info.value) nested_calls(*info.value, nested);
      for (const ast::Expr* call : nested) readers[p.calls.at(call->id).table].push_back(&p.calls.at(call->id));
    }
    for (const auto& [table, calls] : readers)
      if (auto code = usable_rows(calls, year)) g.usable[table] = std::move(code);
  }

  // The pre-filter of a table in a group, looked up once per table rather than per row; null: every row.
  static const RowCode* usable_rows_of(const Group& g, int table) {
    auto it = g.usable.find(table);
    return it == g.usable.end() ? nullptr : it->second.get();
  }
  static bool usable(const RowCode* keep, const Row& row, int entity) {
    return !keep || keep->test(RowFrame{&row, nullptr, entity, 0}) == Truth::True;
  }

  void run_row(Group& g, const Row& row, int entity, Value& scratch) {
    const TableInfo& table = p.tables[g.table];
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
          // The record: the accumulator's id, then the value's key (what a partition's set holds).
          g.record.clear();
          append_varint(g.record, sy.first_id + static_cast<std::size_t>(entity));
          g.record += v.key();
          g.distinct_values->write_record(partition_of(v, entity, g.partitions), g.record);
          continue;
        }
        accumulate_value(pass.info->function, acc, v);
      }
    }
  }

  // The size of the files a group reads (0 for rows held in memory).
  std::uintmax_t bytes_of(const Group& g) {
    std::set<int> tables = g.inner;
    tables.insert(g.table);
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
  int partitions_of(const Group& g) {
    if (g.key.empty()) return 1;
    if (options.partitions > 0) return options.partitions;
    std::uintmax_t bytes = bytes_of(g);
    std::uintmax_t n = (bytes + options.partition_bytes - 1) / options.partition_bytes;
    return static_cast<int>(std::clamp<std::uintmax_t>(n, 1, 4096));
  }

  void load(Group& g, int table, RowSource& source, Diagnostics& diags) {
    auto& rows = g.held.rows[table];
    rows.resize(data.entities.size());
    const RowCode* keep = usable_rows_of(g, table);
    Row row;
    while (source.next_into(row, diags))
      if (usable(keep, row, source.entity())) rows[source.entity()].push_back(std::move(row));
  }

  bool run_group(Group& g) {
    Diagnostics& diags = g.diags;
    Value scratch;
    int partitions = partitions_of(g);
    if (partitions <= 1) {
      for (int t : g.inner) load(g, t, *data.open_rows(t, &needed_columns[t]), diags);
      if (diags.has_errors()) return false;
      const RowCode* keep = usable_rows_of(g, g.table);
      auto rows = data.open_rows(g.table, &needed_columns[g.table]);
      while (const Row* row = rows->next(diags))
        if (usable(keep, *row, rows->entity())) run_row(g, *row, rows->entity(), scratch);
      g.held.clear();
      return !diags.has_errors();
    }
    if (g.inner.empty()) return run_group_distinct(g, partitions);
    std::string error;
    auto folder = SpillFolder::create(error);
    if (!folder) {
      diags.error_at("", error);
      return false;
    }
    std::map<int, std::unique_ptr<SpillWriter>> spilled;
    for (const auto& [t, column] : g.key) {
      std::vector<bool> kept = needed_columns[t];
      kept[column] = true;
      if (p.tables[t].has_year()) kept[p.tables[t].year_column] = true;
      auto writer = std::make_unique<SpillWriter>(folder->path(), std::to_string(t), partitions, kept);
      auto rows = data.open_rows(t, &needed_columns[t]);
      const RowCode* keep = usable_rows_of(g, t);
      while (const Row* row = rows->next(diags))
        if (usable(keep, *row, rows->entity()))
          writer->write(partition_of((*row)[column], rows->entity(), partitions), rows->entity(), *row);
      if (diags.has_errors()) return false;
      if (!writer->close(error)) {
        diags.error_at("", error);
        return false;
      }
      spilled[t] = std::move(writer);
    }
    for (int part = 0; part < partitions; ++part) {
      for (int t : g.inner) {
        auto source = read_spilled(*spilled.at(t), part, p.tables[t].columns.size(), error);
        if (!source) break;
        load(g, t, *source, diags);
      }
      if (!error.empty()) break;
      if (g.inner.count(g.table)) {
        for (std::size_t entity = 0; entity < data.entities.size(); ++entity)
          for (const Row& row : g.held.rows[g.table][entity]) run_row(g, row, static_cast<int>(entity), scratch);
      } else {
        auto source = read_spilled(*spilled.at(g.table), part, p.tables[g.table].columns.size(), error);
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
  bool run_group_distinct(Group& g, int partitions) {
    Diagnostics& diags = g.diags;
    std::string error;
    auto folder = SpillFolder::create(error);
    if (!folder) {
      diags.error_at("", error);
      return false;
    }
    SpillWriter writer(folder->path(), "distinct", partitions, {});
    g.distinct_values = &writer;
    g.partitions = partitions;
    Value scratch;
    auto rows = data.open_rows(g.table, &needed_columns[g.table]);
    while (const Row* row = rows->next(diags)) run_row(g, *row, rows->entity(), scratch);
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
      bool read = for_each_spilled_record(writer, part, bytes, error, [&](std::string_view counted) {
        std::size_t at = 0;
        std::size_t id = read_varint(counted, at);
        if (seen.insert(counted).second) ++g.distinct_accumulators[id]->distinct_counted;
      });
      if (!read) {
        diags.error_at("", error);
        return false;
      }
    }
    return true;
  }

  // The pass: every group, on as many threads as asked (a group whose code is partly left to the tree walker
  // runs alone, after the others).
  bool stream(Diagnostics& diags) {
    make_groups();
    compile_groups();
    std::vector<Group*> shared, alone;
    for (auto& g : groups) (g->interpreted ? alone : shared).push_back(g.get());
    // The biggest first, so that the threads finish together (the size of the files stands for the work).
    std::vector<std::pair<std::uintmax_t, Group*>> by_size;
    for (Group* g : shared) by_size.push_back({bytes_of(*g), g});
    std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < shared.size(); ++i) shared[i] = by_size[i].second;
    unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads) : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, static_cast<unsigned>(shared.size()));
    if (threads > 1) {
      std::atomic<std::size_t> next{0};
      std::vector<std::thread> workers;
      for (unsigned i = 0; i < threads; ++i)
        workers.emplace_back([&] {
          for (std::size_t k; (k = next++) < shared.size();) run_group(*shared[k]);
        });
      for (auto& w : workers) w.join();
    } else {
      for (Group* g : shared) run_group(*g);
    }
    for (Group* g : alone) {
      interpreting = &g->held;
      run_group(*g);
      interpreting = nullptr;
    }
    for (auto& g : groups) diags.append(g->diags);
    return !diags.has_errors();
  }

  void accumulate(const CallInfo& info, Accumulator& acc, const Context& ctx) {
    if (!info.value) {
      ++acc.count;
      return;
    }
    accumulate_value(info.function, acc, eval(*info.value, ctx));
  }

  static void accumulate_value(Function function, Accumulator& acc, const Value& v) {
    if (v.absent()) return;
    switch (function) {
      case Function::RowSum:
      case Function::RowMean:
        acc.sum = acc.sum + v.number();
        ++acc.count;
        break;
      case Function::RowMin:
        if (acc.min.absent() || less(v, acc.min)) acc.min = v;
        break;
      case Function::RowMax:
        if (acc.max.absent() || less(acc.max, v)) acc.max = v;
        break;
      case Function::RowCountDistinct:
        if (!acc.distinct) acc.distinct = std::make_unique<std::unordered_set<std::string>>();
        acc.distinct->insert(v.key());
        break;
      default:
        ++acc.count;
    }
  }

  static bool less(const Value& a, const Value& b) {
    if (a.is_date()) return a.date() < b.date();
    return a.number() < b.number();
  }

  Value row_aggregate(const ast::Expr& e, const CallInfo& info, const Context& ctx) {
    int y = p.year_dependent.at(e.id) ? ctx.year : kAnyYear;
    auto it = accumulators[info.slot].find(y);
    if (it == accumulators[info.slot].end() || it->second.empty()) {
      // Not planned: only when a figure is asked for a year the plan did not cover.
      throw EvalError{e.span, fmt::format("internal: aggregation not prepared for year {}", ctx.year), ""};
    }
    const Accumulator& acc = it->second[ctx.entity];
    if (tracing(ctx.entity)) {
      Value v = row_value(info, acc);
      const TableInfo& t = p.tables[info.table];
      ExplainNode& node = trace_node(ExplainNode::Kind::Rows, print_expr(e), ctx.year);
      node.value = format_french(v, p.type_of(e));
      int rows_year = info.period ? info.period->apply(ctx.year) : ctx.year;
      std::string rows = t.has_year() ? fmt::format("{}.csv, année {}", t.name, rows_year) : t.name + ".csv";
      if (info.function == Function::RowCountDistinct)
        node.detail = fmt::format("{} valeurs distinctes dans les lignes de {} retenues", v.is_number() ? v.number().to_string() : "0", rows);
      else if (info.function == Function::RowMin || info.function == Function::RowMax)
        node.detail = fmt::format("sur les lignes de {} retenues", rows);
      else
        node.detail = fmt::format("{} ligne{} de {} retenue{}{}", acc.count, acc.count > 1 ? "s" : "", rows,
                                  acc.count > 1 ? "s" : "", info.filter ? " par le filtre" : "");
      return v;
    }
    return row_value(info, acc);
  }

  // The equality between an inner and an outer column at the top of a nested filter, if there is one.
  void find_correlation(const ast::Expr& filter, Correlation& index) {
    std::vector<const ast::Expr*> conjuncts = {&filter};
    for (std::size_t i = 0; i < conjuncts.size(); ++i) {
      auto* b = conjuncts[i]->as<ast::Binary>();
      if (!b) continue;
      if (b->op == ast::BinaryOp::And) {
        conjuncts.push_back(b->lhs.get());
        conjuncts.push_back(b->rhs.get());
        continue;
      }
      if (b->op != ast::BinaryOp::Equal) continue;
      auto ref = [&](const ast::Expr& x) -> const Reference* {
        auto it = p.references_.find(x.id);
        return it == p.references_.end() ? nullptr : &it->second;
      };
      const Reference* l = ref(*b->lhs);
      const Reference* r = ref(*b->rhs);
      if (!l || !r) continue;
      if (l->what == Reference::What::OuterRowColumn) std::swap(l, r);
      if (l->what == Reference::What::RowColumn && r->what == Reference::What::OuterRowColumn) {
        index.inner_column = l->column;
        index.outer_column = r->column;
        return;
      }
    }
  }

  static std::string_view index_key(Held& held, const Value& v) {
    if (v.is_text()) return v.text();
    held.index_keys.push_back(v.key());
    return held.index_keys.back();
  }

  // The held rows a nested aggregation reads for one outer row, in `wanted` year: those with the outer row's key
  // when its filter equates an inner column with an outer one, else all the establishment's rows. `visit` returns
  // false to stop.
  template <class Visit>
  void candidate_rows(Held& held, const ast::Expr& e, const CallInfo& info, int entity, const Row& outer_row,
                      int wanted, Visit visit) {
    const TableInfo& t = p.tables[info.table];
    const std::vector<Row>& rows = held.rows.at(info.table)[entity];
    const Correlation& c = correlation.at(e.id);
    auto in_year = [&](const Row& r) {
      return !t.has_year() || r[t.year_column].number().to_int().value_or(0) == wanted;
    };
    if (c.inner_column >= 0) {
      auto& per_entity = held.indexes[{info.table, c.inner_column}];
      if (per_entity.empty()) per_entity.resize(data.entities.size());
      auto& map = per_entity[entity];
      if (!map) {
        map = std::make_unique<RowsByKey>();
        for (const auto& r : rows) (*map)[index_key(held, r[c.inner_column])].push_back(&r);
      }
      const Value& outer = outer_row[c.outer_column];
      std::string key_storage;
      std::string_view key = outer.is_text() ? std::string_view(outer.text()) : (key_storage = outer.key(), std::string_view(key_storage));
      auto it = map->find(key);
      if (it != map->end())
        for (const Row* r : it->second)
          if (in_year(*r) && !visit(*r)) break;
    } else {
      for (const Row& r : rows)
        if (in_year(r) && !visit(r)) break;
    }
  }

  Value nested_aggregate(const ast::Expr& e, const CallInfo& info, const Context& ctx) {
    // Only reached from the code of a group that runs alone (Group::interpreted), which sets `interpreting`.
    if (!interpreting || !ctx.row) throw EvalError{e.span, "internal: nested aggregation outside the pass over the rows", ""};
    Accumulator acc;
    int wanted = info.period ? info.period->apply(ctx.year) : ctx.year;
    candidate_rows(*interpreting, e, info, ctx.entity, *ctx.row, wanted, [&](const Row& r) {
      Context inner{ctx.entity, ctx.year, &r, ctx.row};
      if (info.filter) {
        Value keep = eval(*info.filter, inner);
        if (!keep.is_bool() || !keep.boolean()) return true;
      }
      accumulate(info, acc, inner);
      return info.function != Function::RowExists;  // one row is enough for existe
    });
    return row_value(info, acc);
  }

  // ---- compiled row code (row_code.h): what the compiler asks of the evaluator ------------------------------
  // A parameter is compiled as a constant when its value is written with literals, N and other such parameters.
  bool constant_expression(const ast::Expr& e) {
    if (e.as<ast::NumberLiteral>() || e.as<ast::StringLiteral>() || e.as<ast::DateLiteral>() ||
        e.as<ast::BooleanLiteral>() || e.as<ast::AbsentLiteral>() || e.as<ast::CurrentYear>())
      return true;
    if (auto* l = e.as<ast::List>())
      return std::all_of(l->items.begin(), l->items.end(), [&](const auto& i) { return constant_expression(*i); });
    if (auto* u = e.as<ast::Unary>()) return constant_expression(*u->operand);
    if (auto* b = e.as<ast::Binary>())
      return b->op != ast::BinaryOp::Divide && constant_expression(*b->lhs) && constant_expression(*b->rhs);
    if (e.as<ast::Name>()) {
      const auto* r = p.references_.find(e.id);
      return r && r->second.what == Reference::What::Parameter &&
             constant_expression(*p.parameters[r->second.parameter].decl->value);
    }
    return false;
  }

  std::optional<Value> constant_parameter(int parameter, int year) override {
    if (data.entities.empty() || !constant_expression(*p.parameters[parameter].decl->value)) return std::nullopt;
    return eval(*p.parameters[parameter].decl->value, Context{0, year, nullptr});
  }

  class Interpreted final : public RowCode {
   public:
    Interpreted(Impl& impl, const ast::Expr& e, int year) : impl_(impl), e_(e), year_(year) {}
    const Value& get(const RowFrame& f, Value& scratch) const override {
      return scratch = impl_.eval(e_, Context{f.entity, year_, f.row, f.outer});
    }

   private:
    Impl& impl_;
    const ast::Expr& e_;
    int year_;
  };

  std::unique_ptr<RowCode> interpreted(const ast::Expr& e, int year) override {
    if (compiling) compiling->interpreted = true;
    return std::make_unique<Interpreted>(*this, e, year);
  }

  // An aggregation nested in a compiled filter: its own filter and value compiled too, its rows found as the tree
  // walker finds them (candidate_rows).
  class NestedAggregation final : public RowCode {
   public:
    NestedAggregation(Impl& impl, const ast::Expr& e, int year, NestedMemo* memo)
        : impl_(impl), held_(impl.compiling->held), e_(e), info_(impl.p.calls.at(e.id)),
          wanted_(info_.period ? info_.period->apply(year) : year), memo_(memo) {
      if (info_.filter) filter_ = compile_row_code(impl.p, *info_.filter, year, impl);
      if (info_.value) value_ = compile_row_code(impl.p, *info_.value, year, impl);
    }
    const Value& get(const RowFrame& f, Value& scratch) const override {
      if (memo_ && f.serial != 0) {
        if (memo_->serial != f.serial) {
          memo_->value = compute(f);
          memo_->serial = f.serial;
        }
        return memo_->value;
      }
      return scratch = compute(f);
    }
    Truth test(const RowFrame& f) const override {
      Value scratch;
      const Value& v = get(f, scratch);
      return v.is_bool() && v.boolean() ? Truth::True : Truth::False;  // only existe is a boolean, never absent
    }

   private:
    Value compute(const RowFrame& f) const {
      Accumulator acc;
      Value scratch;
      impl_.candidate_rows(held_, e_, info_, f.entity, *f.row, wanted_, [&](const Row& r) {
        RowFrame inner{&r, f.row, f.entity, 0};
        if (filter_ && filter_->test(inner) != Truth::True) return true;
        if (!value_)
          ++acc.count;
        else
          accumulate_value(info_.function, acc, value_->get(inner, scratch));
        return info_.function != Function::RowExists;  // one row is enough for existe
      });
      return impl_.row_value(info_, acc);
    }
    Impl& impl_;
    Held& held_;
    const ast::Expr& e_;
    const CallInfo& info_;
    int wanted_;
    NestedMemo* memo_;  // null: not shared
    std::unique_ptr<RowCode> filter_, value_;
  };

  std::unique_ptr<RowCode> nested_aggregation(const ast::Expr& call, int year) override {
    // Aggregations nest one level: the ones compiled here read the outer row of the pass, and the same text in
    // the same year gives the same figure for a row.
    NestedMemo* memo = nullptr;
    if (compiling) {
      auto [it, inserted] = compiling->memo_index.emplace(print_expr(call) + "\n" + std::to_string(year), nullptr);
      if (inserted) {
        compiling->memos.push_back(std::make_unique<NestedMemo>());
        it->second = compiling->memos.back().get();
      }
      memo = it->second;
    }
    return std::make_unique<NestedAggregation>(*this, call, year, memo);
  }

  Value row_value(const CallInfo& info, const Accumulator& acc) {
    switch (info.function) {
      case Function::RowExists: return Value(acc.count > 0);
      case Function::RowCount: return Value(Decimal(acc.count));
      case Function::RowSum: return Value(acc.sum);
      case Function::RowMean: return acc.count ? Value(acc.sum / Decimal(acc.count)) : Value();
      case Function::RowMin: return acc.min;
      case Function::RowMax: return acc.max;
      case Function::RowCountDistinct:
        return Value(Decimal(acc.distinct_counted + (acc.distinct ? static_cast<long long>(acc.distinct->size()) : 0)));
      default: return Value();
    }
  }

  // ---- population statistics ------------------------------------------------------------------------------
  const Population& population(const ast::Expr& e, const CallInfo& info, int year) {
    auto key = std::make_pair(e.id, year);
    auto it = populations.find(key);
    if (it != populations.end()) return it->second;
    Population pop;
    ++in_population;
    std::size_t n = data.entities.size();
    pop.entity_group.assign(n, "");
    pop.has_group.assign(n, true);
    for (std::size_t ent = 0; ent < n; ++ent) {
      Context ctx{static_cast<int>(ent), year, nullptr};
      std::string group;
      if (info.group) {
        Value g = eval(*info.group, ctx);
        if (g.absent()) {
          pop.has_group[ent] = false;
          continue;
        }
        group = g.key();
      }
      pop.entity_group[ent] = group;
      if (info.filter) {
        Value keep = eval(*info.filter, ctx);
        if (!keep.is_bool() || !keep.boolean()) continue;
      }
      Value x = eval(*info.value, ctx);
      if (x.absent()) continue;
      pop.groups[group].push_back(x.number());
    }
    for (auto& [_, values] : pop.groups) std::sort(values.begin(), values.end());
    --in_population;
    return populations.emplace(key, std::move(pop)).first->second;
  }

  static Value quantile(const std::vector<Decimal>& v, const Decimal& q) {
    if (v.empty()) return Value();
    // Linear interpolation between order statistics: h = (n − 1) q (the usual default of spreadsheets and R).
    Decimal h = Decimal(static_cast<long long>(v.size() - 1)) * q;
    Decimal lower = h.round(0, Rounding::Floor);
    long long i = lower.to_int().value_or(0);
    if (i < 0) i = 0;
    if (i >= static_cast<long long>(v.size()) - 1) return Value(v.back());
    return Value(v[i] + (h - lower) * (v[i + 1] - v[i]));
  }

  Value population_statistic(const ast::Expr& e, const CallInfo& info, const Context& ctx) {
    if (tracing(ctx.entity)) {
      ExplainNode& node = trace_node(ExplainNode::Kind::Population, print_expr(e), ctx.year);
      ExplainNode* keep = &node;
      trace.push_back(keep);
      ++in_population;  // the statistic itself is not re-explained establishment by establishment
      Value v = population_statistic_untraced(e, info, ctx);
      --in_population;
      trace.pop_back();
      const Population& pop = population(e, info, ctx.year);
      std::size_t count = 0;
      if (pop.has_group[ctx.entity]) {
        auto it = pop.groups.find(pop.entity_group[ctx.entity]);
        if (it != pop.groups.end()) count = it->second.size();
      }
      keep->value = format_french(v, p.type_of(e));
      keep->detail = fmt::format("calculé sur {} établissement{}{}", count, count > 1 ? "s" : "",
                                 info.group ? " du même groupe (" + print_expr(*info.group) + ")" : "");
      return v;
    }
    return population_statistic_untraced(e, info, ctx);
  }

  Value population_statistic_untraced(const ast::Expr& e, const CallInfo& info, const Context& ctx) {
    const Population& pop = population(e, info, ctx.year);
    if (!pop.has_group[ctx.entity]) return Value();
    auto it = pop.groups.find(pop.entity_group[ctx.entity]);
    static const std::vector<Decimal> none;
    const std::vector<Decimal>& v = it == pop.groups.end() ? none : it->second;
    switch (info.function) {
      case Function::PopCount: return Value(Decimal(static_cast<long long>(v.size())));
      case Function::PopSum: {
        Decimal s;
        for (const auto& x : v) s = s + x;
        return Value(s);
      }
      case Function::PopMean: {
        if (v.empty()) return Value();
        Decimal s;
        for (const auto& x : v) s = s + x;
        return Value(s / Decimal(static_cast<long long>(v.size())));
      }
      case Function::PopMin: return v.empty() ? Value() : Value(v.front());
      case Function::PopMax: return v.empty() ? Value() : Value(v.back());
      case Function::PopMedian: return quantile(v, Decimal::from_fraction(1, 2));
      case Function::PopQuantile:
      case Function::PopQuartile:
      case Function::PopPercentile: {
        Value k = eval(*info.extra, ctx);
        if (k.absent()) return Value();
        Decimal q = k.number();
        if (info.function == Function::PopQuartile) q = q / Decimal(4);
        if (info.function == Function::PopPercentile) q = q / Decimal(100);
        if (q < Decimal(0) || q > Decimal(1))
          throw EvalError{info.extra->span, fmt::format("the order of a quantile is between 0 and 1 (here {})", q.to_string()),
                          "write quantile(x, 75 %), quartile(x, 3) or percentile(x, 75)"};
        return quantile(v, q);
      }
      case Function::PopRank: {
        Value x = eval(*info.value, ctx);
        if (x.absent()) return Value();
        // 1 + the number of values strictly greater: ties share the best rank.
        auto above = v.end() - std::upper_bound(v.begin(), v.end(), x.number());
        return Value(Decimal(static_cast<long long>(above) + 1));
      }
      default: return Value();
    }
  }

  // ---- expressions ----------------------------------------------------------------------------------------
  Value eval(const ast::Expr& e, const Context& ctx) {
    return std::visit([&](const auto& n) { return eval_node(e, n, ctx); }, e.node);
  }

  Value eval_node(const ast::Expr&, const ast::NumberLiteral& n, const Context&) { return Value(n.value); }
  Value eval_node(const ast::Expr&, const ast::StringLiteral& n, const Context&) { return Value(n.value); }
  Value eval_node(const ast::Expr&, const ast::DateLiteral& n, const Context&) {
    return Value(Date::from_civil(n.year, n.month, n.day));
  }
  Value eval_node(const ast::Expr&, const ast::BooleanLiteral& n, const Context&) { return Value(n.value); }
  Value eval_node(const ast::Expr&, const ast::AbsentLiteral&, const Context&) { return Value(); }
  Value eval_node(const ast::Expr&, const ast::CurrentYear&, const Context& ctx) { return Value(Decimal(ctx.year)); }
  Value eval_node(const ast::Expr& e, const ast::Name&, const Context& ctx) { return reference(e, ctx); }
  Value eval_node(const ast::Expr& e, const ast::Member&, const Context& ctx) { return reference(e, ctx); }

  Value reference(const ast::Expr& e, const Context& ctx) {
    const Reference& r = p.references_.at(e.id);
    switch (r.what) {
      case Reference::What::RowColumn: return (*ctx.row)[r.column];
      case Reference::What::OuterRowColumn: return (*ctx.outer)[r.column];
      case Reference::What::Finess: return Value(data.entities[ctx.entity]);
      case Reference::What::EntityColumn: {
        const TableInfo& t = p.tables[r.table];
        const Row* row = t.has_year() ? data.entity_year_row(r.table, ctx.entity, ctx.year) : data.entity_row(r.table, ctx.entity);
        Value v = row ? (*row)[r.column] : Value();
        bool shown_here = false;
        if (tracing(ctx.entity)) {
          std::string name = t.name + "." + t.columns[r.column].name;
          int shown_year = t.has_year() ? ctx.year : trace_year;
          if (shown_year != trace_year) name += "[" + std::to_string(shown_year) + "]";
          for (const auto& sibling : trace.back()->children) shown_here |= sibling.name == name;
        }
        if (tracing(ctx.entity) && !shown_here) {
          ExplainNode& node = trace_node(ExplainNode::Kind::Column, t.name + "." + t.columns[r.column].name,
                                         t.has_year() ? ctx.year : trace_year);
          node.label = t.columns[r.column].label;
          node.value = format_french(v, type_of_column(t.columns[r.column].type));
          node.detail = row ? fmt::format("lu dans {}.csv", t.name)
                            : fmt::format("aucune ligne dans {}.csv pour cet établissement{}", t.name,
                                          t.has_year() ? fmt::format(" en {}", ctx.year) : "");
        }
        if (v.absent() && p.missing_data == MissingData::Error && tolerate_missing == 0) {
          throw EvalError{e.span,
                          row ? fmt::format("missing data: column '{}' of table '{}' is empty for establishment {}{}",
                                            t.columns[r.column].name, t.name, data.entities[ctx.entity],
                                            t.has_year() ? fmt::format(" in {}", ctx.year) : "")
                              : fmt::format("missing data: table '{}' has no row for establishment {}{}", t.name,
                                            data.entities[ctx.entity], t.has_year() ? fmt::format(" in {}", ctx.year) : ""),
                          "the contract says 'données_absentes erreur'; complete the extract or use défaut(x, valeur)"};
        }
        return v;
      }
      case Reference::What::Parameter: {
        if (tracing(ctx.entity)) {
          const ast::ParameterDecl& d = *p.parameters[r.parameter].decl;
          ExplainNode& node = trace_node(ExplainNode::Kind::Parameter, d.name, ctx.year);
          node.label = d.label;
          node.formula = print_expr(*d.value);
          node.where = fmt::format("{}:{}", d.span.path(), d.span.line);
          trace.push_back(&node);
          Value v = eval(*d.value, Context{ctx.entity, ctx.year, nullptr});
          trace.pop_back();
          node.value = format_french(v, p.parameters[r.parameter].type);
          if (node.formula == node.value || node.formula == node.value + ";") node.formula.clear();
          return v;
        }
        long long k = memo_key(0, r.parameter, ctx.entity, ctx.year);
        auto it = parameter_memo.find(k);
        if (it != parameter_memo.end()) return it->second;
        Value v = eval(*p.parameters[r.parameter].decl->value, Context{ctx.entity, ctx.year, nullptr});
        parameter_memo[k] = v;
        return v;
      }
      case Reference::What::Binding: return binding(r.indicator, r.binding, ctx.entity, ctx.year);
      case Reference::What::Result: {
        const IndicatorResult& res = result(r.indicator, ctx.entity, ctx.year);
        const IndicatorInfo& info = p.indicators[r.indicator];
        if (r.binding == info.targeting) return Value(res.targeted);
        if (r.binding == info.value) return res.value;
        if (r.binding == info.target) return res.target;
        if (r.binding == info.achieved) return res.achieved;
        return res.incentive;
      }
      case Reference::What::Table: break;
    }
    return Value();
  }

  // An indicator's figures for one establishment and year, as reported.
  const IndicatorResult& result(int indicator, int entity, int year) {
    long long k = memo_key(indicator + 1, 0, entity, year);
    auto it = result_memo.find(k);
    if (it != result_memo.end()) return it->second;
    const IndicatorInfo& info = p.indicators[indicator];
    IndicatorResult out;
    out.indicator = indicator;
    out.entity = entity;
    out.year = year;
    if (info.targeting >= 0) {
      Value t = binding(indicator, info.targeting, entity, year);
      out.targeted = t.is_bool() && t.boolean();
    }
    if (info.value >= 0) out.value = binding(indicator, info.value, entity, year);
    if (out.targeted) {
      if (info.target >= 0) out.target = binding(indicator, info.target, entity, year);
      if (info.achieved >= 0) out.achieved = binding(indicator, info.achieved, entity, year);
    }
    if (info.incentive >= 0) {
      // Paid only to targeted establishments; rounded to the cent, half away from zero.
      Value v = out.targeted ? binding(indicator, info.incentive, entity, year) : Value(Decimal());
      out.incentive = v.absent() ? v : Value(v.number().round(2, Rounding::HalfAwayFromZero));
    }
    return result_memo.emplace(k, std::move(out)).first->second;
  }

  Value binding(int indicator, int b, int entity, int year) {
    if (tracing(entity)) {
      const IndicatorInfo& info = p.indicators[indicator];
      const ast::Binding& d = info.decl->bindings[b];
      bool part = b == info.value || b == info.targeting || b == info.target || b == info.achieved || b == info.incentive;
      ExplainNode& node = trace_node(part ? ExplainNode::Kind::Part : ExplainNode::Kind::Definition,
                                     static_cast<int>(indicator) == trace_indicator ? d.name : info.name + "." + d.name, year);
      node.label = d.label;
      node.formula = print_expr(*d.value);
      node.where = fmt::format("{}:{}", d.span.path(), d.span.line);
      // A definition already detailed in this explanation is not detailed again.
      if (!explained.insert({indicator, b, year}).second) {
        node.formula.clear();
        node.where.clear();
        node.label.clear();
        node.detail = "détaillé plus haut";
        Value v = untraced_binding(indicator, b, entity, year);
        node.value = format_french(v, info.binding_types[b]);
        return v;
      }
      trace.push_back(&node);
      Value v = eval(*d.value, Context{entity, year, nullptr});
      trace.pop_back();
      node.value = format_french(v, info.binding_types[b]);
      return v;
    }
    return untraced_binding(indicator, b, entity, year);
  }

  Value untraced_binding(int indicator, int b, int entity, int year) {
    long long k = memo_key(indicator + 1, b, entity, year);
    auto it = binding_memo.find(k);
    if (it != binding_memo.end()) return it->second;
    std::vector<ExplainNode*> saved;
    saved.swap(trace);  // computing a value for the memo is not part of the explanation
    Value v = eval(*p.indicators[indicator].decl->bindings[b].value, Context{entity, year, nullptr});
    saved.swap(trace);
    binding_memo[k] = v;
    return v;
  }

  Value eval_node(const ast::Expr&, const ast::AtPeriod& n, const Context& ctx) {
    Context shifted = ctx;
    shifted.year = n.period.apply(ctx.year);
    return eval(*n.expr, shifted);
  }

  Value eval_node(const ast::Expr&, const ast::Unary& n, const Context& ctx) {
    Value v = eval(*n.operand, ctx);
    if (v.absent()) return v;
    if (n.op == ast::UnaryOp::Negate) return Value(-v.number());
    return Value(!v.boolean());
  }

  Value eval_node(const ast::Expr& e, const ast::Binary& n, const Context& ctx) {
    if (n.op == ast::BinaryOp::And || n.op == ast::BinaryOp::Or) {
      bool decisive = n.op == ast::BinaryOp::Or;  // true decides `ou`, false decides `et`
      Value l = eval(*n.lhs, ctx);
      if (l.is_bool() && l.boolean() == decisive) return l;
      Value r = eval(*n.rhs, ctx);
      if (r.is_bool() && r.boolean() == decisive) return r;
      if (l.absent() || r.absent()) return Value();
      return Value(!decisive);
    }
    if ((n.op == ast::BinaryOp::Equal || n.op == ast::BinaryOp::NotEqual) && !tracing(ctx.entity)) {
      const Value* a = peek(*n.lhs, ctx);
      const Value* b = a ? peek(*n.rhs, ctx) : nullptr;
      if (a && b) {
        if (a->absent() || b->absent()) return Value();
        return Value((compare(*a, *b) == 0) == (n.op == ast::BinaryOp::Equal));
      }
    }
    Value l = eval(*n.lhs, ctx);
    Value r = eval(*n.rhs, ctx);
    if (l.absent() || r.absent()) return Value();
    switch (n.op) {
      case ast::BinaryOp::Add: return Value(l.number() + r.number());
      case ast::BinaryOp::Subtract: return Value(l.number() - r.number());
      case ast::BinaryOp::Multiply: return Value(l.number() * r.number());
      case ast::BinaryOp::Divide:
        if (r.number().is_zero()) {
          switch (p.division_by_zero) {
            case DivisionByZero::Absent: return Value();
            case DivisionByZero::Zero: return Value(Decimal());
            case DivisionByZero::Error:
              throw EvalError{n.rhs->span, fmt::format("division by zero for establishment {} in {}",
                                                       data.entities[ctx.entity], ctx.year),
                              "the contract says 'division_par_zéro erreur'"};
          }
        }
        return Value(l.number() / r.number());
      case ast::BinaryOp::Approx: {
        // The right side is a number written out, possibly negated: its decimals give the precision.
        const ast::Expr* written = n.rhs.get();
        if (auto* u = written->as<ast::Unary>()) written = u->operand.get();
        const auto& lit = *written->as<ast::NumberLiteral>();
        int scale = lit.unit == ast::LiteralUnit::Percent ? 2 : 0;
        Decimal shown = l.number().scaled(scale).round(lit.decimals, Rounding::HalfAwayFromZero);
        return Value(shown == r.number().scaled(scale));
      }
      default:
        break;
    }
    int c = compare(l, r);
    if (tracing(ctx.entity)) {
      bool result = comparison_holds(n.op, c);
      ExplainNode& node = trace_node(ExplainNode::Kind::Comparison, print_expr(e), trace_year);
      node.name = print_expr(e);
      node.value = result ? "oui" : "non";
      node.detail = fmt::format("{} {} {} → {}", format_french(l, p.type_of(*n.lhs)), ast::spelling(n.op),
                                format_french(r, p.type_of(*n.rhs)), result ? "oui" : "non");
    }
    return Value(comparison_holds(n.op, c));
  }

  IdMap<Value> constant_lists;  // list literals of constants, built once
  Value eval_node(const ast::Expr&, const ast::In& n, const Context& ctx) {
    const Value* peeked = peek(*n.value, ctx);
    Value owned;
    if (!peeked) {
      owned = eval(*n.value, ctx);
      peeked = &owned;
    }
    const Value& v = *peeked;
    Value l;
    if (auto* cached = constant_lists.find(n.list->id)) {
      l = cached->second;
    } else {
      l = eval(*n.list, ctx);
      if (!p.year_dependent.at(n.list->id) && is_constant_list(*n.list)) constant_lists[n.list->id] = l;
    }
    if (v.absent() || l.absent()) return Value();
    bool found = false;
    for (const auto& item : l.list())
      if (item.equals(v)) {
        found = true;
        break;
      }
    return Value(found != n.negated);
  }

  // A list written with literals only, or a parameter holding one (domaines_ciblés): the same for every row.
  bool is_constant_list(const ast::Expr& e) {
    if (auto* l = e.as<ast::List>()) {
      for (const auto& i : l->items)
        if (!i->as<ast::StringLiteral>() && !i->as<ast::NumberLiteral>()) return false;
      return true;
    }
    auto r = p.references_.find(e.id);
    if (r != p.references_.end() && r->second.what == Reference::What::Parameter)
      return is_constant_list(*p.parameters[r->second.parameter].decl->value);
    return false;
  }

  Value eval_node(const ast::Expr&, const ast::If& n, const Context& ctx) {
    Value c = eval(*n.condition, ctx);
    if (c.absent()) return c;
    return eval(c.boolean() ? *n.then_branch : *n.else_branch, ctx);
  }

  Value eval_node(const ast::Expr&, const ast::List& n, const Context& ctx) {
    auto list = std::make_shared<ValueList>();
    for (const auto& i : n.items) list->push_back(eval(*i, ctx));
    return Value(std::shared_ptr<const ValueList>(std::move(list)));
  }

  Value eval_node(const ast::Expr&, const ast::Selon& n, const Context& ctx) {
    Value s = eval(*n.subject, ctx);
    if (s.absent()) return s;
    for (const auto& arm : n.arms)
      for (const auto& k : arm.keys)
        if (eval(*k, ctx).equals(s)) return eval(*arm.result, ctx);
    if (n.otherwise) return eval(*n.otherwise, ctx);
    return Value();
  }

  Value eval_node(const ast::Expr& e, const ast::Call& n, const Context& ctx) {
    const CallInfo& info = p.calls.at(e.id);
    if (info.slot >= 0) return row_aggregate(e, info, ctx);
    if (info.nested) return nested_aggregate(e, info, ctx);
    switch (info.function) {
      case Function::PopMean: case Function::PopMedian: case Function::PopQuantile: case Function::PopQuartile:
      case Function::PopPercentile: case Function::PopMin: case Function::PopMax: case Function::PopSum:
      case Function::PopRank: case Function::PopCount:
        return population_statistic(e, info, ctx);
      default:
        break;
    }
    std::vector<Value> args;
    bool tolerant = info.function == Function::Default || info.function == Function::Present;
    for (std::size_t i = 0; i < n.args.size(); ++i) {
      if (tolerant && i == 0) ++tolerate_missing;
      args.push_back(eval(*n.args[i].value, ctx));
      if (tolerant && i == 0) --tolerate_missing;
    }
    // What the function computes is stdlib's (builtins.h), shared with the row code.
    CallUnits units{!n.args.empty() && p.type_of(*n.args[0].value).unit == Unit::Rate};
    return call_scalar(function_info(info.function), args, units);
  }
};

Evaluator::Evaluator(const CheckedProgram& program, const Dataset& data, const PassOptions& options)
    : impl_(std::make_unique<Impl>(program, data)) {
  impl_->options = options;
}
Evaluator::~Evaluator() = default;

bool Evaluator::prepare(const std::vector<int>& years, Diagnostics& diags,
                        const std::vector<std::pair<const ast::Expr*, int>>& extra) {
  const CheckedProgram& p = impl_->p;
  for (int year : years)
    for (const auto& ind : p.indicators)
      for (const auto& b : ind.decl->bindings) impl_->plan(*b.value, year);
  for (const auto& [e, year] : extra) impl_->plan(*e, year);
  try {
    impl_->find_needed_columns();
    if (!impl_->stream(diags)) return false;
    // Population statistics next, before any establishment is evaluated (each is computed once per year).
    for (const auto& [e, year] : impl_->population_needed) impl_->population(*e, p.calls.at(e->id), year);
    return true;
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return false;
  }
}

bool Evaluator::indicator_result(int indicator, int entity, int year, IndicatorResult& out, Diagnostics& diags) {
  try {
    out = impl_->result(indicator, entity, year);
    return true;
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return false;
  }
}

bool Evaluator::explain(int indicator, int entity, int year, ExplainNode& out, Diagnostics& diags) {
  Impl& m = *impl_;
  const IndicatorInfo& info = m.p.indicators[indicator];
  out = ExplainNode{};
  out.kind = ExplainNode::Kind::Indicator;
  out.name = fmt::format("{} — {} ({})", info.name, year, m.data.entities[entity]);
  out.label = info.label;
  out.where = fmt::format("{}:{}", info.decl->name_span.path(), info.decl->name_span.line);
  m.trace = {&out};
  m.explained.clear();
  m.trace_entity = entity;
  m.trace_year = year;
  m.trace_indicator = indicator;
  try {
    for (int b : {info.targeting, info.value, info.target, info.achieved, info.incentive}) {
      if (b < 0) continue;
      m.binding(indicator, b, entity, year);
    }
    m.trace.clear();
    IndicatorResult r = m.result(indicator, entity, year);
    std::string summary = r.targeted ? "ciblé" : "non ciblé";
    if (info.incentive >= 0)
      summary += "; intéressement versé " + format_french(r.incentive, Type::number(Unit::Money)) +
                 (r.targeted ? " (arrondi au centime)" : " (0 € hors ciblage)");
    out.detail = summary;
    return true;
  } catch (const EvalError& err) {
    m.trace.clear();
    diags.error(err.span, err.message, err.hint);
    return false;
  }
}

std::optional<Value> Evaluator::evaluate(const ast::Expr& e, int entity, int year, Diagnostics& diags) {
  try {
    return impl_->eval(e, Impl::Context{entity, year, nullptr});
  } catch (const EvalError& err) {
    diags.error(err.span, err.message, err.hint);
    return std::nullopt;
  }
}

std::vector<Evaluator::ProbeResult> Evaluator::probe_row_code(const ast::Expr& e, int year,
                                                              const std::vector<ProbedRow>& rows) {
  Impl& m = *impl_;
  // A group of its own: the held rows its nested aggregations read, the memos of its compiled code.
  Impl::Group g;
  Diagnostics ignored;  // the rows are the test's, in memory
  std::vector<const ast::Expr*> nested;
  m.nested_calls(e, nested);
  for (const ast::Expr* call : nested) {
    const CallInfo& info = m.p.calls.at(call->id);
    Impl::Correlation c;
    if (info.filter) m.find_correlation(*info.filter, c);
    m.correlation[call->id] = c;
    g.inner.insert(info.table);
  }
  for (int t : g.inner) m.load(g, t, *m.data.open_rows(t), ignored);
  m.compiling = &g;
  std::unique_ptr<RowCode> code = compile_row_code(m.p, e, year, m);
  m.compiling = nullptr;
  m.interpreting = &g.held;
  std::vector<ProbeResult> out;
  unsigned long long serial = 0;
  for (const ProbedRow& r : rows) {
    ProbeResult result;
    try {
      Value scratch;
      result.compiled = code->get(RowFrame{r.row, r.outer, r.entity, ++serial}, scratch);
    } catch (const EvalError& err) {
      result.compiled_error = err.message;
    }
    try {
      result.walked = m.eval(e, Impl::Context{r.entity, year, r.row, r.outer});
    } catch (const EvalError& err) {
      result.walked_error = err.message;
    }
    out.push_back(std::move(result));
  }
  m.interpreting = nullptr;
  return out;
}

namespace {

// A text parameter evaluated for every establishment (the first contract year), absent values as `fallback(i)`.
template <class Fallback>
bool text_per_entity(const CheckedProgram& program, const Dataset& data, int parameter, Fallback fallback,
                     std::vector<std::string>& out, Diagnostics& diags) {
  out.clear();
  if (parameter < 0) return true;
  Evaluator evaluator(program, data);
  const ast::Expr& e = *program.parameters[parameter].decl->value;
  // Only this parameter is planned (no indicator year): the row tables are streamed only if it reads them.
  if (!evaluator.prepare({}, diags, {{&e, program.first_year}})) return false;
  for (std::size_t i = 0; i < data.entities.size(); ++i) {
    auto v = evaluator.evaluate(e, static_cast<int>(i), program.first_year, diags);
    if (!v) return false;
    out.push_back(v->is_text() && !v->text().empty() ? v->text() : fallback(i));
  }
  return true;
}

}  // namespace

bool signatories(const CheckedProgram& program, const Dataset& data, std::vector<std::string>& out, Diagnostics& diags) {
  // An establishment without a signing entity signs for itself.
  return text_per_entity(program, data, program.signatory_parameter, [&](std::size_t i) { return data.entities[i]; }, out,
                         diags);
}

bool summary_groups(const CheckedProgram& program, const Dataset& data, std::vector<std::string>& out, Diagnostics& diags) {
  return text_per_entity(program, data, program.summary_parameter, [](std::size_t) { return std::string(); }, out, diags);
}

bool run_all(const CheckedProgram& program, const Dataset& data, const std::vector<int>& years,
             std::vector<IndicatorResult>& out, Diagnostics& diags, const PassOptions& options) {
  Evaluator evaluator(program, data, options);
  if (!evaluator.prepare(years, diags)) return false;
  bool ok = true;
  for (std::size_t i = 0; i < program.indicators.size(); ++i)
    for (std::size_t e = 0; e < data.entities.size(); ++e)
      for (int y : years) {
        IndicatorResult r;
        if (evaluator.indicator_result(static_cast<int>(i), static_cast<int>(e), y, r, diags)) out.push_back(std::move(r));
        else ok = false;
      }
  return ok;
}

}  // namespace caqes
