// The symbol index: declarations first, then every use found by walking the expressions of the program.
#include "lsp/symbol_index.h"

#include <map>
#include <optional>

#include "stdlib/functions.h"
#include "syntax/ast_walk.h"

namespace caqes::lsp {
namespace {

class Builder {
 public:
  Builder(const ast::Program& program, const CheckedProgram* checked, std::vector<Occurrence>& out)
      : program_(program), checked_(checked), out_(out) {
    for (const auto& t : program.tables) {
      tables_[t.name] = &t;
      for (const auto& c : t.columns) columns_[t.name].push_back(c.name);
      columns_[t.name].push_back("finess");
      if (t.kind == ast::TableKind::EntityYear || t.kind == ast::TableKind::RowsYear) columns_[t.name].push_back("année");
    }
    for (const auto& p : program.parameters) parameters_[p.name] = &p;
    for (const auto& i : program.indicators) indicators_[i.name] = &i;
  }

  void build() {
    for (const auto& t : program_.tables) {
      add(t.name_span, t.name, {SymbolKind::Table, "", t.name}, true);
      for (const auto& c : t.columns) add(c.span, c.name, {SymbolKind::Column, t.name, c.name}, true);
    }
    for (const auto& p : program_.parameters) {
      add(p.name_span, p.name, {SymbolKind::Parameter, "", p.name}, true);
      if (p.value) expression(*p.value, "");
    }
    for (const auto& i : program_.indicators) {
      add(i.name_span, i.name, {SymbolKind::Indicator, "", i.name}, true);
      for (const auto& b : i.bindings) {
        add(b.name_span, b.name, {SymbolKind::Binding, i.name, b.name}, true);
        if (b.value) expression(*b.value, i.name);
      }
    }
    for (const auto& t : program_.tests) {
      for (const auto& row : t.rows) {
        add(row.span, row.table, {SymbolKind::Table, "", row.table}, false);
        for (const auto& f : row.fields) {
          add(f.span, f.column, {SymbolKind::Column, row.table, f.column}, false);
          if (f.value) expression(*f.value, "");
        }
      }
      for (const auto& e : t.expectations)
        if (e.expr) expression(*e.expr, "");
    }
  }

 private:
  void add(const Span& span, const std::string& name, Target target, bool declaration) {
    if (!span.known()) return;
    out_.push_back({span.file->path(), span.line, span.column, character_count(name), std::move(target), declaration});
  }

  bool has_column(const std::string& table, const std::string& column) const {
    auto it = columns_.find(table);
    if (it == columns_.end()) return false;
    for (const auto& c : it->second)
      if (c == column) return true;
    return false;
  }

  // The table an aggregation reads: `compte(séjours où …)`, `somme(montant de phev …)`, `compte(séjours[2019] …)`.
  std::string table_read(const ast::Call& call) const {
    if (call.args.empty()) return {};
    const ast::Argument& a = call.args.front();
    const ast::Expr* e = a.source ? a.source.get() : a.value.get();
    if (!e) return {};
    if (auto* at = e->as<ast::AtPeriod>()) e = at->expr.get();
    auto* n = e ? e->as<ast::Name>() : nullptr;
    return n && tables_.count(n->name) ? n->name : std::string();
  }

  std::optional<Target> from_checker(const ast::Expr& e) const {
    if (!checked_) return std::nullopt;
    const auto* found = checked_->references_.find(e.id);
    if (!found) return std::nullopt;
    const Reference& r = found->second;
    switch (r.what) {
      case Reference::What::EntityColumn:
      case Reference::What::RowColumn:
      case Reference::What::OuterRowColumn:
        if (r.table < 0 || r.column < 0) return std::nullopt;
        return Target{SymbolKind::Column, checked_->tables[r.table].name, checked_->tables[r.table].columns[r.column].name};
      case Reference::What::Parameter:
        if (r.parameter < 0) return std::nullopt;
        return Target{SymbolKind::Parameter, "", checked_->parameters[r.parameter].decl->name};
      case Reference::What::Binding:
        if (r.indicator < 0 || r.binding < 0) return std::nullopt;
        return Target{SymbolKind::Binding, checked_->indicators[r.indicator].name,
                      checked_->indicators[r.indicator].decl->bindings[r.binding].name};
      case Reference::What::Table:
        if (r.table < 0) return std::nullopt;
        return Target{SymbolKind::Table, "", checked_->tables[r.table].name};
      default:
        return std::nullopt;
    }
  }

  // The language's scoping, for a contract that does not check.
  std::optional<Target> by_scope(const std::string& name, const std::string& indicator) const {
    for (auto it = row_tables_.rbegin(); it != row_tables_.rend(); ++it)
      if (has_column(*it, name)) return Target{SymbolKind::Column, *it, name};
    if (!indicator.empty()) {
      auto ind = indicators_.find(indicator);
      if (ind != indicators_.end())
        for (const auto& b : ind->second->bindings)
          if (b.name == name) return Target{SymbolKind::Binding, indicator, name};
    }
    if (parameters_.count(name)) return Target{SymbolKind::Parameter, "", name};
    if (indicators_.count(name)) return Target{SymbolKind::Indicator, "", name};
    if (tables_.count(name)) return Target{SymbolKind::Table, "", name};
    for (const auto& t : program_.tables)
      if ((t.kind == ast::TableKind::Entity || t.kind == ast::TableKind::EntityYear) && has_column(t.name, name))
        return Target{SymbolKind::Column, t.name, name};
    return std::nullopt;
  }

  std::optional<Target> member(const ast::Member& m) const {
    auto* object = m.object ? m.object->as<ast::Name>() : nullptr;
    if (!object) return std::nullopt;
    if (tables_.count(object->name) && has_column(object->name, m.member))
      return Target{SymbolKind::Column, object->name, m.member};
    if (indicators_.count(object->name)) return Target{SymbolKind::Binding, object->name, m.member};
    return std::nullopt;
  }

  void expression(const ast::Expr& root, const std::string& indicator) {
    ast::walk(root, [&](const ast::Expr& e) {
      if (auto* n = e.as<ast::Name>()) {
        auto t = from_checker(e);
        if (!t) t = by_scope(n->name, indicator);
        if (t) add(e.span, n->name, *t, false);
        return true;
      }
      if (auto* m = e.as<ast::Member>()) {
        auto t = from_checker(e);
        if (!t || t->kind == SymbolKind::Table) t = member(*m);
        if (t) add(m->member_span, m->member, *t, false);
        return true;
      }
      if (auto* c = e.as<ast::Call>()) {
        if (is_function_name(c->function)) add(c->name_span, c->function, {SymbolKind::Function, "", c->function}, false);
        std::string table = table_read(*c);
        if (table.empty()) return true;
        // Inside the aggregation, a bare name may be a column of the table it reads.
        row_tables_.push_back(table);
        ast::for_each_child(e, [&](const ast::Expr& child) { expression(child, indicator); });
        row_tables_.pop_back();
        return false;
      }
      return true;
    });
  }

  const ast::Program& program_;
  const CheckedProgram* checked_;
  std::vector<Occurrence>& out_;
  std::map<std::string, const ast::TableDecl*> tables_;
  std::map<std::string, std::vector<std::string>> columns_;
  std::map<std::string, const ast::ParameterDecl*> parameters_;
  std::map<std::string, const ast::IndicatorDecl*> indicators_;
  std::vector<std::string> row_tables_;
};

}  // namespace

SymbolIndex::SymbolIndex(const ast::Program& program, const CheckedProgram* checked) {
  Builder(program, checked, occurrences_).build();
}

const Occurrence* SymbolIndex::at(const std::string& path, int line, int column) const {
  for (const auto& o : occurrences_)
    if (o.path == path && o.line == line && column >= o.column && column <= o.column + o.length) return &o;
  return nullptr;
}

const Occurrence* SymbolIndex::declaration(const Target& target) const {
  for (const auto& o : occurrences_)
    if (o.declaration && o.target == target) return &o;
  if (target.kind == SymbolKind::Column)  // finess, année: implied by the table's key
    return declaration(Target{SymbolKind::Table, "", target.owner});
  return nullptr;
}

std::vector<const Occurrence*> SymbolIndex::uses(const Target& target) const {
  std::vector<const Occurrence*> out;
  for (const auto& o : occurrences_)
    if (o.target == target) out.push_back(&o);
  return out;
}

}  // namespace caqes::lsp
