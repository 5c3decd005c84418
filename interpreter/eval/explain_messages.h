// The phrases of an explanation (`caqes explain`) in English and French, one constant per phrase (syntax/message.h
// says how they are used). The recorder (explain_recorder.cc) builds each node's value and detail from them; the
// command line shows them in its language. Figures keep the French way of writing numbers ("2 001,00 €", "33,33 %")
// in both languages, as in the rules and in `caqes run`; only the words around them change.
// tests/unit/explain_messages_test.cc checks that each has a French text of its own, or says why not.
#pragma once

#include "syntax/message.h"

namespace caqes::explain_messages {

// ---- Values ------------------------------------------------------------------------------------------------------
inline constexpr MessageText kYes = message_text("yes", "oui");
inline constexpr MessageText kNo = message_text("no", "non");
// A figure, a date, a text or "absent": written the same in both languages. {0}: the value.
inline constexpr MessageText kAsWritten = message_text("{0}", "{0}");

// ---- Definitions and columns -------------------------------------------------------------------------------------
inline constexpr MessageText kDetailedAbove = message_text("detailed above", "détaillé plus haut");
// {0}: the table (its file is {0}.csv); {1}: the year, for a table with years.
inline constexpr MessageText kReadFrom = message_text("read from {0}.csv", "lu dans {0}.csv");
inline constexpr MessageText kNoRowFor =
    message_text("no row in {0}.csv for this establishment", "aucune ligne dans {0}.csv pour cet établissement");
inline constexpr MessageText kNoRowForInYear = message_text("no row in {0}.csv for this establishment in {1}",
                                                            "aucune ligne dans {0}.csv pour cet établissement en {1}");

// ---- Aggregations over rows --------------------------------------------------------------------------------------
// The rows read: {0}: the table, {1}: the year of the rows. A table without years is "{0}.csv" in both languages.
inline constexpr MessageText kRowsOfYear = message_text("{0}.csv, year {1}", "{0}.csv, année {1}");
// {0}: the count, {1}: the rows read (above).
inline constexpr MessageText kDistinctValues = message_text("{0} distinct values in the kept rows of {1}",
                                                            "{0} valeurs distinctes dans les lignes de {1} retenues");
// {0}: the rows read.
inline constexpr MessageText kOverKeptRows =
    message_text("over the kept rows of {0}", "sur les lignes de {0} retenues");
// How many rows were kept: none, one, or {0}; of the rows read ({0} or {1}); the last value is kByTheFilter when
// the aggregation has a filter. French writes 0 in the singular, English in the plural: three constants.
inline constexpr MessageText kNoRowKept = message_text("0 rows of {0} kept{1}", "0 ligne de {0} retenue{1}");
inline constexpr MessageText kOneRowKept = message_text("1 row of {0} kept{1}", "1 ligne de {0} retenue{1}");
inline constexpr MessageText kRowsKept = message_text("{0} rows of {1} kept{2}", "{0} lignes de {1} retenues{2}");
inline constexpr MessageText kByTheFilter = message_text(" by the filter", " par le filtre");

// ---- Population statistics ---------------------------------------------------------------------------------------
// Over how many establishments: none, one, or {0}; the last value is kOfTheSameGroup for a statistic 'par' group.
inline constexpr MessageText kOverNoEstablishment =
    message_text("computed over 0 establishments{0}", "calculé sur 0 établissement{0}");
inline constexpr MessageText kOverOneEstablishment =
    message_text("computed over 1 establishment{0}", "calculé sur 1 établissement{0}");
inline constexpr MessageText kOverEstablishments =
    message_text("computed over {0} establishments{1}", "calculé sur {0} établissements{1}");
// {0}: the expression the establishments are grouped by.
inline constexpr MessageText kOfTheSameGroup = message_text(" in the same group ({0})", " du même groupe ({0})");

// ---- Comparisons -------------------------------------------------------------------------------------------------
// {0} and {2}: the values compared, {1}: the operator, {3}: kYes or kNo.
inline constexpr MessageText kComparison = message_text("{0} {1} {2} → {3}", "{0} {1} {2} → {3}");

// ---- The indicator's summary line --------------------------------------------------------------------------------
inline constexpr MessageText kTargeted = message_text("targeted", "ciblé");
inline constexpr MessageText kNotTargeted = message_text("not targeted", "non ciblé");
// {0}: kTargeted or kNotTargeted, {1}: the incentive paid.
inline constexpr MessageText kIncentiveRounded =
    message_text("{0}; incentive paid {1} (rounded to the cent)", "{0}; intéressement versé {1} (arrondi au centime)");
inline constexpr MessageText kIncentiveNotTargeted =
    message_text("{0}; incentive paid {1} (0 € when not targeted)", "{0}; intéressement versé {1} (0 € hors ciblage)");

// ---- The text rendering (cli/render_explain.cc) ------------------------------------------------------------------
// A label of the rules, quoted. {0}: the label.
inline constexpr MessageText kQuotedLabel = message_text("“{0}”", "« {0} »");

}  // namespace caqes::explain_messages
