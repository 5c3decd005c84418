// The messages of the data stage (CSV files, the numbers and dates of their cells, the tables of a data folder,
// the spill files of a run) in English and French, one constant per message (syntax/message.h says how they are
// used). tests/unit/data_messages_test.cc checks that each has a French text of its own, or says why not.
#pragma once

#include "syntax/message.h"

namespace caqes::data_messages {

// ---- Reading a CSV file (CsvError) -------------------------------------------------------------------------------
// {1}: the system's reason, as it gives it.
inline constexpr MessageText kCannotOpen = message_text("cannot open '{0}': {1}", "impossible d'ouvrir « {0} » : {1}");
inline constexpr MessageText kCannotRead = message_text("cannot read '{0}': {1}", "impossible de lire « {0} » : {1}");
inline constexpr MessageText kDataFileNotRegular =
    message_text("'{0}' is not a regular file (a pipe, a device or a folder): data are read from files only",
                 "« {0} » n'est pas un fichier ordinaire (un tube, un périphérique ou un dossier) : les données se "
                 "lisent dans des fichiers");
// {1}: the limit, in GiB.
inline constexpr MessageText kDataFileTooLarge =
    message_text("'{0}' is larger than {1} GiB, the most a data file may be",
                 "« {0} » dépasse {1} Gio, la taille maximale d'un fichier de données");
inline constexpr MessageText kUtf16 =
    message_text("the file is UTF-16 text, which is not supported: save it as UTF-8",
                 "le fichier est du texte UTF-16, qui n'est pas pris en charge : enregistrez-le en UTF-8");
inline constexpr MessageText kEmptyFile =
    message_text("empty file: there is no header line", "fichier vide : il n'y a pas de ligne d'en-tête");
inline constexpr MessageText kFirstLineEmpty = message_text("the first line is empty: it must be the header",
                                                            "la première ligne est vide : ce doit être l'en-tête");
inline constexpr MessageText kTabSeparated = message_text(
    "tab-separated files are not supported: the delimiter must be ';' or ','",
    "les fichiers séparés par des tabulations ne sont pas pris en charge : le séparateur doit être « ; » ou « , »");
inline constexpr MessageText kCarriageReturnOnly = message_text(
    "the lines end with a carriage return (CR) alone, as old Mac OS files did: save the file with "
    "LF or CRLF line ends",
    "les lignes finissent par un retour chariot (CR) seul, comme les anciens fichiers Mac OS : "
    "enregistrez le fichier avec des fins de ligne LF ou CRLF");
inline constexpr MessageText kEmptyLine =
    message_text("empty line: only the end of the file may have empty lines",
                 "ligne vide : seule la fin du fichier peut avoir des lignes vides");
// {0}: the fields of the record, {1}: those of the header.
inline constexpr MessageText kOneField =
    message_text("{0} field, the header has {1}", "{0} champ, alors que l'en-tête en a {1}");
inline constexpr MessageText kFields =
    message_text("{0} fields, the header has {1}", "{0} champs, alors que l'en-tête en a {1}");
// {0}: the longest record read, "64 MiB".
inline constexpr MessageText kQuoteNotClosedWithin =
    message_text("unterminated quoted field: this quote is not closed within {0}",
                 "champ entre guillemets non terminé : ce guillemet n'est pas refermé dans les {0} qui suivent");
inline constexpr MessageText kRecordTooLong = message_text("record longer than {0}", "enregistrement de plus de {0}");
// {0}: the byte, 0xE9.
inline constexpr MessageText kInvalidUtf8AfterBom = message_text(
    "invalid UTF-8 (byte {0}); the file is read as UTF-8 because it starts with a UTF-8 byte order mark",
    "UTF-8 invalide (octet {0}) ; le fichier est lu en UTF-8 car il commence par une marque d'ordre des octets "
    "UTF-8 (BOM)");
inline constexpr MessageText kInvalidUtf8AfterSample = message_text(
    "invalid UTF-8 (byte {0}); the file is read as UTF-8 because its first 64 KiB are valid UTF-8",
    "UTF-8 invalide (octet {0}) ; le fichier est lu en UTF-8 car ses 64 premiers Kio sont de l'UTF-8 valide");
inline constexpr MessageText kNulByteInCsv =
    message_text("NUL byte: this is not a text CSV file", "octet NUL : ce n'est pas un fichier CSV texte");
inline constexpr MessageText kMixedEncodings = message_text(
    "mixed encodings: UTF-8 text in a file read as Latin-1 (its first 64 KiB are not valid UTF-8); re-save the "
    "whole file in one encoding",
    "encodages mélangés : du texte UTF-8 dans un fichier lu en Latin-1 (ses 64 premiers Kio ne sont pas de l'UTF-8 "
    "valide) ; enregistrez de nouveau tout le fichier dans un seul encodage");
inline constexpr MessageText kQuoteInUnquotedField = message_text(
    "quote in the middle of an unquoted field: a field containing '\"' must be quoted whole, with the quote doubled",
    "guillemet au milieu d'un champ sans guillemets : un champ qui contient « \" » doit être entièrement entre "
    "guillemets, avec ce guillemet doublé");
inline constexpr MessageText kQuoteNeverClosed =
    message_text("unterminated quoted field: this quote is never closed",
                 "champ entre guillemets non terminé : ce guillemet n'est jamais refermé");
// {0}: the delimiter.
inline constexpr MessageText kTextAfterClosingQuote = message_text(
    "text after the closing quote of a field: a quote inside a quoted field must be doubled (\"\"), and the field "
    "must end at '{0}' or the end of the line",
    "texte après le guillemet fermant d'un champ : un guillemet à l'intérieur d'un champ entre guillemets doit être "
    "doublé (\"\"), et le champ doit se terminer par « {0} » ou par la fin de la ligne");
// A CsvError with its place in the file, for logs and tests (diagnostics give the place on their own).
inline constexpr MessageText kAtLine = message_text("line {0}: {1}", "ligne {0} : {1}");
inline constexpr MessageText kAtLineAndColumn =
    message_text("line {0}, column {1}: {2}", "ligne {0}, colonne {1} : {2}");

// ---- Numbers and dates in a cell (NumberError); {0} is the cell, cut if long ----------------------------------
inline constexpr MessageText kEmptyCell = message_text("empty", "vide");
inline constexpr MessageText kNotANumber = message_text("'{0}' is not a number", "« {0} » n'est pas un nombre");
inline constexpr MessageText kDigitGroups = message_text(
    "digit groups must have 3 digits in '{0}'", "les groupes de chiffres doivent avoir 3 chiffres dans « {0} »");
// {1}: the most digits a number may have (value/decimal.h).
inline constexpr MessageText kTooManyDigits =
    message_text("'{0}' has more than {1} digits", "« {0} » a plus de {1} chiffres");
inline constexpr MessageText kDigitBeforeSeparator =
    message_text("a digit is needed before the decimal separator in '{0}'",
                 "il faut un chiffre avant le séparateur décimal dans « {0} »");
inline constexpr MessageText kTwoDecimalSeparators =
    message_text("two decimal separators in '{0}'", "deux séparateurs décimaux dans « {0} »");
inline constexpr MessageText kDigitAfterSeparator =
    message_text("a digit is needed after the decimal separator in '{0}'",
                 "il faut un chiffre après le séparateur décimal dans « {0} »");
inline constexpr MessageText kNotADateForm =
    message_text("'{0}' is not a date: expected 2022-03-15 or 15/03/2022",
                 "« {0} » n'est pas une date : on attend 2022-03-15 ou 15/03/2022");
inline constexpr MessageText kNoYearZero =
    message_text("'{0}' is not a date: there is no year 0", "« {0} » n'est pas une date : l'année 0 n'existe pas");
inline constexpr MessageText kNoSuchMonth =
    message_text("'{0}' is not a date: there is no month {1}", "« {0} » n'est pas une date : le mois {1} n'existe pas");
inline constexpr MessageText kNoDayZero =
    message_text("'{0}' is not a date: there is no day 0", "« {0} » n'est pas une date : le jour 0 n'existe pas");
// {1}: the month, one of the names below; {2}: the year; {3}: its days.
inline constexpr MessageText kDaysInMonth =
    message_text("'{0}' is not a date: {1} {2} has {3} days", "« {0} » n'est pas une date : {1} {2} a {3} jours");
inline constexpr MessageText kJanuary = message_text("January", "janvier");
inline constexpr MessageText kFebruary = message_text("February", "février");
inline constexpr MessageText kMarch = message_text("March", "mars");
inline constexpr MessageText kApril = message_text("April", "avril");
inline constexpr MessageText kMay = message_text("May", "mai");
inline constexpr MessageText kJune = message_text("June", "juin");
inline constexpr MessageText kJuly = message_text("July", "juillet");
inline constexpr MessageText kAugust = message_text("August", "août");
inline constexpr MessageText kSeptember = message_text("September", "septembre");
inline constexpr MessageText kOctober = message_text("October", "octobre");
inline constexpr MessageText kNovember = message_text("November", "novembre");
inline constexpr MessageText kDecember = message_text("December", "décembre");

// ---- A cell that does not fit its column's type; {0} is the cell -----------------------------------------------
inline constexpr MessageText kNotABoolean =
    message_text("'{0}' is not a boolean (write oui or non)", "« {0} » n'est pas un booléen (écrivez oui ou non)");
inline constexpr MessageText kPercentInAmountColumn = message_text(
    "'{0}' is a percentage in an amount column", "« {0} » est un pourcentage dans une colonne de montants");
inline constexpr MessageText kAmountInRateColumn =
    message_text("'{0}' is an amount in a rate column", "« {0} » est un montant dans une colonne de taux");
inline constexpr MessageText kAmbiguousThousandsPoint =
    message_text("'{0}' is ambiguous: a thousands point or three decimals of a euro?",
                 "« {0} » est ambigu : point des milliers ou trois décimales d'euro ?");
inline constexpr MessageText kUnitInWholeNumberColumn =
    message_text("'{0}' has a unit; this column holds a whole number",
                 "« {0} » a une unité ; cette colonne contient un nombre entier");
inline constexpr MessageText kNotAWholeNumber =
    message_text("'{0}' is not a whole number", "« {0} » n'est pas un nombre entier");
inline constexpr MessageText kNegativeCount =
    message_text("'{0}' is negative; a count cannot be", "« {0} » est négatif ; un effectif ne peut pas l'être");
inline constexpr MessageText kNotAYear = message_text("'{0}' is not a year", "« {0} » n'est pas une année");
inline constexpr MessageText kUnitInPlainNumberColumn =
    message_text("'{0}' has a unit; this column holds a plain number",
                 "« {0} » a une unité ; cette colonne contient un nombre sans unité");
// {1}: why the cell is refused, one of the messages above.
inline constexpr MessageText kInColumn = message_text("column '{0}': {1}", "colonne « {0} » : {1}");
// {1}: the column's type, {2}: where the rules declare it.
inline constexpr MessageText kColumnDeclaredAs =
    message_text("'{0}' is declared {1} at {2}", "la colonne « {0} » est déclarée {1} dans {2}");

// ---- The keys of a row ---------------------------------------------------------------------------------------
inline constexpr MessageText kEmptyFiness = message_text("empty FINESS", "FINESS vide");
inline constexpr MessageText kNotAFiness =
    message_text("'{0}' is not a FINESS number", "« {0} » n'est pas un numéro FINESS");
inline constexpr MessageText kFinessForm =
    message_text("a FINESS has 9 characters: digits (2A/2B for Corsica)",
                 "un FINESS a 9 caractères : des chiffres (2A/2B pour la Corse)");
inline constexpr MessageText kEmptyYear = message_text("empty year", "année vide");
inline constexpr MessageText kUnknownEstablishment =
    message_text("unknown establishment '{0}'", "établissement inconnu « {0} »");
inline constexpr MessageText kEveryFinessListed =
    message_text("every FINESS must be listed in the establishments table",
                 "chaque FINESS doit figurer dans la table des établissements");
inline constexpr MessageText kEstablishmentListedTwice =
    message_text("establishment '{0}' is listed twice", "l'établissement « {0} » est listé deux fois");
inline constexpr MessageText kFirstListedOnLine =
    message_text("first listed on line {0}", "listé une première fois à la ligne {0}");
inline constexpr MessageText kTwoRowsForOneYear = message_text(
    "establishment '{0}' has two rows for the same year", "l'établissement « {0} » a deux lignes pour la même année");
inline constexpr MessageText kTwoRows =
    message_text("establishment '{0}' has two rows", "l'établissement « {0} » a deux lignes");
inline constexpr MessageText kFirstRowOnLine = message_text("first row on line {0}", "la première est à la ligne {0}");

// ---- The header of a file against its declared table ---------------------------------------------------------
inline constexpr MessageText kColumnTwice =
    message_text("column '{0}' appears twice", "la colonne « {0} » apparaît deux fois");
inline constexpr MessageText kUndeclaredColumn = message_text(
    "column '{0}' is not declared in table '{1}'", "la colonne « {0} » n'est pas déclarée dans la table « {1} »");
// {0}: where the rules declare the table.
inline constexpr MessageText kDeclareOrRemoveColumn =
    message_text("declare it in the rules ({0}) or remove it from the extract",
                 "déclarez-la dans les règles ({0}) ou retirez-la de l'extraction");
// {1}: " (its label)", or nothing when it has none.
inline constexpr MessageText kMissingColumn = message_text("missing column '{0}'{1}", "colonne manquante « {0} »{1}");
inline constexpr MessageText kTableDeclaresColumn =
    message_text("table '{0}' declares it at {1}", "la table « {0} » la déclare dans {1}");

// ---- The files of a data folder ----------------------------------------------------------------------------------
inline constexpr MessageText kDataDirectoryMissing =
    message_text("data directory '{0}' does not exist", "le dossier de données « {0} » n'existe pas");
// {1}: " (its label)", or nothing when it has none.
inline constexpr MessageText kMissingDataFile =
    message_text("missing data file for table '{0}'{1}", "fichier de données manquant pour la table « {0} »{1}");
inline constexpr MessageText kTableDeclaredAt =
    message_text("the table is declared at {0}; `caqes schema` lists the expected columns",
                 "la table est déclarée dans {0} ; `caqes schema` liste les colonnes attendues");

// ---- The spill files of a run ------------------------------------------------------------------------------------
// Shown in English in both languages until now; kept so, since a translation would change what a run prints.
// {0}: the folder or file, {1}: the system's reason.
inline constexpr MessageText kCannotCreateSpillFolder =
    message_text("cannot create a temporary folder under {0}: {1}", "cannot create a temporary folder under {0}: {1}");
inline constexpr MessageText kCannotWriteSpillFile =
    message_text("cannot write the temporary file {0}: {1}", "cannot write the temporary file {0}: {1}");
inline constexpr MessageText kCannotReadSpillFile =
    message_text("cannot read the temporary file {0}: {1}", "cannot read the temporary file {0}: {1}");

}  // namespace caqes::data_messages
