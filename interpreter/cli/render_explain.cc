// Rendering of explanation trees (see render_explain.h).
#include "cli/render_explain.h"

#include "cli/json_writer.h"

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

Json node_json(const ExplainNode& n) {
  Json children = Json::array();
  for (const auto& c : n.children) children.push_back(node_json(c));
  return Json{{"kind", kind_name(n.kind)}, {"name", n.name},     {"label", n.label},   {"formula", n.formula},
              {"value", n.value},          {"detail", n.detail}, {"where", n.where},   {"children", std::move(children)}};
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
  Json doc = Json::array();
  for (const auto& r : roots) doc.push_back(node_json(r));
  return write_json(doc);
}

}  // namespace caqes
