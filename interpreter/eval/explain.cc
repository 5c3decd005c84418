// Rendering of explanation trees: indented text for people, JSON for programs.
#include "eval/explain.h"

#include <fmt/format.h>

#include "eval/format.h"

namespace caqes {
namespace {

void text(const ExplainNode& n, int depth, std::string& out) {
  std::string pad(static_cast<std::size_t>(depth * 2), ' ');
  std::string head = n.name;
  if (!n.value.empty()) head += " = " + n.value;
  out += pad + head;
  if (!n.label.empty()) out += "   « " + n.label + " »";
  if (!n.where.empty()) out += "   (" + n.where + ")";
  out += "\n";
  if (!n.formula.empty() && n.kind != ExplainNode::Kind::Comparison) out += pad + "    = " + n.formula + "\n";
  if (!n.detail.empty()) out += pad + "    " + n.detail + "\n";
  for (const auto& c : n.children) text(c, depth + 1, out);
}

const char* kind_name(ExplainNode::Kind k) {
  switch (k) {
    case ExplainNode::Kind::Indicator: return "indicator";
    case ExplainNode::Kind::Part: return "part";
    case ExplainNode::Kind::Definition: return "definition";
    case ExplainNode::Kind::Parameter: return "parameter";
    case ExplainNode::Kind::Column: return "column";
    case ExplainNode::Kind::Rows: return "rows";
    case ExplainNode::Kind::Population: return "population";
    case ExplainNode::Kind::Comparison: return "comparison";
  }
  return "";
}

void json(const ExplainNode& n, std::string& out) {
  out += fmt::format("{{\"kind\": {}, \"name\": {}, \"label\": {}, \"formula\": {}, \"value\": {}, \"detail\": {}, \"where\": {}, \"children\": [",
                     json_string(kind_name(n.kind)), json_string(n.name), json_string(n.label), json_string(n.formula),
                     json_string(n.value), json_string(n.detail), json_string(n.where));
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    if (i) out += ", ";
    json(n.children[i], out);
  }
  out += "]}";
}

}  // namespace

std::string render_explain_text(const std::vector<ExplainNode>& roots) {
  std::string out;
  for (const auto& r : roots) {
    text(r, 0, out);
    out += "\n";
  }
  return out;
}

std::string render_explain_json(const std::vector<ExplainNode>& roots) {
  std::string out = "[";
  for (std::size_t i = 0; i < roots.size(); ++i) {
    out += i ? ",\n " : "\n ";
    json(roots[i], out);
  }
  return out + "\n]\n";
}

}  // namespace caqes
