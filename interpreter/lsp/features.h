// What the editor asks about a contract: hovers, completions, the outline of a file, its canonical layout, the
// code lenses of its tests and the run of one test. Each takes the analysis of the contract (workspace.h) or the
// text of one document, and returns the protocol's JSON; positions in and out are the protocol's (0-based lines,
// UTF-16 columns).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lsp/symbol_index.h"
#include "lsp/workspace.h"
#include "syntax/message.h"

namespace caqes::lsp {

// A place in a rules file, as spans count: 1-based line and column in characters.
struct Place {
  std::string path;
  int line = 1, column = 1;
};

// The protocol's range of `length` characters at (line, column) of `path`, whose text `program` holds.
nlohmann::json range_of(const ast::Program& program, const std::string& path, int line, int column, int length);
nlohmann::json location_of(const ast::Program& program, const Occurrence& o);

// Markdown for the name at `at`, or null.
nlohmann::json hover(const Analysis& analysis, const SymbolIndex& index, const Place& at, Language lang);
// The completion items at `at` in `document` (its buffer, which may not parse).
nlohmann::json completion(const Analysis& analysis, const Document& document, const Place& at);
// The outline of one document: contract, tables and their columns, parameters, indicators and their definitions,
// tests.
nlohmann::json document_symbols(const Document& document);
// The edits that give the document the layout of `caqes fmt`: none if it has it; nullopt on a syntax error.
std::optional<nlohmann::json> formatting(const Document& document);
// A code lens over each test of the document, running it.
nlohmann::json code_lenses(const Document& document, Language lang);
// Runs the test labelled `label` of the contract: {label, passed, text}; nullopt with `why` set if it cannot.
std::optional<nlohmann::json> run_test(const Analysis& analysis, const std::string& label, Language lang, Message& why);

inline constexpr const char* kRunTestCommand = "caqes.lancerTest";

}  // namespace caqes::lsp
