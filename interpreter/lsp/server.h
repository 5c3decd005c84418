// The language server: reads the editor's requests and notifications, keeps the open documents, re-checks the
// contract of a document when it changes and publishes its diagnostics, and answers hovers, definitions,
// references, completions, outlines, formatting, code lenses and the command that runs one test.
#pragma once

#include <iosfwd>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/symbol_index.h"
#include "lsp/workspace.h"
#include "syntax/message.h"

namespace caqes::lsp {

class Server {
 public:
  explicit Server(std::ostream& out) : out_(out) {}
  // Handles one message (a request, a notification, or a reply to the server). False once `exit` has come.
  bool handle(const nlohmann::json& message);
  // 0 if `shutdown` came before `exit`, 1 otherwise (the protocol's rule).
  int exit_code() const { return shut_down_ ? 0 : 1; }

 private:
  nlohmann::json request(const std::string& method, const nlohmann::json& params);
  void notification(const std::string& method, const nlohmann::json& params);

  const Document& document(const nlohmann::json& params) const;
  Analysis& analysis_of(const std::string& path);
  const SymbolIndex& index_of(Analysis& analysis);
  // Checks again every contract the document is part of, and publishes their diagnostics.
  void recheck(const std::string& path);
  void publish(const Analysis& analysis);
  void send(const nlohmann::json& message);

  std::ostream& out_;
  Language language_ = Language::Fr;
  bool shut_down_ = false;
  DocumentStore documents_;
  ParseCache parse_cache_;
  std::map<std::string, std::unique_ptr<Analysis>> analyses_;        // by contract root
  std::map<const Analysis*, std::unique_ptr<SymbolIndex>> indexes_;  // built when first asked for
  std::map<std::string, std::set<std::string>> published_;          // root → URIs given diagnostics
};

// Serves the protocol on `in` and `out` until `exit` or the end of `in`; returns the exit code.
int run_language_server(std::istream& in, std::ostream& out);

}  // namespace caqes::lsp
