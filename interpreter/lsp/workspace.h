// What the editor has open, and a contract checked from it. A document's contract is the folder that holds it
// (a rules directory is one contract, as `caqes check DIR` reads it); its files, what they import and the
// contract they extend are read from the open buffers when the editor holds them, from the disk otherwise. No
// data is read. A file with syntax errors is parsed again with the declarations the errors fall in blanked out,
// so that what parses still gives an outline, hovers and definitions.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/program.h"
#include "lsp/parse_cache.h"
#include "syntax/ast.h"
#include "syntax/diagnostic.h"

namespace caqes::lsp {

struct Document {
  std::string uri, path, text;
  int version = 0;
};

// The open buffers, by URI; paths are absolute and normal (see normal_path).
class DocumentStore {
 public:
  void open(const std::string& uri, std::string text, int version);
  void change(const std::string& uri, std::string text, int version);
  void close(const std::string& uri);
  const Document* find(const std::string& uri) const;
  const Document* find_path(const std::string& path) const;
  // The text of `path`: the open buffer if there is one, else the file on disk; nullopt if neither.
  std::optional<std::string> text_of(const std::string& path) const;
  std::vector<const Document*> all() const;

 private:
  std::map<std::string, Document> by_uri_;
};

// Absolute, with "." and ".." resolved and symbolic links followed where the path exists.
std::string normal_path(const std::string& path);
// The contract a file belongs to: the folder that holds it.
std::string contract_root(const std::string& path);

// Parses `file` into `program`; on syntax errors (reported in `diags`, as `caqes check` reports them), parses
// again with the top-level declarations holding the errors blanked out, and keeps what then parses. Returns the
// source file the declarations point into (the blanked one after a recovery: same lines and columns); the file as
// written is in the program's files, before it.
const SourceFile* parse_recovering(std::unique_ptr<SourceFile> file, ast::Program& program, Diagnostics& diags);

// Where an `importe` or an `étend` leads: the clause's place (path, line, columns) and the file it opens.
struct FileLink {
  std::string path;
  int line = 0, column = 0, length = 0;
  std::string target;
};

// A contract as the editor's buffers say it is: the checked program when it checks, otherwise what parses.
struct Analysis {
  std::string root;
  std::vector<std::shared_ptr<const ast::Program>> parsed_files;  // from the cache; the spans point into them
  std::unique_ptr<CheckedProgram> checked;
  std::unique_ptr<ast::Program> parsed;  // when `checked` is null
  Diagnostics diagnostics;               // syntax errors, or the checker's errors and warnings
  std::vector<std::string> files;        // every file read, absolute
  std::vector<FileLink> links;           // its `importe` and `étend` clauses

  const ast::Program& program() const { return checked ? *checked->ast : *parsed; }
};

// Loads and checks the contract at `root` (a folder or a file) from `documents`; the files whose text `cache`
// already holds are not parsed again.
std::unique_ptr<Analysis> analyse(const std::string& root, const DocumentStore& documents, ParseCache& cache);

}  // namespace caqes::lsp
