// The French catalog of diagnostics and the matcher that uses it. Each entry pairs a template as the code writes
// it (English, `{}` for each value) with its French translation ({0}, {1}... by position). A finished English
// message is matched against every template (anchored; each value matches any text, the shortest first) and the
// most specific match (the most fixed text) is rebuilt in French with the same values. Values are names, numbers,
// paths and type names, which are already French; the values marked `nested` are messages or phrases themselves.
//
// The old policy: no message is added here any more; a new message is a constant of its stage's catalog
// (syntax/message.h).
#include "syntax/messages.h"

#include <cstdlib>
#include <cstring>
#include <utility>

namespace caqes {

namespace {

// Empty: every stage's messages are in a catalog of its own now (check/check_messages.h...). The matcher stays
// for Message::legacy until that is removed.
const std::vector<CatalogEntry> kFrench = {};

// A template cut at its values: literals[0] {} literals[1] {} ... literals[n]; the French side as pieces.
struct Compiled {
  std::vector<std::string> literals;
  std::size_t literal_length = 0;
  struct Piece {
    std::string text;
    int value = -1;  // >= 0: the value at that position
  };
  std::vector<Piece> french;
  std::vector<bool> nested;
};

Compiled compile(const CatalogEntry& e) {
  Compiled c;
  std::string_view en = e.english;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = en.find("{}", start);
    if (at == std::string_view::npos) break;
    c.literals.emplace_back(en.substr(start, at - start));
    start = at + 2;
  }
  c.literals.emplace_back(en.substr(start));
  for (const auto& l : c.literals) c.literal_length += l.size();
  std::string_view fr = e.french;
  std::string text;
  for (std::size_t i = 0; i < fr.size();) {
    if (fr[i] == '{' && i + 2 < fr.size() && fr[i + 1] >= '0' && fr[i + 1] <= '9') {
      std::size_t j = i + 1;
      int n = 0;
      while (j < fr.size() && fr[j] >= '0' && fr[j] <= '9' && n < 1000) n = n * 10 + (fr[j++] - '0');
      if (j < fr.size() && fr[j] == '}') {
        if (!text.empty()) c.french.push_back({std::move(text), -1});
        text.clear();
        c.french.push_back({{}, n});
        i = j + 1;
        continue;
      }
    }
    text += fr[i++];
  }
  if (!text.empty()) c.french.push_back({std::move(text), -1});
  c.nested.assign(c.literals.size() - 1, false);
  for (const char* p = e.nested; p && *p; ++p)
    if (*p >= '0' && *p <= '9' && static_cast<std::size_t>(*p - '0') < c.nested.size()) c.nested[*p - '0'] = true;
  return c;
}

const std::vector<Compiled>& compiled() {
  static const std::vector<Compiled> all = [] {
    std::vector<Compiled> out;
    out.reserve(kFrench.size());
    for (const auto& e : kFrench) out.push_back(compile(e));
    return out;
  }();
  return all;
}

// Values k-1, k, ... from `pos`, literal k following value k-1; each value the shortest that lets the rest match.
// `budget` bounds the backtracking, so that a huge message (a 1 MB name) cannot take long: past it, no match.
bool match_from(const Compiled& t, const std::string& s, std::size_t k, std::size_t pos, std::vector<std::string>& values,
                long& budget) {
  const std::string& literal = t.literals[k];
  if (k + 1 == t.literals.size()) {  // the last literal ends the message
    if (s.size() < literal.size() || s.size() - literal.size() < pos) return false;
    values[k - 1] = s.substr(pos, s.size() - literal.size() - pos);
    return true;
  }
  for (std::size_t at = s.find(literal, pos); at != std::string::npos; at = s.find(literal, at + 1)) {
    if (--budget < 0) return false;
    if (match_from(t, s, k + 1, at + literal.size(), values, budget)) {
      values[k - 1] = s.substr(pos, at - pos);
      return true;
    }
    if (at >= s.size()) break;
  }
  return false;
}

bool match(const Compiled& t, const std::string& s, std::vector<std::string>& values) {
  if (s.size() < t.literal_length) return false;
  const std::string& first = t.literals.front();
  if (s.compare(0, first.size(), first) != 0) return false;
  if (t.literals.size() == 1) return s.size() == first.size();
  const std::string& last = t.literals.back();
  if (s.compare(s.size() - last.size(), last.size(), last) != 0) return false;
  values.assign(t.literals.size() - 1, {});
  long budget = 10000;
  return match_from(t, s, 1, first.size(), values, budget);
}

std::optional<std::string> french(const std::string& english, int depth);

// A value that is itself a message, or a list of phrases ("a name, a number, ';'"): translated where known; in
// a list, a token in quotes (';') is shown in French quotes.
std::string french_value(const std::string& value, int depth) {
  if (auto whole = french(value, depth + 1)) return *whole;
  std::string out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = value.find(", ", start);
    std::string item = value.substr(start, at == std::string::npos ? std::string::npos : at - start);
    if (auto translated = french(item, depth + 1)) out += *translated;
    else if (item.size() >= 3 && item.front() == '\'' && item.back() == '\'') out += "« " + item.substr(1, item.size() - 2) + " »";
    else out += item;
    if (at == std::string::npos) break;
    out += ", ";
    start = at + 2;
  }
  return out;
}

std::optional<std::string> french(const std::string& english, int depth) {
  if (english.empty() || depth > 3) return std::nullopt;
  const auto& all = compiled();
  const Compiled* best = nullptr;
  std::vector<std::string> values, best_values;
  for (const auto& t : all) {
    if (best && t.literal_length <= best->literal_length) continue;  // the most fixed text wins; first on a tie
    if (match(t, english, values)) {
      best = &t;
      best_values = values;
    }
  }
  if (!best) return std::nullopt;
  std::string out;
  for (const auto& piece : best->french) {
    if (piece.value < 0) {
      out += piece.text;
    } else if (static_cast<std::size_t>(piece.value) < best_values.size()) {
      const std::string& v = best_values[piece.value];
      out += best->nested[piece.value] ? french_value(v, depth) : v;
    }
  }
  return out;
}

}  // namespace

const std::vector<CatalogEntry>& french_catalog() { return kFrench; }

std::optional<std::string> try_translate(const std::string& english, Language lang) {
  if (lang == Language::En) return english;
  return french(english, 0);
}

std::string translate(const std::string& english, Language lang) {
  if (lang == Language::En || english.empty()) return english;
  if (auto out = french(english, 0)) return *out;
  return english;
}

}  // namespace caqes
