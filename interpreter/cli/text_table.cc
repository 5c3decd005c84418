// Text tables and CSV (see text_table.h).
#include "cli/text_table.h"

#include <algorithm>

#include "syntax/visible_text.h"

namespace caqes {
namespace {

int width(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& s, int w) { return s + std::string(std::max(0, w - width(s)), ' '); }

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(";\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string text_table(const Cells& header, const std::vector<Cells>& shown_rows) {
  // Names and codes come from the data and the rules: control characters are shown escaped, never sent to the
  // terminal (visible_text.h).
  std::vector<Cells> rows = shown_rows;
  for (auto& r : rows)
    for (auto& cell : r) cell = visible(cell, false);
  std::vector<int> w(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) w[c] = width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], width(r[c]));
  std::string out;
  auto line = [&](const Cells& r) {
    std::string l;
    for (std::size_t c = 0; c < r.size(); ++c) l += (c ? "  " : "") + pad(r[c], c + 1 < r.size() ? w[c] : 0);
    out += l + "\n";
  };
  line(header);
  Cells rule;
  for (int x : w) rule.push_back(std::string(static_cast<std::size_t>(x), '-'));
  line(rule);
  for (const auto& r : rows) line(r);
  return out;
}

std::string csv_table(const Cells& header, const std::vector<Cells>& rows) {
  std::string out;
  auto line = [&](const Cells& r) {
    for (std::size_t c = 0; c < r.size(); ++c) out += (c ? ";" : "") + csv_cell(r[c]);
    out += "\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
  return out;
}

}  // namespace caqes
