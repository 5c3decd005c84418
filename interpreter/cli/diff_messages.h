// The words of `caqes diff` in English and French, one constant per message (syntax/message.h says how they are
// used): the kinds of change, the roles of a number that changed, the impact on data. The rules' own words (the
// names, `paramètre`, `partie`, the formulas) are shown as written in both languages. French keeps the diff's
// colon without a space before it, as it has always been printed. tests/unit/cli_messages_test.cc checks the list.
#pragma once

#include "syntax/message.h"

namespace caqes::diff_messages {

// ---- the changes ----------------------------------------------------------------------------------------------
inline constexpr MessageText kAdded = message_text("added", "ajouté");
inline constexpr MessageText kRemoved = message_text("removed", "retiré");
inline constexpr MessageText kChanged = message_text("changed", "modifié");
inline constexpr MessageText kAffected = message_text("affected", "affecté");
inline constexpr MessageText kNoDifference = message_text("no difference: the two versions are equivalent",
                                                          "aucune différence: les deux versions sont équivalentes");
inline constexpr MessageText kNoDifferenceSentence = message_text(
    "No difference: the two versions are equivalent.", "Aucune différence: les deux versions sont équivalentes.");
// {0}: " (file:line)" or nothing, {1}: the formula.
inline constexpr MessageText kBefore = message_text("before{0}: {1}", "avant{0}: {1}");
inline constexpr MessageText kAfter = message_text("after{0}: {1}", "après{0}: {1}");
// {0}: the definitions and parameters that changed, joined by ", ".
inline constexpr MessageText kSameFormulaUses =
    message_text("same formula, but it uses {0}, changed", "même formule, mais elle utilise {0}, modifié");

// ---- a number that changed: {0} its role, {1} → {2} the numbers, {3} the years it changed for ----------------
inline constexpr MessageText kNumberChange = message_text("{0}: {1} → {2}", "{0}: {1} → {2}");
inline constexpr MessageText kNumberChangeForYears = message_text("{0} for {3}: {1} → {2}", "{0} pour {3}: {1} → {2}");
inline constexpr MessageText kThreshold = message_text("threshold", "seuil");
inline constexpr MessageText kTarget = message_text("target", "cible");
inline constexpr MessageText kRate = message_text("rate", "taux");
inline constexpr MessageText kAmount = message_text("amount", "montant");
inline constexpr MessageText kNumber = message_text("value", "valeur");

// ---- the impact on data ---------------------------------------------------------------------------------------
// {0}: the years, joined by ", ".
inline constexpr MessageText kImpactHeading = message_text("impact on the data ({0}):", "impact sur les données ({0}):");
inline constexpr MessageText kIndicatorAdded = message_text(" (added)", " (ajouté)");
inline constexpr MessageText kIndicatorRemoved = message_text(" (removed)", " (retiré)");
// {0} → {1}: establishments targeted at least one year; {2} → {3}: establishment × year pairs, when several years.
inline constexpr MessageText kTargetedEstablishments =
    message_text("establishments targeted {0} → {1}", "établissements ciblés {0} → {1}");
inline constexpr MessageText kTargetedEstablishmentYears =
    message_text(" (establishment-years {0} → {1})", " (établissement-années {0} → {1})");
// {0} → {1} ({2}): the incentives paid, and the difference.
inline constexpr MessageText kIncentiveTotals =
    message_text("; incentive {0} → {1} ({2})", "; intéressement {0} → {1} ({2})");
// {0}, {1}: how many targeted establishment-years have no incentive for want of data, before and after.
inline constexpr MessageText kIncentiveMissing =
    message_text("incentive absent for want of data, targeted establishment-years: {0} → {1}",
                 "intéressement absent faute de données, établissement-années ciblés: {0} → {1}");
inline constexpr MessageText kEntering = message_text("enters the targeting: {0}", "entre dans le ciblage: {0}");
inline constexpr MessageText kLeaving = message_text("leaves the targeting: {0}", "sort du ciblage: {0}");
// Why an establishment has no incentive figure, in a line "FINESS (year): before → after (difference)".
inline constexpr MessageText kNotTargeted = message_text("not targeted", "non ciblé");
inline constexpr MessageText kMissingData = message_text("absent (missing data)", "absent (données manquantes)");
inline constexpr MessageText kNoSuchIndicator = message_text("no such indicator", "pas d'indicateur");
// {0}: the indicators whose targeting and incentives are the same in both versions.
inline constexpr MessageText kUnchanged = message_text("unchanged: {0}", "sans changement: {0}");
inline constexpr MessageText kTotalIncentives =
    message_text("total incentives: {0} → {1} ({2})", "total des intéressements: {0} → {1} ({2})");
// Markdown.
inline constexpr MessageText kImpactTitle = message_text("Impact on the data", "Impact sur les données");
inline constexpr MessageText kImpactTableHeader =
    message_text("| indicator | targeted before | targeted after | entering | leaving | incentive before | after | "
                 "difference |",
                 "| indicateur | ciblés avant | ciblés après | entrent | sortent | intéressement avant | après | écart |");

}  // namespace caqes::diff_messages
