// Loading a rules program: one file, or a directory of *.caqes files forming one contract, plus what they import.
#pragma once

#include <memory>
#include <string>

#include "syntax/ast.h"
#include "syntax/diagnostic.h"

namespace caqes {

// Reads and parses RULES (a .caqes file or a directory of them, read in name order) and every file they import
// (`importe "pmsi";` finds stdlib/pmsi.caqes; `importe "../commun/x.caqes";` is relative to the importing file).
// Never returns null; check diags for errors.
std::unique_ptr<ast::Program> load_program(const std::string& rules_path, Diagnostics& diags);

// Reads one rules file into `text`: only a regular file named *.caqes of at most kMaxRulesFileBytes (a pipe, a
// device or /dev/zero would block or never end; the content of a file that is not a rules file is never shown in a
// message). False, with the reason, otherwise. 1 MiB: the largest shipped file is 45 KB, and parsing takes about
// 200 times a file's size in memory.
inline constexpr std::size_t kMaxRulesFileBytes = std::size_t{1} << 20;
bool read_rules_file(const std::string& path, std::string& text, Message& error);

// The folder holding the shared rule definitions (stdlib/): $CAQES_STDLIB if set, else the source tree's.
std::string stdlib_directory();
// The shared folders of contracts where `étend "NAME"` (a plain name) is also looked up: CAQES_CONTRATS, folders
// separated by ":", in order; empty when it is not set.
std::vector<std::string> contract_folders();

}  // namespace caqes
