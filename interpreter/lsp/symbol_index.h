// Where every name of a contract is declared and used: the basis of go to definition, find references and
// hover. A use is resolved by what the checker decided when the contract checks (check/program.h), and by the
// language's scoping otherwise (a definition of the same indicator, a parameter, an indicator, a table, a column
// of the table an aggregation reads, a column of a table of establishments), so that a contract with errors can
// still be navigated.
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "syntax/ast.h"

namespace caqes::lsp {

enum class SymbolKind { Table, Column, Parameter, Indicator, Binding, Function };

// What a name denotes: `owner` is the table of a column or the indicator of a definition.
struct Target {
  SymbolKind kind = SymbolKind::Table;
  std::string owner, name;
  bool operator==(const Target& o) const { return kind == o.kind && owner == o.owner && name == o.name; }
};

// One place a name is written: path (absolute), 1-based line and column, length in characters.
struct Occurrence {
  std::string path;
  int line = 0, column = 0, length = 0;
  Target target;
  bool declaration = false;
};

class SymbolIndex {
 public:
  SymbolIndex(const ast::Program& program, const CheckedProgram* checked);

  // The occurrence under (path, line, column), if any.
  const Occurrence* at(const std::string& path, int line, int column) const;
  // The declaration of `target`, if it has one in the program.
  const Occurrence* declaration(const Target& target) const;
  // Every occurrence of `target`, declarations included, in the order of the files and lines.
  std::vector<const Occurrence*> uses(const Target& target) const;
  const std::vector<Occurrence>& all() const { return occurrences_; }

 private:
  std::vector<Occurrence> occurrences_;
};

}  // namespace caqes::lsp
