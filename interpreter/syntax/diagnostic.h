// Diagnostics are data: each stage appends to a list, the command line renders them.
#pragma once

#include <string>
#include <vector>

#include "syntax/message.h"
#include "syntax/source.h"

namespace caqes {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  Span span;
  Message message;
  Message hint;  // how to fix it, when there is something useful to say
  std::string location;     // "file:line:col"; taken from the span when there is one
  std::string source_line;  // the text of that line, copied so that a diagnostic outlives its source file
};

class Diagnostics {
 public:
  void error(const Span& span, Message message, Message hint = {});
  void warning(const Span& span, Message message, Message hint = {});
  // An error in a data file or on the command line: `location` is "file:line:col" or empty.
  void error_at(std::string location, Message message, Message hint = {});
  void add(Diagnostic d);
  bool has_errors() const;
  int error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other);

  // After kMaxOfOneKind diagnostics of one message (a header of a million undeclared columns), the others are
  // counted, not kept: render_all ends with one line per message saying how many were not shown. They still count
  // in error_count.
  static constexpr int kMaxOfOneKind = 100;
  struct NotShown {
    const MessageText* kind;
    int count;
    Severity severity;
  };
  const std::vector<NotShown>& not_shown() const { return not_shown_; }

 private:
  std::vector<Diagnostic> items_;
  std::vector<std::pair<const MessageText*, int>> kept_;  // per message: how many are in items_
  std::vector<NotShown> not_shown_;
  int errors_not_shown_ = 0;
};

// file:line:col: error: message, then the source line, a caret under the span, and the hint, in `lang` (the
// words "error", "warning" and "hint" too); the file:line:col prefix stays as it is.
std::string render(const Diagnostic& d, bool color = false, Language lang = Language::En);
std::string render_all(const Diagnostics& ds, bool color = false, Language lang = Language::En);

}  // namespace caqes
