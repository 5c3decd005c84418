// The messages of the command line in English and French, one constant per message (syntax/message.h says how
// they are used): its errors (printed "caqes: error: ..."), the summary of `check`, the lines of `test`.
// tests/unit/cli_messages_test.cc checks that each has a French text of its own, or says why not.
#pragma once

#include "syntax/message.h"

namespace caqes::cli_messages {

// ---- Errors of a command ------------------------------------------------------------------------------------------
// {0}: a path, {1}: the system's reason, as it gives it.
inline constexpr MessageText kCannotWrite =
    message_text("cannot write '{0}': {1}", "impossible d'écrire « {0} » : {1}");
inline constexpr MessageText kCannotRead = message_text("cannot read '{0}'", "impossible de lire « {0} »");
// {0}: the year asked for, {1}: the contract, {2}..{3}: its years.
inline constexpr MessageText kYearOutsideContract =
    message_text("{0} is outside contract {1} ({2}..{3})", "{0} est hors du contrat {1} ({2}..{3})");
// {0}: the indicator asked for, {1}: the contract, {2}: the closest name.
inline constexpr MessageText kNoIndicator =
    message_text("no indicator '{0}' in {1}", "pas d'indicateur « {0} » dans {1}");
inline constexpr MessageText kNoIndicatorDidYouMean =
    message_text("no indicator '{0}' in {1} (did you mean '{2}'?)",
                 "pas d'indicateur « {0} » dans {1} (vouliez-vous dire « {2} » ?)");
// {0}: the FINESS, {1}: the data folder, {2}: the table of establishments.
inline constexpr MessageText kEstablishmentNotInData =
    message_text("establishment '{0}' is not in {1}/{2}.csv", "l'établissement « {0} » n'est pas dans {1}/{2}.csv");
// {0}: the FINESS, {1}: the registry table as the database names it.
inline constexpr MessageText kEstablishmentNotInDatabase =
    message_text("establishment '{0}' is not in table {1} of the database",
                 "l'établissement « {0} » n'est pas dans la table {1} de la base");
inline constexpr MessageText kNoSignatory =
    message_text("--par-signataire: the contract declares no 'signataire'",
                 "--par-signataire : le contrat ne déclare pas de « signataire »");
// {0}: the rules file.
inline constexpr MessageText kFormattingUnsafe =
    message_text("{0}: formatting would change the meaning or is not stable; file left as is",
                 "{0} : la mise en forme changerait le sens ou ne serait pas stable ; fichier laissé tel quel");
inline constexpr MessageText kNoTestLabel =
    message_text("no test label contains '{0}'", "aucun libellé de test ne contient « {0} »");
// {1}: the commands, joined by ", ".
inline constexpr MessageText kUnknownCommand =
    message_text("unknown command '{0}' (commands: {1})", "commande inconnue « {0} » (commandes : {1})");
// After the diagnostics of a run that stopped, as "caqes: ...".
inline constexpr MessageText kNoResultWritten = message_text("no result written: the run did not complete",
                                                             "aucun résultat écrit : le calcul ne s'est pas terminé");
// After the diagnostics: how many errors ({0}, at least one).
inline constexpr MessageText kOneError = message_text("{0} error", "{0} erreur");
inline constexpr MessageText kErrors = message_text("{0} errors", "{0} erreurs");

// ---- The summary of `check` ---------------------------------------------------------------------------------------
// {0}: the contract, {1}..{4}: how many indicators, tables, parameters and tests (the counts below).
inline constexpr MessageText kCheckSummary =
    message_text("{0}: {1}, {2}, {3}, {4}: no error", "{0} : {1}, {2}, {3}, {4} : aucune erreur");
// Counted things, one and several: English puts 0 in the plural, French in the singular.
inline constexpr MessageText kOneIndicator = message_text("{0} indicator", "{0} indicateur");
inline constexpr MessageText kIndicators = message_text("{0} indicators", "{0} indicateurs");
inline constexpr MessageText kOneTable = message_text("{0} table", "{0} table");
inline constexpr MessageText kTables = message_text("{0} tables", "{0} tables");
inline constexpr MessageText kOneParameter = message_text("{0} parameter", "{0} paramètre");
inline constexpr MessageText kParameters = message_text("{0} parameters", "{0} paramètres");
inline constexpr MessageText kOneTest = message_text("{0} test", "{0} test");
inline constexpr MessageText kTests = message_text("{0} tests", "{0} tests");

// ---- The lines of `test` ------------------------------------------------------------------------------------------
// {0}: the test's label, {1}: where it is (file:line:col). The marker and its spaces take 8 columns, so that the
// labels line up.
inline constexpr MessageText kTestPassed = message_text("ok      {0}", "ok      {0}");
inline constexpr MessageText kTestFailed = message_text("FAILED  {0} ({1})", "ÉCHEC   {0} ({1})");
// `caqes test` on a folder of contracts: the line before each one's tests. {0}: the contract's folder.
inline constexpr MessageText kTestContractHeading = message_text("contract {0}", "contrat {0}");
// {0}: the tests passed, {1}: those failed. French avoids the agreement of a participle with the count.
inline constexpr MessageText kTestSummary =
    message_text("{0} passed, {1} failed", "tests réussis : {0}, en échec : {1}");

// After the warnings that --strict made errors (a year the rules read and the data do not hold).
inline constexpr MessageText kStrictNoResult =
    message_text("no result written: --strict makes these warnings errors",
                 "aucun résultat écrit : --strict fait de ces avertissements des erreurs");

// ---- Safety of what a command writes and reads --------------------------------------------------------------------
// {0}: the output asked for, {1}: the input it is (the same file, whatever the names).
inline constexpr MessageText kOutputIsAnInput =
    message_text("refusing to write '{0}': it is '{1}', an input of this run",
                 "refus d'écrire « {0} » : c'est « {1} », une entrée de ce calcul");
inline constexpr MessageText kOutOfMemory =
    message_text("out of memory: nothing was written (temporary files removed)",
                 "mémoire insuffisante : rien n'a été écrit (fichiers temporaires supprimés)");
// ---- The outputs of `run` ------------------------------------------------------------------------------------------
// {0}: the variable's value.
inline constexpr MessageText kBadSourceDateEpoch =
    message_text("SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01 UTC, not '{0}'",
                 "SOURCE_DATE_EPOCH doit être un nombre de secondes depuis le 1970-01-01 UTC, et non « {0} »");
// {0}: the character, {1}: its code point (U+2264), {2}: the text it is in.
inline constexpr MessageText kNotInWindows1252 =
    message_text("'{0}' ({1}) in '{2}' has no place in windows-1252: use --encoding utf-8 (the default)",
                 "« {0} » ({1}) dans « {2} » n'existe pas en windows-1252 : utilisez --encoding utf-8 (par défaut)");
// {0}: the workbook, {1}: libxlsxwriter's reason.
inline constexpr MessageText kCannotWriteWorkbook =
    message_text("cannot write the workbook '{0}': {1}", "impossible d'écrire le classeur « {0} » : {1}");
// --format xlsx needs a file: a workbook is not text for a terminal.
inline constexpr MessageText kWorkbookNeedsOutput =
    message_text("--format xlsx writes a file: give it with --output FILE.xlsx",
                 "--format xlsx écrit un fichier : donnez-le avec --output FICHIER.xlsx");
// The titles of the sections of `run`'s table, and the line saying how to see more.
inline constexpr MessageText kSectionSummary =
    message_text("Summary per indicator and year", "Synthèse par indicateur et année");
inline constexpr MessageText kSectionGroups =
    message_text("Targeted establishments per summary group", "Établissements ciblés par groupe de synthèse");
inline constexpr MessageText kSectionSignatories =
    message_text("Targeted signing entities", "Entités signataires ciblées");
inline constexpr MessageText kSectionNotified =
    message_text("Amount notified per signing entity and year (all indicators)",
                 "Montant notifié par entité signataire et année (tous indicateurs)");
inline constexpr MessageText kSectionSignatoryLines = message_text(
    "Per signing entity, indicator and year (every signing entity, indicator and year: the same lines as in JSON)",
    "Par entité signataire, indicateur et année (chaque entité, indicateur et année : les mêmes lignes qu'en JSON)");
inline constexpr MessageText kSectionDetail = message_text("Results per establishment", "Résultats par établissement");
inline constexpr MessageText kSectionManifest = message_text("Manifest of the run", "Manifeste du calcul");
inline constexpr MessageText kMoreHint =
    message_text("one line per establishment: --detail; totals per signing entity: --par-signataire",
                 "une ligne par établissement : --detail ; totaux par entité signataire : --par-signataire");
// A line on stderr (a terminal only) while the rows are read. {0}: the contract.
inline constexpr MessageText kProgressRunning = message_text("caqes: computing {0}...", "caqes : calcul de {0}...");

// ---- caqes références ---------------------------------------------------------------------------------------
// {0}: the contract.
inline constexpr MessageText kNoNationalReference =
    message_text("contract {0} reads no national reference for the years asked",
                 "le contrat {0} ne lit aucune référence nationale pour les années demandées");
inline constexpr MessageText kNoNationalReferenceHint = message_text(
    "a statistic read as a national reference is written référence_nationale(parameter, statistic)",
    "une statistique lue comme référence nationale s'écrit référence_nationale(paramètre, statistique)");
inline constexpr MessageText kReferencesFromRegional =
    message_text("this contract already reads national references: they are written from the national contract",
                 "ce contrat lit déjà des références nationales : elles s'écrivent depuis le contrat national");
// {0}: the contract this one extends.
inline constexpr MessageText kReferencesFromNational =
    message_text("run caqes références on {0}, over the national data",
                 "lancez caqes références sur {0}, avec les données nationales");
// {0}: the parameter, {1}: the year.
inline constexpr MessageText kReferenceAlreadyGiven = message_text(
    "{0} has a value for {1} in this contract: the national run computes the statistic instead",
    "{0} a une valeur pour {1} dans ce contrat : le calcul national calcule la statistique à la place");
// {0}: how many figures, {1}: the contract, {2}: the years, {3}: the file.
inline constexpr MessageText kReferencesWritten =
    message_text("{0} national references of {1} for {2} written to {3}",
                 "références nationales de {1} pour {2} écrites dans {3} : {0}");

}  // namespace caqes::cli_messages
