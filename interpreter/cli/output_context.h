// What every command is told about where its output goes, decided once in main: the language of the messages
// and whether stdout and stderr take colours. Passed explicitly to whatever prints, so that nothing reads a
// global to know how to speak.
#pragma once

#include "syntax/message.h"

namespace caqes {

// The layout a command writes its results in (--format).
enum class Format { Table, Csv, Json, Markdown, Xlsx, Html };

struct OutputContext {
  Language language = Language::En;
  bool color_stdout = false;  // a terminal, and NO_COLOR not set
  bool color_stderr = false;
};

}  // namespace caqes
