// The checked program: the AST plus what the checker decided about it (tables and their columns, the type of
// every expression, what every name refers to, which function every call is). The evaluator, `list`, `schema`
// and the rule tests read this; none of them looks at names again.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/types.h"
#include "stdlib/functions.h"
#include "syntax/ast.h"

namespace caqes {

// A map from expression ids (dense, from 1) to T, stored in a vector: the evaluator looks these up for every node
// of every row, where a hash table costs more than the arithmetic.
template <class T>
class IdMap {
 public:
  using value_type = std::pair<int, T>;
  const value_type* find(int id) const {
    return id >= 0 && static_cast<std::size_t>(id) < present_.size() && present_[id] ? &items_[id] : nullptr;
  }
  value_type* find(int id) {
    return id >= 0 && static_cast<std::size_t>(id) < present_.size() && present_[id] ? &items_[id] : nullptr;
  }
  const value_type* end() const { return nullptr; }
  value_type* end() { return nullptr; }
  const T& at(int id) const {
    const value_type* v = find(id);
    if (!v) throw std::out_of_range("IdMap::at");
    return v->second;
  }
  T& operator[](int id) {
    if (static_cast<std::size_t>(id) >= present_.size()) {
      items_.resize(static_cast<std::size_t>(id) + 1);
      present_.resize(static_cast<std::size_t>(id) + 1, false);
    }
    present_[id] = true;
    items_[id].first = id;
    return items_[id].second;
  }
  std::size_t count(int id) const { return find(id) ? 1 : 0; }
  template <class F>
  void for_each(F f) const {
    for (std::size_t i = 0; i < items_.size(); ++i)
      if (present_[i]) f(items_[i].first, items_[i].second);
  }

 private:
  std::vector<value_type> items_;
  std::vector<bool> present_;
};

struct ColumnInfo {
  std::string name, label;
  ColumnType type;
  Span span;
  bool implicit = false;  // finess, année: implied by the table's key
};

struct TableInfo {
  const ast::TableDecl* decl = nullptr;
  std::string name, label;
  ast::TableKind kind;
  std::vector<ColumnInfo> columns;  // key columns first
  int finess_column = 0;
  int year_column = -1;  // -1 when the table has no year
  bool per_entity() const { return kind == ast::TableKind::Entity || kind == ast::TableKind::EntityYear; }
  bool has_year() const { return year_column >= 0; }
  int column_index(const std::string& name) const;
};

// What a Name or Member expression refers to.
struct Reference {
  // Result: `indicateur.intéressement` (and valeur, ciblage, cible, atteint) read from outside the indicator is
  // the figure as `caqes run` reports it: the incentive paid only if targeted and rounded to the cent.
  enum class What { EntityColumn, RowColumn, OuterRowColumn, Parameter, Binding, Result, Finess, Table };
  What what = What::Parameter;
  int table = -1;      // EntityColumn, RowColumn, Table
  int column = -1;     // EntityColumn, RowColumn
  int parameter = -1;  // Parameter
  int indicator = -1;  // Binding
  int binding = -1;    // Binding: index in the indicator's bindings
};

// A resolved call: which function, and for row aggregations the table they read and the years.
struct CallInfo {
  Function function;
  int table = -1;                        // Rows functions: the row-level table
  std::optional<ast::Period> period;     // Rows functions: TABLE[2019]; none = the evaluated year N (if the table has years)
  const ast::Expr* value = nullptr;      // Rows: the column expression (null for compte); Population: x
  const ast::Expr* filter = nullptr;     // `où`
  const ast::Expr* group = nullptr;      // Population: `par`
  const ast::Expr* extra = nullptr;      // quantile's p, quartile's k, arrondi's n
  int slot = -1;                         // Rows functions: index among the program's row aggregations
  bool nested = false;                   // Rows functions inside another's filter: evaluated per outer row
};

enum class Level { National, Regional };

struct IndicatorInfo {
  const ast::IndicatorDecl* decl = nullptr;
  std::string name, label, volet, source, reference, status;
  Level level = Level::National;
  std::map<std::string, int> bindings;  // name → index in decl->bindings
  int value = -1, targeting = -1, target = -1, achieved = -1, incentive = -1;
  std::vector<Type> binding_types;
  std::vector<bool> binding_year_dependent;
};

struct ParameterInfo {
  const ast::ParameterDecl* decl = nullptr;
  Type type;
  bool year_dependent = false;
  bool entity_dependent = false;
};

// `référence_nationale(P, S)`: the parameter P stands for the population statistic S when a regional run is given
// the national figure; `caqes références` writes S, computed on the national data, as P's value.
struct NationalReference {
  int parameter = -1;
  const ast::Expr* call = nullptr;       // the référence_nationale(...) call
  const ast::Expr* statistic = nullptr;  // S: a population statistic (its Call expression)
};

enum class MissingData { Absent, Error };
enum class DivisionByZero { Absent, Zero, Error };

struct CheckedProgram {
  std::unique_ptr<ast::Program> ast;
  std::string contract_name, contract_label;
  int first_year = 0, last_year = 0;
  std::vector<std::string> references;
  MissingData missing_data = MissingData::Absent;
  DivisionByZero division_by_zero = DivisionByZero::Absent;

  std::vector<TableInfo> tables;
  int registry_table = -1;  // the `par établissement` table that lists the establishments
  int signatory_parameter = -1;  // `signataire p;`: each establishment's signing entity (EJ or EG)
  int summary_parameter = -1;    // `synthèse p;`: the group each establishment is counted in by the run's summary
  std::vector<ParameterInfo> parameters;
  std::vector<IndicatorInfo> indicators;

  IdMap<Type> types;            // expression id → type
  IdMap<Reference> references_; // Name / Member expression id → what it denotes
  IdMap<CallInfo> calls;        // Call expression id → resolved function
  IdMap<bool> year_dependent;   // expression id → its value can change with N
  std::vector<const ast::Expr*> row_aggregations; // slot → the Call expression
  std::set<int> correlated_tables;                // tables read by nested aggregations: held in memory
  std::vector<NationalReference> national_references;  // in the order the checker meets them

  int table_index(const std::string& name) const;
  int indicator_index(const std::string& name) const;
  int parameter_index(const std::string& name) const;
  const Type& type_of(const ast::Expr& e) const;
};

}  // namespace caqes
