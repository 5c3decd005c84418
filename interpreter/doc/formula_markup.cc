// Marking up a printed formula (see formula_markup.h). The canonical text is scanned once, token by token: the
// printer decides the layout and the spelling, this file only decorates what it printed.
#include "doc/formula_markup.h"

#include "format/printer.h"
#include "syntax/ast_walk.h"

namespace caqes {
namespace {

// The code point starting at s[i] and its length in bytes (a malformed byte counts as one character).
std::pair<char32_t, std::size_t> code_point(const std::string& s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {c, 1};
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + n > s.size() || n == 1) return {c, 1};
  char32_t v = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {v, n};
}

// Letters of identifiers: ASCII letters, digits, '_' and the accented Latin letters (not × or ÷).
bool identifier_char(char32_t c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
  if (c >= '0' && c <= '9') return !first;
  return c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

const char* const kKeywords[] = {"si", "alors", "sinon", "et", "ou", "non", "dans", "de", "par", "où",
                                 "selon", "autre", "vrai", "faux", "absent", "N"};

bool keyword(const std::string& word) {
  for (const char* k : kKeywords)
    if (word == k) return true;
  return false;
}

// `N`, `N-1`, `N+2`, `2019`: what a period holds.
bool period_text(const std::string& s) {
  std::size_t i = 0;
  if (!s.empty() && s[0] == 'N') {
    if (s.size() == 1) return true;
    if (s[1] != '-' && s[1] != '+') return false;
    i = 2;
  }
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i)
    if (!is_digit(s[i])) return false;
  return true;
}

}  // namespace

std::size_t identifier_length(const std::string& s, std::size_t i) {
  if (i >= s.size() || !identifier_char(code_point(s, i).first, true)) return 0;
  std::size_t j = i;
  while (j < s.size()) {
    auto [c, n] = code_point(s, j);
    if (!identifier_char(c, false)) break;
    j += n;
  }
  return j - i;
}

std::size_t character_length(const std::string& s, std::size_t i) { return code_point(s, i).second; }

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::map<std::string, Reference> expression_names(const CheckedProgram& p, const ast::Expr& root) {
  std::map<std::string, Reference> names;
  ast::walk(root, [&](const ast::Expr& e) {
    const auto* ref = p.references_.find(e.id);
    if (!ref) return true;
    if (const auto* n = e.as<ast::Name>()) names.emplace(n->name, ref->second);
    if (const auto* m = e.as<ast::Member>()) {
      if (const auto* object = m->object->as<ast::Name>()) names.emplace(object->name + "." + m->member, ref->second);
      return false;
    }
    return true;
  });
  return names;
}

std::string formula_html(const CheckedProgram& p, const ast::Expr& e, const NameLinker& link) {
  const std::string text = print_expr_lines(e, 100);
  const std::map<std::string, Reference> names = expression_names(p, e);
  auto linked = [&](const std::string& word) -> std::string {
    auto it = names.find(word);
    std::string href = it == names.end() ? "" : link(it->second);
    if (href.empty()) return html_escape(word);
    return "<a href=\"" + html_escape(href) + "\">" + html_escape(word) + "</a>";
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '[') {  // a period, [2019] or [N-1], is a year: not a threshold
      std::size_t close = text.find(']', i);
      std::string inside = close == std::string::npos ? "" : text.substr(i + 1, close - i - 1);
      if (period_text(inside)) {
        out += "[<span class=\"per\">" + inside + "</span>]";
        i = close + 1;
        continue;
      }
    }
    if (c == '"') {  // a string, escapes included
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, text.size());
      out += "<span class=\"str\">" + html_escape(text.substr(i, j - i)) + "</span>";
      i = j;
      continue;
    }
    if (is_digit(c)) {  // 1 500 000 €, 7,5 %, 2019
      std::size_t j = i;
      while (j < text.size() && is_digit(text[j])) ++j;
      while (j + 3 < text.size() + 0 && text[j] == ' ' && is_digit(text[j + 1]) && is_digit(text[j + 2]) &&
             is_digit(text[j + 3]) && (j + 4 >= text.size() || !is_digit(text[j + 4])))
        j += 4;
      if (j + 1 < text.size() && text[j] == ',' && is_digit(text[j + 1])) {
        ++j;
        while (j < text.size() && is_digit(text[j])) ++j;
      }
      if (text.compare(j, 4, " \xE2\x82\xAC") == 0) j += 4;  // " €"
      else if (text.compare(j, 2, " %") == 0) j += 2;
      out += "<span class=\"num\">" + html_escape(text.substr(i, j - i)) + "</span>";
      i = j;
      continue;
    }
    auto [cp, len] = code_point(text, i);
    if (identifier_char(cp, true)) {
      std::size_t j = i;
      while (j < text.size()) {
        auto [next, n] = code_point(text, j);
        if (!identifier_char(next, false)) break;
        j += n;
      }
      std::string word = text.substr(i, j - i);
      // `table.colonne` or `indicateur.partie`, linked as one name.
      if (j + 1 < text.size() && text[j] == '.') {
        std::size_t k = j + 1;
        while (k < text.size()) {
          auto [next, n] = code_point(text, k);
          if (!identifier_char(next, false)) break;
          k += n;
        }
        std::string member = text.substr(i, k - i);
        if (k > j + 1 && names.count(member)) {
          out += linked(member);
          i = k;
          continue;
        }
      }
      out += keyword(word) ? "<span class=\"kw\">" + word + "</span>" : linked(word);
      i = j;
      continue;
    }
    out += html_escape(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace caqes
