// Graph layout for the indicator sheets, by Graphviz's library (libgvc): a graph in the DOT language in, SVG out.
#pragma once

#include <string>

namespace caqes {

// Lays out `dot` with Graphviz's `dot` engine. False, with Graphviz's reason in `error`, when it cannot.
bool layout_svg(const std::string& dot, std::string& svg, std::string& error);

// A string as a DOT quoted string ("…", with \" and \\ escaped).
std::string dot_quote(const std::string& s);

}  // namespace caqes
