// Gathering the indicator sheets' content from a checked program (see doc_model.h).
#include "doc/doc_model.h"

#include <tuple>

#include "data/dataset.h"
#include "eval/evaluator.h"
#include "eval/format.h"
#include "syntax/ast_walk.h"

namespace caqes {

bool DocDependency::operator<(const DocDependency& o) const {
  return std::tie(kind, table, column, parameter, indicator, binding) <
         std::tie(o.kind, o.table, o.column, o.parameter, o.indicator, o.binding);
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A comment's text without its markers: "// texte" → "texte"; "/* a\n * b */" → "a\nb".
std::string comment_body(const std::string& text) {
  std::string_view t = text;
  if (t.substr(0, 2) == "//") return std::string(trim(t.substr(2)));
  if (t.substr(0, 2) == "/*") t.remove_prefix(2);
  if (t.size() >= 2 && t.substr(t.size() - 2) == "*/") t.remove_suffix(2);
  std::string out;
  std::size_t start = 0;
  while (start <= t.size()) {
    std::size_t end = t.find('\n', start);
    std::string_view line = trim(t.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!line.empty() && line.front() == '*') line = trim(line.substr(1));
    if (!line.empty()) out += (out.empty() ? "" : "\n") + std::string(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// The dependencies of one expression: what its names denote, and the tables its aggregations read.
void collect(const CheckedProgram& p, const ast::Expr& root, int self, std::set<DocDependency>& out) {
  ast::walk(root, [&](const ast::Expr& e) {
    if (const auto* info = p.calls.find(e.id); info && info->second.table >= 0) {
      DocDependency d;
      d.kind = DocDependency::Kind::Table;
      d.table = info->second.table;
      out.insert(d);
    }
    const auto* ref = p.references_.find(e.id);
    if (!ref) return true;
    const Reference& r = ref->second;
    DocDependency d;
    switch (r.what) {
      case Reference::What::EntityColumn:
      case Reference::What::RowColumn:
      case Reference::What::OuterRowColumn:
        d.kind = DocDependency::Kind::Column;
        d.table = r.table;
        d.column = r.column;
        break;
      case Reference::What::Table:
        d.kind = DocDependency::Kind::Table;
        d.table = r.table;
        break;
      case Reference::What::Parameter:
        d.kind = DocDependency::Kind::Parameter;
        d.parameter = r.parameter;
        break;
      case Reference::What::Binding:
      case Reference::What::Result:
        d.kind = r.indicator == self ? DocDependency::Kind::Definition : DocDependency::Kind::Indicator;
        d.indicator = r.indicator;
        d.binding = r.binding;
        break;
      case Reference::What::Finess: return true;
    }
    out.insert(d);
    // `indicateur.partie`: the member is the whole reference, its object is not a dependency of its own.
    return e.as<ast::Member>() == nullptr;
  });
}

// Each parameter's value in each year of the contract, computed as a run would but with no data: only the
// parameters that depend on neither the establishment nor the data get values.
void parameter_values(const CheckedProgram& p, std::vector<DocParameter>& out) {
  Dataset data;
  data.program = &p;
  data.keyed_rows.assign(p.tables.size(), {});
  data.row_files.assign(p.tables.size(), "");
  data.memory_rows.assign(p.tables.size(), {});
  int entity = data.add_entity("000000000");
  std::vector<int> years;
  for (int y = p.first_year; y <= p.last_year && p.first_year > 0; ++y) years.push_back(y);
  Evaluator evaluator(p, data);
  Diagnostics diags;
  if (!evaluator.prepare(years, diags)) return;
  for (std::size_t i = 0; i < p.parameters.size(); ++i) {
    const ParameterInfo& info = p.parameters[i];
    if (info.entity_dependent) continue;
    bool reads_data = false;
    ast::walk(*info.decl->value, [&](const ast::Expr& e) {
      if (p.calls.count(e.id) && p.calls.at(e.id).table >= 0) reads_data = true;
      if (const auto* r = p.references_.find(e.id)) reads_data |= r->second.what != Reference::What::Parameter;
      return !reads_data;
    });
    if (reads_data) continue;
    std::vector<std::pair<int, std::string>> values;
    for (int year : years) {
      Diagnostics ignored;
      std::optional<Value> v = evaluator.evaluate(*info.decl->value, entity, year, ignored);
      if (!v || ignored.has_errors()) {
        values.clear();
        break;
      }
      values.push_back({year, format_french(*v, info.type)});
    }
    out[i].values = std::move(values);
  }
}

}  // namespace

std::string comment_above(const ast::Program& program, const SourceFile* file, int line) {
  const std::vector<ast::Comment>* comments = nullptr;
  for (const auto& [f, c] : program.comments)
    if (f == file) comments = &c;
  if (!comments || !file) return "";
  std::vector<std::string> parts;
  int expected = line - 1;  // the last line of the next comment up, if it is part of the block
  for (auto it = comments->rbegin(); it != comments->rend(); ++it) {
    if (it->line >= line) continue;
    if (it->end_line != expected) break;
    // A comment after code on its line belongs to that code, not to the declaration below.
    std::string_view before = file->line_text(it->line);
    std::size_t chars = 0, byte = 0;
    while (byte < before.size() && chars + 1 < static_cast<std::size_t>(it->column)) {
      if ((static_cast<unsigned char>(before[byte]) & 0xC0) != 0x80) ++chars;
      ++byte;
      while (byte < before.size() && (static_cast<unsigned char>(before[byte]) & 0xC0) == 0x80) ++byte;
    }
    if (!trim(before.substr(0, byte)).empty()) break;
    parts.insert(parts.begin(), comment_body(it->text));
    expected = it->line - 1;
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "\n") + part;
  return out;
}

std::string file_header(const ast::Program& program, const SourceFile* file) {
  const std::vector<ast::Comment>* comments = nullptr;
  for (const auto& [f, c] : program.comments)
    if (f == file) comments = &c;
  if (!comments || comments->empty() || comments->front().line != 1 || comments->front().column != 1) return "";
  std::string out;
  int expected = 1;
  for (const auto& c : *comments) {
    if (c.line != expected || c.column != 1) break;
    out += (out.empty() ? "" : "\n") + comment_body(c.text);
    expected = c.end_line + 1;
  }
  return out;
}

DocModel build_doc_model(const CheckedProgram& p) {
  DocModel m;
  m.program = &p;
  const ast::Program& program = *p.ast;
  if (!program.contracts.empty()) {
    const auto& c = program.contracts.back();
    m.description = comment_above(program, c.extent.file, c.extent.line);
  }
  m.tables.resize(p.tables.size());
  for (std::size_t t = 0; t < p.tables.size(); ++t) {
    m.tables[t].index = static_cast<int>(t);
    const auto* decl = p.tables[t].decl;
    if (decl) m.tables[t].description = comment_above(program, decl->extent.file, decl->extent.line);
  }
  m.parameters.resize(p.parameters.size());
  for (std::size_t i = 0; i < p.parameters.size(); ++i) {
    m.parameters[i].index = static_cast<int>(i);
    const auto* decl = p.parameters[i].decl;
    m.parameters[i].description = comment_above(program, decl->span.file, decl->span.line);
  }
  parameter_values(p, m.parameters);

  for (std::size_t i = 0; i < p.indicators.size(); ++i) {
    const IndicatorInfo& info = p.indicators[i];
    DocIndicator ind;
    ind.index = static_cast<int>(i);
    ind.description = comment_above(program, info.decl->extent.file, info.decl->extent.line);
    for (std::size_t b = 0; b < info.decl->bindings.size(); ++b) {
      const ast::Binding& binding = info.decl->bindings[b];
      DocDefinition d;
      d.binding = static_cast<int>(b);
      d.description = comment_above(program, binding.span.file, binding.span.line);
      collect(p, *binding.value, ind.index, d.reads);
      for (const DocDependency& dep : d.reads) {
        switch (dep.kind) {
          case DocDependency::Kind::Column:
            ind.columns.insert({dep.table, dep.column});
            ind.tables.insert(dep.table);
            break;
          case DocDependency::Kind::Table: ind.tables.insert(dep.table); break;
          case DocDependency::Kind::Parameter: ind.parameters.insert(dep.parameter); break;
          case DocDependency::Kind::Indicator: ind.indicators.insert(dep.indicator); break;
          case DocDependency::Kind::Definition: break;
        }
      }
      ind.definitions.push_back(std::move(d));
    }
    for (std::size_t t = 0; t < program.tests.size(); ++t) {
      bool reads = false;
      for (const auto& e : program.tests[t].expectations) {
        std::set<DocDependency> deps;
        collect(p, *e.expr, -1, deps);
        for (const auto& dep : deps) reads |= dep.kind == DocDependency::Kind::Indicator && dep.indicator == ind.index;
      }
      if (reads) ind.tests.push_back(static_cast<int>(t));
    }
    for (int t : ind.tables) m.tables[t].used_by.push_back(ind.index);
    for (int q : ind.parameters) m.parameters[q].used_by.push_back(ind.index);
    m.indicators.push_back(std::move(ind));
  }
  return m;
}

}  // namespace caqes
