// "Did you mean": an edit distance over code points in which an accent or a capital is no difference, so that
// "depense" finds "dépense" and "CATEGORIE" finds "catégorie".
#include "check/suggestions.h"

#include <algorithm>
#include <utility>

#include "check/check_messages.h"

namespace caqes {
namespace {

std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

char32_t fold(char32_t c) {
  static const std::u32string accented = U"àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ";
  static const std::u32string plain = U"aaaeeeeiioouuucAAAEEEEIIOOUUUC";
  auto pos = accented.find(c);
  char32_t r = pos == std::u32string::npos ? c : plain[pos];
  return r >= 'A' && r <= 'Z' ? r - 'A' + 'a' : r;
}

int distance(const std::string& a, const std::string& b) {
  auto x = code_points(a), y = code_points(b);
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= y.size(); ++j) {
      int cost = fold(x[i - 1]) == fold(y[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

}  // namespace

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  int best_d = 1 << 30;
  // A third of the name may be wrong, one letter at least.
  int limit = std::max(1, static_cast<int>(code_points(name).size()) / 3);
  for (const auto& c : candidates) {
    int d = distance(name, c);
    if (d < best_d && d <= limit && c != name) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

void report_unknown(Diagnostics& diags, const Span& span, Message message, const std::string& name,
                    const std::vector<std::string>& candidates) {
  std::string near = closest_name(name, candidates);
  diags.error(span, std::move(message), near.empty() ? Message() : Message(check_messages::kDidYouMean, near));
}

void report_unknown(Diagnostics& diags, const Span& span, Message message, const std::string& name,
                    const std::vector<std::string>& candidates, Message otherwise) {
  std::string near = closest_name(name, candidates);
  diags.error(span, std::move(message),
              near.empty() ? std::move(otherwise) : Message(check_messages::kDidYouMean, near));
}

std::vector<std::string> table_names(const CheckedProgram& p) {
  std::vector<std::string> out;
  for (const auto& t : p.tables) out.push_back(t.name);
  return out;
}

std::vector<std::string> row_table_names(const CheckedProgram& p) {
  std::vector<std::string> out;
  for (const auto& t : p.tables)
    if (!t.per_entity()) out.push_back(t.name);
  return out;
}

std::vector<std::string> column_names(const TableInfo& table) {
  std::vector<std::string> out;
  for (const auto& c : table.columns) out.push_back(c.name);
  return out;
}

std::vector<std::string> visible_names(const CheckedProgram& p, int indicator, int row_table) {
  std::vector<std::string> out;
  if (row_table >= 0) out = column_names(p.tables[row_table]);
  if (indicator >= 0)
    for (const auto& [n, _] : p.indicators[indicator].bindings) out.push_back(n);
  for (const auto& prm : p.parameters) out.push_back(prm.decl->name);
  for (const auto& t : p.tables)
    if (t.per_entity())
      for (const auto& c : t.columns) out.push_back(c.name);
  for (const auto& t : p.tables) out.push_back(t.name);
  for (const auto& i : p.indicators) out.push_back(i.name);
  return out;
}

}  // namespace caqes
