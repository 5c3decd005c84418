// Parsed files kept between edits. An edit changes one file; the others of the contract (its base, stdlib) have the
// same text, so they are not parsed again: their declarations are copied from the cache into the new program,
// since every load hands its program to the checker, which takes it (and writes bare words as codes).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "syntax/ast.h"
#include "syntax/diagnostic.h"

namespace caqes::lsp {

class ParseCache {
 public:
  // Appends the declarations of the file `path` holding `text` to `program`, and the diagnostics of its parse
  // to `diags`. The spans point into the cache's source file, which `keep` shares, so that it lives as long as
  // the program that holds `keep`.
  void add(const std::string& path, const std::string& text, ast::Program& program, Diagnostics& diags,
           std::vector<std::shared_ptr<const ast::Program>>& keep);

 private:
  struct Entry {
    std::string text;
    std::shared_ptr<const ast::Program> parsed;  // that file alone, with recovery
    Diagnostics diags;
  };
  std::map<std::string, Entry> entries_;
};

// A deep copy of one expression, its ids moved up by `id_offset`.
ast::ExprPtr copy_expr(const ast::Expr& e, int id_offset);

}  // namespace caqes::lsp
