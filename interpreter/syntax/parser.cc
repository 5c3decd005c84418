// Parse tree → AST. ANTLR's errors become the project's diagnostics (syntax_error_listener.cc), and so do the
// mistakes the grammar lets through (a date not in the calendar, an unknown table key); the parse tree is dropped
// at the end.
#include "syntax/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "CaqesLexer.h"
#include "CaqesParser.h"
#include "antlr4-runtime.h"
#include "syntax/syntax_error_listener.h"
#include "syntax/syntax_messages.h"

namespace caqes {

using namespace syntax_messages;

namespace {

using G = caqes_grammar::CaqesParser;

Span token_span(const SourceFile& file, const antlr4::Token* t) {
  Span s;
  s.file = &file;
  if (!t) return s;
  s.line = static_cast<int>(t->getLine());
  s.column = static_cast<int>(t->getCharPositionInLine()) + 1;
  s.length = std::max(1, character_count(t->getText()));
  return s;
}

Span context_span(const SourceFile& file, antlr4::ParserRuleContext* ctx) {
  Span s = token_span(file, ctx->getStart());
  const antlr4::Token* stop = ctx->getStop();
  if (stop && stop->getTokenIndex() >= ctx->getStart()->getTokenIndex()) s.end_line = static_cast<int>(stop->getLine());
  if (stop && stop->getLine() == ctx->getStart()->getLine() && stop->getTokenIndex() >= ctx->getStart()->getTokenIndex()) {
    int end = static_cast<int>(stop->getCharPositionInLine()) + character_count(stop->getText());
    s.length = std::max(1, end - static_cast<int>(ctx->getStart()->getCharPositionInLine()));
  }
  return s;
}

std::string unquote(const std::string& quoted) {
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 2 < quoted.size()) {
      char n = quoted[++i];
      out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else {
      out += c;
    }
  }
  return out;
}

// Removes the thousands spaces and turns the decimal comma into a point.
std::string plain_number(const std::string& text, int& decimals) {
  std::string out;
  decimals = 0;
  bool after_comma = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= '0' && c <= '9') {
      out += static_cast<char>(c);
      decimals += after_comma;
    } else if (c == ',') {
      out += '.';
      after_comma = true;
    }
    // spaces, and the bytes of U+00A0 / U+202F, are dropped
  }
  return out;
}

class Builder {
 public:
  Builder(const SourceFile& file, ast::Program& program, Diagnostics& diags)
      : file_(file), program_(program), diags_(diags) {}

  void file(G::File_Context* ctx) {
    for (auto* item : ctx->item()) {
      if (auto* d = item->importDecl()) import(d);
      if (auto* d = item->contractDecl()) contract(d);
      if (auto* d = item->tableDecl()) table(d);
      if (auto* d = item->parameterDecl()) parameter(d);
      if (auto* d = item->indicatorDecl()) indicator(d);
      if (auto* d = item->testDecl()) test(d);
      if (auto* d = item->removal()) removal(d);
      if (auto* d = item->referencesDecl()) national_references(d);
    }
  }

 private:
  Span span(antlr4::ParserRuleContext* ctx) { return context_span(file_, ctx); }
  Span span(antlr4::Token* t) { return token_span(file_, t); }
  Span span(antlr4::tree::TerminalNode* n) { return token_span(file_, n ? n->getSymbol() : nullptr); }
  std::string label(antlr4::Token* t) { return t ? unquote(t->getText()) : std::string(); }

  std::optional<int> integer(antlr4::Token* t) {
    if (!t) return std::nullopt;
    int decimals = 0;
    std::string plain = plain_number(t->getText(), decimals);
    if (decimals > 0 || plain.size() > 9) {
      diags_.error(span(t), Message(kExpectedWholeNumber, t->getText()));
      return std::nullopt;
    }
    return std::stoi(plain);
  }

  ast::MetaValue meta_value(G::MetaValueContext* ctx) {
    ast::MetaValue v;
    v.span = span(ctx);
    if (ctx->STRING()) {
      v.text = unquote(ctx->STRING()->getText());
      v.quoted = true;
    } else {
      v.text = ctx->getText();
    }
    return v;
  }

  ast::Metadata metadata(G::IdentContext* key, const std::vector<G::MetaValueContext*>& values,
                         antlr4::ParserRuleContext* whole) {
    ast::Metadata m;
    m.key = key->getText();
    m.span = span(whole);
    for (auto* v : values) m.values.push_back(meta_value(v));
    return m;
  }

  void removal(G::RemovalContext* ctx) {
    ast::Removal r;
    r.kind = ctx->kind->getText();
    r.name = ctx->STRING() ? unquote(ctx->STRING()->getText()) : ctx->ident()->getText();
    r.span = span(ctx);
    program_.removals.push_back(std::move(r));
  }

  void national_references(G::ReferencesDeclContext* ctx) {
    ast::NationalReferencesDecl r;
    r.contract = ctx->contract->getText();
    r.contract_span = span(ctx->contract);
    r.span = span(ctx);
    for (auto* t : ctx->years)
      if (auto y = integer(t)) r.years.push_back(*y);
    program_.national_references.push_back(std::move(r));
  }

  void import(G::ImportDeclContext* ctx) {
    program_.imports.push_back({unquote(ctx->STRING()->getText()), span(ctx)});
  }

  void contract(G::ContractDeclContext* ctx) {
    ast::ContractDecl c;
    c.name = ctx->name->getText();
    c.label = label(ctx->label);
    c.span = span(ctx->name);
    c.extent = span(ctx);
    for (auto* item : ctx->contractItem()) {
      if (auto* years = dynamic_cast<G::ContractYearsContext*>(item)) {
        auto first = integer(years->first);
        auto last = integer(years->last);
        c.years_span = span(years);
        if (years->key->getText() != "années" && years->key->getText() != "annees") {
          diags_.error(span(years->key), Message(kUnknownContractClause, years->key->getText()),
                       Message(kHowToWriteYears));
        } else if (first && last) {
          c.first_year = *first;
          c.last_year = *last;
        }
      } else if (auto* meta = dynamic_cast<G::ContractMetaContext*>(item)) {
        // `années 2019;`: a contract of one year, the same as `années 2019..2019;`.
        const std::string key = meta->key->getText();
        auto values = meta->metaValue();
        if ((key == "années" || key == "annees") && values.size() == 1 && values[0]->NUMBER()) {
          if (auto year = integer(values[0]->NUMBER()->getSymbol())) {
            c.first_year = c.last_year = *year;
            c.years_span = span(meta);
            continue;
          }
        }
        c.metadata.push_back(metadata(meta->key, values, meta));
      }
    }
    program_.contracts.push_back(std::move(c));
  }

  void table(G::TableDeclContext* ctx) {
    ast::TableDecl t;
    t.name = ctx->name->getText();
    t.name_span = span(ctx->name);
    t.span = span(ctx->name);
    t.extent = span(ctx);
    t.label = label(ctx->label);
    if (ctx->REMPLACE()) t.change = ast::Change::Replace;
    std::vector<std::string> words;
    for (auto* w : ctx->keyWords) words.push_back(w->getText());
    bool ok = true;
    if (words.size() == 1 && words[0] == "établissement") {
      t.kind = ast::TableKind::Entity;
    } else if (words.size() == 2 && words[0] == "établissement" && words[1] == "année") {
      t.kind = ast::TableKind::EntityYear;
    } else if (words.size() == 1 && words[0] == "ligne") {
      t.kind = ast::TableKind::Rows;
    } else if (words.size() == 2 && words[0] == "ligne" && words[1] == "année") {
      t.kind = ast::TableKind::RowsYear;
    } else {
      ok = false;
    }
    if (!ok) {
      diags_.error(span(ctx->keyWords.front()), Message(kUnknownTableKey, ctx->keyWords.front()->getText()),
                   Message(kTableKeys));
    }
    for (auto* col : ctx->columnDecl()) {
      ast::Column c;
      c.name = col->name->getText();
      c.type_name = col->type->getText();
      c.label = label(col->label);
      c.span = span(col->name);
      c.type_span = span(col->type);
      c.extent = span(col);
      t.columns.push_back(std::move(c));
    }
    program_.tables.push_back(std::move(t));
  }

  void parameter(G::ParameterDeclContext* ctx) {
    ast::ParameterDecl p;
    p.name = ctx->name->getText();
    p.name_span = span(ctx->name);
    p.span = span(ctx);
    p.label = label(ctx->label);
    if (ctx->type) {
      p.type_name = ctx->type->getText();
      p.type_span = span(ctx->type);
    }
    if (ctx->REMPLACE()) p.change = ast::Change::Replace;
    if (ctx->first) {
      p.first_year = integer(ctx->first).value_or(0);
      p.last_year = ctx->last ? integer(ctx->last).value_or(0) : p.first_year;  // `pour 2023`: that year alone
      if (!ctx->REMPLACE())
        diags_.error(span(ctx->first), Message(kYearsOnlyForReplacedParameter), Message(kHowToReplaceForYears));
    }
    p.value = expr(ctx->expr());
    program_.parameters.push_back(std::move(p));
  }

  void indicator(G::IndicatorDeclContext* ctx) {
    ast::IndicatorDecl ind;
    ind.name = ctx->name->getText();
    ind.name_span = span(ctx->name);
    ind.span = span(ctx->name);
    ind.extent = span(ctx);
    ind.label = label(ctx->label);
    if (ctx->change) ind.change = ctx->change->getText() == "remplace" ? ast::Change::Replace : ast::Change::Modify;
    for (auto* item : ctx->indicatorItem()) {
      if (auto* b = dynamic_cast<G::BindingContext*>(item)) {
        ast::Binding binding;
        binding.name = b->name->getText();
        binding.name_span = span(b->name);
        binding.span = span(b);
        binding.label = label(b->label);
        binding.value = expr(b->expr());
        ind.bindings.push_back(std::move(binding));
      } else if (auto* m = dynamic_cast<G::IndicatorMetaContext*>(item)) {
        ind.metadata.push_back(metadata(m->key, m->metaValue(), m));
      }
    }
    program_.indicators.push_back(std::move(ind));
  }

  void test(G::TestDeclContext* ctx) {
    ast::TestDecl t;
    t.label = label(ctx->label);
    t.span = span(ctx->TEST());
    t.extent = span(ctx);
    for (auto* item : ctx->testItem()) {
      if (auto* m = dynamic_cast<G::TestMetaContext*>(item)) {
        t.metadata.push_back(metadata(m->key, {m->metaValue()}, m));
      } else if (auto* r = dynamic_cast<G::TestRowContext*>(item)) {
        ast::TestRow row;
        row.table = r->table->getText();
        row.span = span(r->table);
        row.extent = span(r);
        if (r->times) {
          auto n = integer(r->times);
          if (n && (*n < 1 || *n > 1000000))
            diags_.error(span(r->times), Message(kRowRepeatCount));
          else if (n) row.times = *n;
        }
        for (auto* f : r->fieldValue()) {
          row.fields.push_back({f->column->getText(), expr(f->expr()), span(f->column)});
        }
        t.rows.push_back(std::move(row));
      } else if (auto* e = dynamic_cast<G::TestExpectationContext*>(item)) {
        // `attendu: …` without a FINESS is about the test's own (`finess "…";`).
        t.expectations.push_back({e->entity ? unquote(e->entity->getText()) : std::string(), expr(e->expr()), span(e)});
      }
    }
    program_.tests.push_back(std::move(t));
  }

  ast::ExprPtr make(antlr4::ParserRuleContext* ctx) {
    auto e = std::make_unique<ast::Expr>();
    e->id = program_.next_expr_id++;
    e->span = span(ctx);
    return e;
  }

  ast::BinaryOp binary_op(const std::string& op) {
    if (op == "+") return ast::BinaryOp::Add;
    if (op == "-" || op == "−") return ast::BinaryOp::Subtract;
    if (op == "×" || op == "*") return ast::BinaryOp::Multiply;
    if (op == "/" || op == "÷") return ast::BinaryOp::Divide;
    if (op == "=") return ast::BinaryOp::Equal;
    if (op == "≠" || op == "!=" || op == "<>") return ast::BinaryOp::NotEqual;
    if (op == "<") return ast::BinaryOp::Less;
    if (op == "<=" || op == "≤") return ast::BinaryOp::LessEqual;
    if (op == ">") return ast::BinaryOp::Greater;
    if (op == ">=" || op == "≥") return ast::BinaryOp::GreaterEqual;
    return ast::BinaryOp::Approx;
  }

  ast::ExprPtr binary(antlr4::ParserRuleContext* ctx, ast::BinaryOp op, G::ExprContext* lhs, G::ExprContext* rhs) {
    auto e = make(ctx);
    e->node = ast::Binary{op, expr(lhs), expr(rhs)};
    return e;
  }

  ast::ExprPtr expr(G::ExprContext* ctx) {
    if (!ctx) {
      // Only after a syntax error (ANTLR's recovery leaves holes); the program is not checked then.
      auto e = std::make_unique<ast::Expr>();
      e->id = program_.next_expr_id++;
      e->node = ast::AbsentLiteral{};
      return e;
    }
    if (auto* c = dynamic_cast<G::PrimaryExprContext*>(ctx)) return primary(c->primary());
    if (auto* c = dynamic_cast<G::PeriodExprContext*>(ctx)) {
      auto e = make(ctx);
      ast::AtPeriod at;
      at.expr = expr(c->expr());
      at.period = period(c->period());
      e->node = std::move(at);
      return e;
    }
    if (auto* c = dynamic_cast<G::MemberExprContext*>(ctx)) {
      auto e = make(ctx);
      e->node = ast::Member{expr(c->expr()), c->ident()->getText(), span(c->ident())};
      return e;
    }
    if (auto* c = dynamic_cast<G::NegateExprContext*>(ctx)) {
      auto e = make(ctx);
      e->node = ast::Unary{ast::UnaryOp::Negate, expr(c->expr())};
      return e;
    }
    if (auto* c = dynamic_cast<G::NotExprContext*>(ctx)) {
      auto e = make(ctx);
      e->node = ast::Unary{ast::UnaryOp::Not, expr(c->expr())};
      return e;
    }
    if (auto* c = dynamic_cast<G::MultiplyExprContext*>(ctx))
      return binary(ctx, binary_op(c->op->getText()), c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<G::AddExprContext*>(ctx))
      return binary(ctx, binary_op(c->op->getText()), c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<G::CompareExprContext*>(ctx))
      return binary(ctx, binary_op(c->op->getText()), c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<G::AndExprContext*>(ctx)) return binary(ctx, ast::BinaryOp::And, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<G::OrExprContext*>(ctx)) return binary(ctx, ast::BinaryOp::Or, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<G::InExprContext*>(ctx)) {
      auto e = make(ctx);
      e->node = ast::In{expr(c->expr(0)), expr(c->expr(1)), c->negated != nullptr};
      return e;
    }
    if (auto* c = dynamic_cast<G::IfExprContext*>(ctx)) {
      auto e = make(ctx);
      e->node = ast::If{expr(c->expr(0)), expr(c->expr(1)), expr(c->expr(2))};
      return e;
    }
    return expr(nullptr);
  }

  ast::Period period(G::PeriodContext* ctx) {
    ast::Period p;
    p.span = span(ctx);
    if (ctx->year) {
      p.relative = false;
      p.year = integer(ctx->year).value_or(0);
    } else if (ctx->offset) {
      int k = integer(ctx->offset).value_or(0);
      p.offset = ctx->op->getText() == "+" ? k : -k;
    }
    return p;
  }

  ast::ExprPtr primary(G::PrimaryContext* ctx) {
    auto e = make(ctx);
    if (auto* c = dynamic_cast<G::NumberLiteralContext*>(ctx)) {
      ast::NumberLiteral lit;
      auto* n = c->number();
      lit.text = n->getText();
      std::string plain = plain_number(n->NUMBER()->getText(), lit.decimals);
      auto value = Decimal::parse_plain(plain);
      // parse_plain refuses only what the grammar lets through for its length.
      if (!value) diags_.error(e->span, Message(kNumberTooLong, kMaxDecimalDigits));
      lit.value = value.value_or(Decimal());
      if (n->unit) {
        if (n->unit->getText() == "%") {
          lit.unit = ast::LiteralUnit::Percent;
          if (value) {
            try {
              lit.value = lit.value / Decimal(100);
            } catch (const NumberTooLarge&) {
              diags_.error(e->span, Message(kNumberTooLong, kMaxDecimalDigits));
            }
          }
        } else {
          lit.unit = ast::LiteralUnit::Euro;
        }
      }
      e->node = std::move(lit);
    } else if (auto* c = dynamic_cast<G::StringLiteralContext*>(ctx)) {
      e->node = ast::StringLiteral{unquote(c->STRING()->getText()), false};
    } else if (auto* c = dynamic_cast<G::DateLiteralContext*>(ctx)) {
      std::string t = c->DATE()->getText();
      ast::DateLiteral d{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2)), std::stoi(t.substr(8, 2))};
      static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
      if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days[d.month - 1] || (d.month == 2 && d.day == 29 && !leap)) {
        diags_.error(e->span, Message(kNotACalendarDate, t), Message(kHowToWriteDates));
      }
      e->node = d;
    } else if (auto* c = dynamic_cast<G::BooleanLiteralContext*>(ctx)) {
      e->node = ast::BooleanLiteral{c->VRAI() != nullptr};
    } else if (dynamic_cast<G::AbsentLiteralContext*>(ctx)) {
      e->node = ast::AbsentLiteral{};
    } else if (auto* c = dynamic_cast<G::CallExprContext*>(ctx)) {
      ast::Call call;
      call.function = c->ident()->getText();
      call.name_span = span(c->ident());
      for (auto* a : c->argument()) {
        ast::Argument arg;
        arg.span = span(a);
        arg.value = expr(a->value);
        if (a->source) arg.source = expr(a->source);
        if (a->group) arg.group = expr(a->group);
        if (a->filter) arg.filter = expr(a->filter);
        call.args.push_back(std::move(arg));
      }
      e->node = std::move(call);
    } else if (auto* c = dynamic_cast<G::NameExprContext*>(ctx)) {
      e->node = ast::Name{c->ident()->getText()};
    } else if (dynamic_cast<G::YearExprContext*>(ctx)) {
      e->node = ast::CurrentYear{};
    } else if (auto* c = dynamic_cast<G::ParenExprContext*>(ctx)) {
      return expr(c->expr());
    } else if (auto* c = dynamic_cast<G::ListExprContext*>(ctx)) {
      ast::List list;
      // A bare word in a list is a code ([D02, D04]): check/desugar.cc makes it one.
      for (auto* item : c->expr()) list.items.push_back(expr(item));
      e->node = std::move(list);
    } else if (auto* c = dynamic_cast<G::SelonExprContext*>(ctx)) {
      ast::Selon selon;
      selon.subject = expr(c->expr(0));
      for (auto* arm : c->selonArm()) {
        ast::SelonArm a;
        a.span = span(arm);
        for (auto* k : arm->keys) a.keys.push_back(expr(k));
        a.result = expr(arm->result);
        selon.arms.push_back(std::move(a));
      }
      if (c->otherwise) selon.otherwise = expr(c->otherwise);
      e->node = std::move(selon);
    }
    return e;
  }

  const SourceFile& file_;
  ast::Program& program_;
  Diagnostics& diags_;
};

}  // namespace

namespace {

// Every later stage walks expressions recursively: bound their depth before parsing, so that no input can
// exhaust the stack (a thousand nested parentheses, a million-term sum). Real rules stay far below these bounds.
constexpr int kMaxNesting = 64;
constexpr int kMaxOperatorsPerStatement = 1000;

bool within_limits(const SourceFile& file, antlr4::CommonTokenStream& tokens, Diagnostics& diags) {
  tokens.fill();
  int depth = 0, operators = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const antlr4::Token* t = tokens.get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL || t->getType() == antlr4::Token::EOF) continue;
    const std::string& x = t->getText();
    if (x == "(" || x == "[" || x == "{") ++depth;
    if (x == ")" || x == "]" || x == "}") depth = std::max(0, depth - 1);
    if (x == ";" || x == "{" || x == "}") operators = 0;
    static const std::set<std::string> ops = {"+", "-", "−", "×", "*", "/", "÷", "=", "≠", "!=", "<>", "<", "<=", "≤", ">",
                                              ">=", "≥", "et", "ou", "non", "si", "dans", ".", ","};
    if (ops.count(x)) ++operators;
    if (depth > kMaxNesting || operators > kMaxOperatorsPerStatement) {
      Span span = token_span(file, t);
      if (depth > kMaxNesting)
        diags.error(span, Message(kNestedTooDeep, kMaxNesting), Message(kSplitExpression));
      else
        diags.error(span, Message(kTooManyOperators, kMaxOperatorsPerStatement), Message(kSplitExpression));
      return false;
    }
  }
  return true;
}

}  // namespace

// ANTLR's input stream decodes UTF-8 and throws on anything else: check the bytes first, and say where it breaks.
static bool valid_utf8(const SourceFile& file, Diagnostics& diags) {
  const std::string& s = file.text();
  int line = 1, column = 1;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size() && c != 0;
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 2) ok = c >= 0xC2;  // overlong
    if (ok && n == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
    }
    if (ok && n == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok) {
      Span span{&file, line, column, 1};
      diags.error(span, Message(c == 0 ? kNulByteInRules : kInvalidUtf8InRules), Message(kResaveAsUtf8));
      return false;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return true;
}

bool parse_file(const SourceFile& file, ast::Program& program, Diagnostics& diags) {
  if (!valid_utf8(file, diags)) return false;
  antlr4::ANTLRInputStream input(file.text());
  caqes_grammar::CaqesLexer lexer(&input);
  antlr4::CommonTokenStream tokens(&lexer);
  lexer.removeErrorListeners();
  if (!within_limits(file, tokens, diags)) return false;
  caqes_grammar::CaqesParser parser(&tokens);
  SyntaxErrorListener errors(file, diags);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&errors);
  parser.removeErrorListeners();
  parser.addErrorListener(&errors);
  G::File_Context* tree = parser.file_();
  if (errors.count() > 0) return false;
  std::vector<ast::Comment> comments;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getType() != caqes_grammar::CaqesLexer::LINE_COMMENT && t->getType() != caqes_grammar::CaqesLexer::BLOCK_COMMENT)
      continue;
    ast::Comment c;
    c.line = static_cast<int>(t->getLine());
    c.column = static_cast<int>(t->getCharPositionInLine()) + 1;
    c.text = t->getText();
    while (!c.text.empty() && (c.text.back() == ' ' || c.text.back() == '\t' || c.text.back() == '\r')) c.text.pop_back();
    c.end_line = c.line + static_cast<int>(std::count(c.text.begin(), c.text.end(), '\n'));
    comments.push_back(std::move(c));
  }
  program.comments.push_back({&file, std::move(comments)});
  Builder(file, program, diags).file(tree);
  return !diags.has_errors();
}

std::string ast::Period::text() const {
  if (!relative) return std::to_string(year);
  if (offset == 0) return "N";
  return offset > 0 ? fmt::format("N+{}", offset) : fmt::format("N-{}", -offset);
}

const char* ast::spelling(ast::BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Subtract: return "-";
    case BinaryOp::Multiply: return "×";
    case BinaryOp::Divide: return "/";
    case BinaryOp::Equal: return "=";
    case BinaryOp::NotEqual: return "≠";
    case BinaryOp::Less: return "<";
    case BinaryOp::LessEqual: return "≤";
    case BinaryOp::Greater: return ">";
    case BinaryOp::GreaterEqual: return "≥";
    case BinaryOp::Approx: return "≈";
    case BinaryOp::And: return "et";
    case BinaryOp::Or: return "ou";
  }
  return "?";
}

std::string ast::Metadata::joined() const {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i].text;
  return out;
}

std::string ast::TestDecl::default_finess() const {
  for (const auto& m : metadata)
    if (m.key == "finess") return m.joined();
  return {};
}

}  // namespace caqes
