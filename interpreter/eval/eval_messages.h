// The messages of the evaluation stage in English and French, one constant per message (syntax/message.h says
// how they are used): the errors that stop the evaluation of a figure (EvalError) and the lines of a rule test
// that failed. tests/unit/eval_messages_test.cc checks that each has a French text of its own, or says why not.
#pragma once

#include "syntax/message.h"

namespace caqes::eval_messages {

// ---- Missing data under 'données_absentes erreur' ---------------------------------------------------------------
// {0}: the column, {1}: the table, {2}: the FINESS, {3}: the year (for a table with years).
inline constexpr MessageText kEmptyColumn =
    message_text("missing data: column '{0}' of table '{1}' is empty for establishment {2}",
                 "donnée manquante : la colonne « {0} » de la table « {1} » est vide pour l'établissement {2}");
inline constexpr MessageText kEmptyColumnInYear =
    message_text("missing data: column '{0}' of table '{1}' is empty for establishment {2} in {3}",
                 "donnée manquante : la colonne « {0} » de la table « {1} » est vide pour l'établissement {2} en {3}");
// {0}: the table, {1}: the FINESS, {2}: the year (for a table with years).
inline constexpr MessageText kNoRow = message_text("missing data: table '{0}' has no row for establishment {1}",
                                                   "donnée manquante : la table « {0} » n'a pas de ligne pour "
                                                   "l'établissement {1}");
inline constexpr MessageText kNoRowInYear =
    message_text("missing data: table '{0}' has no row for establishment {1} in {2}",
                 "donnée manquante : la table « {0} » n'a pas de ligne pour l'établissement {1} en {2}");
inline constexpr MessageText kMissingDataHint =
    message_text("the contract says 'données_absentes erreur'; complete the extract or use défaut(x, valeur)",
                 "le contrat dit « données_absentes erreur » ; complétez l'extraction ou utilisez défaut(x, valeur)");

// ---- Division by zero under 'division_par_zéro erreur' ----------------------------------------------------------
// {0}: the FINESS, {1}: the year.
inline constexpr MessageText kDivisionByZero =
    message_text("division by zero for establishment {0} in {1}", "division par zéro pour l'établissement {0} en {1}");
inline constexpr MessageText kDivisionByZeroHint =
    message_text("the contract says 'division_par_zéro erreur'", "le contrat dit « division_par_zéro erreur »");

// ---- Population statistics ---------------------------------------------------------------------------------------
// {0}: the order as a fraction, written with a decimal point (1.5).
inline constexpr MessageText kQuantileOrder = message_text("the order of a quantile is between 0 and 1 (here {0})",
                                                           "l'ordre d'un quantile est compris entre 0 et 1 (ici {0})");
inline constexpr MessageText kQuantileOrderHint =
    message_text("write quantile(x, 75 %), quartile(x, 3) or percentile(x, 75)",
                 "écrivez quantile(x, 75 %), quartile(x, 3) ou percentile(x, 75)");

// ---- Errors of the evaluator itself (the plan missed something) -------------------------------------------------
inline constexpr MessageText kAggregationNotPrepared = message_text(
    "internal: aggregation not prepared for year {0}", "erreur interne : agrégation non préparée pour l'année {0}");
inline constexpr MessageText kNestedOutsidePass =
    message_text("internal: nested aggregation outside the pass over the rows",
                 "erreur interne : agrégation imbriquée hors du passage sur les lignes");

// ---- A rule test that fails (caqes test) -------------------------------------------------------------------------
// Each line starts with the place in the rules ({0}: file:line:col), followed by ':' in both languages so that
// editors can jump to it.
// {1}: what follows 'année' in the test.
inline constexpr MessageText kTestYearNotAYear =
    message_text("{0}: 'année {1}' is not a year", "{0}: « année {1} » n'est pas une année");
inline constexpr MessageText kTestRowNotConstant =
    message_text("{0}: a test row holds constants only", "{0}: une ligne de test ne contient que des constantes");
inline constexpr MessageText kTestRowWithoutFiness =
    message_text("{0}: the row has no FINESS", "{0}: la ligne n'a pas de FINESS");
// {1}: the table.
inline constexpr MessageText kTestSecondRow =
    message_text("{0}: a second row for the same establishment in table '{1}'",
                 "{0}: une seconde ligne pour le même établissement dans la table « {1} »");
inline constexpr MessageText kTestSecondRowInYear =
    message_text("{0}: a second row for the same establishment and year in table '{1}'",
                 "{0}: une seconde ligne pour le même établissement et la même année dans la table « {1} »");
// {1}: the expectation as written in the rules; {2}: the operator and the value expected ("≥ 20 %", or the value
// alone for '='), {3}: the value computed.
inline constexpr MessageText kExpectationFalse = message_text("{0}: {1}", "{0}: {1}");
inline constexpr MessageText kExpectedComputed =
    message_text("{0}: {1}: expected {2}, computed {3}", "{0}: {1} : attendu {2}, calculé {3}");
// For a condition that is not a comparison: {2}, the value expected (vrai); {3}, the value computed (faux).
// For 'et' and 'ou': {4}, each side as written and its value, joined by kSideSeparator.
inline constexpr MessageText kExpectedComputedSides =
    message_text("{0}: {1}: expected {2}, computed {3} ({4})", "{0}: {1} : attendu {2}, calculé {3} ({4})");
// {0}: a side of 'et' or 'ou' as written, {1}: its value.
inline constexpr MessageText kSideComputed = message_text("{0} → {1}", "{0} → {1}");
inline constexpr MessageText kSideSeparator = message_text("; ", " ; ");
// An expectation about an establishment the test does not declare: it would be computed on no data at all, and a
// figure of 0 € or 'absent' would pass for right. {1}: the FINESS, {2}: the table of establishments.
inline constexpr MessageText kExpectationWithoutEstablishment =
    message_text("{0}: the test has no row for establishment {1} in table '{2}'",
                 "{0}: le test n'a pas de ligne pour l'établissement {1} dans la table « {2} »");
// {0}: the FINESS, {1}: the table of establishments.
inline constexpr MessageText kExpectationWithoutEstablishmentHint =
    message_text("add a row '{1}: finess = \"{0}\", …;' to the test, or correct the FINESS",
                 "ajoutez au test une ligne « {1}: finess = \"{0}\", …; » ou corrigez le FINESS");
inline constexpr MessageText kExpectationUndecided =
    message_text("{0}: {1}: the condition could not be decided (missing data)",
                 "{0}: {1} : la condition n'a pas pu être décidée (données manquantes)");


// ---- A year the rules read and the data do not hold (a warning; an error under --strict) -------------------------
// {0}: the table; {1}: the year.
inline constexpr MessageText kNoRowForYear =
    message_text("no row of {0}.csv for {1}: every figure that reads {0}[{1}] is absent",
                 "aucune ligne dans {0}.csv pour {1} : tout chiffre calculé à partir de {0}[{1}] est absent");
inline constexpr MessageText kNoRowForYearHint =
    message_text("check the extract, or the year written in the rule",
                 "vérifiez l'extraction, ou l'année écrite dans la règle");

// ---- Rows no rule reads ------------------------------------------------------------------------------------------
// {0}: the table, {1}: the years (joined by ", "), {2}: the contract, {3}..{4}: its years.
inline constexpr MessageText kRowsForUnreadYears =
    message_text("{0}.csv holds rows for {1}, outside contract {2} ({3}..{4}), which no rule reads: they are ignored",
                 "{0}.csv contient des lignes pour {1}, hors du contrat {2} ({3}..{4}), qu'aucune règle ne lit : elles "
                 "sont ignorées");
inline constexpr MessageText kRowsForUnreadYearsHint =
    message_text("check the year column of the extract (--strict makes this an error)",
                 "vérifiez la colonne année de l'extraction (--strict en fait une erreur)");

// ---- Exact numbers grown beyond their bound (value/decimal.h) -------------------------------------------------
// {0}: the most digits of a numerator or a denominator.
inline constexpr MessageText kNumberTooLarge =
    message_text("the exact result has more than {0} digits", "le résultat exact a plus de {0} chiffres");
inline constexpr MessageText kRoundOnTheWay =
    message_text("round on the way (arrondi), or compute in fewer multiplications",
                 "arrondissez en chemin (arrondi), ou calculez en moins de multiplications");
// Where no expression is to blame (the pass over the rows, a population statistic).
inline constexpr MessageText kNumberTooLargeInPass =
    message_text("an exact figure computed over the rows has more than {0} digits",
                 "un chiffre exact calculé sur les lignes a plus de {0} chiffres");

// ---- National references imported by a regional contract (national_references.h) ---------------------------
// {0}: the parameter, {1}: the year, {2}: where the rules read it.
inline constexpr MessageText kReferenceNotGiven =
    message_text("the national references give no {0}, which the rules read for {1} ({2})",
                 "les références nationales ne donnent pas {0}, que les règles lisent pour {1} ({2})");
// {0}: the parameter, {1}: the year, {2}: where the rules read it, {3}: the years the references give.
inline constexpr MessageText kReferenceYearNotGiven =
    message_text("the rules read {0} for {1} ({2}), but the national references are for {3}",
                 "les règles lisent {0} pour {1} ({2}), mais les références nationales sont celles de {3}");
// {0}: the national contract.
inline constexpr MessageText kWriteReferencesAgain = message_text(
    "write the references again from the national run of {0}: caqes références RULES --data DIR --output FILE.caqes",
    "écrivez de nouveau les références depuis le calcul national de {0} : caqes références RÈGLES --data DOSSIER "
    "--output FICHIER.caqes");

}  // namespace caqes::eval_messages
