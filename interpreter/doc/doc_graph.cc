// Graphviz through its C library (see doc_graph.h); the layout plugins are those the package installs.
#include "doc/doc_graph.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>

namespace caqes {
namespace {

std::string last_graphviz_error;

int keep_error(char* message) {
  last_graphviz_error += message;
  return 0;
}

}  // namespace

std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

bool layout_svg(const std::string& dot, std::string& svg, std::string& error) {
  last_graphviz_error.clear();
  agseterr(AGERR);
  agseterrf(keep_error);
  std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContext(), gvFreeContext);
  if (!gvc) {
    error = "gvContext";
    return false;
  }
  Agraph_t* graph = agmemread(dot.c_str());
  if (!graph) {
    error = last_graphviz_error.empty() ? "agmemread" : last_graphviz_error;
    return false;
  }
  bool ok = gvLayout(gvc.get(), graph, "dot") == 0;
  if (ok) {
    char* data = nullptr;
    unsigned int length = 0;
    ok = gvRenderData(gvc.get(), graph, "svg", &data, &length) == 0 && data;
    if (ok) svg.assign(data, length);
    if (data) gvFreeRenderData(data);
    gvFreeLayout(gvc.get(), graph);
  }
  agclose(graph);
  if (!ok) error = last_graphviz_error.empty() ? "gvLayout/gvRenderData" : last_graphviz_error;
  return ok;
}

}  // namespace caqes
