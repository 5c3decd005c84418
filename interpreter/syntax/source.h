// Source files and spans: where every AST node and every diagnostic comes from.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caqes {

// A rules file held in memory, with the offsets of its lines so that a span can show its source line.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The text of 1-based line `line`, without its end of line; empty if out of range.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

// The characters (UTF-8 sequences) of `text`: what the columns and lengths of spans count.
int character_count(std::string_view text);

// Where a node sits: 1-based line and column (columns count characters, not bytes), length in characters.
struct Span {
  const SourceFile* file = nullptr;
  int line = 0;
  int column = 0;
  int length = 1;
  int end_line = 0;  // last line of the construct (0: same as `line`)

  bool known() const { return file != nullptr && line > 0; }
  int last_line() const { return end_line > line ? end_line : line; }
  std::string path() const { return file ? file->path() : std::string("<commande>"); }
  // "file:line:col"
  std::string where() const;
};

}  // namespace caqes
