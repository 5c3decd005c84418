// `caqes doc`: the indicator sheets of a contract written to a folder (doc/doc_site.h makes the pages), or one
// sheet printed. The folder is written whole or not at all: pages go to a new folder beside it, which then takes
// its place; a folder that caqes doc did not write is never replaced.
#pragma once

#include <string>

#include "check/program.h"
#include "syntax/message.h"

namespace caqes {

struct DocRequest {
  std::string rules;      // the RULES argument: its files are the contract's own (the rest is extended or imported)
  std::string format;     // "html" or "markdown"
  std::string output;     // the folder; empty with `indicator`: print that sheet
  std::string indicator;  // one sheet
};

// On success, `printed` holds what goes to stdout and `pages` how many pages were written.
bool run_doc(const CheckedProgram& program, const DocRequest& request, std::string& printed, std::size_t& pages,
             Message& error);

}  // namespace caqes
