// What the indicator sheets say, gathered from a checked program: the comment above each declaration (its
// description), what each definition reads (columns, parameters, other indicators), the value of each parameter
// for each year of the contract, and the tests that exercise each indicator. Data only: doc_site.h writes pages.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/program.h"

namespace caqes {

// One thing a definition reads.
struct DocDependency {
  enum class Kind { Column, Table, Parameter, Definition, Indicator };
  Kind kind = Kind::Column;
  int table = -1, column = -1;  // Column (column -1 with Table: the whole table, as an aggregation reads it)
  int parameter = -1;
  int indicator = -1, binding = -1;  // Definition (of the same indicator), Indicator (another one, `binding` read)
  bool operator<(const DocDependency& o) const;
};

struct DocDefinition {
  int binding = 0;  // index in the indicator's declaration
  std::string description;
  std::set<DocDependency> reads;
};

struct DocIndicator {
  int index = 0;
  std::string description;
  std::vector<DocDefinition> definitions;  // in the order of the declaration
  std::set<int> parameters;                // every parameter the indicator reads, directly
  std::set<std::pair<int, int>> columns;   // (table, column) read
  std::set<int> tables;                    // every table read
  std::set<int> indicators;                // other indicators read
  std::vector<int> tests;                  // tests (index in program.ast->tests) whose expectations read it
};

struct DocParameter {
  int index = 0;
  std::string description;
  // The value for each year of the contract, in French ("400 000 €"); empty when it depends on the
  // establishment (then the formula is the documentation) or could not be computed without data.
  std::vector<std::pair<int, std::string>> values;
  std::vector<int> used_by;  // indicators
};

struct DocTable {
  int index = 0;
  std::string description;
  std::vector<int> used_by;  // indicators
};

struct DocModel {
  const CheckedProgram* program = nullptr;
  // The contract this one extends, when its sheets are written beside these (in the folder `base/`): the
  // declarations an amendment changes link to their version in the base.
  const CheckedProgram* base = nullptr;
  std::string description;  // the comment above the contract block
  std::vector<DocIndicator> indicators;  // as program.indicators
  std::vector<DocParameter> parameters;  // as program.parameters
  std::vector<DocTable> tables;          // as program.tables
};

DocModel build_doc_model(const CheckedProgram& program);

// The comment block that opens `file` (from its first line): what the file is about, shown on the sheets of the
// indicators it declares or modifies. Empty when the file starts with code.
std::string file_header(const ast::Program& program, const SourceFile* file);

// The comment block standing alone on the lines just above `line` of `file` (its `//` or `/* */` markers removed,
// lines joined with '\n'); empty when there is none.
std::string comment_above(const ast::Program& program, const SourceFile* file, int line);

}  // namespace caqes
