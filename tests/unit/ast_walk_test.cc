// The shared traversal of expressions (syntax/ast_walk.h): every kind of node gives its children in source order,
// call clauses included, and a walk can skip a subtree.
#include "syntax/ast_walk.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

// The names and numbers met by a pre-order walk of parameter `p`'s value, in order.
std::vector<std::string> leaves(const ast::Program& program, const std::string& p, bool into_calls = true) {
  std::vector<std::string> out;
  for (const auto& prm : program.parameters) {
    if (prm.name != p) continue;
    ast::walk(*prm.value, [&](const ast::Expr& e) {
      if (auto* n = e.as<ast::Name>()) out.push_back(n->name);
      if (auto* n = e.as<ast::NumberLiteral>()) out.push_back(n->text);
      if (auto* n = e.as<ast::StringLiteral>()) out.push_back(n->value);
      if (auto* n = e.as<ast::Member>()) out.push_back("." + n->member);
      return into_calls || !e.as<ast::Call>();
    });
  }
  return out;
}

TEST_CASE("every kind of expression is walked, children in source order") {
  RulesFile file(
      "contrat c \"c\" { années 2022..2022; }\n"
      "table t \"t\" par ligne { x: entier; y: code; }\n"
      "paramètre a : nombre = si b[N-1] > 1 alors -c sinon non d;\n"
      "paramètre b : nombre = 2;\n"
      "paramètre c : nombre = 3;\n"
      "paramètre d : booléen = vrai;\n"
      "paramètre e : nombre = selon b { 1, 2: c; autre: 4 };\n"
      "paramètre f : nombre = somme(x de t où y dans [K1, K2] et x > b);\n"
      "paramètre g : nombre = somme(x de t où y = \"Z\") + 5;\n");
  Diagnostics diags;
  auto program = load_program(file.path(), diags);
  REQUIRE(program);
  CHECK(leaves(*program, "a") == std::vector<std::string>{"b", "1", "c", "d"});
  CHECK(leaves(*program, "e") == std::vector<std::string>{"b", "1", "2", "c", "4"});
  // value, `de` source, then the filter
  CHECK(leaves(*program, "f") == std::vector<std::string>{"x", "t", "y", "K1", "K2", "x", "b"});
  // returning false at the call skips its arguments, not the rest of the sum
  CHECK(leaves(*program, "g", false) == std::vector<std::string>{"5"});
}

}  // namespace
}  // namespace caqes
