// Unit tests of the bare-words pass (check/desugar.h): a bare word is a code in a list, as a key of `selon` and
// for a code or text column of a test row, and stays a name everywhere else.
#include "check/desugar.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules_file.h"
#include "syntax/ast_walk.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

struct Desugared {
  Diagnostics diags;
  std::unique_ptr<ast::Program> program;
};

Desugared desugar(const std::string& text) {
  RulesFile file(text);
  Desugared d;
  d.program = load_program(file.path(), d.diags);
  INFO(render_all(d.diags));
  REQUIRE_FALSE(d.diags.has_errors());
  desugar_bare_words(*d.program);
  return d;
}

const ast::Expr& value_of(const Desugared& d, const std::string& name) {
  for (const auto& prm : d.program->parameters)
    if (prm.name == name) return *prm.value;
  FAIL("no parameter " << name);
  throw 0;
}

// The field `column` of the first row of the first test.
const ast::Expr& field_of(const Desugared& d, const std::string& column) {
  REQUIRE(!d.program->tests.empty());
  for (const auto& f : d.program->tests.front().rows.front().fields)
    if (f.column == column) return *f.value;
  FAIL("no field " << column);
  throw 0;
}

TEST_CASE("in a list, bare words are codes") {
  Desugared p = desugar("paramètre domaines = [D02, D04, \"D05\"];\n");
  const auto* list = value_of(p, "domaines").as<ast::List>();
  REQUIRE(list != nullptr);
  REQUIRE(list->items.size() == 3);
  const auto* a = list->items[0]->as<ast::StringLiteral>();
  const auto* b = list->items[1]->as<ast::StringLiteral>();
  const auto* c = list->items[2]->as<ast::StringLiteral>();
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  REQUIRE(c != nullptr);
  CHECK(a->value == "D02");
  CHECK(a->bare_code);
  CHECK(b->value == "D04");
  CHECK(b->bare_code);
  CHECK(c->value == "D05");
  CHECK_FALSE(c->bare_code);  // written in quotes
}

TEST_CASE("a list inside a call's filter is desugared too; a name beside it is not") {
  Desugared p = desugar("paramètre n = compte(t où y dans [K1] et x > b);\n");
  std::vector<std::string> codes, names;
  ast::walk(value_of(p, "n"), [&](const ast::Expr& e) {
    if (auto* s = e.as<ast::StringLiteral>()) codes.push_back(s->value);
    if (auto* n = e.as<ast::Name>()) names.push_back(n->name);
    return true;
  });
  CHECK(codes == std::vector<std::string>{"K1"});
  CHECK(names == std::vector<std::string>{"t", "y", "x", "b"});
}

TEST_CASE("the keys of selon are codes, its subject and results stay names") {
  Desugared p = desugar("paramètre x = selon catégorie { MCO, SSR: a; autre: b };\n");
  const auto* s = value_of(p, "x").as<ast::Selon>();
  REQUIRE(s != nullptr);
  REQUIRE(s->arms.size() == 1);
  REQUIRE(s->arms[0].keys.size() == 2);
  const auto* mco = s->arms[0].keys[0]->as<ast::StringLiteral>();
  REQUIRE(mco != nullptr);
  CHECK(mco->value == "MCO");
  CHECK(mco->bare_code);
  CHECK(s->subject->as<ast::Name>() != nullptr);
  CHECK(s->arms[0].result->as<ast::Name>() != nullptr);
  CHECK(s->otherwise->as<ast::Name>() != nullptr);
}

TEST_CASE("outside a list, a bare word stays a name") {
  Desugared p = desugar("paramètre x = D02;\n");
  const auto* n = value_of(p, "x").as<ast::Name>();
  REQUIRE(n != nullptr);
  CHECK(n->name == "D02");
}

TEST_CASE("in a test row, a bare word is a code for a code or text column and for finess only") {
  Desugared p = desugar(
      "table séjours \"S\" par ligne et année { domaine: code; patient: texte; durée: effectif; }\n"
      "test \"t\" {\n"
      "  séjours: finess = f1, année = an, domaine = D02, patient = P1, durée = d, inconnue = X;\n"
      "  attendu \"1\": vrai;\n"
      "}\n");
  for (const char* code : {"finess", "domaine", "patient"}) {
    const auto* s = field_of(p, code).as<ast::StringLiteral>();
    REQUIRE_MESSAGE(s != nullptr, code);
    CHECK(s->bare_code);
  }
  for (const char* name : {"année", "durée", "inconnue"}) CHECK_MESSAGE(field_of(p, name).as<ast::Name>() != nullptr, name);
}

}  // namespace
}  // namespace caqes
