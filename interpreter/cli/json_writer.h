// The one writer of the JSON that `caqes` prints: documents are built as nlohmann::ordered_json values (members
// in the order they are added) and written here in the project's layout, which the golden cases and users' diffs
// compare byte for byte (nlohmann's own dump() lays them out otherwise):
//
//   {                                     a document's brackets stand on lines of their own;
//     "contract": "caqes_2022",           each top-level member on its own line (unless the layout puts
//     "years": [2022, 2023],              several on one line), arrays of scalars on one line,
//     "results": [                        an array of records: one record per line, "[]" when empty,
//       {"entity": "310000001", "value": 31.25, "children": [{"a": 1}, {"b": 2}]}
//     ]                                   and everything inside a record on that line, with ": " and ", ".
//   }
//
// A document that is an array has one element per line, indented by one space.
//
// Exact numbers (money, rates, counts: value/decimal.h) never pass through a double: exact_number() keeps the
// number as its decimal text in a binary value of our own subtype, which the writer copies as it is. A binary
// value was chosen because no JSON text parses to one, so such a number can never be confused with a string,
// and because it keeps the plain nlohmann types (a custom number type would have to be threaded through every
// basic_json instantiation and its parser). Scalars other than exact numbers, strings above all, are written by
// the library, with its escaping (UTF-8 kept as it is, a byte that is not UTF-8 replaced by U+FFFD), except that
// U+0008 and U+000C keep the long forms \u0008 and \u000c the project has always written.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace caqes {

using Json = nlohmann::ordered_json;

// A number written exactly as `decimal_text` (e.g. "12345678901234567.89", "-0.5", "40").
Json exact_number(const std::string& decimal_text);

struct JsonLayout {
  // Top-level members written together on one line, ", "-separated, e.g. {"old", "new", "equivalent"}.
  std::vector<std::vector<std::string>> shared_lines;
  // Top-level arrays of records whose brackets stay on lines of their own when empty ("[\n  ]", not "[]").
  std::vector<std::string> open_when_empty;
};

// The document as text, ending with a newline.
std::string write_json(const Json& document, const JsonLayout& layout = {});

}  // namespace caqes
