// The language server, driven as an editor drives it: framed JSON-RPC messages in, replies and notifications out,
// on the shipped contracts (rules/caqes-2021, rules/caqes-2022) and on tests/lsp/unicode. Every expected line,
// column, label and figure is read in those files by hand; columns are UTF-16 code units, as the protocol counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

#include "lsp/lsp_messages.h"
#include "lsp/protocol.h"
#include "lsp/server.h"
#include "lsp/workspace.h"
#include "message_catalog.h"

namespace caqes {
namespace {

using nlohmann::json;

std::string source_path(const std::string& relative) {
  return lsp::normal_path(std::string(CAQES_SOURCE_DIR) + "/" + relative);
}
std::string uri(const std::string& relative) { return lsp::uri_from_path(source_path(relative)); }
std::string read(const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// An editor's side of a session: requests and notifications go to the server as framed bytes, the replies and
// notifications come back through the same framing.
class Editor {
 public:
  Editor() : server_(out_) {}

  json request(const std::string& method, const json& params = json::object()) {
    int id = next_id_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    for (const auto& m : received_)
      if (m.contains("id") && m["id"] == id) return m;
    FAIL("no reply to ", method);
    return {};
  }
  void notify(const std::string& method, const json& params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  // The diagnostics last published for `uri` (null if none was).
  json diagnostics(const std::string& u) const {
    json last;
    for (const auto& m : received_)
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == u)
        last = m["params"]["diagnostics"];
    return last;
  }
  void open(const std::string& relative, const std::string& text) {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri(relative)}, {"languageId", "caqes"}, {"version", 1}, {"text", text}}}});
  }
  void change(const std::string& relative, const std::string& text) {
    notify("textDocument/didChange",
           {{"textDocument", {{"uri", uri(relative)}, {"version", ++version_}}}, {"contentChanges", {{{"text", text}}}}});
  }
  json at(const std::string& method, const std::string& relative, int line, int character) {
    return request(method, {{"textDocument", {{"uri", uri(relative)}}}, {"position", {{"line", line}, {"character", character}}}});
  }
  const std::vector<json>& received() const { return received_; }
  bool running() const { return running_; }
  int exit_code() const { return server_.exit_code(); }

 private:
  void send(const json& message) {
    std::stringstream wire;
    lsp::write_message(wire, message);
    auto body = lsp::read_message(wire);
    REQUIRE(body);
    running_ = server_.handle(json::parse(*body));
    out_.clear();
    while (auto reply = lsp::read_message(out_)) received_.push_back(json::parse(*reply));
    out_.clear();
  }

  std::stringstream out_;
  lsp::Server server_;
  std::vector<json> received_;
  int next_id_ = 1;
  int version_ = 1;
  bool running_ = true;
};

json range(int line, int start, int end) {
  return {{"start", {{"line", line}, {"character", start}}}, {"end", {{"line", line}, {"character", end}}}};
}

std::string hover_text(const json& reply) {
  REQUIRE(reply.contains("result"));
  REQUIRE(reply["result"].is_object());
  return reply["result"]["contents"]["value"].get<std::string>();
}

std::vector<std::string> labels(const json& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i["label"].get<std::string>());
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("every message of the language server's catalog has a French text of its own") {
  using namespace lsp_messages;
  const std::vector<const MessageText*> all = {
      &kHoverTable, &kHoverColumn, &kHoverParameter, &kHoverIndicator, &kHoverDefinition, &kHoverFunction,
      &kHoverType, &kHoverTableKey, &kHoverKeyEntity, &kHoverKeyEntityYear, &kHoverKeyRows, &kHoverKeyRowsYear,
      &kHoverColumns, &kHoverKeyColumn, &kHoverValueInYear, &kHoverValuePerEstablishment, &kHoverValueUnknown,
      &kHoverFormula, &kRunTestLens, &kTestPassedNotice, &kTestFailedNotice, &kContractHasErrors, &kNoSuchTest,
      &kUnknownMethod, &kBadRequest, &kDocumentNotOpen, &kCannotFormatWithErrors};
  // "table {0}" is the same word in both languages.
  check_catalog("interpreter/lsp/lsp_messages.h", all, {&kHoverTable});
}

TEST_CASE("the wire: Content-Length framing, UTF-16 columns, file URIs") {
  std::stringstream wire;
  lsp::write_message(wire, {{"a", "é"}});
  lsp::write_message(wire, {{"b", 1}});
  std::string bytes = wire.str();
  // {"a":"é"} is 10 bytes: é is two bytes of UTF-8.
  CHECK(bytes.rfind("Content-Length: 10\r\n\r\n{\"a\":\"é\"}", 0) == 0);
  auto first = lsp::read_message(wire);
  auto second = lsp::read_message(wire);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*first == "{\"a\":\"é\"}");
  CHECK(*second == "{\"b\":1}");
  CHECK(!lsp::read_message(wire));
  std::stringstream truncated("Content-Length: 20\r\n\r\n{}");
  CHECK(!lsp::read_message(truncated));

  // "é" is one character and one UTF-16 unit (two bytes); "𝔸" one character, two units (four bytes).
  const std::string line = "é𝔸_x = 1 €;";
  CHECK(lsp::utf16_units(line, 0) == 0);
  CHECK(lsp::utf16_units(line, 1) == 1);
  CHECK(lsp::utf16_units(line, 2) == 3);
  CHECK(lsp::utf16_units(line, 4) == 5);
  CHECK(lsp::characters_at(line, 3) == 2);
  CHECK(lsp::characters_at(line, 5) == 4);
  CHECK(lsp::characters_at(line, 100) == 11);

  CHECK(lsp::path_from_uri("file:///home/r%C3%A8gles/a%20b.caqes") == "/home/règles/a b.caqes");
  CHECK(lsp::uri_from_path("/home/règles/a b.caqes") == "file:///home/r%C3%A8gles/a%20b.caqes");
}

TEST_CASE("a session on rules/caqes-2022: diagnostics, hover, definition, references, completion while writing an indicator") {
  Editor editor;
  json init = editor.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}});
  CHECK(init["result"]["capabilities"]["hoverProvider"] == true);
  CHECK(init["result"]["capabilities"]["positionEncoding"] == "utf-16");
  editor.notify("initialized", json::object());

  const std::string file = "rules/caqes-2022/transport.caqes";
  const std::string original = read(file);
  editor.open(file, original);
  // The contract checks (as `caqes check rules/caqes-2022` does): no diagnostic, for this file nor the base's.
  CHECK(editor.diagnostics(uri(file)) == json::array());
  CHECK(editor.diagnostics(uri("rules/caqes-2021/transport.caqes")) == json::array());

  // Line 11: `  ciblage = R[2019] ≥ 20 % et transports.amb[2019] ≥ 400 000 € et statut ≠ "privé";`
  // R (column 12) is the definition of the base's indicator, rules/caqes-2021/transport.caqes:21.
  std::string r = hover_text(editor.at("textDocument/hover", file, 10, 12));
  CHECK(r.find("**définition transport.R** — Part de l'ambulance dans les montants remboursés") == 0);
  CHECK(r.find("type : taux (%)") != std::string::npos);
  CHECK(r.find("formule : `transports.amb / M`") != std::string::npos);
  json def = editor.at("textDocument/definition", file, 10, 12);
  CHECK(def["result"]["uri"] == uri("rules/caqes-2021/transport.caqes"));
  CHECK(def["result"]["range"] == range(20, 2, 3));
  // amb of transports.amb (columns 41-43; the ≥ before it is one unit, three bytes): the column declared at
  // rules/caqes-2021/transport.caqes:7.
  std::string amb = hover_text(editor.at("textDocument/hover", file, 10, 42));
  CHECK(amb.find("**colonne transports.amb** — Montant remboursé ambulance (AMB)") == 0);
  CHECK(amb.find("type : monnaie, montant (€)") != std::string::npos);
  def = editor.at("textDocument/definition", file, 10, 42);
  CHECK(def["result"]["uri"] == uri("rules/caqes-2021/transport.caqes"));
  CHECK(def["result"]["range"] == range(6, 2, 5));
  // statut (column 66, after ≥ and €): rules/caqes-2021/contrat.caqes:21, in the table of establishments.
  def = editor.at("textDocument/definition", file, 10, 66);
  CHECK(def["result"]["uri"] == uri("rules/caqes-2021/contrat.caqes"));
  CHECK(def["result"]["range"] == range(20, 2, 8));
  CHECK(hover_text(editor.at("textDocument/hover", file, 10, 66)).find("Statut: public, espic, privé") != std::string::npos);

  // Writing a new indicator, with a mistake: a rate plus an amount. The file has 24 lines; after the empty line 25,
  // the indicator opens on line 26, `part` is defined on line 30 and `valeur` is line 31, `part + 1 €` from column 11.
  const std::string with_indicator = original +
                                     "\nindicateur essai_transport \"Part du TAP\" {\n"
                                     "  volet organisation_des_soins;\n"
                                     "  niveau national;\n"
                                     "  source \"DCIR\";\n"
                                     "  part \"Part du TAP\" = transports.tap / transports.amb;\n"
                                     "  valeur = part + 1 €;\n"
                                     "  ciblage = vrai;\n"
                                     "}\n";
  editor.change(file, with_indicator);
  json diags = editor.diagnostics(uri(file));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0]["severity"] == 1);
  CHECK(diags[0]["range"] == range(30, 11, 21));
  CHECK(diags[0]["message"] ==
        "impossible d'additionner des valeurs de type taux (%) et montant (€)\n"
        "conseil : un montant en € ne s'additionne qu'à un montant en € ; une part d'un montant s'écrit montant × taux");
  // The contract does not check: navigation goes on by the language's scoping.
  def = editor.at("textDocument/definition", file, 30, 12);
  CHECK(def["result"]["uri"] == uri(file));
  CHECK(def["result"]["range"] == range(29, 2, 6));

  // Fixed: no diagnostic; the new definition has its type (€ / € is a rate).
  std::string fixed = with_indicator;
  fixed.replace(fixed.find("part + 1 €"), std::string("part + 1 €").size(), "part");
  editor.change(file, fixed);
  CHECK(editor.diagnostics(uri(file)) == json::array());
  std::string part = hover_text(editor.at("textDocument/hover", file, 30, 12));
  CHECK(part.find("**définition essai_transport.part** — Part du TAP") == 0);
  CHECK(part.find("type : taux (%)") != std::string::npos);

  // References of transports.amb, as `grep -n 'amb\b'` finds them outside comments (1-based lines): its declaration
  // (caqes-2021/transport.caqes:7), the base's formulas (20, 21; not 27, the `ciblage` that this contract's
  // `modifie indicateur transport` replaces) and test rows (43-45, 57-59, 70, 73), this
  // contract's organisation_des_soins.caqes (24; test rows 74, 77), this file (11; rows 17, 19) and the new line 30.
  json refs = editor.request("textDocument/references", {{"textDocument", {{"uri", uri(file)}}},
                                                         {"position", {{"line", 10}, {"character", 42}}},
                                                         {"context", {{"includeDeclaration", true}}}});
  std::vector<std::pair<std::string, int>> places;
  for (const auto& l : refs["result"]) places.push_back({l["uri"].get<std::string>(), l["range"]["start"]["line"].get<int>() + 1});
  std::sort(places.begin(), places.end());
  std::vector<std::pair<std::string, int>> expected;
  for (int l : {7, 20, 21, 43, 44, 45, 57, 58, 59, 70, 73}) expected.push_back({uri("rules/caqes-2021/transport.caqes"), l});
  for (int l : {24, 74, 77}) expected.push_back({uri("rules/caqes-2022/organisation_des_soins.caqes"), l});
  for (int l : {11, 17, 19, 30}) expected.push_back({uri(file), l});
  std::sort(expected.begin(), expected.end());
  CHECK(places == expected);

  // A syntax error while typing: reported where it is; the outline and hovers still work for what parses.
  std::string broken = fixed;
  broken.replace(broken.find("valeur = part;"), std::string("valeur = part;").size(), "valeur = part +;");
  editor.change(file, broken);
  diags = editor.diagnostics(uri(file));
  REQUIRE(diags.size() >= 1);
  CHECK(diags[0]["severity"] == 1);
  CHECK(diags[0]["range"]["start"]["line"] == 30);
  json symbols = editor.request("textDocument/documentSymbol", {{"textDocument", {{"uri", uri(file)}}}});
  std::vector<std::string> names;
  for (const auto& s : symbols["result"]) names.push_back(s["name"].get<std::string>());
  CHECK(names == std::vector<std::string>{"transport", "transport 2022: un établissement privé est écarté du ciblage national"});
  CHECK(hover_text(editor.at("textDocument/hover", file, 10, 12)).find("**définition transport.R**") == 0);

  // Completion after `transports.`: the table's columns; elsewhere, keywords, names and functions.
  std::string typing = fixed;
  typing.replace(typing.find("valeur = part;"), std::string("valeur = part;").size(), "valeur = transports.");
  editor.change(file, typing);
  json items = editor.at("textDocument/completion", file, 30, 22)["result"]["items"];
  std::vector<std::string> columns = labels(items);
  std::sort(columns.begin(), columns.end());
  CHECK(columns == std::vector<std::string>{"amb", "année", "finess", "tap"});
  for (const auto& i : items)
    if (i["label"] == "tap") CHECK(i["documentation"]["value"] == "Montant remboursé transport assis professionnalisé (VSL + taxi)");
  json all = editor.at("textDocument/completion", file, 10, 12)["result"]["items"];
  std::vector<std::string> names_in_scope = labels(all);
  CHECK(has(names_in_scope, "coût_trajet_tap"));
  CHECK(has(names_in_scope, "R"));  // a definition of the indicator the cursor is in
  CHECK(has(names_in_scope, "transports"));
  CHECK(has(names_in_scope, "indicateur"));
  CHECK(has(names_in_scope, "statut"));
  for (const auto& i : all)
    if (i["label"] == "jours_entre") CHECK(i["detail"].get<std::string>().find("jours_entre(") == 0);

  // Back to the file as shipped; then its test, run from the code lens's command, passes.
  editor.change(file, original);
  CHECK(editor.diagnostics(uri(file)) == json::array());
  json lenses = editor.request("textDocument/codeLens", {{"textDocument", {{"uri", uri(file)}}}})["result"];
  REQUIRE(lenses.size() == 1);
  CHECK(lenses[0]["range"]["start"]["line"] == 13);  // line 14: `test "transport 2022: …" {`
  CHECK(lenses[0]["command"]["title"] == "▶ lancer ce test");
  json run = editor.request("workspace/executeCommand",
                            {{"command", lenses[0]["command"]["command"]}, {"arguments", lenses[0]["command"]["arguments"]}});
  CHECK(run["result"]["passed"] == true);
  // The same test with an expectation made false: it fails, and says so.
  std::string wrong = original;
  wrong.replace(wrong.find("attendu \"340000005\": transport.ciblage;"),
                std::string("attendu \"340000005\": transport.ciblage;").size(),
                "attendu \"340000005\": non transport.ciblage;");
  editor.change(file, wrong);
  run = editor.request("workspace/executeCommand",
                       {{"command", "caqes.lancerTest"},
                        {"arguments", {uri(file), "transport 2022: un établissement privé est écarté du ciblage national"}}});
  CHECK(run["result"]["passed"] == false);
  CHECK(run["result"]["text"].get<std::string>().find("transport 2022: un établissement privé") != std::string::npos);

  json down = editor.request("shutdown");
  CHECK(down["result"].is_null());
  editor.notify("exit", json::object());
  CHECK(!editor.running());
  CHECK(editor.exit_code() == 0);
}

TEST_CASE("hover on rules/caqes-2021: a parameter's value for each year, a function's documentation, an indicator") {
  Editor editor;
  editor.request("initialize", json::object());
  const std::string file = "rules/caqes-2021/transport.caqes";
  editor.open(file, read(file));
  // Line 36: `    alors 20 % × (R[N-1] - R) × M × ((coût_trajet_ambulance - coût_trajet_tap) / coût_trajet_tap)`;
  // coût_trajet_tap at column 62 (× counts one unit), declared line 12 at 46,70 €; the contract covers 2020..2021.
  std::string tap = hover_text(editor.at("textDocument/hover", file, 35, 63));
  CHECK(tap.find("**paramètre coût_trajet_tap** — Coût moyen d'un trajet en transport assis (TAP)") == 0);
  CHECK(tap.find("type : montant (€)") != std::string::npos);
  CHECK(tap.find("- en 2020 : 46,70 €\n- en 2021 : 46,70 €") != std::string::npos);
  json refs = editor.request("textDocument/references", {{"textDocument", {{"uri", uri(file)}}},
                                                         {"position", {{"line", 11}, {"character", 12}}},
                                                         {"context", {{"includeDeclaration", false}}}});
  REQUIRE(refs["result"].size() == 2);
  CHECK(refs["result"][0]["range"] == range(35, 62, 77));
  CHECK(refs["result"][1]["range"] == range(35, 81, 96));
  // The indicator's metadata, on its name (line 14).
  std::string ind = hover_text(editor.at("textDocument/hover", file, 13, 13));
  CHECK(ind.find("**indicateur transport** — Taux de recours à l'ambulance") == 0);
  CHECK(ind.find("- volet : organisation_des_soins") != std::string::npos);
  CHECK(ind.find("- niveau : national") != std::string::npos);
  // The outline: the table and its columns, the parameters, the indicator and its definitions, the three tests.
  json symbols = editor.request("textDocument/documentSymbol", {{"textDocument", {{"uri", uri(file)}}}})["result"];
  std::vector<std::string> names;
  for (const auto& s : symbols) names.push_back(s["name"].get<std::string>());
  CHECK(names == std::vector<std::string>{"transports", "coût_trajet_ambulance", "coût_trajet_tap", "transport",
                                          "transport, cas 1: la part de l'ambulance baisse, l'économie est rémunérée",
                                          "transport, cas 2: la part de l'ambulance monte, rien n'est dû",
                                          "transport, ciblage: seuils exacts"});
  std::vector<std::string> columns, bindings;
  for (const auto& c : symbols[0]["children"]) columns.push_back(c["name"].get<std::string>());
  for (const auto& b : symbols[3]["children"]) bindings.push_back(b["name"].get<std::string>());
  CHECK(columns == std::vector<std::string>{"amb", "tap"});
  CHECK(bindings == std::vector<std::string>{"M", "R", "valeur", "ciblage", "intéressement"});
  // The table: `table transports` on line 6 (its name from column 6 to 16), its `}` on line 9.
  CHECK(symbols[0]["selectionRange"] == range(5, 6, 16));
  CHECK(symbols[0]["range"]["start"] == json({{"line", 5}, {"character", 0}}));
  CHECK(symbols[0]["range"]["end"]["line"] == 8);
}

TEST_CASE("a brace left open: what parses before and after it still gives an outline and hovers") {
  Editor editor;
  editor.request("initialize", json::object());
  const std::string file = "rules/caqes-2021/transport.caqes";
  std::string text = read(file);
  // The `}` of line 38 closes the indicator `transport`; without it, the parser stops at `test` on line 40.
  const std::string closing = "    sinon 0 €;\n}\n";
  REQUIRE(text.find(closing) != std::string::npos);
  text.replace(text.find(closing), closing.size(), "    sinon 0 €;\n");
  editor.open(file, text);
  json diags = editor.diagnostics(uri(file));
  REQUIRE(diags.size() >= 1);
  CHECK(diags[0]["range"]["start"]["line"] == 38);  // line 39 now: the first test's `test`
  json symbols = editor.request("textDocument/documentSymbol", {{"textDocument", {{"uri", uri(file)}}}})["result"];
  std::vector<std::string> names;
  for (const auto& s : symbols) names.push_back(s["name"].get<std::string>());
  CHECK(names == std::vector<std::string>{"transports", "coût_trajet_ambulance", "coût_trajet_tap",
                                          "transport, cas 1: la part de l'ambulance baisse, l'économie est rémunérée",
                                          "transport, cas 2: la part de l'ambulance monte, rien n'est dû",
                                          "transport, ciblage: seuils exacts"});
  // A hover in a test row after the open brace: `amb` (columns 50-52) of line 43 (now 42), the column of line 7.
  std::string amb = hover_text(editor.at("textDocument/hover", file, 41, 51));
  CHECK(amb.find("**colonne transports.amb** — Montant remboursé ambulance (AMB)") == 0);
}

TEST_CASE("definition on importe and étend opens the file") {
  Editor editor;
  editor.request("initialize", json::object());
  const std::string file = "rules/caqes-2022/contrat.caqes";
  editor.open(file, read(file));
  // Line 7: `importe "pmsi";` → stdlib/pmsi.caqes. Line 10: `  étend "../caqes-2021";` → the base's first file
  // in name order, rules/caqes-2021/contrat.caqes.
  json def = editor.at("textDocument/definition", file, 6, 10);
  CHECK(def["result"]["uri"] == uri("stdlib/pmsi.caqes"));
  def = editor.at("textDocument/definition", file, 9, 12);
  CHECK(def["result"]["uri"] == uri("rules/caqes-2021/contrat.caqes"));
  CHECK(editor.at("textDocument/definition", file, 7, 0)["result"].is_null());  // an empty line (line 8)
}

TEST_CASE("a function's documentation from stdlib/functions, on a call") {
  Editor editor;
  editor.request("initialize", json::object());
  const std::string file = "rules/caqes-2021/pertinence.caqes";
  std::string text = read(file);
  editor.open(file, text);
  // The first call of compte in the file, found by hand with its line: the hover gives its signature.
  std::istringstream lines(text);
  std::string line;
  int n = 0, column = -1;
  while (std::getline(lines, line)) {
    auto at = line.find("compte(");
    if (at != std::string::npos && line.find("//") > at) {
      column = static_cast<int>(lsp::utf16_units(line, character_count(line.substr(0, at))));
      break;
    }
    ++n;
  }
  REQUIRE(column >= 0);
  std::string doc = hover_text(editor.at("textDocument/hover", file, n, column + 1));
  CHECK(doc.find("**fonction compte**") == 0);
  CHECK(doc.find("compte(") != std::string::npos);
}

TEST_CASE("a name outside the Basic Multilingual Plane, and a parameter that changes with the year") {
  Editor editor;
  editor.request("initialize", {{"initializationOptions", {{"language", "en"}}}});
  const std::string file = "tests/lsp/unicode/essai.caqes";
  editor.open(file, read(file));
  CHECK(editor.diagnostics(uri(file)) == json::array());
  // Line 13: `paramètre écart "Écart" : taux = 𝔸_taux + 𝔸_taux;`: the second 𝔸_taux is at 43 UTF-16 units (42
  // characters: 𝔸 is a surrogate pair), and 7 units long.
  json h = editor.at("textDocument/hover", file, 12, 43);
  CHECK(h["result"]["range"] == range(12, 43, 50));
  std::string text = hover_text(h);
  CHECK(text.find("**parameter 𝔸_taux** — Taux du 𝔸") == 0);
  CHECK(text.find("- in 2022: 5 %\n- in 2023: 7,5 %") != std::string::npos);
  json def = editor.at("textDocument/definition", file, 12, 45);
  CHECK(def["result"]["range"] == range(11, 10, 17));
  CHECK(hover_text(editor.at("textDocument/hover", file, 12, 11)).find("- in 2022: 10 %\n- in 2023: 15 %") != std::string::npos);
  // An error after the pair is placed in UTF-16 units too: `𝔸_taux + 1 €` (12 characters, 13 units) from 33 to 46.
  std::string wrong = read(file);
  wrong.replace(wrong.find("𝔸_taux + 𝔸_taux"), std::string("𝔸_taux + 𝔸_taux").size(), "𝔸_taux + 1 €");
  editor.change(file, wrong);
  json diags = editor.diagnostics(uri(file));
  REQUIRE(diags.size() >= 1);
  CHECK(diags[0]["range"] == range(12, 33, 46));
  CHECK(diags[0]["message"].get<std::string>().find("cannot add a taux (%) and a montant (€)") == 0);
}

TEST_CASE("formatting gives caqes fmt's layout") {
  Editor editor;
  editor.request("initialize", json::object());
  const std::string file = "rules/caqes-2021/transport.caqes";
  const std::string canonical = read(file);  // kept in the canonical layout by the fmt-check test
  editor.open(file, canonical);
  json none = editor.request("textDocument/formatting", {{"textDocument", {{"uri", uri(file)}}}, {"options", json::object()}});
  CHECK(none["result"] == json::array());
  // The same declarations, indented by six spaces and with a space before each `;` ending a line of code.
  std::istringstream in(canonical);
  std::string line, messy;
  while (std::getline(in, line)) {
    bool code = !line.empty() && line.find("//") == std::string::npos;
    if (code && line.rfind("  ", 0) == 0) line = "      " + line;
    if (code && line.back() == ';') line = line.substr(0, line.size() - 1) + " ;";
    messy += line + "\n";
  }
  REQUIRE(messy != canonical);
  editor.change(file, messy);
  json edits = editor.request("textDocument/formatting", {{"textDocument", {{"uri", uri(file)}}}, {"options", json::object()}});
  REQUIRE(edits["result"].size() == 1);
  CHECK(edits["result"][0]["newText"] == canonical);
  CHECK(edits["result"][0]["range"]["start"] == json({{"line", 0}, {"character", 0}}));
  // A file with a syntax error is not formatted: an error reply, in French.
  editor.change(file, canonical + "\nparamètre x = ;\n");
  json refused = editor.request("textDocument/formatting", {{"textDocument", {{"uri", uri(file)}}}, {"options", json::object()}});
  CHECK(refused["error"]["message"] == "impossible de mettre en forme un fichier qui a des erreurs de syntaxe");
}

TEST_CASE("requests the server does not know, and documents not open") {
  Editor editor;
  editor.request("initialize", json::object());
  json unknown = editor.request("textDocument/rename", json::object());
  CHECK(unknown["error"]["code"] == -32601);
  CHECK(unknown["error"]["message"] == "méthode inconnue « textDocument/rename »");
  json closed = editor.at("textDocument/hover", "rules/caqes-2021/transport.caqes", 0, 0);
  CHECK(closed["error"]["code"] == -32602);
  editor.notify("exit", json::object());
  CHECK(editor.exit_code() == 1);  // exit without shutdown
}

TEST_CASE("speed: diagnostics for an edit in rules/caqes-2022") {
  Editor editor;
  editor.request("initialize", json::object());
  const std::string file = "rules/caqes-2022/transport.caqes";
  std::string text = read(file);
  editor.open(file, text);
  std::vector<double> ms, cpu_ms;
  for (int i = 0; i < 15; ++i) {
    // An edit: the whole contract (16 files: 9 here, 6 in the base, stdlib/pmsi.caqes) is parsed and checked again.
    text += "\n";
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpu = std::clock();
    editor.change(file, text);
    cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu_ms.begin(), cpu_ms.end());
  MESSAGE("diagnostics for an edit in rules/caqes-2022: median ", ms[ms.size() / 2], " ms (CPU ", cpu_ms[ms.size() / 2],
          " ms), max ", ms.back(), " ms");
  CHECK(editor.diagnostics(uri(file)) == json::array());
  // The target is 50 ms on a desk; the bound here only catches a regression by an order of magnitude, since the
  // suite also runs instrumented (AddressSanitizer) on a shared machine.
  CHECK(ms[ms.size() / 2] < 1000);
}

}  // namespace caqes
