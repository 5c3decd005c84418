// The dispatch of the protocol's messages, and the re-checking of contracts as documents change.
#include "lsp/server.h"

#include <istream>
#include <ostream>

#include "lsp/features.h"
#include "lsp/lsp_messages.h"
#include "lsp/protocol.h"
#include "syntax/syntax_messages.h"

namespace caqes::lsp {
using namespace lsp_messages;
using nlohmann::json;

namespace {

// JSON-RPC error codes.
constexpr int kParseError = -32700, kInvalidParams = -32602, kMethodNotFound = -32601, kRequestFailed = -32803;

// A request that cannot be answered: the protocol's error code and the message shown.
struct RequestError {
  int code;
  Message message;
};

// "path:line:col" → path.
std::string path_of_location(const std::string& location) {
  std::size_t last = location.rfind(':');
  if (last == std::string::npos || last == 0) return location;
  std::size_t before = location.rfind(':', last - 1);
  return before == std::string::npos ? location : location.substr(0, before);
}

}  // namespace

void Server::send(const json& message) { write_message(out_, message); }

const Document& Server::document(const json& params) const {
  std::string uri = params.at("textDocument").at("uri").get<std::string>();
  const Document* d = documents_.find(uri);
  if (!d) throw RequestError{kInvalidParams, Message(kDocumentNotOpen, uri)};
  return *d;
}

Analysis& Server::analysis_of(const std::string& path) {
  std::string root = contract_root(path);
  auto& slot = analyses_[root];
  if (!slot) slot = analyse(root, documents_, parse_cache_);
  return *slot;
}

const SymbolIndex& Server::index_of(Analysis& analysis) {
  auto& slot = indexes_[&analysis];
  if (!slot) slot = std::make_unique<SymbolIndex>(analysis.program(), analysis.checked.get());
  return *slot;
}

void Server::recheck(const std::string& path) {
  std::set<std::string> roots = {contract_root(path)};
  for (const auto& [root, a] : analyses_)
    for (const auto& f : a->files)
      if (f == path) roots.insert(root);
  for (const auto& root : roots) {
    auto& slot = analyses_[root];
    if (slot) indexes_.erase(slot.get());
    slot = analyse(root, documents_, parse_cache_);
    publish(*slot);
  }
}

void Server::publish(const Analysis& analysis) {
  std::map<std::string, json> by_uri;
  for (const auto& f : analysis.files) by_uri[uri_from_path(f)] = json::array();
  for (const auto& d : analysis.diagnostics.items()) {
    std::string path = d.span.line > 0 ? path_of_location(d.location) : std::string();
    if (path.empty()) {
      // A diagnostic of the whole contract (no rules file in the folder...): shown on its first open document.
      for (const Document* doc : documents_.all())
        if (contract_root(doc->path) == analysis.root) {
          path = doc->path;
          break;
        }
      if (path.empty()) continue;
    }
    int line = std::max(1, d.span.line), column = std::max(1, d.span.column);
    json range = {{"start", {{"line", line - 1}, {"character", utf16_units(d.source_line, column - 1)}}},
                  {"end", {{"line", line - 1}, {"character", utf16_units(d.source_line, column - 1 + d.span.length)}}}};
    std::string text = d.message.in(language_);
    if (!d.hint.empty()) text += "\n" + std::string(syntax_messages::kHintLabel.in(language_)) + " " + d.hint.in(language_);
    int severity = d.severity == Severity::Error ? 1 : d.severity == Severity::Warning ? 2 : 3;
    by_uri[uri_from_path(path)].push_back({{"range", range}, {"severity", severity}, {"source", "caqes"}, {"message", text}});
  }
  std::set<std::string>& before = published_[analysis.root];
  for (const auto& uri : before)
    if (!by_uri.count(uri)) by_uri[uri] = json::array();  // no longer part of the contract, or fixed
  before.clear();
  for (auto& [uri, list] : by_uri) {
    if (!list.empty()) before.insert(uri);
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", {{"uri", uri}, {"diagnostics", list}}}});
  }
}

namespace {

Place place_of(const Document& d, const json& params) {
  int line = params.at("position").at("line").get<int>();
  int character = params.at("position").at("character").get<int>();
  SourceFile file(d.path, d.text);
  return {d.path, line + 1, characters_at(file.line_text(line + 1), character) + 1};
}

json capabilities() {
  return {{"positionEncoding", "utf-16"},
          {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
          {"hoverProvider", true},
          {"definitionProvider", true},
          {"referencesProvider", true},
          {"completionProvider", {{"triggerCharacters", json::array({"."})}}},
          {"documentSymbolProvider", true},
          {"documentFormattingProvider", true},
          {"codeLensProvider", {{"resolveProvider", false}}},
          {"executeCommandProvider", {{"commands", json::array({kRunTestCommand})}}}};
}

}  // namespace

json Server::request(const std::string& method, const json& params) {
  if (method == "initialize") {
    if (params.contains("initializationOptions") && params["initializationOptions"].is_object()) {
      const json& options = params["initializationOptions"];
      if (options.contains("language") && options["language"].is_string())
        language_ = language_from_name(options["language"].get<std::string>()).value_or(language_);
    }
    return {{"capabilities", capabilities()}, {"serverInfo", {{"name", "caqes"}, {"version", "0.1"}}}};
  }
  if (method == "shutdown") {
    shut_down_ = true;
    return nullptr;
  }
  if (method == "textDocument/hover") {
    const Document& d = document(params);
    Analysis& a = analysis_of(d.path);
    return hover(a, index_of(a), place_of(d, params), language_);
  }
  if (method == "textDocument/definition") {
    const Document& d = document(params);
    Analysis& a = analysis_of(d.path);
    const SymbolIndex& index = index_of(a);
    Place at = place_of(d, params);
    const Occurrence* o = index.at(at.path, at.line, at.column);
    const Occurrence* decl = o ? index.declaration(o->target) : nullptr;
    if (decl) return location_of(a.program(), *decl);
    // On `importe "pmsi";` or `étend "../caqes-2021";`: the file it opens.
    for (const auto& link : a.links)
      if (link.path == at.path && link.line == at.line && at.column >= link.column && at.column <= link.column + link.length)
        return {{"uri", uri_from_path(link.target)},
                {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}};
    return nullptr;
  }
  if (method == "textDocument/references") {
    const Document& d = document(params);
    Analysis& a = analysis_of(d.path);
    const SymbolIndex& index = index_of(a);
    Place at = place_of(d, params);
    bool with_declaration = params.value("context", json::object()).value("includeDeclaration", true);
    json out = json::array();
    if (const Occurrence* o = index.at(at.path, at.line, at.column))
      for (const Occurrence* use : index.uses(o->target))
        if (with_declaration || !use->declaration) out.push_back(location_of(a.program(), *use));
    return out;
  }
  if (method == "textDocument/completion") {
    const Document& d = document(params);
    Analysis& a = analysis_of(d.path);
    return completion(a, d, place_of(d, params));
  }
  if (method == "textDocument/documentSymbol") return document_symbols(document(params));
  if (method == "textDocument/formatting") {
    auto edits = formatting(document(params));
    if (!edits) throw RequestError{kRequestFailed, Message(kCannotFormatWithErrors)};
    return *edits;
  }
  if (method == "textDocument/codeLens") return code_lenses(document(params), language_);
  if (method == "workspace/executeCommand") {
    std::string command = params.at("command").get<std::string>();
    if (command != kRunTestCommand) throw RequestError{kInvalidParams, Message(kUnknownMethod, command)};
    const json& args = params.at("arguments");
    std::string uri = args.at(0).get<std::string>(), label = args.at(1).get<std::string>();
    const Document* d = documents_.find(uri);
    std::string path = d ? d->path : normal_path(path_from_uri(uri));
    Message why;
    auto result = run_test(analysis_of(path), label, language_, why);
    if (!result) throw RequestError{kRequestFailed, why};
    bool passed = (*result)["passed"].get<bool>();
    std::string notice = Message(passed ? kTestPassedNotice : kTestFailedNotice, label).in(language_);
    send({{"jsonrpc", "2.0"},
          {"method", "window/showMessage"},
          {"params", {{"type", passed ? 3 : 1}, {"message", notice + "\n" + (*result)["text"].get<std::string>()}}}});
    return *result;
  }
  throw RequestError{kMethodNotFound, Message(kUnknownMethod, method)};
}

void Server::notification(const std::string& method, const json& params) {
  if (method == "textDocument/didOpen") {
    const json& doc = params.at("textDocument");
    documents_.open(doc.at("uri").get<std::string>(), doc.at("text").get<std::string>(), doc.value("version", 0));
    recheck(documents_.find(doc.at("uri").get<std::string>())->path);
  } else if (method == "textDocument/didChange") {
    std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const json& changes = params.at("contentChanges");
    if (changes.empty() || !documents_.find(uri)) return;
    documents_.change(uri, changes.back().at("text").get<std::string>(),
                      params.at("textDocument").value("version", 0));
    recheck(documents_.find(uri)->path);
  } else if (method == "textDocument/didSave") {
    const Document* d = documents_.find(params.at("textDocument").at("uri").get<std::string>());
    if (d) recheck(d->path);
  } else if (method == "textDocument/didClose") {
    std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const Document* d = documents_.find(uri);
    if (!d) return;
    std::string path = d->path;
    documents_.close(uri);
    // What the contracts read is now the file on disk.
    for (auto it = analyses_.begin(); it != analyses_.end();) {
      bool reads = std::find(it->second->files.begin(), it->second->files.end(), path) != it->second->files.end();
      if (reads) indexes_.erase(it->second.get());
      it = reads ? analyses_.erase(it) : std::next(it);
    }
    for (auto& [root, uris] : published_) uris.erase(uri);
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  }
}

bool Server::handle(const json& message) {
  if (!message.is_object()) return true;
  std::string method = message.value("method", "");
  json params = message.value("params", json::object());
  bool is_request = message.contains("id");
  if (method.empty()) return true;  // a reply to something the server sent
  if (method == "exit") return false;
  if (!is_request) {
    try {
      notification(method, params);
    } catch (const json::exception&) {
      // A malformed notification has nobody to answer to.
    }
    return true;
  }
  json reply = {{"jsonrpc", "2.0"}, {"id", message["id"]}};
  try {
    reply["result"] = request(method, params);
  } catch (const RequestError& e) {
    reply["error"] = {{"code", e.code}, {"message", e.message.in(language_)}};
  } catch (const json::exception& e) {
    reply["error"] = {{"code", kInvalidParams}, {"message", Message(kBadRequest, e.what()).in(language_)}};
  }
  send(reply);
  return true;
}

int run_language_server(std::istream& in, std::ostream& out) {
  Server server(out);
  while (auto body = read_message(in)) {
    json message = json::parse(*body, nullptr, false);
    if (message.is_discarded()) {
      write_message(out, {{"jsonrpc", "2.0"},
                          {"id", nullptr},
                          {"error", {{"code", kParseError}, {"message", Message(kBadRequest, "JSON").in(Language::Fr)}}}});
      continue;
    }
    if (!server.handle(message)) return server.exit_code();
  }
  return 1;
}

}  // namespace caqes::lsp
