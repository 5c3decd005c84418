// The explanation of a figure: the tree of every intermediate value that produced it, recorded by the
// evaluator while it computes (not by a second interpreter). Rendered by the command line (cli/render_explain.h),
// which chooses the language of the value and detail: they are messages of eval/explain_messages.h.
#pragma once

#include <string>
#include <vector>

#include "syntax/message.h"

namespace caqes {

struct ExplainNode {
  enum class Kind { Indicator, Part, Definition, Parameter, Column, Rows, Population, Comparison };
  Kind kind = Kind::Definition;
  std::string name;     // "R[2019]", "transports.amb[2021]", "médiane(séjours_ic)"
  std::string label;    // French label from the rules, if any
  std::string formula;  // the rule's expression, in canonical form
  Message value;        // the computed value: "33,33 %", yes or no, "absent"
  Message detail;       // how many rows were kept, over how many establishments, "33,33 % ≥ 20 % → oui"...
  std::string where;    // file:line of the rule
  std::vector<ExplainNode> children;
};

}  // namespace caqes
