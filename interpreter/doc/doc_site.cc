// The pages of `caqes doc` (see doc_site.h). One function per page kind; the HTML and the Markdown forms of a
// page are written side by side so that they say the same things.
#include "doc/doc_site.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "doc/doc_graph.h"
#include "doc/doc_messages.h"
#include "doc/formula_markup.h"
#include "doc/page_style.h"
#include "format/printer.h"

namespace caqes {
namespace {

using ast::Binding;



// The reserved definitions, in the order a sheet presents them, and what they mean for a reader.
const std::pair<const char*, const char*> kReserved[] = {
    {"valeur", "Valeur de l'indicateur"},
    {"ciblage", "Ciblage : l'établissement est-il concerné ?"},
    {"cible", "Cible de l'année"},
    {"atteint", "Cible atteinte"},
    {"intéressement", "Intéressement"},
};

const char* reserved_meaning(const std::string& name) {
  for (const auto& [n, meaning] : kReserved)
    if (name == n) return meaning;
  return nullptr;
}

const char* level_name(Level l) { return l == Level::National ? "national" : "régional"; }

const char* key_name(ast::TableKind k) {
  switch (k) {
    case ast::TableKind::Entity: return "une ligne par établissement";
    case ast::TableKind::EntityYear: return "une ligne par établissement et par année";
    case ast::TableKind::Rows: return "plusieurs lignes par établissement";
    case ast::TableKind::RowsYear: return "plusieurs lignes par établissement et par année";
  }
  return "";
}

std::string where(const Span& s) { return s.known() ? fmt::format("{}:{}", s.path(), s.line) : std::string(); }

class Site {
 public:
  Site(const DocModel& m, DocFormat f, const std::vector<std::string>& own_files)
      : m_(m), p_(*m.program), html_(f == DocFormat::Html), ext_(html_ ? ".html" : ".md"), own_(own_files) {}

  bool render(std::vector<DocPage>& pages, Message& error) {
    pages.push_back({std::string("index") + ext_, index()});
    for (const auto& ind : m_.indicators) {
      std::string svg;
      if (!graph(ind, svg, error)) return false;
      const std::string& name = p_.indicators[ind.index].name;
      if (!html_) pages.push_back({"indicateurs/" + name + ".svg", svg});
      pages.push_back({"indicateurs/" + name + ext_, indicator(ind, svg)});
    }
    for (const auto& t : m_.tables) pages.push_back({"tables/" + p_.tables[t.index].name + ext_, table(t)});
    for (const auto& q : m_.parameters)
      pages.push_back({"parametres/" + p_.parameters[q.index].decl->name + ext_, parameter(q)});
    return true;
  }

 private:
  // ---- links: every page but the index sits one folder down ----
  std::string indicator_href(int i, bool from_root = false) const {
    return (from_root ? "indicateurs/" : "../indicateurs/") + p_.indicators[i].name + ext_;
  }
  std::string table_href(int t, bool from_root = false) const {
    return (from_root ? "tables/" : "../tables/") + p_.tables[t].name + ext_;
  }
  std::string parameter_href(int q, bool from_root = false) const {
    return (from_root ? "parametres/" : "../parametres/") + p_.parameters[q].decl->name + ext_;
  }
  std::string column_href(int t, int c) const { return table_href(t) + "#col-" + p_.tables[t].columns[c].name; }
  std::string definition_href(int ind, int b, int from) const {
    std::string anchor = "#def-" + p_.indicators[ind].decl->bindings[b].name;
    return ind == from ? anchor : indicator_href(ind) + anchor;
  }

  NameLinker linker(int from) const {
    return [this, from](const Reference& r) -> std::string {
      switch (r.what) {
        case Reference::What::EntityColumn:
        case Reference::What::RowColumn:
        case Reference::What::OuterRowColumn: return r.table >= 0 && r.column >= 0 ? column_href(r.table, r.column) : "";
        case Reference::What::Table: return r.table >= 0 ? table_href(r.table) : "";
        case Reference::What::Parameter: return r.parameter >= 0 ? parameter_href(r.parameter) : "";
        case Reference::What::Binding:
        case Reference::What::Result: return r.indicator >= 0 ? definition_href(r.indicator, r.binding, from) : "";
        case Reference::What::Finess: return "";
      }
      return "";
    };
  }

  // ---- markup shared by the pages ----
  std::string link(const std::string& href, const std::string& text) const {
    return html_ ? "<a href=\"" + html_escape(href) + "\">" + html_escape(text) + "</a>" : "[" + md(text) + "](" + href + ")";
  }
  static std::string md(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '|' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`' || c == '<' || c == '\\') out += '\\';
      out += c == '\n' ? ' ' : c;
    }
    return out;
  }
  std::string text(const std::string& s) const { return html_ ? html_escape(s) : md(s); }
  std::string heading(int level, const std::string& title, const std::string& id = "") const {
    if (html_)
      return fmt::format("<h{0}{1}>{2}</h{0}>\n", level, id.empty() ? "" : " id=\"" + html_escape(id) + "\"",
                         html_escape(title));
    return std::string(static_cast<std::size_t>(level), '#') + " " + md(title) +
           (id.empty() ? "" : " <a id=\"" + id + "\"></a>") + "\n\n";
  }
  std::string paragraph(const std::string& s) const {
    return html_ ? "<p>" + s + "</p>\n" : s + "\n\n";
  }
  std::string description(const std::string& s) const {
    if (s.empty()) return "";
    if (html_) return "<div class=\"desc\">" + html_escape(s) + "</div>\n";
    std::string out;
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find('\n', start);
      out += "> " + s.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out + "\n";
  }
  // A table whose cells are already marked up.
  std::string grid(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) const {
    std::string out;
    if (html_) {
      out += "<table><thead><tr>";
      for (const auto& h : header) out += "<th>" + html_escape(h) + "</th>";
      out += "</tr></thead><tbody>\n";
      for (const auto& r : rows) {
        out += "<tr>";
        for (const auto& c : r) out += "<td>" + c + "</td>";
        out += "</tr>\n";
      }
      return out + "</tbody></table>\n";
    }
    out += "|";
    for (const auto& h : header) out += " " + md(h) + " |";
    out += "\n|";
    for (std::size_t k = 0; k < header.size(); ++k) out += " --- |";
    out += "\n";
    for (const auto& r : rows) {
      out += "|";
      for (const auto& c : r) out += " " + c + " |";
      out += "\n";
    }
    return out + "\n";
  }
  std::string meta(const std::vector<std::pair<std::string, std::string>>& items) const {
    std::string out = html_ ? "<dl class=\"meta\">\n" : "";
    for (const auto& [k, v] : items) {
      if (v.empty()) continue;
      out += html_ ? "<dt>" + html_escape(k) + "</dt><dd>" + v + "</dd>\n" : "- **" + md(k) + "** : " + v + "\n";
    }
    return out + (html_ ? "</dl>\n" : "\n");
  }
  std::string code(const std::string& s) const {
    return html_ ? "<span class=\"code\">" + html_escape(s) + "</span>" : "`" + s + "`";
  }
  std::string formula(const ast::Expr& e, int from) const {
    if (html_) return "<pre class=\"formula\">" + formula_html(p_, e, linker(from)) + "</pre>\n";
    return "```\n" + print_expr_lines(e, 100) + "\n```\n\n";
  }
  std::string page(const std::string& title, bool root, const std::string& body) const {
    if (!html_) return body;
    std::string up = root ? "" : "../";
    return "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           html_escape(title) + "</title>\n<style>" + kPageStyle + "</style>\n</head>\n<body>\n<nav><a href=\"" + up +
           "index.html\">" + html_escape(p_.contract_label.empty() ? p_.contract_name : p_.contract_label) +
           "</a></nav>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
  }

  // The link to a declaration's version in the base contract's sheets (folder `base/`), when this contract
  // changes it and the base has it; `kind` is the base's folder ("indicateurs/").
  std::string base_link(const std::string& kind, const std::string& name, bool changed_here, bool from_root = false) const {
    if (!m_.base || !changed_here) return "";
    bool found = kind == "indicateurs/" ? m_.base->indicator_index(name) >= 0 : m_.base->parameter_index(name) >= 0;
    if (!found) return "";
    return link((from_root ? "base/" : "../base/") + kind + name + ext_, "version de " + p_.ast->base_contract);
  }

  bool own(const Span& s) const {
    if (!s.file) return false;
    return std::find(own_.begin(), own_.end(), s.file->path()) != own_.end();
  }

  // ---- the index ----
  std::string index() const {
    std::string body = heading(1, p_.contract_label.empty() ? p_.contract_name : p_.contract_label);
    std::vector<std::pair<std::string, std::string>> items = {
        {"Contrat", code(p_.contract_name)},
        {"Années", p_.first_year ? fmt::format("{} à {}", p_.first_year, p_.last_year) : ""},
        {"Contrat de base", p_.ast->base_contract.empty() ? "" : code(p_.ast->base_contract)},
    };
    body += meta(items);
    body += description(m_.description);
    if (!p_.references.empty()) {
      body += heading(2, "Textes de référence");
      for (const auto& r : p_.references) body += html_ ? "<p>" + html_escape(r) + "</p>\n" : "- " + md(r) + "\n";
      if (!html_) body += "\n";
    }
    body += heading(2, "Indicateurs");
    // Grouped by volet, in the order volets first appear; national before regional within a volet.
    std::vector<std::string> volets;
    for (const auto& ind : p_.indicators)
      if (std::find(volets.begin(), volets.end(), ind.volet) == volets.end()) volets.push_back(ind.volet);
    for (const auto& volet : volets) {
      body += heading(3, volet.empty() ? "Sans volet" : "Volet " + volet);
      std::vector<std::vector<std::string>> rows;
      for (Level level : {Level::National, Level::Regional})
        for (std::size_t i = 0; i < p_.indicators.size(); ++i) {
          const IndicatorInfo& ind = p_.indicators[i];
          if (ind.volet != volet || ind.level != level) continue;
          rows.push_back({link(indicator_href(static_cast<int>(i), true), ind.label.empty() ? ind.name : ind.label),
                          code(ind.name), level_name(ind.level), text(ind.status), text(ind.source)});
        }
      body += grid({"Indicateur", "Identifiant", "Niveau", "Statut", "Source"}, rows);
    }
    if (!p_.ast->base_contract.empty()) body += amendment();
    body += heading(2, "Données (une table par fichier CSV)");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t t = 0; t < p_.tables.size(); ++t)
      rows.push_back({link(table_href(static_cast<int>(t), true), p_.tables[t].name + ".csv"), text(p_.tables[t].label),
                      key_name(p_.tables[t].kind)});
    body += grid({"Fichier", "Contenu", "Lignes"}, rows);
    body += heading(2, "Paramètres");
    rows.clear();
    for (std::size_t q = 0; q < p_.parameters.size(); ++q) {
      const auto* decl = p_.parameters[q].decl;
      rows.push_back({link(parameter_href(static_cast<int>(q), true), decl->name), text(decl->label),
                      text(describe(p_.parameters[q].type))});
    }
    body += grid({"Paramètre", "Libellé", "Type"}, rows);
    return page(p_.contract_label.empty() ? p_.contract_name : p_.contract_label, true, body);
  }

  // What a contract that extends another declares itself: the rest comes unchanged from the base.
  std::string amendment() const {
    std::string body = heading(2, "Ce que ce contrat change par rapport à " + p_.ast->base_contract);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < p_.indicators.size(); ++i) {
      const auto* decl = p_.indicators[i].decl;
      std::string what = own(decl->extent) ? "déclaré par ce contrat" : own(decl->name_span) ? "modifié par ce contrat" : "";
      if (what.empty()) continue;
      rows.push_back({"indicateur", link(indicator_href(static_cast<int>(i), true), p_.indicators[i].name), what,
                      text(where(decl->name_span)), base_link("indicateurs/", p_.indicators[i].name, true, true)});
    }
    for (std::size_t q = 0; q < p_.parameters.size(); ++q) {
      const auto* decl = p_.parameters[q].decl;
      if (!own(decl->name_span)) continue;
      rows.push_back({"paramètre", link(parameter_href(static_cast<int>(q), true), decl->name), "déclaré ou remplacé par ce contrat",
                      text(where(decl->name_span)), base_link("parametres/", decl->name, true, true)});
    }
    for (std::size_t t = 0; t < p_.tables.size(); ++t) {
      const auto* decl = p_.tables[t].decl;
      if (!decl || !own(decl->name_span)) continue;
      rows.push_back({"table", link(table_href(static_cast<int>(t), true), decl->name), "déclarée ou remplacée par ce contrat",
                      text(where(decl->name_span)), ""});
    }
    int tests = 0;
    for (const auto& t : p_.ast->tests) tests += own(t.span);
    if (rows.empty()) body += paragraph("Aucune déclaration propre : tout vient du contrat de base.");
    else body += grid({"Déclaration", "Nom", "Changement", "Où", "Contrat de base"}, rows);
    body += paragraph(fmt::format("Tests propres à ce contrat : {}. Le reste (indicateurs, paramètres, tables, tests) est "
                                  "repris du contrat {} sans changement.",
                                  tests, p_.ast->base_contract) +
                      (m_.base ? " " + link("base/index" + std::string(ext_), "Les fiches du contrat " + p_.ast->base_contract) + "." : ""));
    return body;
  }

  // ---- one indicator ----
  std::string indicator(const DocIndicator& d, const std::string& svg) const {
    const IndicatorInfo& info = p_.indicators[d.index];
    const ast::IndicatorDecl& decl = *info.decl;
    std::string title = info.label.empty() ? info.name : info.label;
    std::string body = heading(1, title);
    std::string change = own(decl.extent) ? "" : own(decl.name_span) ? "modifié par ce contrat (" + where(decl.name_span) + ")" : "";
    body += meta({{"Identifiant", code(info.name)},
                  {"Volet", text(info.volet)},
                  {"Niveau", level_name(info.level)},
                  {"Source des données", text(info.source)},
                  {"Référence", text(info.reference)},
                  {"Statut", text(info.status)},
                  {"Déclaré dans", text(where(decl.extent))},
                  {"Changement", text(change)},
                  {"Contrat de base", base_link("indicateurs/", info.name, own(decl.extent) || own(decl.name_span))}});
    body += description(d.description);
    // The comment opening the file, when the declaration's own comment does not say it all: the context.
    std::string header = file_header(*p_.ast, decl.extent.file);
    if (!header.empty() && header != d.description)
      body += paragraph(html_ ? "<strong>Contexte :</strong>" : "**Contexte :**") + description(header);
    if (decl.span.file != decl.extent.file) {
      std::string amended = comment_above(*p_.ast, decl.span.file, decl.span.line);
      if (amended.empty()) amended = file_header(*p_.ast, decl.span.file);
      if (!amended.empty()) body += paragraph(html_ ? "<strong>Modification :</strong>" : "**Modification :**") + description(amended);
    }

    // The five figures first, on one line each, then every definition in the order of the rules.
    body += heading(2, "En bref");
    std::vector<std::vector<std::string>> rows;
    for (const auto& [name, meaning] : kReserved) {
      auto it = info.bindings.find(name);
      if (it == info.bindings.end()) continue;
      const Binding& b = decl.bindings[it->second];
      rows.push_back({link("#def-" + b.name, meaning), html_ ? formula_html(p_, *b.value, linker(d.index)) : "`" + print_expr(*b.value) + "`"});
    }
    body += grid({"Chiffre", "Formule"}, rows);

    body += heading(2, "Définitions");
    for (const auto& def : d.definitions) {
      const Binding& b = decl.bindings[def.binding];
      const char* meaning = reserved_meaning(b.name);
      std::string label = !b.label.empty() ? b.label : meaning ? meaning : b.name;
      if (html_) body += meaning ? "<div class=\"reserved\">\n" : "<div>\n";
      body += heading(3, label, "def-" + b.name);
      body += paragraph(code(b.name) + (meaning && !b.label.empty() ? " — " + text(meaning) : "") + " " +
                        (html_ ? "<span class=\"where\">" + html_escape(where(b.span)) + "</span>" : "(" + where(b.span) + ")"));
      body += description(def.description);
      body += formula(*b.value, d.index);
      if (!html_) body += names_used(*b.value, d.index);
      if (html_) body += "</div>\n";
    }

    if (!d.parameters.empty()) {
      body += heading(2, "Paramètres utilisés, par année");
      std::vector<std::string> header = {"Paramètre", "Libellé"};
      for (int y = p_.first_year; y <= p_.last_year && p_.first_year; ++y) header.push_back(std::to_string(y));
      rows.clear();
      for (int q : d.parameters) {
        const auto* decl_q = p_.parameters[q].decl;
        std::vector<std::string> row = {link(parameter_href(q), decl_q->name), text(decl_q->label)};
        const auto& values = m_.parameters[q].values;
        for (std::size_t k = 2; k < header.size(); ++k)
          row.push_back(values.empty() ? (k == 2 ? "selon l'établissement ou les données" : "") : text(values[k - 2].second));
        rows.push_back(row);
      }
      body += grid(header, rows);
    }

    if (!d.tables.empty()) {
      body += heading(2, "Données lues");
      rows.clear();
      for (int t : d.tables) {
        bool any_column = false;
        for (const auto& [tt, c] : d.columns) {
          if (tt != t) continue;
          any_column = true;
          rows.push_back({link(table_href(t), p_.tables[t].name + ".csv"), link(column_href(t, c), p_.tables[t].columns[c].name),
                          text(p_.tables[t].columns[c].label)});
        }
        if (!any_column) rows.push_back({link(table_href(t), p_.tables[t].name + ".csv"), "", "nombre de lignes"});
      }
      body += grid({"Fichier", "Colonne", "Libellé"}, rows);
    }
    if (!d.indicators.empty()) {
      body += heading(2, "Autres indicateurs lus");
      for (int i : d.indicators)
        body += (html_ ? "<p>" : "- ") + link(indicator_href(i), p_.indicators[i].label) + (html_ ? "</p>\n" : "\n");
      if (!html_) body += "\n";
    }

    body += heading(2, "Graphe des dépendances");
    if (html_) {
      std::size_t start = svg.find("<svg");
      body += "<div class=\"graph\">\n" + (start == std::string::npos ? svg : svg.substr(start)) + "</div>\n";
    } else {
      body += "![Graphe des dépendances](" + info.name + ".svg)\n\n";
    }

    body += heading(2, "Exemples chiffrés (tests des règles)");
    if (d.tests.empty()) body += paragraph("Aucun test n'exerce cet indicateur.");
    for (int t : d.tests) body += worked_example(p_.ast->tests[t], d.index);
    return page(title, false, body);
  }

  // In Markdown, where formulas are plain code: the names of a formula with a link to each.
  std::string names_used(const ast::Expr& e, int from) const {
    auto names = expression_names(p_, e);
    NameLinker l = linker(from);
    std::string out;
    for (const auto& [name, ref] : names) {
      std::string href = l(ref);
      if (!href.empty()) out += (out.empty() ? "Noms : " : ", ") + link(href, name);
    }
    return out.empty() ? "" : out + "\n\n";
  }

  std::string worked_example(const ast::TestDecl& t, int from) const {
    std::string out = html_ ? "<div class=\"test\">\n" : "";
    out += heading(3, t.label);
    for (const auto& m : t.metadata)
      if (m.key == "année") out += paragraph("Année évaluée : " + text(m.joined()));
      else if (m.key == "finess") out += paragraph("Établissement du test (lignes et attendus sans finess) : " + code(m.joined()));
    out += paragraph("Données :");
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : t.rows) {
      std::string fields;
      for (const auto& f : r.fields) fields += (fields.empty() ? "" : ", ") + f.column + " = " + print_expr(*f.value);
      rows.push_back({text(r.table) + (r.times > 1 ? fmt::format(" × {}", r.times) : ""), text(fields)});
    }
    out += grid({"Table", "Valeurs"}, rows);
    out += paragraph("Résultats attendus :");
    rows.clear();
    for (const auto& e : t.expectations)
      rows.push_back({code(t.entity_of(e)), html_ ? formula_html(p_, *e.expr, linker(from)) : "`" + print_expr(*e.expr) + "`"});
    out += grid({"Établissement", "Attendu"}, rows);
    out += paragraph(html_ ? "<span class=\"where\">" + html_escape(where(t.span)) + "</span>" : "(" + where(t.span) + ")");
    return out + (html_ ? "</div>\n" : "");
  }

  // The definitions of an indicator and what they read, for Graphviz.
  bool graph(const DocIndicator& d, std::string& svg, Message& error) const {
    const IndicatorInfo& info = p_.indicators[d.index];
    std::string dot =
        "digraph dependances {\n"
        "  graph [rankdir=LR, bgcolor=\"transparent\", nodesep=0.2, ranksep=0.45, fontname=\"DejaVu Sans\"];\n"
        "  node [fontname=\"DejaVu Sans\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", "
        "color=\"#8aa4c8\"];\n  edge [color=\"#7b8799\", arrowsize=0.6];\n";
    auto short_label = [](const std::string& s) {
      std::string out;
      int chars = 0;
      for (char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > 42) return out + "…";
        out += c;
      }
      return out;
    };
    std::map<std::string, bool> declared;
    auto node = [&](const std::string& id, const std::string& label, const std::string& attrs) {
      if (declared[id]) return;
      declared[id] = true;
      dot += "  " + dot_quote(id) + " [label=" + dot_quote(label) + ", " + attrs + "];\n";
    };
    for (const auto& def : d.definitions) {
      const Binding& b = info.decl->bindings[def.binding];
      bool reserved = reserved_meaning(b.name) != nullptr;
      node("d:" + b.name, b.name + (b.label.empty() ? "" : "\n" + short_label(b.label)),
           "href=" + dot_quote("#def-" + b.name) + (reserved ? ", fillcolor=\"#dbe8ff\", color=\"#1f3a5f\"" : ""));
    }
    for (const auto& def : d.definitions) {
      const std::string target = "d:" + info.decl->bindings[def.binding].name;
      for (const auto& dep : def.reads) {
        std::string id;
        switch (dep.kind) {
          case DocDependency::Kind::Column: {
            const auto& t = p_.tables[dep.table];
            id = fmt::format("c:{}.{}", t.name, t.columns[dep.column].name);
            node(id, t.name + "." + t.columns[dep.column].name,
                 "shape=note, style=filled, fillcolor=\"#eef7ee\", href=" + dot_quote(column_href(dep.table, dep.column)));
            break;
          }
          case DocDependency::Kind::Table: {
            bool via_column = false;
            for (const auto& other : def.reads)
              via_column |= other.kind == DocDependency::Kind::Column && other.table == dep.table;
            if (via_column) continue;
            id = "t:" + p_.tables[dep.table].name;
            node(id, p_.tables[dep.table].name + ".csv",
                 "shape=folder, style=filled, fillcolor=\"#eef7ee\", href=" + dot_quote(table_href(dep.table)));
            break;
          }
          case DocDependency::Kind::Parameter: {
            const auto* q = p_.parameters[dep.parameter].decl;
            id = "p:" + q->name;
            node(id, q->name, "shape=hexagon, style=filled, fillcolor=\"#fff1c2\", href=" + dot_quote(parameter_href(dep.parameter)));
            break;
          }
          case DocDependency::Kind::Definition: id = "d:" + info.decl->bindings[dep.binding].name; break;
          case DocDependency::Kind::Indicator: {
            const IndicatorInfo& other = p_.indicators[dep.indicator];
            std::string part = dep.binding >= 0 ? other.decl->bindings[dep.binding].name : "";
            id = "i:" + other.name + "." + part;
            node(id, other.name + "." + part,
                 "style=\"rounded,filled\", fillcolor=\"#f3e8f7\", href=" +
                     dot_quote(dep.binding >= 0 ? definition_href(dep.indicator, dep.binding, d.index) : indicator_href(dep.indicator)));
            break;
          }
        }
        if (id != target) dot += "  " + dot_quote(id) + " -> " + dot_quote(target) + ";\n";
      }
    }
    dot += "}\n";
    std::string why;
    if (!layout_svg(dot, svg, why)) {
      error = Message(doc_messages::kGraphLayoutFailed, info.name, why);
      return false;
    }
    return true;
  }

  // ---- one table ----
  std::string table(const DocTable& d) const {
    const TableInfo& t = p_.tables[d.index];
    std::string body = heading(1, t.label.empty() ? t.name : t.label);
    body += meta({{"Fichier", code(t.name + ".csv")},
                  {"Lignes", key_name(t.kind)},
                  {"Déclarée dans", t.decl ? text(where(t.decl->extent)) : ""}});
    body += description(d.description);
    body += heading(2, "Colonnes");
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : t.columns) {
      std::string name = html_ ? "<span id=\"col-" + html_escape(c.name) + "\" class=\"code\">" + html_escape(c.name) + "</span>"
                               : "<a id=\"col-" + c.name + "\"></a>`" + c.name + "`";
      rows.push_back({name, text(column_type_name(c.type)), text(c.implicit ? "clé de la table" : c.label)});
    }
    body += grid({"Colonne", "Type", "Libellé"}, rows);
    body += paragraph(text("Fichier CSV séparé par « ; » ou « , », en UTF-8 ou Latin-1 ; nombres avec virgule ou point "
                           "décimal ; taux en pourcentage ; booléens oui/non ; cellule vide = donnée absente."));
    body += used_by(d.used_by);
    return page(t.label.empty() ? t.name : t.label, false, body);
  }

  std::string used_by(const std::vector<int>& indicators) const {
    std::string body = heading(2, "Indicateurs qui l'utilisent");
    if (indicators.empty()) return body + paragraph("Aucun.");
    for (int i : indicators)
      body += (html_ ? "<p>" : "- ") + link(indicator_href(i), p_.indicators[i].label) + (html_ ? "</p>\n" : "\n");
    return body + (html_ ? "" : "\n");
  }

  // ---- one parameter ----
  std::string parameter(const DocParameter& d) const {
    const ParameterInfo& info = p_.parameters[d.index];
    const ast::ParameterDecl& decl = *info.decl;
    std::string body = heading(1, decl.label.empty() ? decl.name : decl.label);
    body += meta({{"Identifiant", code(decl.name)},
                  {"Type", text(describe(info.type))},
                  {"Déclaré dans", text(where(decl.span))},
                  {"Changement", own(decl.name_span) && !p_.ast->base_contract.empty() ? "déclaré ou remplacé par ce contrat" : ""},
                  {"Contrat de base", base_link("parametres/", decl.name, own(decl.name_span))}});
    body += description(d.description);
    body += heading(2, "Définition");
    body += formula(*decl.value, -1);
    if (!html_) body += names_used(*decl.value, -1);
    body += heading(2, "Valeur par année du contrat");
    if (d.values.empty()) {
      body += paragraph(info.entity_dependent ? "La valeur dépend de l'établissement : voir la définition."
                                              : "La valeur dépend des données : voir la définition.");
    } else {
      std::vector<std::vector<std::string>> rows;
      for (const auto& [year, value] : d.values) rows.push_back({std::to_string(year), text(value)});
      body += grid({"Année", "Valeur"}, rows);
    }
    body += used_by(d.used_by);
    return page(decl.label.empty() ? decl.name : decl.label, false, body);
  }

  const DocModel& m_;
  const CheckedProgram& p_;
  bool html_;
  const char* ext_;
  const std::vector<std::string>& own_;
};

}  // namespace

bool render_doc_site(const DocModel& model, DocFormat format, const std::vector<std::string>& own_files,
                     std::vector<DocPage>& pages, Message& error) {
  return Site(model, format, own_files).render(pages, error);
}

}  // namespace caqes
