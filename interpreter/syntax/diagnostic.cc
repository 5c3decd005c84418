// Rendering of diagnostics in the form compilers use, so that editors can jump to the line.
#include "syntax/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

#include "syntax/syntax_messages.h"
#include "syntax/visible_text.h"

namespace caqes {

namespace {

// A message quoting a huge name (a 1 MB identifier) is shortened in its middle, on a character boundary.
std::string shortened(std::string text) {
  constexpr std::size_t kMax = 400, kHead = 200, kTail = 100;
  if (text.size() <= kMax) return text;
  std::size_t head = kHead, tail = text.size() - kTail;
  while (head > 0 && (static_cast<unsigned char>(text[head]) & 0xC0) == 0x80) --head;
  while (tail < text.size() && (static_cast<unsigned char>(text[tail]) & 0xC0) == 0x80) ++tail;
  return text.substr(0, head) + "…" + text.substr(tail);
}

}  // namespace

void Diagnostics::add(Diagnostic d) {
  if (const MessageText* kind = d.message.text()) {
    // A linear search: there are a few kinds of message at most, and this runs once per diagnostic.
    auto kept = std::find_if(kept_.begin(), kept_.end(), [&](const auto& k) { return k.first == kind; });
    if (kept == kept_.end()) kept = kept_.insert(kept_.end(), {kind, 0});
    if (kept->second >= kMaxOfOneKind) {
      auto counted = std::find_if(not_shown_.begin(), not_shown_.end(),
                                  [&](const NotShown& n) { return n.kind == kind && n.severity == d.severity; });
      if (counted == not_shown_.end()) counted = not_shown_.insert(not_shown_.end(), {kind, 0, d.severity});
      ++counted->count;
      errors_not_shown_ += d.severity == Severity::Error;
      return;
    }
    ++kept->second;
  }
  if (d.span.known()) {
    d.location = d.span.where();
    d.source_line = std::string(d.span.file->line_text(d.span.line));
  }
  items_.push_back(std::move(d));
}

void Diagnostics::error(const Span& span, Message message, Message hint) {
  add({Severity::Error, span, std::move(message), std::move(hint), {}, {}});
}

void Diagnostics::warning(const Span& span, Message message, Message hint) {
  add({Severity::Warning, span, std::move(message), std::move(hint), {}, {}});
}

namespace {
// Values in messages come from the rules and the data: control characters are shown escaped (visible_text.h).
std::string shown(const Message& m, Language lang) {
  return visible(shortened(m.in(lang)));
}
}  // namespace

void Diagnostics::error_at(std::string location, Message message, Message hint) {
  Diagnostic d;
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.location = std::move(location);
  add(std::move(d));
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

int Diagnostics::error_count() const {
  int n = 0;
  for (const auto& d : items_) n += d.severity == Severity::Error;
  return n + errors_not_shown_;
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) add(d);
  for (const NotShown& n : other.not_shown_) {
    auto counted = std::find_if(not_shown_.begin(), not_shown_.end(),
                                [&](const NotShown& m) { return m.kind == n.kind && m.severity == n.severity; });
    if (counted == not_shown_.end()) counted = not_shown_.insert(not_shown_.end(), {n.kind, 0, n.severity});
    counted->count += n.count;
    errors_not_shown_ += n.severity == Severity::Error ? n.count : 0;
  }
}

namespace {

// Columns count characters; to place the caret under a line holding tabs and accents we copy the line's
// whitespace and replace every other character by a space, character by character (UTF-8 aware).
std::string caret_line(std::string_view line, int column, int length) {
  std::string out;
  int col = 1;
  for (std::size_t i = 0; i < line.size() && col < column;) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    std::size_t width = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    out += c == '\t' ? '\t' : ' ';
    i += width;
    ++col;
  }
  out += '^';
  for (int i = 1; i < length && i < 200; ++i) out += '~';
  return out;
}

}  // namespace

std::string render(const Diagnostic& d, bool color, Language lang) {
  using namespace syntax_messages;
  const MessageText& label = d.severity == Severity::Error     ? kErrorLabel
                             : d.severity == Severity::Warning ? kWarningLabel
                                                               : kNoteLabel;
  const char* on = "";
  const char* off = "";
  if (color) {
    on = d.severity == Severity::Error ? "\033[1;31m" : "\033[1;35m";
    off = "\033[0m";
  }
  std::string where = !d.location.empty() ? visible(d.location, false) : std::string("caqes");
  std::string out = fmt::format("{}: {}{}{} {}\n", where, on, label.in(lang), off, shown(d.message, lang));
  if (!d.source_line.empty()) {
    // A very long line (generated rules, a pasted list) is shown as a window around the column.
    std::string_view line = d.source_line;
    int column = d.span.column;
    std::string before, after;
    constexpr int kWindow = 80;
    if (line.size() > 3 * kWindow) {
      std::size_t start = 0;
      int col = 1;
      while (start < line.size() && col < column - kWindow) {
        unsigned char c = static_cast<unsigned char>(line[start]);
        start += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        ++col;
      }
      std::size_t end = start;
      for (int n = 0; end < line.size() && n < 2 * kWindow; ++n) {
        unsigned char c = static_cast<unsigned char>(line[end]);
        end += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
      }
      end = std::min(end, line.size());
      if (start > 0) before = "…";
      if (end < line.size()) after = "…";
      column = column - (col - 1) + (start > 0 ? 1 : 0);
      line = line.substr(start, end - start);
    }
    // Escaped, the characters before the column may take more room: the caret moves with them.
    std::size_t split = 0;
    int column_in_line = column - (before.empty() ? 0 : 1);
    for (int col = 1; split < line.size() && col < column_in_line; ++col) {
      unsigned char c = static_cast<unsigned char>(line[split]);
      split += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    }
    split = std::min(split, line.size());
    std::string head = before + visible(line.substr(0, split), false);
    std::string shown = head + visible(line.substr(split), false) + after;
    column = character_count(head) + 1;
    out += fmt::format("  {}\n  {}\n", shown, caret_line(shown, column, std::min(d.span.length, 2 * kWindow)));
  }
  if (!d.hint.empty()) out += fmt::format("  {} {}\n", syntax_messages::kHintLabel.in(lang), shown(d.hint, lang));
  return out;
}

std::string render_all(const Diagnostics& ds, bool color, Language lang) {
  std::string out;
  for (const auto& d : ds.items()) out += render(d, color, lang);
  for (const auto& n : ds.not_shown()) {
    Diagnostic note;
    note.severity = Severity::Note;
    note.message = Message(syntax_messages::kMoreNotShown, n.count, Diagnostics::kMaxOfOneKind);
    out += render(note, color, lang);
  }
  return out;
}

}  // namespace caqes
