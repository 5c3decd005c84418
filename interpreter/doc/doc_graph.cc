// Graphviz through its C library (see doc_graph.h); the layout plugins are those the package installs.
#include "doc/doc_graph.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <memory>

// The two plugins the sheets need, linked in: the `dot` layout and the core renderers (SVG). Graphviz then reads no
// plugin configuration and loads nothing else: no text-layout plugin (pango, fontconfig), whose font lookups leak
// and, in Debian's 2.42, read freed memory; text widths come from Graphviz's own font metrics, the same on every
// machine, so the SVG does not depend on the fonts installed.
extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace caqes {
namespace {

const lt_symlist_t kBuiltinPlugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {nullptr, nullptr},
};

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
  std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContextPlugins(kBuiltinPlugins, 0), gvFreeContext);
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
