// Rows of cells as the two tabular outputs: a plain text table for people (columns as wide as their widest
// cell, counted in characters, not bytes) and CSV for French spreadsheets (';', cells quoted when needed).
#pragma once

#include <string>
#include <vector>

namespace caqes {

using Cells = std::vector<std::string>;

std::string text_table(const Cells& header, const std::vector<Cells>& rows);
std::string csv_table(const Cells& header, const std::vector<Cells>& rows);

// A text cell that comes from the data (a name, a code, a FINESS), made safe for a spreadsheet: one that starts
// with '=', '+', '-', '@', a tab or a carriage return, which Excel and LibreOffice would run as a formula
// ("formula injection"), gets a leading apostrophe, shown as is and never executed. Figures computed by the
// tool (a negative amount) are not text from the data and are left alone.
std::string spreadsheet_text(const std::string& s);

// A FINESS (or another code made of digits) in CSV for French Excel: ="090476856", which Excel shows as the text
// 090476856, where a bare 090476856 would become the number 90476856. A code that is not made of letters and
// digits only is written by spreadsheet_text() instead.
std::string spreadsheet_code(const std::string& s);

// UTF-8 text as windows-1252 (what French Excel assumes for a CSV without a byte-order mark). A few characters
// it lacks are written as their usual ASCII forms (≥ as >=, ≤ as <=, ≠ as !=, − as -, the narrow no-break space
// as a no-break space); any other sets `unencodable` to the character and the text it is in, and returns false.
bool to_windows_1252(const std::string& utf8, std::string& out, std::string& unencodable, std::string& context);

// The UTF-8 byte-order mark, by which Excel recognises a UTF-8 CSV.
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace caqes
