// What `caqes explain` prints: the explanation trees of an establishment's figures (eval/explain.h), as indented
// text for people or JSON for programs.
#pragma once

#include <string>
#include <vector>

#include "eval/explain.h"

namespace caqes {

std::string render_explain_text(const std::vector<ExplainNode>& roots);
std::string render_explain_json(const std::vector<ExplainNode>& roots);

}  // namespace caqes
