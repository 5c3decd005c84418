// What `caqes diff` prints: the semantic diff of two rule versions (diff/semantic_diff.h) and, with data, its
// impact, as text for a terminal (coloured when it is one), Markdown for a merge request, or JSON for programs.
#pragma once

#include <string>

#include "cli/output_context.h"
#include "diff/semantic_diff.h"

namespace caqes {

std::string render_diff_text(const DiffReport& report, const OutputContext& context);
std::string render_diff_markdown(const DiffReport& report, Language lang);
std::string render_diff_json(const DiffReport& report);

}  // namespace caqes
