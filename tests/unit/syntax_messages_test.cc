// Unit tests of the syntax stage's catalog of messages (syntax/syntax_messages.h): every message has a French text
// of its own, the expected tokens of a syntax error read as a list in either language, and the parser's
// diagnostics come out in both.
#include "syntax/syntax_messages.h"

#include <doctest/doctest.h>

#include "message_catalog.h"
#include "syntax/parser.h"

namespace caqes {
namespace {

using namespace syntax_messages;

TEST_CASE("every message of the syntax catalog has a French text of its own") {
  const std::vector<const MessageText*> all = {
      &kSyntaxError, &kTokenNotRecognised, &kUnexpectedCharacter, &kUnexpectedEndOfFile, &kUnexpectedToken,
      &kUnexpectedTokenExpected, &kMissingSemicolon, &kTokenName, &kTokenNumber, &kTokenText, &kTokenDate,
      &kTokenEndOfFile, &kTokenQuoted, &kTokenAsNamed, &kTokenSeparator, &kDecimalPoint, &kWriteNumbersTheFrenchWay,
      &kTextOnOneLine, &kDeclarationNotFinished, &kBraceNeverClosed, &kTwoNumbersInARow, &kLinesEndWithSemicolon,
      &kCompareWithOneEquals, &kWriteTheFrenchKeyword,
      &kExpectedWholeNumber, &kUnknownContractClause, &kHowToWriteYears, &kUnknownTableKey, &kTableKeys,
      &kYearsOnlyForReplacedParameter, &kHowToReplaceForYears, &kRowRepeatCount, &kNotACalendarDate,
      &kHowToWriteDates, &kNestedTooDeep, &kTooManyOperators, &kSplitExpression, &kNulByteInRules,
      &kInvalidUtf8InRules, &kResaveAsUtf8, &kCannotReadRulesFile, &kImportNotFound, &kWhereImportsAreLooked,
      &kNoRulesFileInDirectory, &kNoSuchRules, &kTooManyBaseContracts, &kBaseContractNotFound, &kBasePathIsRelative, &kBaseLookedUpIn,
      &kChangeNeedsBase, &kRemovalWithoutBase, &kTableReplacementWithoutBase, &kParameterReplacementWithoutBase,
      &kIndicatorChangeWithoutBase, &kNothingToRemove, &kTableAlreadyInBase, &kBaseDeclaresTable, &kNoTableToReplace,
      &kParameterAlreadyInBase, &kBaseDeclaresParameter, &kNoParameterToReplace, &kIndicatorAlreadyInBase,
      &kBaseDeclaresIndicator, &kNoIndicatorToReplace, &kNoIndicatorToModify, &kRemovedIndicatorStillTested, &kRetireTheTest, &kErrorLabel, &kWarningLabel,
      &kNoteLabel, &kHintLabel,
      &kNumberTooLong, &kMoreNotShown, &kNotARulesFileName, &kRulesFileNotRegular, &kRulesFileTooLarge};
  // The same in both languages: a token's symbolic name shown as it is, and the comma between expected tokens.
  const std::set<const MessageText*> same = {&kTokenAsNamed, &kTokenSeparator};
  check_catalog("interpreter/syntax/syntax_messages.h", all, same);
}

TEST_CASE("the expected tokens of a syntax error are a list of phrases and quoted tokens, in either language") {
  auto expected = [](std::vector<Message> tokens) {
    return Message(kUnexpectedTokenExpected, "x", Message::list(kTokenSeparator, kTokenSeparator, std::move(tokens)));
  };
  Message m = expected({Message(kTokenName), Message(kTokenNumber), Message(kTokenQuoted, ";")});
  CHECK(m.in(Language::En) == "unexpected 'x', expected a name, a number, ';'");
  CHECK(m.in(Language::Fr) == "« x » inattendu ; attendu : un nom, un nombre, « ; »");
  m = Message(kUnexpectedTokenExpected, "}",
              Message::list(kTokenSeparator, kTokenSeparator, {Message(kTokenQuoted, ";")}));
  CHECK(m.in(Language::En) == "unexpected '}', expected ';'");
  CHECK(m.in(Language::Fr) == "« } » inattendu ; attendu : « ; »");
  CHECK(expected({Message(kTokenAsNamed, "UNKNOWN_CHAR")}).in(Language::Fr) ==
        "« x » inattendu ; attendu : UNKNOWN_CHAR");
}

// The diagnostics of parsing `text`, rendered in `lang`.
std::string parse_errors(const std::string& text, Language lang) {
  SourceFile file("r.caqes", text);
  ast::Program program;
  Diagnostics diags;
  parse_file(file, program, diags);
  return render_all(diags, false, lang);
}

TEST_CASE("the parser's diagnostics in English and in French") {
  const std::string contract = "contrat c \"C\" { années 2022..2022 }\n";
  CHECK(parse_errors(contract, Language::En) ==
        "r.caqes:1:35: error: unexpected '}', expected ';'\n"
        "  contrat c \"C\" { années 2022..2022 }\n"
        "                                    ^\n"
        "  hint: each declaration and each line of an indicator ends with ';'\n");
  CHECK(parse_errors(contract, Language::Fr) ==
        "r.caqes:1:35: erreur : « } » inattendu ; attendu : « ; »\n"
        "  contrat c \"C\" { années 2022..2022 }\n"
        "                                    ^\n"
        "  conseil : chaque déclaration et chaque ligne d'un indicateur se termine par « ; »\n");
  const std::string point = "contrat c \"C\" { années 2022..2022; }\nparamètre q = 3.5;\n";
  CHECK(parse_errors(point, Language::Fr).find(
            "erreur : « 3.5 » utilise un point décimal\n  paramètre q = 3.5;\n                ^~~\n"
            "  conseil : les nombres s'écrivent à la française : virgule décimale, milliers groupés par trois et "
            "séparés par une espace (écrivez 3,5)\n") != std::string::npos);
  CHECK(parse_errors("contrat c \"C\" { années 2022..2022; }\ntable t \"T\" par semaine { a: code; }\n", Language::Fr)
            .find("erreur : clé de table inconnue « par semaine »") != std::string::npos);
}

}  // namespace
}  // namespace caqes
