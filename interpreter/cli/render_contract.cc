// Rendering of the indicators, the data dictionary and the built-in functions (see render_contract.h).
#include "cli/render_contract.h"

#include <fmt/format.h>

#include <map>

#include "cli/json_writer.h"
#include "cli/text_table.h"
#include "sql/mapping_messages.h"
#include "sql/sql_compiler.h"
#include "stdlib/functions.h"
#include "syntax/source.h"

namespace caqes {
namespace {

const char* level_name(Level l) { return l == Level::National ? "national" : "régional"; }

const char* key_name(const TableInfo& t) {
  switch (t.kind) {
    case ast::TableKind::Entity: return "par établissement";
    case ast::TableKind::EntityYear: return "par établissement et année";
    case ast::TableKind::Rows: return "par ligne";
    case ast::TableKind::RowsYear: return "par ligne et année";
  }
  return "";
}

std::string indicators_json(const CheckedProgram& p) {
  Json doc = Json::object();
  doc["contract"] = p.contract_name;
  Json indicators = Json::array();
  for (const auto& ind : p.indicators)
    indicators.push_back(Json{{"id", ind.name},
                              {"label", ind.label},
                              {"volet", ind.volet},
                              {"level", level_name(ind.level)},
                              {"source", ind.source},
                              {"reference", ind.reference},
                              {"status", ind.status},
                              {"file", ind.decl->name_span.where()}});
  doc["indicators"] = std::move(indicators);
  return write_json(doc);
}

std::string schema_json(const CheckedProgram& p) {
  Json doc = Json::object();
  doc["contract"] = p.contract_name;
  Json tables = Json::array();
  for (const auto& table : p.tables) {
    Json columns = Json::array();
    for (const auto& col : table.columns)
      columns.push_back(Json{{"name", col.name}, {"type", column_type_name(col.type)}, {"label", col.label}});
    tables.push_back(Json{{"name", table.name},
                          {"file", table.name + ".csv"},
                          {"label", table.label},
                          {"key", key_name(table)},
                          {"columns", std::move(columns)}});
  }
  doc["tables"] = std::move(tables);
  return write_json(doc);
}

}  // namespace

std::string render_indicators(const CheckedProgram& p, Format format) {
  if (format == Format::Json) return indicators_json(p);
  std::vector<Cells> rows;
  for (const auto& ind : p.indicators)
    rows.push_back({ind.name, ind.label, ind.volet, level_name(ind.level), ind.source, ind.status});
  Cells header = {"id", "libellé", "volet", "niveau", "source", "statut"};
  return format == Format::Csv ? csv_table(header, rows) : text_table(header, rows);
}

std::string render_schema(const CheckedProgram& p, Format format) {
  if (format == Format::Json) return schema_json(p);
  std::vector<Cells> rows;
  for (const auto& table : p.tables)
    for (const auto& col : table.columns)
      rows.push_back({table.name + ".csv", key_name(table), col.name, column_type_name(col.type), col.label});
  Cells header = {"fichier", "clé", "colonne", "type", "libellé"};
  if (format == Format::Csv) return csv_table(header, rows);
  std::string out = text_table(header, rows);
  out += "\nFichiers CSV séparés par ';' ou ',', en UTF-8 ou Latin-1; nombres avec virgule ou point décimal et espaces\n"
         "entre milliers; taux en pourcentage (45,2 ou 45,2 %); booléens oui/non; dates AAAA-MM-JJ ou JJ/MM/AAAA;\n"
         "cellule vide = donnée absente.\n";
  return out;
}

namespace {

// A name as a YAML double-quoted scalar.
std::string yaml_quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Lines "text  # comment", the comments aligned in one column.
std::string aligned(const std::vector<std::pair<std::string, std::string>>& lines) {
  int width = 0;
  for (const auto& [text, comment] : lines)
    if (!comment.empty()) width = std::max(width, character_count(text));
  std::string out;
  for (const auto& [text, comment] : lines) {
    out += text;
    if (!comment.empty())
      out += std::string(static_cast<std::size_t>(width - character_count(text)) + 2, ' ') + "# " + comment;
    out += "\n";
  }
  return out;
}

std::string with_label(std::string text, const std::string& label) {
  return label.empty() ? text : text + " — " + label;
}

}  // namespace

std::string render_mapping_skeleton(const CheckedProgram& p, Language lang) {
  using namespace mapping_messages;
  std::string out;
  for (const MessageText* line : {&kSkeletonTitle, &kSkeletonReplace, &kSkeletonSchema, &kSkeletonTypes})
    out += "# " + Message(*line, p.contract_name).in(lang) + "\n";
  out += "tables:\n";
  for (const TableInfo& t : p.tables) {
    const MessageText& kind = t.kind == ast::TableKind::Entity       ? kSkeletonPerEntity
                              : t.kind == ast::TableKind::EntityYear ? kSkeletonPerEntityYear
                              : t.kind == ast::TableKind::Rows       ? kSkeletonRows
                                                                     : kSkeletonRowsYear;
    out += aligned({{"  " + t.name + ":", Message(kind, t.label.empty() ? t.name : t.label).in(lang)}});
    std::vector<std::pair<std::string, std::string>> lines = {{"    table: " + yaml_quoted(t.name), ""},
                                                              {"    colonnes:", ""}};
    for (const ColumnInfo& c : t.columns) {
      std::string types;
      for (const std::string& db : database_types(c.type)) types += (types.empty() ? "" : ", ") + db;
      lines.push_back({"      " + c.name + ": " + yaml_quoted(c.name),
                       with_label(Message(kSkeletonColumn, column_type_name(c.type), types).in(lang), c.label)});
    }
    out += aligned(lines);
  }
  return out;
}

std::string render_functions() {
  std::string out;
  std::map<int, const char*> titles = {{0, "Agrégations des lignes d'une table, par établissement"},
                                       {1, "Statistiques sur la population des établissements"},
                                       {2, "Fonctions"}};
  for (int family = 0; family < 3; ++family) {
    out += fmt::format("{}\n", titles[family]);
    for (const auto& f : functions())
      if (static_cast<int>(f.family) == family) out += fmt::format("  {}\n      {}\n", f.signature, f.doc);
    out += "\n";
  }
  return out;
}

}  // namespace caqes
