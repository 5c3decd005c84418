// Rows of cells as the two tabular outputs: a plain text table for people (columns as wide as their widest
// cell, counted in characters, not bytes) and CSV for French spreadsheets (';', cells quoted when needed).
#pragma once

#include <string>
#include <vector>

namespace caqes {

using Cells = std::vector<std::string>;

std::string text_table(const Cells& header, const std::vector<Cells>& rows);
std::string csv_table(const Cells& header, const std::vector<Cells>& rows);

}  // namespace caqes
