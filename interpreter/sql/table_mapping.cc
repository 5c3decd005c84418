// The mapping file (table_mapping.h): read with yaml-cpp, each entry checked against the rules' declarations and
// located with the marks yaml-cpp keeps (0-based line and byte column, turned into the 1-based line and character
// column of a Span so that the diagnostic shows the line and a caret, as for a rules file).
#include "sql/table_mapping.h"

#include <yaml-cpp/yaml.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "check/suggestions.h"
#include "sql/mapping_messages.h"
#include "sql/sql_compiler.h"

namespace caqes {

using namespace mapping_messages;

TableMapping TableMapping::identity(const CheckedProgram& p) {
  TableMapping m;
  m.program_ = &p;
  for (const TableInfo& t : p.tables) {
    Table table;
    table.name = t.name;
    for (const ColumnInfo& c : t.columns) table.columns.push_back({c.name, Span()});
    m.tables_.push_back(std::move(table));
  }
  return m;
}

std::string TableMapping::table_sql(int t) const {
  const Table& table = tables_[t];
  return (table.schema.empty() ? "" : quote_identifier(table.schema) + ".") + quote_identifier(table.name);
}

std::string TableMapping::column_sql(int t, int c) const {
  return quote_identifier(tables_[t].columns[c].name);
}

std::string TableMapping::table_shown(int t) const {
  const Table& table = tables_[t];
  return (table.schema.empty() ? "" : table.schema + ".") + table.name;
}

bool TableMapping::renamed(int t) const {
  return !tables_[t].schema.empty() || tables_[t].name != program_->tables[t].name;
}

bool TableMapping::renamed(int t, int c) const {
  return tables_[t].columns[c].name != program_->tables[t].columns[c].name;
}

std::string TableMapping::described(int t) const {
  return renamed(t) ? program_->tables[t].name + " → " + table_shown(t) : program_->tables[t].name;
}

std::string TableMapping::described(int t, int c) const {
  const std::string& declared = program_->tables[t].columns[c].name;
  return renamed(t, c) ? declared + " → " + column(t, c) : declared;
}

// Reads one file into a TableMapping: one method per level of the file.
class MappingReader {
 public:
  MappingReader(const CheckedProgram& p, TableMapping& out, Diagnostics& diags, bool lenient)
      : p_(p), out_(out), diags_(diags), lenient_(lenient) {}

  bool read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diags_.error_at("", Message(kUnreadable, path, std::strerror(errno)));
      return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    out_ = TableMapping::identity(p_);
    out_.path_ = path;
    out_.file_ = std::make_shared<SourceFile>(path, text.str());
    file_ = out_.file_.get();
    int before = diags_.error_count();
    YAML::Node root;
    try {
      root = YAML::Load(file_->text());
    } catch (const YAML::Exception& e) {
      diags_.error(span(e.mark, 1), Message(kNotYaml, e.msg));
      return false;
    }
    if (root.IsNull()) return true;  // an empty file: every name as declared
    if (!root.IsMap()) {
      diags_.error(span(root.Mark(), 1), Message(kTopLevel));
      return false;
    }
    std::map<std::string, Span> seen;
    for (const auto& entry : root) {
      if (!key(entry.first, seen)) continue;
      if (entry.first.Scalar() != "tables") {
        diags_.error(span(entry.first), Message(kUnknownKey, entry.first.Scalar(), "tables"));
        continue;
      }
      if (entry.second.IsNull()) continue;
      if (!entry.second.IsMap()) {
        diags_.error(span(entry.second.Mark(), 1), Message(kNotMap, "tables"));
        continue;
      }
      tables(entry.second);
    }
    if (diags_.error_count() == before) one_to_one();
    return diags_.error_count() == before;
  }

 private:
  // A 1-based line and character column from yaml-cpp's mark.
  Span span(const YAML::Mark& mark, int length) const {
    Span s;
    if (mark.is_null() || mark.line < 0) return s;
    s.file = file_;
    s.line = mark.line + 1;
    std::string_view text = file_->line_text(s.line);
    std::size_t bytes = std::min(static_cast<std::size_t>(std::max(mark.column, 0)), text.size());
    s.column = character_count(text.substr(0, bytes)) + 1;
    s.length = std::max(length, 1);
    return s;
  }
  // A scalar's span: its quotes included when it has some.
  Span span(const YAML::Node& scalar) const {
    Span s = span(scalar.Mark(), character_count(scalar.Scalar()));
    std::string_view text = file_->line_text(s.line);
    std::size_t at = static_cast<std::size_t>(std::max(scalar.Mark().column, 0));
    if (s.known() && at < text.size() && (text[at] == '"' || text[at] == '\'')) s.length += 2;
    return s;
  }

  // A key of a map: a name, given once in its map.
  bool key(const YAML::Node& k, std::map<std::string, Span>& seen) {
    if (!k.IsScalar() || k.Scalar().empty()) {
      diags_.error(span(k.Mark(), 1), Message(kNotName, k.IsScalar() ? k.Scalar() : std::string("?")));
      return false;
    }
    auto [it, first] = seen.emplace(k.Scalar(), span(k));
    if (!first) {
      diags_.error(span(k), Message(kDuplicate, k.Scalar(), it->second.where()));
      return false;
    }
    return true;
  }

  // A database name: a non-empty text.
  bool name(const YAML::Node& key, const YAML::Node& value, std::string& out) {
    if (!value.IsScalar() || value.Scalar().empty()) {
      diags_.error(value.IsNull() || !value.IsDefined() ? span(key) : span(value.Mark(), 1),
                   Message(kNotName, key.Scalar()));
      return false;
    }
    out = value.Scalar();
    return true;
  }

  void tables(const YAML::Node& map) {
    std::map<std::string, Span> seen;
    for (const auto& entry : map) {
      if (!key(entry.first, seen)) continue;
      const std::string& declared = entry.first.Scalar();
      int t = -1;
      for (std::size_t i = 0; i < p_.tables.size(); ++i)
        if (p_.tables[i].name == declared) t = static_cast<int>(i);
      if (t < 0) {
        if (!lenient_)
          report_unknown(diags_, span(entry.first), Message(kUnknownTable, declared), declared, table_names(p_));
        continue;
      }
      table(t, entry.first, entry.second);
    }
  }

  // One table of the rules: its database name (a text alone, or `table:` with `schéma:` and `colonnes:`).
  void table(int t, const YAML::Node& key_node, const YAML::Node& value) {
    TableMapping::Table& out = out_.tables_[t];
    out.at = span(key_node);
    std::string written, schema;
    Span written_at = span(key_node);
    if (value.IsScalar()) {
      if (!name(key_node, value, written)) return;
      written_at = span(value);
    } else if (value.IsMap()) {
      std::map<std::string, Span> seen;
      for (const auto& entry : value) {
        if (!key(entry.first, seen)) continue;
        const std::string& k = entry.first.Scalar();
        if (k == "table") {
          if (!name(entry.first, entry.second, written)) return;
          written_at = span(entry.second);
        } else if (k == "schéma" || k == "schema") {
          if (!name(entry.first, entry.second, schema)) return;
        } else if (k == "colonnes") {
          if (entry.second.IsNull()) continue;
          if (!entry.second.IsMap()) {
            diags_.error(span(entry.second.Mark(), 1), Message(kNotMap, k));
            continue;
          }
          columns(t, entry.second);
        } else {
          diags_.error(span(entry.first), Message(kUnknownKey, k, "table, schéma, colonnes"));
        }
      }
    } else if (!value.IsNull()) {
      diags_.error(span(value.Mark(), 1), Message(kNotMap, key_node.Scalar()));
      return;
    }
    if (written.empty()) written = out.name;  // only the schema, or only the columns, given
    if (schema.empty()) {
      std::size_t dot = written.find('.');
      if (dot != std::string::npos && written.find('.', dot + 1) != std::string::npos) {
        diags_.error(written_at, Message(kBadQualifiedName, written));
        return;
      }
      if (dot != std::string::npos && dot > 0 && dot + 1 < written.size()) {
        schema = written.substr(0, dot);
        written = written.substr(dot + 1);
      }
    }
    out.schema = schema;
    out.name = written;
    out.at = written_at;
  }

  void columns(int t, const YAML::Node& map) {
    const TableInfo& table = p_.tables[t];
    std::map<std::string, Span> seen;
    for (const auto& entry : map) {
      if (!key(entry.first, seen)) continue;
      const std::string& declared = entry.first.Scalar();
      int c = table.column_index(declared);
      if (c < 0) {
        if (!lenient_)
          report_unknown(diags_, span(entry.first), Message(kUnknownColumn, declared, table.name), declared,
                         column_names(table));
        continue;
      }
      std::string written;
      if (!name(entry.first, entry.second, written)) continue;
      out_.tables_[t].columns[c] = {written, span(entry.second)};
    }
  }

  // One database table per table of the rules, one database column per column of a table.
  void one_to_one() {
    std::map<std::pair<std::string, std::string>, int> tables;
    for (std::size_t t = 0; t < p_.tables.size(); ++t) {
      const TableMapping::Table& table = out_.tables_[t];
      auto [it, first] = tables.emplace(std::make_pair(table.schema, table.name), static_cast<int>(t));
      if (!first) {
        int here = out_.renamed(static_cast<int>(t)) ? static_cast<int>(t) : it->second;
        int other = here == static_cast<int>(t) ? it->second : static_cast<int>(t);
        diags_.error(out_.tables_[here].at,
                     Message(kSameTable, out_.table_shown(static_cast<int>(t)), p_.tables[other].name,
                             p_.tables[here].name, where(out_.tables_[other].at, p_.tables[other].decl->name_span)));
      }
      std::map<std::string, int> columns;
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        auto [at_c, new_column] = columns.emplace(table.columns[c].name, static_cast<int>(c));
        if (new_column) continue;
        // Reported where the file gives one of them, naming the other and where it is given (or declared).
        int here = table.columns[c].at.known() ? static_cast<int>(c) : at_c->second;
        int other = here == static_cast<int>(c) ? at_c->second : static_cast<int>(c);
        diags_.error(table.columns[here].at, Message(kSameColumn, table.columns[c].name, p_.tables[t].name,
                                                     p_.tables[t].columns[other].name, p_.tables[t].columns[here].name,
                                                     where(table.columns[other].at, p_.tables[t].columns[other].span)));
      }
    }
  }

  static std::string where(const Span& mapped, const Span& declared) {
    return mapped.known() ? mapped.where() : declared.where();
  }

  const CheckedProgram& p_;
  TableMapping& out_;
  Diagnostics& diags_;
  bool lenient_;
  const SourceFile* file_ = nullptr;
};

bool read_mapping(const std::string& path, const CheckedProgram& program, TableMapping& out, Diagnostics& diags,
                  bool lenient) {
  MappingReader reader(program, out, diags, lenient);
  return reader.read(path);
}

}  // namespace caqes
