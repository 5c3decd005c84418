// ANTLR's syntax errors turned into the project's diagnostics, with hints for the mistakes policy staff make (a
// decimal point, badly grouped thousands, a ';' forgotten at the end of a line). Included by parser.cc only: ANTLR
// stays in the parser.
#pragma once

#include <string>

#include "antlr4-runtime.h"
#include "syntax/diagnostic.h"

namespace caqes {

// Reports one error per line, since the first usually explains the others.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorListener(const SourceFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                   const std::string& antlr_message, std::exception_ptr) override;
  int count() const { return count_; }

 private:
  // The error at a token the grammar did not expect, or the ';' missing before it.
  void unexpected(antlr4::Parser& parser, const antlr4::Token& offending, Span span);
  // The hint for an unexpected end of file: the innermost '{' left open, if any.
  Message unclosed_brace(antlr4::Parser& parser) const;

  const SourceFile& file_;
  Diagnostics& diags_;
  int last_line_ = -1;
  int count_ = 0;
};

}  // namespace caqes
