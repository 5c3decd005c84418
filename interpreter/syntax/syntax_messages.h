// The messages of the syntax stage (parser, loader of rules files, versions of a contract, and the words around
// every diagnostic) in English and French, one constant per message (syntax/message.h says how they are used).
// tests/unit/syntax_messages_test.cc checks that each has a French text of its own.
#pragma once

#include "syntax/message.h"

namespace caqes::syntax_messages {

// ---- Syntax errors, as the parser reports them ------------------------------------------------------------------
inline constexpr MessageText kSyntaxError = message_text("syntax error: {0}", "erreur de syntaxe : {0}");
inline constexpr MessageText kTokenNotRecognised =
    message_text("token recognition error at: '{0}'", "caractère non reconnu : « {0} »");
inline constexpr MessageText kUnexpectedCharacter =
    message_text("unexpected character '{0}'", "caractère inattendu « {0} »");
inline constexpr MessageText kUnexpectedEndOfFile = message_text("unexpected end of file", "fin de fichier inattendue");
inline constexpr MessageText kUnexpectedToken = message_text("unexpected '{0}'", "« {0} » inattendu");
// {1}: the tokens the grammar expected there, a list of the phrases below.
inline constexpr MessageText kUnexpectedTokenExpected =
    message_text("unexpected '{0}', expected {1}", "« {0} » inattendu ; attendu : {1}");
inline constexpr MessageText kMissingSemicolon =
    message_text("missing ';' after '{0}'", "« ; » manquant après « {0} »");

// ---- How expected tokens are named in a syntax error ------------------------------------------------------------
inline constexpr MessageText kTokenName = message_text("a name", "un nom");
inline constexpr MessageText kTokenNumber = message_text("a number", "un nombre");
inline constexpr MessageText kTokenText = message_text("a text in quotes", "un texte entre guillemets");
inline constexpr MessageText kTokenDate = message_text("a date", "une date");
inline constexpr MessageText kTokenEndOfFile = message_text("the end of the file", "la fin du fichier");
// A keyword or a punctuation sign, as the grammar writes it.
inline constexpr MessageText kTokenQuoted = message_text("'{0}'", "« {0} »");
// A token the grammar names without quotes (its symbolic name): shown as it is in both languages.
inline constexpr MessageText kTokenAsNamed = message_text("{0}", "{0}");
inline constexpr MessageText kTokenSeparator = message_text(", ", ", ");

// ---- Hints for the usual syntax mistakes --------------------------------------------------------------------------
inline constexpr MessageText kDecimalPoint =
    message_text("'{0}' uses a decimal point", "« {0} » utilise un point décimal");
inline constexpr MessageText kWriteNumbersTheFrenchWay = message_text(
    "numbers are written the French way: decimal comma, thousands grouped by three with a space (write {0})",
    "les nombres s'écrivent à la française : virgule décimale, milliers groupés par trois et séparés par une espace "
    "(écrivez {0})");
inline constexpr MessageText kTextOnOneLine = message_text("a text must open and close with \" on the same line",
                                                           "un texte s'ouvre et se ferme par \" sur la même ligne");
inline constexpr MessageText kDeclarationNotFinished =
    message_text("a declaration is not finished: check for a missing '}' or ';'",
                 "une déclaration n'est pas terminée : vérifiez s'il manque « } » ou « ; »");
// {0}:{1}:{2}: the file, line and column of the '{'.
inline constexpr MessageText kBraceNeverClosed =
    message_text("the '{' at {0}:{1}:{2} is never closed: add the missing '}'",
                 "l'accolade « { » ouverte en {0}:{1}:{2} n'est jamais fermée : ajoutez l'accolade « } » manquante");
inline constexpr MessageText kTwoNumbersInARow = message_text(
    "two numbers in a row: thousands are grouped by exactly three digits (write 20 000, 1 234 567)",
    "deux nombres à la suite : les milliers se groupent par trois chiffres exactement (écrivez 20 000, 1 234 567)");
// `==` written for `=`.
inline constexpr MessageText kCompareWithOneEquals =
    message_text("a comparison is written with a single '=' (write {0} = …)",
                 "une comparaison s'écrit avec un seul « = » (écrivez {0} = …)");
// {0}: a word of another language (and, or, if…); {1}: the keyword of the rules language.
inline constexpr MessageText kWriteTheFrenchKeyword =
    message_text("the rules are written in French: write '{1}' instead of '{0}'",
                 "les règles s'écrivent en français : écrivez « {1} » au lieu de « {0} »");
inline constexpr MessageText kLinesEndWithSemicolon =
    message_text("each declaration and each line of an indicator ends with ';'",
                 "chaque déclaration et chaque ligne d'un indicateur se termine par « ; »");

// ---- Declarations the grammar accepts but the language does not ------------------------------------------------
inline constexpr MessageText kExpectedWholeNumber =
    message_text("expected a whole number, found '{0}'", "un nombre entier est attendu, et non « {0} »");
inline constexpr MessageText kUnknownContractClause =
    message_text("unknown contract clause '{0}'", "clause de contrat inconnue « {0} »");
inline constexpr MessageText kHowToWriteYears = message_text("the years of a contract are written: années 2022..2024;",
                                                             "les années d'un contrat s'écrivent : années 2022..2024;");
inline constexpr MessageText kUnknownTableKey =
    message_text("unknown table key 'par {0}'", "clé de table inconnue « par {0} »");
inline constexpr MessageText kTableKeys = message_text(
    "write 'par établissement', 'par établissement et année', 'par ligne' or 'par ligne et année'",
    "écrivez « par établissement », « par établissement et année », « par ligne » ou « par ligne et année »");
inline constexpr MessageText kYearsOnlyForReplacedParameter =
    message_text("'pour' years only make sense when a parameter replaces the base contract's",
                 "des années « pour » n'ont de sens que si le paramètre remplace celui du contrat de base");
inline constexpr MessageText kHowToReplaceForYears = message_text(
    "write: remplace paramètre x pour 2023..2024 = ...;", "écrivez : remplace paramètre x pour 2023..2024 = ...;");
inline constexpr MessageText kRowRepeatCount =
    message_text("a row is repeated 1 to 1 000 000 times", "une ligne se répète de 1 à 1 000 000 fois");
inline constexpr MessageText kNotACalendarDate =
    message_text("'{0}' is not a date of the calendar", "« {0} » n'est pas une date du calendrier");
inline constexpr MessageText kHowToWriteDates =
    message_text("dates are written YYYY-MM-DD", "les dates s'écrivent AAAA-MM-JJ");

// ---- Limits checked before parsing, and the bytes of a rules file ---------------------------------------------
inline constexpr MessageText kNestedTooDeep =
    message_text("brackets nested more than {0} levels deep", "parenthèses imbriquées sur plus de {0} niveaux");
inline constexpr MessageText kTooManyOperators =
    message_text("expression with more than {0} operators", "expression de plus de {0} opérateurs");
// After the first {1} diagnostics of one message: how many more ({0}) were counted and not shown.
inline constexpr MessageText kMoreNotShown =
    message_text("{0} more of the same kind not shown (the first {1} are above)",
                 "{0} autres du même genre non affichés (les {1} premiers sont ci-dessus)");
// {0}: the most digits a number may have.
inline constexpr MessageText kNumberTooLong =
    message_text("a number has at most {0} digits", "un nombre a au plus {0} chiffres");
inline constexpr MessageText kSplitExpression =
    message_text("split the expression into named definitions", "découpez l'expression en définitions nommées");
inline constexpr MessageText kNulByteInRules =
    message_text("NUL byte: this is not a text file", "octet NUL : ce n'est pas un fichier texte");
inline constexpr MessageText kInvalidUtf8InRules =
    message_text("invalid UTF-8 in a rules file", "UTF-8 invalide dans un fichier de règles");
inline constexpr MessageText kResaveAsUtf8 =
    message_text("rules files are UTF-8 text; re-save the file as UTF-8",
                 "les fichiers de règles sont du texte UTF-8 ; enregistrez de nouveau le fichier en UTF-8");

// ---- Loading the files of a contract ----------------------------------------------------------------------------
inline constexpr MessageText kCannotReadRulesFile =
    message_text("cannot read rules file '{0}'", "impossible de lire le fichier de règles « {0} »");
// {0}: a path. What a rules file may be (program_loader.h, read_rules_file).
inline constexpr MessageText kNotARulesFileName =
    message_text("'{0}' is not a rules file: the name of a rules file ends in .caqes",
                 "« {0} » n'est pas un fichier de règles : le nom d'un fichier de règles finit par .caqes");
inline constexpr MessageText kRulesFileNotRegular =
    message_text("'{0}' is not a regular file (a pipe, a device or a folder): rules are read from files only",
                 "« {0} » n'est pas un fichier ordinaire (un tube, un périphérique ou un dossier) : les règles se "
                 "lisent dans des fichiers");
// {1}: the limit, in MiB.
inline constexpr MessageText kRulesFileTooLarge =
    message_text("'{0}' is larger than {1} MiB, the most a rules file may be",
                 "« {0} » dépasse {1} Mio, la taille maximale d'un fichier de règles");
inline constexpr MessageText kImportNotFound =
    message_text("cannot find imported rules '{0}'", "règles importées introuvables : « {0} »");
// {0}: the folder of the standard library.
inline constexpr MessageText kWhereImportsAreLooked =
    message_text("a plain name is looked up in {0}; a path is relative to this file",
                 "un nom seul est cherché dans {0} ; un chemin est relatif à ce fichier");
inline constexpr MessageText kNoRulesFileInDirectory =
    message_text("no .caqes rules file in directory '{0}'", "aucun fichier de règles .caqes dans le dossier « {0} »");
inline constexpr MessageText kNoSuchRules =
    message_text("no such rules file or directory: '{0}'", "fichier ou dossier de règles introuvable : « {0} »");
inline constexpr MessageText kTooManyBaseContracts =
    message_text("too many contracts extending each other (is there a cycle of 'étend'?)",
                 "trop de contrats s'étendent les uns les autres (y a-t-il un cycle de « étend » ?)");
inline constexpr MessageText kBaseContractNotFound =
    message_text("cannot find the base contract '{0}'", "contrat de base introuvable : « {0} »");
inline constexpr MessageText kBasePathIsRelative =
    message_text("the path is relative to this file's folder (a plain name is also looked up in the folders of "
                 "CAQES_CONTRATS, separated by ':')",
                 "le chemin est relatif au dossier de ce fichier (un nom seul est aussi cherché dans les dossiers de "
                 "CAQES_CONTRATS, séparés par « : »)");
// {0}: the folders of CAQES_CONTRATS.
inline constexpr MessageText kBaseLookedUpIn =
    message_text("looked up beside this file, then in the folders of CAQES_CONTRATS: {0}",
                 "cherché à côté de ce fichier, puis dans les dossiers de CAQES_CONTRATS : {0}");

// ---- A change written in a contract that extends none -------------------------------------------------------
inline constexpr MessageText kChangeNeedsBase = message_text(
    "a change applies to a base contract: add 'étend \"../dossier-du-contrat-de-base\";' to the contract",
    "une modification s'applique à un contrat de base : ajoutez « étend \"../dossier-du-contrat-de-base\"; » au "
    "contrat");
// {0} {1}: what is removed and its name ("indicateur transport").
inline constexpr MessageText kRemovalWithoutBase = message_text("'retire {0} {1}' but this contract extends none",
                                                                "« retire {0} {1} », mais ce contrat n'en étend aucun");
inline constexpr MessageText kTableReplacementWithoutBase = message_text(
    "'remplace table {0}' but this contract extends none", "« remplace table {0} », mais ce contrat n'en étend aucun");
inline constexpr MessageText kParameterReplacementWithoutBase =
    message_text("'remplace paramètre {0}' but this contract extends none",
                 "« remplace paramètre {0} », mais ce contrat n'en étend aucun");
// {0}: remplace or modifie.
inline constexpr MessageText kIndicatorChangeWithoutBase = message_text(
    "'{0} indicateur {1}' but this contract extends none", "« {0} indicateur {1} », mais ce contrat n'en étend aucun");

// ---- A change that does not fit the base contract -------------------------------------------------------------
// {1} {2}: what is removed and its name.
inline constexpr MessageText kNothingToRemove =
    message_text("nothing to remove: the base contract '{0}' has no {1} '{2}'",
                 "rien à retirer : le contrat de base « {0} » ne déclare pas « {1} {2} »");
// A declaration the base contract already has, then where it has it ({1}) and how to change it.
inline constexpr MessageText kTableAlreadyInBase =
    message_text("table '{0}' is already declared by the base contract",
                 "la table « {0} » est déjà déclarée par le contrat de base");
inline constexpr MessageText kBaseDeclaresTable =
    message_text("the base contract '{0}' declares it at {1}; write 'remplace table' to change it",
                 "le contrat de base « {0} » la déclare dans {1} ; écrivez « remplace table » pour la changer");
inline constexpr MessageText kNoTableToReplace =
    message_text("nothing to replace: the base contract '{0}' has no table '{1}'",
                 "rien à remplacer : le contrat de base « {0} » n'a pas de table « {1} »");
inline constexpr MessageText kParameterAlreadyInBase =
    message_text("parameter '{0}' is already declared by the base contract",
                 "le paramètre « {0} » est déjà déclaré par le contrat de base");
inline constexpr MessageText kBaseDeclaresParameter =
    message_text("the base contract '{0}' declares it at {1}; write 'remplace paramètre' to change it",
                 "le contrat de base « {0} » le déclare dans {1} ; écrivez « remplace paramètre » pour le changer");
inline constexpr MessageText kNoParameterToReplace =
    message_text("nothing to replace: the base contract '{0}' has no parameter '{1}'",
                 "rien à remplacer : le contrat de base « {0} » n'a pas de paramètre « {1} »");
inline constexpr MessageText kIndicatorAlreadyInBase =
    message_text("indicator '{0}' is already declared by the base contract",
                 "l'indicateur « {0} » est déjà déclaré par le contrat de base");
inline constexpr MessageText kBaseDeclaresIndicator =
    message_text("the base contract '{0}' declares it at {1}; write 'remplace indicateur' or 'modifie indicateur'",
                 "le contrat de base « {0} » le déclare dans {1} ; écrivez « remplace indicateur » ou « modifie "
                 "indicateur »");
inline constexpr MessageText kNoIndicatorToReplace =
    message_text("nothing to replace: the base contract '{0}' has no indicator '{1}'",
                 "rien à remplacer : le contrat de base « {0} » n'a pas d'indicateur « {1} »");
inline constexpr MessageText kNoIndicatorToModify =
    message_text("nothing to modify: the base contract '{0}' has no indicator '{1}'",
                 "rien à modifier : le contrat de base « {0} » n'a pas d'indicateur « {1} »");
// A base test that reads an indicator the amendment removes: said at the `retire`, with the test's place ({2}).
inline constexpr MessageText kRemovedIndicatorStillTested =
    message_text("indicator '{0}' is removed, but the base contract's test \"{1}\" ({2}) reads it",
                 "l'indicateur « {0} » est retiré, mais le test \"{1}\" du contrat de base ({2}) le lit");
inline constexpr MessageText kRetireTheTest =
    message_text("remove that test too: retire test \"{0}\";", "retirez aussi ce test : retire test \"{0}\";");

// ---- How a diagnostic is shown (French puts a space before a colon) ------------------------------------------
inline constexpr MessageText kErrorLabel = message_text("error:", "erreur :");
inline constexpr MessageText kWarningLabel = message_text("warning:", "avertissement :");
inline constexpr MessageText kNoteLabel = message_text("note:", "note :");
inline constexpr MessageText kHintLabel = message_text("hint:", "conseil :");

}  // namespace caqes::syntax_messages
