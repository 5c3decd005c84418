// The reviewer's document of a semantic diff (`caqes diff OLD NEW --format html`): one self-contained HTML page,
// each change as one item with both versions side by side and the changed words marked, and, when the versions
// were run on data, the impact as tables.
#pragma once

#include <string>

#include "diff/semantic_diff.h"

namespace caqes {

std::string render_diff_html(const DiffReport& report);

// The two texts marked word by word: what `old_text` loses in <del>, what `new_text` gains in <ins>, the rest
// escaped. Words are identifiers, numbers with their unit, strings and single signs; spaces and line ends stay.
std::pair<std::string, std::string> marked_difference(const std::string& old_text, const std::string& new_text);

}  // namespace caqes
