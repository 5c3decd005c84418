// The explanation of a figure: the tree of every intermediate value that produced it, recorded by the
// evaluator while it computes (not by a second interpreter). Rendered by the command line (cli/render_explain.h).
#pragma once

#include <string>
#include <vector>

namespace caqes {

struct ExplainNode {
  enum class Kind { Indicator, Part, Definition, Parameter, Column, Rows, Population, Comparison };
  Kind kind = Kind::Definition;
  std::string name;     // "R[2019]", "transports.amb[2021]", "médiane(séjours_ic)"
  std::string label;    // French label from the rules, if any
  std::string formula;  // the rule's expression, in canonical form
  std::string value;    // the computed value, formatted in French ("33,33 %", "oui", "absent")
  std::string detail;   // "1 234 lignes retenues sur séjours[2019]", "sur 85 établissements", "33,33 % ≥ 20 % → oui"
  std::string where;    // file:line of the rule
  std::vector<ExplainNode> children;
};

}  // namespace caqes
