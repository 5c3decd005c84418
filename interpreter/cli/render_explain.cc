// Rendering of explanation trees (see render_explain.h).
#include "cli/render_explain.h"

#include "cli/json_writer.h"
#include "eval/explain_messages.h"

namespace caqes {
namespace {

void text(const ExplainNode& n, int depth, Language lang, std::string& out) {
  std::string pad(static_cast<std::size_t>(depth * 2), ' ');
  std::string head = n.name;
  if (!n.value.empty()) head += " = " + n.value.in(lang);
  out += pad + head;
  if (!n.label.empty()) out += "   " + Message(explain_messages::kQuotedLabel, n.label).in(lang);
  if (!n.where.empty()) out += "   (" + n.where + ")";
  out += "\n";
  if (!n.formula.empty() && n.kind != ExplainNode::Kind::Comparison) out += pad + "    = " + n.formula + "\n";
  if (!n.detail.empty()) out += pad + "    " + n.detail.in(lang) + "\n";
  for (const auto& c : n.children) text(c, depth + 1, lang, out);
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

Json node_json(const ExplainNode& n, Language lang) {
  Json children = Json::array();
  for (const auto& c : n.children) children.push_back(node_json(c, lang));
  return Json{{"kind", kind_name(n.kind)},  {"name", n.name},
              {"label", n.label},           {"formula", n.formula},
              {"value", n.value.in(lang)},  {"detail", n.detail.in(lang)},
              {"where", n.where},           {"children", std::move(children)}};
}

}  // namespace

std::string render_explain_text(const std::vector<ExplainNode>& roots, Language lang) {
  std::string out;
  for (const auto& r : roots) {
    text(r, 0, lang, out);
    out += "\n";
  }
  return out;
}

std::string render_explain_json(const std::vector<ExplainNode>& roots, Language lang) {
  Json doc = Json::array();
  for (const auto& r : roots) doc.push_back(node_json(r, lang));
  return write_json(doc);
}

}  // namespace caqes
