// What `caqes explain` prints: the explanation trees of an establishment's figures (eval/explain.h), as indented
// text for people or JSON for programs, their phrases in `lang` (JSON keys are not translated).
#pragma once

#include <string>
#include <vector>

#include "eval/explain.h"

namespace caqes {

std::string render_explain_text(const std::vector<ExplainNode>& roots, Language lang);
std::string render_explain_json(const std::vector<ExplainNode>& roots, Language lang);

}  // namespace caqes
