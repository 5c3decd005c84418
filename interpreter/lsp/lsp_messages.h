// The words the language server shows in the editor, in English and French, one constant per message
// (syntax/message.h says how they are used): the headings of hovers, the titles of code lenses, the results of a
// test run from the editor, its errors. tests/unit/lsp_messages_test.cc checks that each has a French text.
#pragma once

#include "syntax/message.h"

namespace caqes::lsp_messages {

// ---- Hovers: {0} is a name, {1} its label (may be empty) ------------------------------------------------------------
inline constexpr MessageText kHoverTable = message_text("table {0}", "table {0}");
inline constexpr MessageText kHoverColumn = message_text("column {0}", "colonne {0}");
inline constexpr MessageText kHoverParameter = message_text("parameter {0}", "paramètre {0}");
inline constexpr MessageText kHoverIndicator = message_text("indicator {0}", "indicateur {0}");
inline constexpr MessageText kHoverDefinition = message_text("definition {0}", "définition {0}");
inline constexpr MessageText kHoverFunction = message_text("function {0}", "fonction {0}");
// {0}: the type and unit, as the checker names them ("montant (€)").
inline constexpr MessageText kHoverType = message_text("type: {0}", "type : {0}");
// {0}: what a table holds per row.
inline constexpr MessageText kHoverTableKey = message_text("one row {0}", "une ligne {0}");
inline constexpr MessageText kHoverKeyEntity = message_text("per establishment", "par établissement");
inline constexpr MessageText kHoverKeyEntityYear = message_text("per establishment and year", "par établissement et année");
inline constexpr MessageText kHoverKeyRows = message_text("per line", "par ligne");
inline constexpr MessageText kHoverKeyRowsYear = message_text("per line and year", "par ligne et année");
// {0}: how many columns.
inline constexpr MessageText kHoverColumns = message_text("{0} columns declared", "{0} colonnes déclarées");
inline constexpr MessageText kHoverKeyColumn =
    message_text("key column, implied by the table's key", "colonne clé, implicite d'après la clé de la table");
// {0}: a year of the contract, {1}: the parameter's value that year.
inline constexpr MessageText kHoverValueInYear = message_text("in {0}: {1}", "en {0} : {1}");
inline constexpr MessageText kHoverValuePerEstablishment =
    message_text("its value depends on the establishment", "sa valeur dépend de l'établissement");
inline constexpr MessageText kHoverValueUnknown =
    message_text("value per year: shown once the contract checks without error",
                 "valeur par année : affichée quand le contrat se vérifie sans erreur");
// {0}: the formula, in canonical form.
inline constexpr MessageText kHoverFormula = message_text("formula: {0}", "formule : {0}");

// ---- Running a test from the editor --------------------------------------------------------------------------------
inline constexpr MessageText kRunTestLens = message_text("▶ run this test", "▶ lancer ce test");
// {0}: the test's label.
inline constexpr MessageText kTestPassedNotice = message_text("test « {0} »: passed", "test « {0} » : réussi");
inline constexpr MessageText kTestFailedNotice = message_text("test « {0} »: FAILED", "test « {0} » : ÉCHEC");
inline constexpr MessageText kContractHasErrors =
    message_text("the contract has errors: fix them before running its tests",
                 "le contrat a des erreurs : corrigez-les avant de lancer ses tests");
inline constexpr MessageText kNoSuchTest = message_text("no test labelled « {0} » in the contract",
                                                        "pas de test nommé « {0} » dans le contrat");

// ---- Protocol errors -----------------------------------------------------------------------------------------------
// {0}: the method the editor asked for.
inline constexpr MessageText kUnknownMethod = message_text("unknown method '{0}'", "méthode inconnue « {0} »");
inline constexpr MessageText kBadRequest =
    message_text("malformed request: {0}", "requête mal formée : {0}");
inline constexpr MessageText kDocumentNotOpen =
    message_text("document not open: {0}", "document non ouvert : {0}");
inline constexpr MessageText kCannotFormatWithErrors =
    message_text("cannot format a file with syntax errors", "impossible de mettre en forme un fichier qui a des erreurs de syntaxe");

}  // namespace caqes::lsp_messages
