// Each kind of syntax error ANTLR reports, named in the words of the language: the token found, the tokens the
// grammar expected there, and a hint when the mistake is a usual one.
#include "syntax/syntax_error_listener.h"

#include <algorithm>
#include <vector>

#include "CaqesLexer.h"
#include "syntax/syntax_messages.h"

namespace caqes {

using namespace syntax_messages;

namespace {

using Lexer = caqes_grammar::CaqesLexer;

// How an expected token is named in a message: a phrase for the tokens that stand for many texts, the keyword
// or sign in quotes for the others.
Message token_name(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  switch (type) {
    case Lexer::IDENT: return Message(kTokenName);
    case Lexer::NUMBER: return Message(kTokenNumber);
    case Lexer::STRING: return Message(kTokenText);
    case Lexer::DATE: return Message(kTokenDate);
    case antlr4::Token::EOF: return Message(kTokenEndOfFile);
    default: break;
  }
  std::string shown = vocabulary.getDisplayName(type);
  if (shown.size() >= 3 && shown.front() == '\'' && shown.back() == '\'')
    return Message(kTokenQuoted, shown.substr(1, shown.size() - 2));
  return Message(kTokenAsNamed, shown);
}

// ANTLR's lexer says "token recognition error at: '<text>'".
Message lexer_message(const std::string& antlr_message) {
  const std::string prefix = "token recognition error at: '";
  if (antlr_message.size() > prefix.size() && antlr_message.compare(0, prefix.size(), prefix) == 0 &&
      antlr_message.back() == '\'')
    return Message(kTokenNotRecognised, antlr_message.substr(prefix.size(), antlr_message.size() - prefix.size() - 1));
  return Message(kTokenAsNamed, antlr_message);
}

// The keyword of the rules for a word a writer used to another language may type instead; empty for any other.
std::string french_keyword(const std::string& word) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"and", "et"},    {"AND", "et"},     {"&", "et"},    {"or", "ou"},       {"OR", "ou"},     {"|", "ou"},
      {"not", "non"},   {"NOT", "non"},    {"if", "si"},   {"then", "alors"},  {"else", "sinon"}, {"in", "dans"},
      {"IN", "dans"},   {"where", "où"},   {"true", "vrai"}, {"false", "faux"}};
  for (const auto& [other, french] : kWords)
    if (word == other) return french;
  return {};
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                                      size_t column, const std::string& antlr_message, std::exception_ptr) {
  if (static_cast<int>(line) == last_line_) return;
  last_line_ = static_cast<int>(line);
  ++count_;
  Span span;
  span.file = &file_;
  span.line = static_cast<int>(line);
  span.column = static_cast<int>(column) + 1;
  if (offending) span.length = std::max(1, character_count(offending->getText()));

  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (!offending || !parser) {
    // Lexer errors cannot happen (UNKNOWN_CHAR takes any character) except inside an unterminated string.
    diags_.error(span, Message(kSyntaxError, lexer_message(antlr_message)));
    return;
  }
  std::string text = offending->getText();
  size_t type = offending->getType();
  if (type == Lexer::POINT_DECIMAL) {
    std::string fixed = text;
    std::replace(fixed.begin(), fixed.end(), '.', ',');
    diags_.error(span, Message(kDecimalPoint, text), Message(kWriteNumbersTheFrenchWay, fixed));
  } else if (type == Lexer::UNKNOWN_CHAR) {
    Message hint;
    if (text == "\"") hint = Message(kTextOnOneLine);
    else if (std::string french = french_keyword(text); !french.empty())
      hint = Message(kWriteTheFrenchKeyword, text, french);  // `&&`, `||`: the first character
    diags_.error(span, Message(kUnexpectedCharacter, text), std::move(hint));
  } else if (type == antlr4::Token::EOF) {
    Message brace = unclosed_brace(*parser);
    diags_.error(span, Message(kUnexpectedEndOfFile), brace.empty() ? Message(kDeclarationNotFinished) : brace);
  } else {
    unexpected(*parser, *offending, span);
  }
}

void SyntaxErrorListener::unexpected(antlr4::Parser& parser, const antlr4::Token& offending, Span span) {
  std::string text = offending.getText();
  std::vector<Message> names;
  bool wants_semicolon = false;
  for (size_t t : parser.getExpectedTokens().toList()) {
    names.push_back(token_name(parser.getVocabulary(), t));
    wants_semicolon = wants_semicolon || parser.getVocabulary().getDisplayName(t) == "';'";
    if (names.size() > 6) break;
  }
  const antlr4::Token* previous = parser.getTokenStream()->LT(-1);
  if (wants_semicolon && previous && previous->getLine() < offending.getLine()) {
    // A ';' forgotten at the end of a line: say so where it is missing, not on the next declaration.
    span.line = static_cast<int>(previous->getLine());
    span.column = static_cast<int>(previous->getCharPositionInLine()) + character_count(previous->getText()) + 1;
    span.length = 1;
    last_line_ = span.line;
    diags_.error(span, Message(kMissingSemicolon, previous->getText()), Message(kLinesEndWithSemicolon));
    return;
  }
  Message message(kUnexpectedToken, text);
  if (!names.empty() && names.size() <= 6)
    message = Message(kUnexpectedTokenExpected, text, Message::list(kTokenSeparator, kTokenSeparator, std::move(names)));
  Message hint;
  std::string french = french_keyword(text);
  if (text == "=" && previous && previous->getText() == "=" && previous->getStopIndex() + 1 == offending.getStartIndex()) {
    // `a == b`: the first '=' was taken as the comparison, the second is the unexpected one.
    const antlr4::Token* left = parser.getTokenStream()->LT(-2);
    hint = Message(kCompareWithOneEquals, left ? left->getText() : std::string("a"));
  } else if (!french.empty()) {
    hint = Message(kWriteTheFrenchKeyword, text, french);
  } else if (offending.getType() == Lexer::NUMBER && previous && previous->getType() == Lexer::NUMBER)
    hint = Message(kTwoNumbersInARow);
  else if (text != ";" && wants_semicolon)
    hint = Message(kLinesEndWithSemicolon);
  diags_.error(span, std::move(message), std::move(hint));
}

Message SyntaxErrorListener::unclosed_brace(antlr4::Parser& parser) const {
  antlr4::TokenStream* stream = parser.getTokenStream();
  std::vector<const antlr4::Token*> open;
  for (size_t i = 0; i < stream->size(); ++i) {
    const antlr4::Token* t = stream->get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (t->getText() == "{") open.push_back(t);
    if (t->getText() == "}" && !open.empty()) open.pop_back();
  }
  if (open.empty()) return Message();
  return Message(kBraceNeverClosed, file_.path(), open.back()->getLine(), open.back()->getCharPositionInLine() + 1);
}

}  // namespace caqes
