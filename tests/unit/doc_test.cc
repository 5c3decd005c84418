// Unit tests of the indicator sheets' content (doc/doc_model.h, doc/formula_markup.h) and of their catalog of
// messages. Every expected text is written by hand from the rules of the test.
#include <doctest/doctest.h>

#include "check/checker.h"
#include "doc/diff_page.h"
#include "doc/doc_messages.h"
#include "doc/doc_model.h"
#include "doc/formula_markup.h"
#include "message_catalog.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

const char* const kRules = R"(// En-tête du fichier,
// sur deux lignes.

contrat c "C" {
  années 2022..2023;
  établissements étab;
}
table étab "Établissements" par établissement {
  statut: code "Statut";  // un commentaire de fin de ligne, pas une description
}
table mesures "Mesures" par établissement et année {
  taux: taux "Taux";
}
/* Le seuil,
 * sur deux lignes. */
paramètre seuil "Seuil" = selon N { 2023: 10 %; autre: 20 %; };
paramètre privé "Privé ?" = statut = "privé";

// Première ligne.
// Seconde ligne.
indicateur x "X" {
  volet pertinence;
  niveau national;
  source "s";
  // La part.
  part "Part" = mesures.taux;
  valeur = part;
  ciblage = valeur[2022] ≥ seuil et non privé;
  intéressement = si valeur > seuil alors 100 € sinon 0 €;
}
indicateur y "Y" {
  volet pertinence;
  niveau régional;
  source "s";
  valeur = x.valeur;
  ciblage = vrai;
}
test "x" {
  année 2022;
  étab: finess = "310000001", statut = public;
  attendu "310000001": x.ciblage;
}
)";

struct Loaded {
  Diagnostics diags;
  std::unique_ptr<CheckedProgram> program;
};

std::unique_ptr<Loaded> load(const std::string& text) {
  RulesFile file(text);
  auto out = std::make_unique<Loaded>();
  auto ast = load_program(file.path(), out->diags);
  REQUIRE_FALSE(out->diags.has_errors());
  out->program = check_program(std::move(ast), out->diags);
  REQUIRE_FALSE(out->diags.has_errors());
  return out;
}

TEST_CASE("the comment above a declaration is its description; a comment after code is not") {
  auto l = load(kRules);
  DocModel m = build_doc_model(*l->program);
  const CheckedProgram& p = *l->program;
  CHECK(m.indicators[p.indicator_index("x")].description == "Première ligne.\nSeconde ligne.");
  CHECK(m.indicators[p.indicator_index("y")].description == "");
  CHECK(m.parameters[p.parameter_index("seuil")].description == "Le seuil,\nsur deux lignes.");
  // The first definition of x has its own comment; the others none.
  const DocIndicator& x = m.indicators[p.indicator_index("x")];
  CHECK(x.definitions[0].description == "La part.");
  CHECK(x.definitions[1].description == "");
  CHECK(m.tables[0].description == "");
  // The comment opening the file, apart from the declarations by a blank line: the file's header, no description.
  CHECK(m.description == "");
  CHECK(file_header(*p.ast, p.indicators[0].decl->extent.file) == "En-tête du fichier,\nsur deux lignes.");
  CHECK(x.columns == std::set<std::pair<int, int>>{{p.table_index("mesures"), p.tables[p.table_index("mesures")].column_index("taux")}});
  // statut is read through the parameter privé, not by x itself.
}

TEST_CASE("what an indicator reads, its parameters by year, the tests that exercise it") {
  auto l = load(kRules);
  DocModel m = build_doc_model(*l->program);
  const CheckedProgram& p = *l->program;
  const DocIndicator& x = m.indicators[p.indicator_index("x")];
  CHECK(x.parameters == std::set<int>{p.parameter_index("seuil"), p.parameter_index("privé")});
  CHECK(x.indicators.empty());
  CHECK(x.tests == std::vector<int>{0});
  const DocIndicator& y = m.indicators[p.indicator_index("y")];
  CHECK(y.indicators == std::set<int>{p.indicator_index("x")});
  CHECK(y.tests.empty());
  // seuil: 20 % in 2022 (autre), 10 % in 2023; privé depends on the establishment: no value by year.
  const auto& seuil = m.parameters[p.parameter_index("seuil")];
  REQUIRE(seuil.values.size() == 2);
  CHECK(seuil.values[0] == std::pair<int, std::string>{2022, "20 %"});
  CHECK(seuil.values[1] == std::pair<int, std::string>{2023, "10 %"});
  CHECK(m.parameters[p.parameter_index("privé")].values.empty());
  CHECK(seuil.used_by == std::vector<int>{p.indicator_index("x")});
}

TEST_CASE("a formula in HTML: names linked, keywords, numbers, periods and strings marked, the rest escaped") {
  auto l = load(kRules);
  const CheckedProgram& p = *l->program;
  const IndicatorInfo& x = p.indicators[p.indicator_index("x")];
  NameLinker link = [](const Reference& r) -> std::string {
    if (r.what == Reference::What::Parameter) return "P#" + std::to_string(r.parameter);
    if (r.what == Reference::What::Binding) return "B#" + std::to_string(r.binding);
    return "";
  };
  const ast::Expr& ciblage = *x.decl->bindings[x.targeting].value;
  CHECK(formula_html(p, ciblage, link) ==
        "<a href=\"B#" + std::to_string(x.value) + "\">valeur</a>[<span class=\"per\">2022</span>] ≥ <a href=\"P#" +
            std::to_string(p.parameter_index("seuil")) + "\">seuil</a> <span class=\"kw\">et</span> <span class=\"kw\">non</span> "
            "<a href=\"P#" + std::to_string(p.parameter_index("privé")) + "\">privé</a>");
  const ast::Expr& incentive = *x.decl->bindings[x.incentive].value;
  CHECK(formula_html(p, incentive, link).find("<span class=\"kw\">alors</span> <span class=\"num\">100 €</span>") !=
        std::string::npos);
  CHECK(html_escape("a < b & \"c\"") == "a &lt; b &amp; &quot;c&quot;");
}

TEST_CASE("the reviewer's diff marks the words that change, a number with its unit as one word") {
  auto [old_side, new_side] = marked_difference("a ≥ 20 % et b", "a > 25 % et b et c");
  CHECK(old_side == "a <del>≥</del> <del>20 %</del> et b");
  CHECK(new_side == "a <ins>&gt;</ins> <ins>25 %</ins> et b <ins>et</ins> <ins>c</ins>");
  auto [same_old, same_new] = marked_difference("x.coût_été[N-1]", "x.coût_été[N-1]");
  CHECK(same_old == "x.coût_été[N-1]");
  CHECK(same_new == same_old);
  auto [thousands_old, thousands_new] = marked_difference("400 000 €", "1 400 000 €");
  CHECK(thousands_old == "<del>400 000 €</del>");
  CHECK(thousands_new == "<ins>1 400 000 €</ins>");
}

TEST_CASE("every message of caqes doc's catalog has a French text of its own") {
  using namespace doc_messages;
  const std::vector<const MessageText*> all = {&kNotADocFolder, &kDocNeedsOutput, &kGraphLayoutFailed, &kDocWritten};
  check_catalog("interpreter/doc/doc_messages.h", all, {});
}

}  // namespace
}  // namespace caqes
