// Hovers, completions, outlines, formatting and test runs, for the editor.
#include "lsp/features.h"

#include <map>
#include <set>

#include "check/types.h"
#include "cli/render_tests.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "eval/format.h"
#include "eval/rule_tests.h"
#include "format/printer.h"
#include "lsp/lsp_messages.h"
#include "lsp/protocol.h"
#include "stdlib/functions.h"
#include "syntax/parser.h"

namespace caqes::lsp {
using namespace lsp_messages;
using nlohmann::json;

namespace {

const SourceFile* file_of(const ast::Program& program, const std::string& path) {
  for (const auto& f : program.files)
    if (f->path() == path) return f.get();
  return nullptr;
}

json position(std::string_view line_text, int line, int column) {
  return {{"line", line - 1}, {"character", utf16_units(line_text, column - 1)}};
}

// The range of a declaration from its start to the end of its last line.
json extent_range(const SourceFile& file, const Span& start, const Span& extent) {
  int last = extent.last_line();
  std::string_view last_text = file.line_text(last);
  json end = {{"line", last - 1}, {"character", utf16_units(last_text, character_count(last_text))}};
  return {{"start", position(file.line_text(start.line), start.line, start.column)}, {"end", end}};
}

std::string with_label(const Message& heading, const std::string& label, Language lang) {
  std::string out = "**" + heading.in(lang) + "**";
  if (!label.empty()) out += " — " + label;
  return out;
}

std::string type_of_column_name(const std::string& type_name) {
  auto type = column_type_from_name(type_name);
  if (!type) return type_name;
  std::string described = describe(type_of_column(*type));
  return described == type_name ? type_name : type_name + ", " + described;
}

std::string table_key(ast::TableKind kind, Language lang) {
  switch (kind) {
    case ast::TableKind::Entity: return Message(kHoverKeyEntity).in(lang);
    case ast::TableKind::EntityYear: return Message(kHoverKeyEntityYear).in(lang);
    case ast::TableKind::Rows: return Message(kHoverKeyRows).in(lang);
    case ast::TableKind::RowsYear: return Message(kHoverKeyRowsYear).in(lang);
  }
  return {};
}

// A parameter's value in each year of the contract, computed as a run computes it, on no data.
std::vector<std::string> parameter_values(const CheckedProgram& p, int index, Language lang) {
  const ParameterInfo& info = p.parameters[index];
  if (info.entity_dependent) return {Message(kHoverValuePerEstablishment).in(lang)};
  Dataset data;
  data.program = &p;
  std::size_t n = p.tables.size();
  data.keyed_rows.assign(n, {});
  data.row_files.assign(n, "");
  data.memory_rows.assign(n, {});
  data.add_entity("000000000");
  std::vector<int> years;
  std::vector<std::pair<const ast::Expr*, int>> extra;
  for (int y = p.first_year; y <= p.last_year && y - p.first_year < 50; ++y) {
    years.push_back(y);
    extra.push_back({info.decl->value.get(), y});
  }
  Diagnostics diags;
  Evaluator evaluator(p, data);
  if (years.empty() || !evaluator.prepare(years, diags, extra)) return {};
  std::vector<std::string> out;
  for (int y : years) {
    auto v = evaluator.evaluate(*info.decl->value, 0, y, diags);
    if (v) out.push_back(Message(kHoverValueInYear, y, format_french(*v, info.type)).in(lang));
  }
  return out;
}

std::string hover_table(const ast::TableDecl& t, Language lang) {
  return with_label(Message(kHoverTable, t.name), t.label, lang) + "\n\n" +
         Message(kHoverTableKey, table_key(t.kind, lang)).in(lang) + " · " +
         Message(kHoverColumns, t.columns.size()).in(lang);
}

std::string hover_column(const ast::Program& program, const Target& target, Language lang) {
  for (const auto& t : program.tables) {
    if (t.name != target.owner) continue;
    for (const auto& c : t.columns)
      if (c.name == target.name)
        return with_label(Message(kHoverColumn, t.name + "." + c.name), c.label, lang) + "\n\n" +
               Message(kHoverType, type_of_column_name(c.type_name)).in(lang);
    return with_label(Message(kHoverColumn, t.name + "." + target.name), "", lang) + "\n\n" +
           Message(kHoverKeyColumn).in(lang);
  }
  return {};
}

std::string hover_parameter(const Analysis& a, const ast::ParameterDecl& p, Language lang) {
  std::string out = with_label(Message(kHoverParameter, p.name), p.label, lang);
  const CheckedProgram* checked = a.checked.get();
  int index = checked ? checked->parameter_index(p.name) : -1;
  std::string type = index >= 0 ? describe(checked->parameters[index].type) : p.type_name;
  if (!type.empty()) out += "\n\n" + Message(kHoverType, type).in(lang);
  if (p.value) out += "\n\n" + Message(kHoverFormula, "`" + print_expr(*p.value) + "`").in(lang);
  if (index < 0) return out + "\n\n" + Message(kHoverValueUnknown).in(lang);
  for (const auto& line : parameter_values(*checked, index, lang)) out += "\n- " + line;
  return out;
}

std::string hover_indicator(const ast::IndicatorDecl& i, Language lang) {
  std::string out = with_label(Message(kHoverIndicator, i.name), i.label, lang) + "\n";
  for (const auto& m : i.metadata) out += "\n- " + m.key + " : " + m.joined();
  return out;
}

std::string hover_binding(const Analysis& a, const Target& target, Language lang) {
  for (const auto& i : a.program().indicators) {
    if (i.name != target.owner) continue;
    for (std::size_t b = 0; b < i.bindings.size(); ++b) {
      const ast::Binding& binding = i.bindings[b];
      if (binding.name != target.name) continue;
      std::string out = with_label(Message(kHoverDefinition, i.name + "." + binding.name), binding.label, lang);
      if (a.checked) {
        int ind = a.checked->indicator_index(i.name);
        if (ind >= 0 && b < a.checked->indicators[ind].binding_types.size())
          out += "\n\n" + Message(kHoverType, describe(a.checked->indicators[ind].binding_types[b])).in(lang);
      }
      if (binding.value) out += "\n\n" + Message(kHoverFormula, "`" + print_expr(*binding.value) + "`").in(lang);
      return out;
    }
  }
  return {};
}

std::string hover_function(const std::string& name, Language lang) {
  std::string out = "**" + Message(kHoverFunction, name).in(lang) + "**";
  for (const auto& f : functions())
    if (name == f.name) out += std::string("\n\n```\n") + f.signature + "\n```\n" + f.doc;
  return out;
}

}  // namespace

json range_of(const ast::Program& program, const std::string& path, int line, int column, int length) {
  const SourceFile* file = file_of(program, path);
  std::string_view text = file ? file->line_text(line) : std::string_view();
  return {{"start", position(text, line, column)}, {"end", position(text, line, column + length)}};
}

json location_of(const ast::Program& program, const Occurrence& o) {
  return {{"uri", uri_from_path(o.path)}, {"range", range_of(program, o.path, o.line, o.column, o.length)}};
}

json hover(const Analysis& a, const SymbolIndex& index, const Place& at, Language lang) {
  const Occurrence* o = index.at(at.path, at.line, at.column);
  if (!o) return nullptr;
  const ast::Program& program = a.program();
  std::string text;
  const Target& t = o->target;
  switch (t.kind) {
    case SymbolKind::Table:
      for (const auto& decl : program.tables)
        if (decl.name == t.name) text = hover_table(decl, lang);
      break;
    case SymbolKind::Column: text = hover_column(program, t, lang); break;
    case SymbolKind::Parameter:
      for (const auto& decl : program.parameters)
        if (decl.name == t.name) text = hover_parameter(a, decl, lang);
      break;
    case SymbolKind::Indicator:
      for (const auto& decl : program.indicators)
        if (decl.name == t.name) text = hover_indicator(decl, lang);
      break;
    case SymbolKind::Binding: text = hover_binding(a, t, lang); break;
    case SymbolKind::Function: text = hover_function(t.name, lang); break;
  }
  if (text.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", text}}},
          {"range", range_of(program, o->path, o->line, o->column, o->length)}};
}

namespace {

// The characters of a line, each as its UTF-8 bytes.
std::vector<std::string> characters_of(const std::string& line) {
  std::vector<std::string> out;
  for (unsigned char c : line) {
    if ((c & 0xC0) == 0x80 && !out.empty()) out.back() += static_cast<char>(c);
    else out.emplace_back(1, static_cast<char>(c));
  }
  return out;
}

bool identifier_character(const std::string& c) {
  static const std::set<std::string> symbols = {"×", "÷", "−", "≠", "≤", "≥", "≈", "€", "«", "»", "\xC2\xA0", "\xE2\x80\xAF"};
  unsigned char first = static_cast<unsigned char>(c[0]);
  if (first < 0x80) return std::isalnum(first) || first == '_';
  return !symbols.count(c);
}

// Completion item kinds of the protocol.
constexpr int kItemFunction = 3, kItemField = 5, kItemVariable = 6, kItemClass = 7, kItemProperty = 10,
              kItemKeyword = 14, kItemConstant = 21, kItemStruct = 22;

json item(const std::string& label, int kind, const std::string& detail, const std::string& doc = {}) {
  json i = {{"label", label}, {"kind", kind}};
  if (!detail.empty()) i["detail"] = detail;
  if (!doc.empty()) i["documentation"] = {{"kind", "markdown"}, {"value", doc}};
  return i;
}

// The indicator whose block holds `line`, read from the text as it is being typed (it may not parse yet): the
// nearest line above that opens a top-level declaration, if it opens an indicator.
std::string enclosing_indicator(const SourceFile& text, int line) {
  for (int l = line; l >= 1; --l) {
    std::string_view t = text.line_text(l);
    if (t.empty() || t[0] == ' ' || t[0] == '\t' || t[0] == '/' || t[0] == '#') continue;
    if (t[0] == '}') return {};
    for (std::string_view prefix : {"modifie ", "remplace "})
      if (t.substr(0, prefix.size()) == prefix) t.remove_prefix(prefix.size());
    std::string_view keyword = "indicateur ";
    if (t.substr(0, keyword.size()) != keyword) return {};
    t.remove_prefix(keyword.size());
    std::size_t end = 0;
    while (end < t.size() && t[end] != ' ' && t[end] != '"' && t[end] != '{') ++end;
    return std::string(t.substr(0, end));
  }
  return {};
}

}  // namespace

json completion(const Analysis& a, const Document& document, const Place& at) {
  const ast::Program& program = a.program();
  SourceFile text(document.path, document.text);
  const std::string line(text.line_text(at.line));
  auto chars = characters_of(line);
  int end = std::min<int>(at.column - 1, static_cast<int>(chars.size()));
  int start = end;
  while (start > 0 && identifier_character(chars[start - 1])) --start;
  json items = json::array();
  if (start > 0 && chars[start - 1] == ".") {
    int object_end = start - 1, object_start = object_end;
    while (object_start > 0 && identifier_character(chars[object_start - 1])) --object_start;
    std::string object;
    for (int i = object_start; i < object_end; ++i) object += chars[i];
    for (const auto& t : program.tables)
      if (t.name == object) {
        items.push_back(item("finess", kItemField, "texte"));
        if (t.kind == ast::TableKind::EntityYear || t.kind == ast::TableKind::RowsYear)
          items.push_back(item("année", kItemField, "année"));
        for (const auto& c : t.columns) items.push_back(item(c.name, kItemField, c.type_name, c.label));
      }
    for (const auto& i : program.indicators)
      if (i.name == object)
        for (const auto& b : i.bindings) items.push_back(item(b.name, kItemProperty, b.label));
    return {{"isIncomplete", false}, {"items", items}};
  }
  static const char* keywords[] = {
      "importe", "retire", "remplace", "modifie", "pour", "contrat", "table", "paramètre", "indicateur", "test",
      "attendu", "soit", "par", "de", "où", "et", "ou", "non", "dans", "si", "alors", "sinon", "selon", "autre",
      "vrai", "faux", "absent", "N", "années", "référence", "établissements", "données_absentes",
      "division_par_zéro", "étend", "signataire", "synthèse", "volet", "niveau", "source", "statut", "valeur",
      "ciblage", "cible", "atteint", "intéressement", "année", "établissement", "ligne", "texte", "code", "entier",
      "effectif", "décimal", "monnaie", "taux", "booléen", "date", "national", "régional", "actif", "à_définir"};
  std::set<std::string> seen;
  auto add = [&](json i) {
    if (seen.insert(i["label"].get<std::string>()).second) items.push_back(std::move(i));
  };
  // The definitions of the indicator the cursor is in come first (merged with its base's, for `modifie`).
  std::string indicator = enclosing_indicator(text, at.line);
  for (const auto& i : program.indicators)
    if (i.name == indicator)
      for (const auto& b : i.bindings) add(item(b.name, kItemVariable, b.label));
  for (const auto& p : program.parameters) add(item(p.name, kItemConstant, p.label));
  for (const auto& i : program.indicators) add(item(i.name, kItemClass, i.label));
  for (const auto& t : program.tables) add(item(t.name, kItemStruct, t.label));
  std::map<std::string, std::string> signatures, docs;
  for (const auto& f : functions()) {
    std::string& sig = signatures[f.name];
    sig += (sig.empty() ? "" : "\n") + std::string(f.signature);
    std::string& doc = docs[f.name];
    doc += (doc.empty() ? "" : "\n\n") + std::string("`") + f.signature + "`: " + f.doc;
  }
  for (const auto& [name, sig] : signatures) add(item(name, kItemFunction, sig, docs[name]));
  for (const auto& t : program.tables)
    if (t.kind == ast::TableKind::Entity || t.kind == ast::TableKind::EntityYear)
      for (const auto& c : t.columns) add(item(c.name, kItemField, t.name + "." + c.name + " : " + c.type_name, c.label));
  for (const char* k : keywords) add(item(k, kItemKeyword, ""));
  return {{"isIncomplete", false}, {"items", items}};
}

namespace {

// Symbol kinds of the protocol.
constexpr int kSymbolNamespace = 3, kSymbolClass = 5, kSymbolMethod = 6, kSymbolProperty = 7, kSymbolField = 8,
              kSymbolConstant = 14, kSymbolStruct = 23;

json symbol(const SourceFile& file, const std::string& name, const std::string& detail, int kind, const Span& name_span,
            const Span& extent) {
  json s = {{"name", name}, {"kind", kind}, {"children", json::array()}};
  if (!detail.empty()) s["detail"] = detail;
  std::string_view line = file.line_text(name_span.line);
  s["selectionRange"] = {{"start", position(line, name_span.line, name_span.column)},
                         {"end", position(line, name_span.line, name_span.column + std::max(1, name_span.length))}};
  s["range"] = extent.known() ? extent_range(file, extent, extent) : s["selectionRange"];
  return s;
}

}  // namespace

json document_symbols(const Document& document) {
  ast::Program program;
  Diagnostics diags;
  const SourceFile* file = parse_recovering(std::make_unique<SourceFile>(document.path, document.text), program, diags);
  json out = json::array();
  for (const auto& c : program.contracts) out.push_back(symbol(*file, c.name, c.label, kSymbolNamespace, c.span, c.extent));
  for (const auto& t : program.tables) {
    json s = symbol(*file, t.name, t.label, kSymbolStruct, t.name_span, t.extent);
    for (const auto& c : t.columns) s["children"].push_back(symbol(*file, c.name, c.type_name, kSymbolField, c.span, c.extent));
    out.push_back(std::move(s));
  }
  for (const auto& p : program.parameters) out.push_back(symbol(*file, p.name, p.label, kSymbolConstant, p.name_span, p.span));
  for (const auto& i : program.indicators) {
    json s = symbol(*file, i.name, i.label, kSymbolClass, i.name_span, i.extent);
    for (const auto& b : i.bindings) s["children"].push_back(symbol(*file, b.name, b.label, kSymbolProperty, b.name_span, b.span));
    out.push_back(std::move(s));
  }
  for (const auto& t : program.tests) out.push_back(symbol(*file, t.label, "test", kSymbolMethod, t.span, t.extent));
  return out;
}

std::optional<json> formatting(const Document& document) {
  SourceFile file(document.path, document.text);
  ast::Program program;
  Diagnostics diags;
  if (!parse_file(file, program, diags)) return std::nullopt;
  std::string formatted = format_file(program, file);
  // As `caqes fmt` does: the canonical text must parse, and format to itself.
  SourceFile again(document.path, formatted);
  ast::Program reparsed;
  Diagnostics diags2;
  if (!parse_file(again, reparsed, diags2) || format_file(reparsed, again) != formatted) return std::nullopt;
  if (formatted == document.text) return json::array();
  int last = file.line_count();
  std::string_view last_text = file.line_text(last);
  json end = {{"line", last - 1}, {"character", utf16_units(last_text, character_count(last_text))}};
  if (!document.text.empty() && document.text.back() == '\n') end = {{"line", last}, {"character", 0}};
  return json::array({{{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", end}}}, {"newText", formatted}}});
}

json code_lenses(const Document& document, Language lang) {
  ast::Program program;
  Diagnostics diags;
  const SourceFile* file = parse_recovering(std::make_unique<SourceFile>(document.path, document.text), program, diags);
  json out = json::array();
  for (const auto& t : program.tests) {
    std::string_view line = file->line_text(t.span.line);
    json range = {{"start", position(line, t.span.line, t.span.column)},
                  {"end", position(line, t.span.line, t.span.column + t.span.length)}};
    out.push_back({{"range", range},
                   {"command",
                    {{"title", Message(kRunTestLens).in(lang)},
                     {"command", kRunTestCommand},
                     {"arguments", json::array({document.uri, t.label})}}}});
  }
  return out;
}

std::optional<json> run_test(const Analysis& a, const std::string& label, Language lang, Message& why) {
  if (!a.checked) {
    why = Message(kContractHasErrors);
    return std::nullopt;
  }
  std::vector<RuleTestOutcome> outcomes;
  for (auto& o : run_rule_tests(*a.checked, label))
    if (o.label == label) outcomes.push_back(std::move(o));
  if (outcomes.empty()) {
    why = Message(kNoSuchTest, label);
    return std::nullopt;
  }
  bool passed = outcomes.front().passed;
  return json{{"label", label}, {"passed", passed}, {"text", render_rule_tests(outcomes, lang)}};
}

}  // namespace caqes::lsp
