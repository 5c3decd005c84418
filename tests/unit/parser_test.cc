// Unit tests of the parser: rules text written to a temporary file, loaded with load_program, and the AST read
// back. French numbers, the errors with their hints, identifiers, comments, spans, lists, periods,
// operator precedence and repeated test rows.
#include "syntax/parser.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "format/printer.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

namespace fs = std::filesystem;


struct Parsed {
  Diagnostics diags;
  std::unique_ptr<ast::Program> program;  // owns the source files the diagnostics point into
  bool ok() const { return !diags.has_errors(); }
  std::string report() const { return render_all(diags); }
};

Parsed parse(const std::string& text) {
  RulesFile file(text);
  Parsed p;
  p.program = load_program(file.path(), p.diags);
  return p;
}

const ast::ParameterDecl& parameter(const Parsed& p, const std::string& name) {
  for (const auto& prm : p.program->parameters)
    if (prm.name == name) return prm;
  FAIL("no parameter " << name);
  throw 0;
}

const ast::Expr& value_of(const Parsed& p, const std::string& name) { return *parameter(p, name).value; }

const ast::NumberLiteral& number_of(const Parsed& p, const std::string& name) {
  const auto* n = value_of(p, name).as<ast::NumberLiteral>();
  REQUIRE_MESSAGE(n != nullptr, "parameter ", name, " is not a number literal");
  return *n;
}

Decimal dec(std::string_view text) {
  auto d = Decimal::parse_plain(text);
  REQUIRE(d.has_value());
  return *d;
}

const ast::Binary& binary(const ast::Expr& e) {
  const auto* b = e.as<ast::Binary>();
  REQUIRE_MESSAGE(b != nullptr, "not a binary expression");
  return *b;
}

std::string name_of(const ast::Expr& e) {
  const auto* n = e.as<ast::Name>();
  return n ? n->name : std::string("<not a name>");
}

bool has_message(const Diagnostics& diags, const std::string& part) {
  for (const auto& d : diags.items())
    if (d.message.in(Language::En).find(part) != std::string::npos) return true;
  return false;
}

const Diagnostic* first_error(const Diagnostics& diags) {
  for (const auto& d : diags.items())
    if (d.severity == Severity::Error) return &d;
  return nullptr;
}

// ---- French numbers ------------------------------------------------------------------------------------------

TEST_CASE("French numbers: thousands grouped by spaces, decimal comma, € and %") {
  Parsed p = parse(
      "paramètre seuil = 20 000 €;\n"
      "paramètre taux = 7,5 %;\n"
      "paramètre coût = 98,50 €;\n"
      "paramètre grand = 1 234 567,25;\n"
      "paramètre insécable = 20\u202F000 €;\n"
      "paramètre nbsp = 3\u00A0500;\n"
      "paramètre entier = 42;\n");
  INFO(p.report());
  REQUIRE(p.ok());

  const auto& seuil = number_of(p, "seuil");
  CHECK(seuil.value == Decimal(20000));
  CHECK(seuil.unit == ast::LiteralUnit::Euro);
  CHECK(seuil.decimals == 0);

  // 7,5 % = 7.5 / 100 = 0.075 = 3/40, one decimal written.
  const auto& taux = number_of(p, "taux");
  CHECK(taux.value == dec("0.075"));
  CHECK(taux.value == Decimal::from_fraction(3, 40));
  CHECK(taux.unit == ast::LiteralUnit::Percent);
  CHECK(taux.decimals == 1);

  // 98,50 € = 98.5, two decimals written (the trailing zero counts for the precision of `≈`).
  const auto& cout = number_of(p, "coût");
  CHECK(cout.value == dec("98.5"));
  CHECK(cout.unit == ast::LiteralUnit::Euro);
  CHECK(cout.decimals == 2);

  const auto& grand = number_of(p, "grand");
  CHECK(grand.value == dec("1234567.25"));
  CHECK(grand.unit == ast::LiteralUnit::None);
  CHECK(grand.decimals == 2);

  // U+202F (narrow no-break space) and U+00A0 (no-break space) group thousands too.
  CHECK(number_of(p, "insécable").value == Decimal(20000));
  CHECK(number_of(p, "insécable").unit == ast::LiteralUnit::Euro);
  CHECK(number_of(p, "nbsp").value == Decimal(3500));
  CHECK(number_of(p, "entier").value == Decimal(42));
  CHECK(number_of(p, "entier").unit == ast::LiteralUnit::None);
}

TEST_CASE("a decimal point is rejected, with a hint about the decimal comma") {
  Parsed p = parse("paramètre taux = 7.5;\n");
  REQUIRE_FALSE(p.ok());
  const Diagnostic* d = first_error(p.diags);
  REQUIRE(d != nullptr);
  INFO(p.report());
  CHECK(d->message.in(Language::En).find("decimal point") != std::string::npos);
  CHECK(d->message.in(Language::En).find("7.5") != std::string::npos);
  CHECK(d->hint.in(Language::En).find("decimal comma") != std::string::npos);
  CHECK(d->hint.in(Language::En).find("7,5") != std::string::npos);  // the fix is spelled out
  // "paramètre taux = " is 17 characters (è is one), so 7.5 starts at column 18.
  CHECK(d->span.line == 1);
  CHECK(d->span.column == 18);
  CHECK(d->span.length == 3);
}

TEST_CASE("badly grouped thousands are rejected with a hint") {
  SUBCASE("two digits after the space") {
    Parsed p = parse("paramètre seuil = 20 00 €;\n");
    REQUIRE_FALSE(p.ok());
    INFO(p.report());
    const Diagnostic* d = first_error(p.diags);
    REQUIRE(d != nullptr);
    CHECK(d->message.in(Language::En).find("'00'") != std::string::npos);
    CHECK(d->hint.in(Language::En).find("grouped by exactly three digits") != std::string::npos);
  }
  SUBCASE("four digits after the space") {
    // "2 000" is a number, then "0" is a second number right after it.
    Parsed p = parse("paramètre seuil = 2 0000 €;\n");
    REQUIRE_FALSE(p.ok());
    INFO(p.report());
    const Diagnostic* d = first_error(p.diags);
    REQUIRE(d != nullptr);
    CHECK(d->hint.in(Language::En).find("grouped by exactly three digits") != std::string::npos);
  }
  SUBCASE("a well grouped number for comparison") {
    Parsed p = parse("paramètre seuil = 2 000 000 €;\n");
    INFO(p.report());
    REQUIRE(p.ok());
    CHECK(number_of(p, "seuil").value == Decimal(2000000));
  }
}

// ---- identifiers, comments, spans ----------------------------------------------------------------------------

TEST_CASE("identifiers may hold accents") {
  Parsed p = parse(
      "paramètre coût_trajet_ambulance = 98,50 €;\n"
      "indicateur ézétimibe \"Ézétimibe\" {\n"
      "  dépense_évitée = coût_trajet_ambulance × 2;\n"
      "  valeur = dépense_évitée;\n"
      "}\n");
  INFO(p.report());
  REQUIRE(p.ok());
  REQUIRE(p.program->parameters.size() == 1);
  CHECK(p.program->parameters[0].name == "coût_trajet_ambulance");
  REQUIRE(p.program->indicators.size() == 1);
  const auto& ind = p.program->indicators[0];
  CHECK(ind.name == "ézétimibe");
  CHECK(ind.label == "Ézétimibe");
  REQUIRE(ind.bindings.size() == 2);
  CHECK(ind.bindings[0].name == "dépense_évitée");
  const auto& times = binary(*ind.bindings[0].value);
  CHECK(times.op == ast::BinaryOp::Multiply);
  CHECK(name_of(*times.lhs) == "coût_trajet_ambulance");
  CHECK(name_of(*ind.bindings[1].value) == "dépense_évitée");
}

TEST_CASE("comments: //, # and /* */ are ignored") {
  Parsed p = parse(
      "// a line comment\n"
      "# another line comment\n"
      "/* a block comment\n"
      "   paramètre caché = 1;\n"
      "   over several lines */\n"
      "paramètre a = 1; // after a declaration\n"
      "paramètre b = /* inside an expression */ 2; # trailing\n");
  INFO(p.report());
  REQUIRE(p.ok());
  REQUIRE(p.program->parameters.size() == 2);  // `caché` is inside the block comment
  CHECK(p.program->parameters[0].name == "a");
  CHECK(p.program->parameters[0].name_span.line == 6);
  CHECK(p.program->parameters[1].name == "b");
  CHECK(p.program->parameters[1].name_span.line == 7);
  CHECK(number_of(p, "b").value == Decimal(2));
}

TEST_CASE("spans: line and column count characters, not bytes") {
  Parsed p = parse(
      "// first line\n"
      "\n"
      "paramètre déjà_vu = 1 + coût;\n"
      "paramètre coût = 2;\n");
  INFO(p.report());
  REQUIRE(p.ok());
  const auto& prm = parameter(p, "déjà_vu");
  // p a r a m è t r e = columns 1-9, space 10, "déjà_vu" 11-17 (7 characters, 10 bytes).
  CHECK(prm.name_span.line == 3);
  CHECK(prm.name_span.column == 11);
  CHECK(prm.name_span.length == 7);
  // " = " is 18-20; "1 + coût" starts at column 21 and ends at 28: 8 characters.
  const ast::Expr& sum = *prm.value;
  CHECK(sum.span.line == 3);
  CHECK(sum.span.column == 21);
  CHECK(sum.span.length == 8);
  // "coût" starts at column 25 (it would be byte 28: è, é and à take two bytes each), 4 characters.
  const ast::Expr& rhs = *binary(sum).rhs;
  CHECK(rhs.span.line == 3);
  CHECK(rhs.span.column == 25);
  CHECK(rhs.span.length == 4);
  CHECK(rhs.span.file != nullptr);
  // The line the span shows is the source line.
  CHECK(rhs.span.file->line_text(3) == "paramètre déjà_vu = 1 + coût;");
}

TEST_CASE("a syntax error is located in characters after accents") {
  // "paramètre dépassé = " is 20 characters; the stray '@' is at column 21.
  Parsed p = parse("paramètre a = 1;\nparamètre dépassé = @;\n");
  REQUIRE_FALSE(p.ok());
  const Diagnostic* d = first_error(p.diags);
  REQUIRE(d != nullptr);
  INFO(p.report());
  CHECK(d->span.line == 2);
  CHECK(d->span.column == 21);
  CHECK(d->message.in(Language::En).find("'@'") != std::string::npos);
  // The caret is under the '@': two spaces of indentation, then one space per character before it.
  std::string shown = render(*d);
  CHECK(shown.find("  paramètre dépassé = @;\n") != std::string::npos);
  CHECK(shown.find("\n  " + std::string(20, ' ') + "^") != std::string::npos);
}

// ---- lists, periods ------------------------------------------------------------------------------------------

// That a bare word in a list is a code is the desugaring's (check/desugar.h): tests/unit/desugar_test.cc.

TEST_CASE("outside a list, a bare word stays a name") {
  Parsed p = parse("paramètre x = D02;\n");
  INFO(p.report());
  REQUIRE(p.ok());
  CHECK(name_of(value_of(p, "x")) == "D02");
}

TEST_CASE("periods: N-1, N+2, N, N − 1 and a fixed year") {
  Parsed p = parse(
      "paramètre a = x[N-1];\n"
      "paramètre b = x[2019];\n"
      "paramètre c = x[N+2];\n"
      "paramètre d = x[N];\n"
      "paramètre e = x[N − 1];\n");
  INFO(p.report());
  REQUIRE(p.ok());
  auto period = [&](const std::string& n) -> const ast::AtPeriod& {
    const auto* at = value_of(p, n).as<ast::AtPeriod>();
    REQUIRE_MESSAGE(at != nullptr, n, " is not a period expression");
    CHECK(name_of(*at->expr) == "x");
    return *at;
  };
  const auto& a = period("a").period;
  CHECK(a.relative);
  CHECK(a.offset == -1);
  CHECK(a.apply(2022) == 2021);
  CHECK(a.text() == "N-1");

  const auto& b = period("b").period;
  CHECK_FALSE(b.relative);
  CHECK(b.year == 2019);
  CHECK(b.apply(2022) == 2019);
  CHECK(b.apply(2024) == 2019);
  CHECK(b.text() == "2019");

  const auto& c = period("c").period;
  CHECK(c.relative);
  CHECK(c.offset == 2);
  CHECK(c.apply(2022) == 2024);

  const auto& d = period("d").period;
  CHECK(d.relative);
  CHECK(d.offset == 0);
  CHECK(d.text() == "N");

  const auto& e = period("e").period;  // the typographic minus U+2212
  CHECK(e.relative);
  CHECK(e.offset == -1);
}

TEST_CASE("a period binds tighter than arithmetic") {
  // R < R[N-1]: the period applies to R alone, on the right of the comparison.
  Parsed p = parse("paramètre a = r - r[N-1];\n");
  INFO(p.report());
  REQUIRE(p.ok());
  const auto& sub = binary(value_of(p, "a"));
  CHECK(sub.op == ast::BinaryOp::Subtract);
  CHECK(name_of(*sub.lhs) == "r");
  const auto* at = sub.rhs->as<ast::AtPeriod>();
  REQUIRE(at != nullptr);
  CHECK(name_of(*at->expr) == "r");
  CHECK(at->period.offset == -1);
}

// ---- operator precedence -------------------------------------------------------------------------------------

TEST_CASE("precedence: × before +, left associativity of -") {
  Parsed p = parse(
      "paramètre p1 = a + b × c;\n"
      "paramètre p2 = a × b + c;\n"
      "paramètre p3 = a - b - c;\n"
      "paramètre p4 = -a × b;\n"
      "paramètre p5 = a / b * c;\n");
  INFO(p.report());
  REQUIRE(p.ok());

  // a + (b × c)
  const auto& p1 = binary(value_of(p, "p1"));
  CHECK(p1.op == ast::BinaryOp::Add);
  CHECK(name_of(*p1.lhs) == "a");
  const auto& p1r = binary(*p1.rhs);
  CHECK(p1r.op == ast::BinaryOp::Multiply);
  CHECK(name_of(*p1r.lhs) == "b");
  CHECK(name_of(*p1r.rhs) == "c");

  // (a × b) + c
  const auto& p2 = binary(value_of(p, "p2"));
  CHECK(p2.op == ast::BinaryOp::Add);
  CHECK(binary(*p2.lhs).op == ast::BinaryOp::Multiply);
  CHECK(name_of(*p2.rhs) == "c");

  // (a - b) - c
  const auto& p3 = binary(value_of(p, "p3"));
  CHECK(p3.op == ast::BinaryOp::Subtract);
  CHECK(name_of(*p3.rhs) == "c");
  const auto& p3l = binary(*p3.lhs);
  CHECK(p3l.op == ast::BinaryOp::Subtract);
  CHECK(name_of(*p3l.lhs) == "a");
  CHECK(name_of(*p3l.rhs) == "b");

  // (-a) × b
  const auto& p4 = binary(value_of(p, "p4"));
  CHECK(p4.op == ast::BinaryOp::Multiply);
  const auto* neg = p4.lhs->as<ast::Unary>();
  REQUIRE(neg != nullptr);
  CHECK(neg->op == ast::UnaryOp::Negate);
  CHECK(name_of(*neg->operand) == "a");

  // (a / b) * c
  const auto& p5 = binary(value_of(p, "p5"));
  CHECK(p5.op == ast::BinaryOp::Multiply);
  CHECK(binary(*p5.lhs).op == ast::BinaryOp::Divide);
}

TEST_CASE("precedence: non before et before ou, comparisons before et") {
  Parsed p = parse(
      "paramètre q1 = non a et b;\n"
      "paramètre q2 = a ou b et c;\n"
      "paramètre q3 = x + 1 >= y × 2 et z;\n"
      "paramètre q4 = non x dans [A, B];\n"
      "paramètre q5 = x non dans [A, B];\n");
  INFO(p.report());
  REQUIRE(p.ok());

  // (non a) et b
  const auto& q1 = binary(value_of(p, "q1"));
  CHECK(q1.op == ast::BinaryOp::And);
  const auto* no = q1.lhs->as<ast::Unary>();
  REQUIRE(no != nullptr);
  CHECK(no->op == ast::UnaryOp::Not);
  CHECK(name_of(*no->operand) == "a");
  CHECK(name_of(*q1.rhs) == "b");

  // a ou (b et c)
  const auto& q2 = binary(value_of(p, "q2"));
  CHECK(q2.op == ast::BinaryOp::Or);
  CHECK(name_of(*q2.lhs) == "a");
  CHECK(binary(*q2.rhs).op == ast::BinaryOp::And);

  // ((x + 1) >= (y × 2)) et z
  const auto& q3 = binary(value_of(p, "q3"));
  CHECK(q3.op == ast::BinaryOp::And);
  const auto& cmp = binary(*q3.lhs);
  CHECK(cmp.op == ast::BinaryOp::GreaterEqual);
  CHECK(binary(*cmp.lhs).op == ast::BinaryOp::Add);
  CHECK(binary(*cmp.rhs).op == ast::BinaryOp::Multiply);

  // non (x dans [A, B])
  const auto* q4 = value_of(p, "q4").as<ast::Unary>();
  REQUIRE(q4 != nullptr);
  CHECK(q4->op == ast::UnaryOp::Not);
  const auto* in4 = q4->operand->as<ast::In>();
  REQUIRE(in4 != nullptr);
  CHECK_FALSE(in4->negated);

  const auto* in5 = value_of(p, "q5").as<ast::In>();
  REQUIRE(in5 != nullptr);
  CHECK(in5->negated);
  CHECK(name_of(*in5->value) == "x");
}

TEST_CASE("precedence: si … alors … sinon takes everything after sinon") {
  Parsed p = parse(
      "paramètre s1 = si c alors a sinon b + 1;\n"
      "paramètre s2 = si c alors a sinon b ou d;\n"
      "paramètre s3 = si a < b alors 1 € sinon si c alors 2 € sinon 3 €;\n");
  INFO(p.report());
  REQUIRE(p.ok());

  const auto* s1 = value_of(p, "s1").as<ast::If>();
  REQUIRE(s1 != nullptr);
  CHECK(name_of(*s1->condition) == "c");
  CHECK(name_of(*s1->then_branch) == "a");
  CHECK(binary(*s1->else_branch).op == ast::BinaryOp::Add);

  const auto* s2 = value_of(p, "s2").as<ast::If>();
  REQUIRE(s2 != nullptr);
  CHECK(binary(*s2->else_branch).op == ast::BinaryOp::Or);

  const auto* s3 = value_of(p, "s3").as<ast::If>();
  REQUIRE(s3 != nullptr);
  CHECK(binary(*s3->condition).op == ast::BinaryOp::Less);
  const auto* nested = s3->else_branch->as<ast::If>();
  REQUIRE(nested != nullptr);
  CHECK(name_of(*nested->condition) == "c");
}

// ---- test blocks ---------------------------------------------------------------------------------------------

TEST_CASE("a test row repeated × 3 and * 2") {
  Parsed p = parse(
      "test \"répétition\" {\n"
      "  année 2022;\n"
      "  séjours × 3: finess = \"340000001\", durée = 2;\n"
      "  séjours * 2: finess = \"340000001\", durée = 5;\n"
      "  séjours: finess = \"340000001\", durée = 7;\n"
      "  attendu \"340000001\": vrai;\n"
      "}\n");
  INFO(p.report());
  REQUIRE(p.ok());
  REQUIRE(p.program->tests.size() == 1);
  const auto& t = p.program->tests[0];
  CHECK(t.label == "répétition");
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].table == "séjours");
  CHECK(t.rows[0].times == 3);
  REQUIRE(t.rows[0].fields.size() == 2);
  CHECK(t.rows[0].fields[0].column == "finess");
  CHECK(t.rows[0].fields[1].column == "durée");
  CHECK(t.rows[1].times == 2);
  CHECK(t.rows[2].times == 1);  // not repeated
  REQUIRE(t.metadata.size() == 1);
  CHECK(t.metadata[0].key == "année");
  CHECK(t.metadata[0].joined() == "2022");
  REQUIRE(t.expectations.size() == 1);
  CHECK(t.expectations[0].entity == "340000001");
}

TEST_CASE("a test row repeated 0 times is an error") {
  Parsed p = parse("test \"t\" { séjours × 0: finess = \"1\"; }\n");
  REQUIRE_FALSE(p.ok());
  INFO(p.report());
  CHECK(has_message(p.diags, "repeated 1 to 1 000 000 times"));
}

TEST_CASE("a test row repeated 1 000 times (grouped thousands)") {
  Parsed p = parse("test \"t\" { séjours × 1 000: finess = \"1\"; }\n");
  INFO(p.report());
  REQUIRE(p.ok());
  CHECK(p.program->tests[0].rows[0].times == 1000);
}

}  // namespace
}  // namespace caqes

namespace caqes {
namespace {

TEST_CASE("a parameter replaced for one year: 'pour 2023' is 'pour 2023..2023', printed as written") {
  Parsed p = parse(
      "contrat c \"c\" { années 2022..2024; }\n"
      "remplace paramètre seul pour 2023 = 10 %;\n"
      "remplace paramètre deux pour 2023..2024 = 5 %;\n");
  REQUIRE(p.program);
  const auto& one = parameter(p, "seul");
  CHECK(one.first_year == 2023);
  CHECK(one.last_year == 2023);
  const auto& two = parameter(p, "deux");
  CHECK(two.first_year == 2023);
  CHECK(two.last_year == 2024);
  std::string text = format_file(*p.program, *p.program->files.front());
  CHECK(text.find("remplace paramètre seul pour 2023 = 10 %;") != std::string::npos);
  CHECK(text.find("remplace paramètre deux pour 2023..2024 = 5 %;") != std::string::npos);
}

}  // namespace
}  // namespace caqes
