// Text tables and CSV (see text_table.h).
#include "cli/text_table.h"

#include <algorithm>
#include <iterator>

#include "syntax/visible_text.h"

namespace caqes {
namespace {

int width(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& s, int w) {
  return s + std::string(std::max(0, w - width(s)), ' ');
}

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

std::string spreadsheet_text(const std::string& s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    return "'" + s;
  return s;
}

std::string spreadsheet_code(const std::string& s) {
  bool plain = !s.empty();
  for (unsigned char c : s)
    plain = plain && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  return plain ? "=\"" + s + "\"" : spreadsheet_text(s);
}

namespace {

// Windows-1252's bytes 0x80..0x9F (0 where the code page has no character); 0xA0..0xFF are Latin-1's.
constexpr char32_t kHighCodePage[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                        0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::string utf8_of(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

}  // namespace

bool to_windows_1252(const std::string& utf8, std::string& out, std::string& unencodable, std::string& context) {
  out.clear();
  std::size_t i = 0;
  while (i < utf8.size()) {
    unsigned char b = static_cast<unsigned char>(utf8[i]);
    int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
    char32_t c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
    std::size_t start = i++;
    for (int k = 0; k < extra && i < utf8.size(); ++k, ++i) c = (c << 6) | (static_cast<unsigned char>(utf8[i]) & 0x3F);
    if (extra < 0) c = 0xFFFD;
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
      out += static_cast<char>(c);
      continue;
    }
    const char* ascii = c == 0x2265 ? ">=" : c == 0x2264 ? "<=" : c == 0x2260 ? "!=" : c == 0x2212 ? "-" : nullptr;
    if (ascii) {
      out += ascii;
      continue;
    }
    if (c == 0x202F) {
      out += static_cast<char>(0xA0);
      continue;
    }
    const char32_t* hit = std::find(std::begin(kHighCodePage), std::end(kHighCodePage), c);
    if (c != 0 && hit != std::end(kHighCodePage)) {
      out += static_cast<char>(0x80 + (hit - std::begin(kHighCodePage)));
      continue;
    }
    unencodable = utf8_of(c);
    std::size_t line_start = utf8.rfind('\n', start);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    std::size_t line_end = utf8.find('\n', start);
    context = utf8.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
    return false;
  }
  return true;
}

}  // namespace caqes
