// The rows of the tables that nested (correlated) aggregations read, held in memory per establishment (all of
// them, or one partition's), and how a nested aggregation finds the rows it reads for one outer row: by the key
// of its correlation (patient = interventions.patient) through an index built on first use, else all the
// establishment's rows. The compiled nested aggregations and the tree walker look rows up the same way.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/plan.h"

namespace caqes {

struct HeldRows {
  // The held rows of one establishment grouped by the value of one column, shared by every nested call that
  // equates that column with an outer one. Keys view the held rows' texts (held rows never move once loaded).
  using RowsByKey = std::unordered_map<std::string_view, std::vector<const Row*>>;

  HeldRows(const CheckedProgram& program, const IdMap<Correlation>& correlation, std::size_t entities)
      : p(program), correlation_(correlation), entities_(entities) {}

  std::map<int, std::vector<std::vector<Row>>> rows;                               // table → establishment
  std::map<std::pair<int, int>, std::vector<std::unique_ptr<RowsByKey>>> indexes;  // (table, column) → establishment
  std::deque<std::string> index_keys;  // the keys of values that are not texts

  void clear() {
    rows.clear();
    indexes.clear();
    index_keys.clear();
  }

  // The held rows the nested aggregation `e` reads for one outer row, in `wanted` year: those with the outer row's
  // key when its filter equates an inner column with an outer one, else all the establishment's rows. `visit`
  // returns false to stop.
  template <class Visit>
  void candidates(const ast::Expr& e, const CallInfo& info, int entity, const Row& outer_row, int wanted, Visit visit) {
    const TableInfo& t = p.tables[info.table];
    const std::vector<Row>& table_rows = rows.at(info.table)[entity];
    const Correlation& c = correlation_.at(e.id);
    auto in_year = [&](const Row& r) {
      return !t.has_year() || r[t.year_column].number().to_int().value_or(0) == wanted;
    };
    if (c.inner_column >= 0) {
      auto& per_entity = indexes[{info.table, c.inner_column}];
      if (per_entity.empty()) per_entity.resize(entities_);
      auto& map = per_entity[entity];
      if (!map) {
        map = std::make_unique<RowsByKey>();
        for (const auto& r : table_rows) (*map)[index_key(r[c.inner_column])].push_back(&r);
      }
      const Value& outer = outer_row[c.outer_column];
      std::string key_storage;
      std::string_view key = outer.is_text() ? std::string_view(outer.text()) : (key_storage = outer.key(), std::string_view(key_storage));
      auto it = map->find(key);
      if (it != map->end())
        for (const Row* r : it->second)
          if (in_year(*r) && !visit(*r)) break;
    } else {
      for (const Row& r : table_rows)
        if (in_year(r) && !visit(r)) break;
    }
  }

 private:
  std::string_view index_key(const Value& v) {
    if (v.is_text()) return v.text();
    index_keys.push_back(v.key());
    return index_keys.back();
  }

  const CheckedProgram& p;
  const IdMap<Correlation>& correlation_;
  std::size_t entities_;
};

}  // namespace caqes
