// The indicator sheets as a static site: an index of the contract, a page per indicator, per table and per
// parameter, in HTML (self-contained pages: styles inline, graphs as inline SVG, nothing loaded from anywhere) or
// in Markdown (for a repository; the graphs as SVG files beside the pages). Written in French, for policy staff.
#pragma once

#include <string>
#include <vector>

#include "doc/doc_model.h"
#include "syntax/message.h"

namespace caqes {

enum class DocFormat { Html, Markdown };

struct DocPage {
  std::string path;  // relative to the site's folder: "index.html", "indicateurs/transport.html"
  std::string content;
};

// Every page of the site. `own_files`: the rules files of the contract itself (not those it extends or imports),
// to say what an amendment changes. False, with the reason in `error`, when a graph cannot be laid out.
bool render_doc_site(const DocModel& model, DocFormat format, const std::vector<std::string>& own_files,
                     std::vector<DocPage>& pages, Message& error);

}  // namespace caqes
