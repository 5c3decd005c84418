// The checker's messages about expressions and calls of built-in functions, in English and French (see
// check/check_messages.h for the declarations' and for what the values are).
#pragma once

#include "syntax/message.h"

namespace caqes::check_messages {

// ---- names and members -------------------------------------------------------------------------------------

inline constexpr MessageText kUnknownName = message_text("unknown name '{0}'", "nom inconnu « {0} »");
// The hint of an unknown name no known name is close to: the two usual causes.
inline constexpr MessageText kQuoteACodeOrDeclare = message_text(
    "a code is written in quotes (\"{0}\", or in a list: dans [\"{0}\", …]); a parameter is declared before it is "
    "used (paramètre {0} \"Libellé\" = …;)",
    "un code s'écrit entre guillemets (\"{0}\", ou dans une liste : dans [\"{0}\", …]) ; un paramètre se déclare "
    "avant d'être utilisé (paramètre {0} \"Libellé\" = …;)");
inline constexpr MessageText kParameterDependsOnItself =
    message_text("parameter '{0}' depends on itself", "le paramètre « {0} » dépend de lui-même");
inline constexpr MessageText kDefinitionCycle = message_text("cycle of definitions: {0}", "cycle de définitions : {0}");
inline constexpr MessageText kBreakTheCycle = message_text(
    "a definition cannot use its own result, directly or through others; break the cycle",
    "une définition ne peut pas utiliser son propre résultat, ni directement ni par d'autres définitions ; cassez le "
    "cycle");
inline constexpr MessageText kColumnOfSeveralTables =
    message_text("'{0}' is a column of several tables", "« {0} » est une colonne de plusieurs tables");
// {0}: the columns it may be, a list of "table.colonne" (kAsWritten) joined by kOrBetween and kOrLast: English
// says "a or b or c", French « a, b ou c ».
inline constexpr MessageText kWriteOneOf = message_text("write {0}", "écrivez {0}");
inline constexpr MessageText kAsWritten = message_text("{0}", "{0}");
inline constexpr MessageText kOrBetween = message_text(" or ", ", ");
inline constexpr MessageText kOrLast = message_text(" or ", " ou ");
inline constexpr MessageText kTableNotAValue =
    message_text("table '{0}' is not a value", "la table « {0} » n'est pas une valeur");
inline constexpr MessageText kReadAColumn =
    message_text("read one of its columns: {0}.colonne", "lisez une de ses colonnes : {0}.colonne");
inline constexpr MessageText kAggregateTheRows =
    message_text("aggregate its rows: compte({0}) or somme(colonne de {0})",
                 "agrégez ses lignes : compte({0}) ou somme(colonne de {0})");
inline constexpr MessageText kIndicatorNotAValue =
    message_text("indicator '{0}' is not a value", "l'indicateur « {0} » n'est pas une valeur");
inline constexpr MessageText kReadAPart =
    message_text("read one of its parts: {0}.valeur, {0}.ciblage, {0}.intéressement",
                 "lisez une de ses parties : {0}.valeur, {0}.ciblage, {0}.intéressement");
inline constexpr MessageText kMemberOfAnExpression =
    message_text("'.' follows a table or an indicator name", "« . » suit un nom de table ou d'indicateur");
inline constexpr MessageText kWriteAMember =
    message_text("write table.colonne or indicateur.valeur", "écrivez table.colonne ou indicateur.valeur");
inline constexpr MessageText kRowTableColumn =
    message_text("'{0}' has one row per line, not per establishment",
                 "« {0} » est une table « par ligne », et non « par établissement »");
// {0}: the column, {1}: the table.
inline constexpr MessageText kAggregateIt = message_text("aggregate it: somme({0} de {1}), or compte({1} où ...)",
                                                         "agrégez-la : somme({0} de {1}), ou compte({1} où ...)");
inline constexpr MessageText kNoSuchDefinition =
    message_text("indicator '{0}' defines no '{1}'", "l'indicateur « {0} » ne définit pas « {1} »");
inline constexpr MessageText kNeitherTableNorIndicator =
    message_text("'{0}' is neither a table nor an indicator", "« {0} » n'est ni une table ni un indicateur");

// ---- periods and operators ---------------------------------------------------------------------------------

inline constexpr MessageText kPeriodWithoutEffect =
    message_text("[{0}] has no effect: this does not change with the year",
                 "[{0}] n'a pas d'effet : cette valeur ne change pas avec l'année");
inline constexpr MessageText kWhatVariesByYear = message_text(
    "a period applies to data or definitions that vary by year (a table 'par établissement et année', an "
    "aggregation over a table with années, or a definition using them)",
    "une période s'applique aux données ou aux définitions qui varient selon l'année (une table « par établissement "
    "et année », une agrégation sur une table avec années, ou une définition qui les utilise)");
inline constexpr MessageText kNegateNotANumber =
    message_text("'-' applies to a number, not a {0}", "« - » s'applique à un nombre, et non à une valeur de type {0}");
inline constexpr MessageText kNotNotACondition = message_text(
    "'non' applies to a condition, not a {0}", "« non » s'applique à une condition, et non à une valeur de type {0}");
// {0}: et or ou.
inline constexpr MessageText kJoinsConditions =
    message_text("'{0}' joins conditions, and this is a {1}", "« {0} » relie des conditions, et ceci est de type {1}");
inline constexpr MessageText kNeedsTwoNumbers =
    message_text("'{0}' needs two numbers, not a {1} and a {2}",
                 "« {0} » demande deux nombres, et non des valeurs de type {1} et {2}");
inline constexpr MessageText kDaysBetweenDates = message_text("for a number of days, use jours_entre(d1, d2)",
                                                              "pour un nombre de jours, utilisez jours_entre(d1, d2)");
inline constexpr MessageText kApproxOnlyInTests =
    message_text("'≈' is only for test expectations", "« ≈ » est réservé aux attentes des tests");
inline constexpr MessageText kRoundExplicitly =
    message_text("in a rule, round explicitly: arrondi(x, 2) = 12,34 €",
                 "dans une règle, arrondissez explicitement : arrondi(x, 2) = 12,34 €");
inline constexpr MessageText kApproxWithWrittenNumber =
    message_text("'≈' compares with a number written out, whose decimals give the precision",
                 "« ≈ » se compare à un nombre écrit tel quel, dont les décimales donnent la précision");
inline constexpr MessageText kComparedWithAbsent =
    message_text("a comparison with 'absent' is never true or false",
                 "une comparaison avec « absent » n'est jamais vraie ni fausse");
inline constexpr MessageText kTestPresence =
    message_text("test for a value with présent(x)", "testez la présence d'une valeur avec présent(x)");
inline constexpr MessageText kCannotCompare = message_text(
    "cannot compare a {0} with a {1}", "impossible de comparer une valeur de type {0} avec une valeur de type {1}");
inline constexpr MessageText kWriteTheThresholdUnit =
    message_text("write the unit of the threshold: 400 000 € for an amount, 20 % for a rate",
                 "écrivez l'unité du seuil : 400 000 € pour un montant, 20 % pour un taux");
inline constexpr MessageText kOrdersNumbersOrDates =
    message_text("'{0}' orders numbers or dates, not a {1}",
                 "« {0} » ordonne des nombres ou des dates, et non des valeurs de type {1}");
inline constexpr MessageText kListsNotCompared =
    message_text("lists are not compared", "les listes ne se comparent pas");
inline constexpr MessageText kTestMembership =
    message_text("test membership with: x dans [a, b]", "testez l'appartenance avec : x dans [a, b]");

// ---- units (check/units.cc) --------------------------------------------------------------------------------

inline constexpr MessageText kCannotAdd =
    message_text("cannot add a {0} and a {1}", "impossible d'additionner des valeurs de type {0} et {1}");
inline constexpr MessageText kCannotSubtract =
    message_text("cannot subtract a {0} and a {1}", "impossible de soustraire des valeurs de type {0} et {1}");
inline constexpr MessageText kMoneyAddsToMoney =
    message_text("amounts in € only add to amounts in €; a share of an amount is montant × taux",
                 "un montant en € ne s'additionne qu'à un montant en € ; une part d'un montant s'écrit montant × taux");
inline constexpr MessageText kRateAddsToRate =
    message_text("a rate only adds to a rate, written with its unit (7,5 %); a share of a count is effectif × taux",
                 "un taux ne s'additionne qu'à un taux, écrit avec son unité (7,5 %) ; une part d'un effectif s'écrit "
                 "effectif × taux");
inline constexpr MessageText kShareOfACount =
    message_text("a count is not a rate: a share is a count divided by a count, effectif / effectif",
                 "un effectif n'est pas un taux : une part est un effectif divisé par un effectif, effectif / effectif");
// A plain number written in one place (a selon N, a definition, a parameter) and compared or added elsewhere with a
// value of a unit: the error is where the number is written, which is where the fix goes. {0}: the number as
// written, {1}: the type of the other value, {2}: file:line:col of the comparison or operation.
inline constexpr MessageText kPlainNumberCompared =
    message_text("{0} is a plain number, compared with a {1} at {2}",
                 "{0} est un nombre sans unité, comparé à une valeur de type {1} en {2}");
inline constexpr MessageText kPlainNumberAdded =
    message_text("{0} is a plain number, added to or subtracted from a {1} at {2}",
                 "{0} est un nombre sans unité, additionné à une valeur de type {1} ou soustrait d'elle en {2}");
inline constexpr MessageText kMoneyTimesMoney = message_text(
    "cannot multiply an amount in € by an amount in €", "impossible de multiplier un montant en € par un montant en €");
inline constexpr MessageText kRatioIsADivision =
    message_text("a ratio of two amounts is a division: montant / montant",
                 "le rapport de deux montants est une division : montant / montant");
inline constexpr MessageText kDivideByMoney = message_text(
    "cannot divide a {0} by an amount in €", "impossible de diviser une valeur de type {0} par un montant en €");
inline constexpr MessageText kDivideTheAmount =
    message_text("divide the amount by the count instead (montant / effectif is a mean in €)",
                 "divisez plutôt le montant par l'effectif (montant / effectif est une moyenne en €)");

// ---- dans, si, lists, selon --------------------------------------------------------------------------------

inline constexpr MessageText kInNeedsAList =
    message_text("'dans' needs a list, not a {0}", "« dans » demande une liste, et non une valeur de type {0}");
inline constexpr MessageText kWriteAList =
    message_text("write a list in brackets: [D02, D04]", "écrivez une liste entre crochets : [D02, D04]");
inline constexpr MessageText kLookedForInOtherType =
    message_text("a {0} is looked for in a {1}", "on cherche une valeur de type {0} dans une valeur de type {1}");
inline constexpr MessageText kIfNeedsACondition =
    message_text("'si' needs a condition, not a {0}", "« si » demande une condition, et non une valeur de type {0}");
inline constexpr MessageText kBranchesDiffer =
    message_text("the two branches differ: 'alors' gives a {0}, 'sinon' a {1}",
                 "les deux branches diffèrent : « alors » donne une valeur de type {0}, « sinon » de type {1}");
inline constexpr MessageText kWriteZeroEuro =
    message_text("write 0 € rather than 0 for no amount", "écrivez 0 € plutôt que 0 pour un montant nul");
inline constexpr MessageText kListOfLists =
    message_text("a list cannot hold lists", "une liste ne peut pas contenir de listes");
inline constexpr MessageText kListMixesTypes =
    message_text("this list mixes a {0} and a {1}", "cette liste mélange des valeurs de type {0} et {1}");
// {0}: the years missing ("2024" or "2023, 2024"), {1}..{2}: the contract's years.
inline constexpr MessageText kSelonMissesYears =
    message_text("selon N gives no value for {0}, a year of the contract ({1}..{2}): the figure would be absent",
                 "selon N ne donne aucune valeur pour {0}, année du contrat ({1}..{2}) : le chiffre serait absent");
// {0}: the indicator, {1}: the first year missing.
inline constexpr MessageText kRestateInAmendment =
    message_text("this selon is the base contract's: restate it in the amendment with a case for {1}: modifie "
                 "indicateur {0} { … }",
                 "ce selon est celui du contrat de base : réécrivez-le dans l'avenant avec un cas pour {1} : modifie "
                 "indicateur {0} { … }");
inline constexpr MessageText kAddTheYears =
    message_text("add a case for each year ({0}: …;), or autre: …; for the years not listed",
                 "ajoutez un cas par année ({0}: …;), ou autre: …; pour les années non listées");
inline constexpr MessageText kCaseGivesOtherType = message_text(
    "this case gives a {0}, the others a {1}", "ce cas donne une valeur de type {0}, les autres de type {1}");
inline constexpr MessageText kCaseOfOtherType = message_text(
    "a case of {0} is compared with a {1}", "la valeur examinée est de type {0}, mais ce cas est de type {1}");

// ---- calls: the function, and aggregations over rows -------------------------------------------------------

inline constexpr MessageText kUnknownFunction = message_text("unknown function '{0}'", "fonction inconnue « {0} »");
inline constexpr MessageText kReadsTheRows =
    message_text("{0}(...) reads the rows of a table", "{0}(...) lit les lignes d'une table");
inline constexpr MessageText kWriteAnAggregation =
    message_text("write {0}(colonne de TABLE [où filtre])", "écrivez {0}(colonne de TABLE [où filtre])");
inline constexpr MessageText kTakesOneArgument =
    message_text("{0}(...) takes one argument", "{0}(...) prend un seul argument");
inline constexpr MessageText kWriteACount = message_text("write {0}(TABLE où filtre)", "écrivez {0}(TABLE où filtre)");
inline constexpr MessageText kWriteASum =
    message_text("write somme(colonne de TABLE où filtre)", "écrivez somme(colonne de TABLE où filtre)");
// Not translated: French shows it in English, as it always did.
inline constexpr MessageText kAggregationNestedTooDeep =
    message_text("aggregations nest one level deep at most", "aggregations nest one level deep at most");
inline constexpr MessageText kExpectedARowTable =
    message_text("expected the name of a row-level table here", "le nom d'une table « par ligne » est attendu ici");
inline constexpr MessageText kWriteACountOfStays =
    message_text("write compte(séjours où ...)", "écrivez compte(séjours où ...)");
inline constexpr MessageText kNothingToAggregate =
    message_text("'{0}' has one row per establishment: there is nothing to aggregate",
                 "« {0} » a une ligne par établissement : il n'y a rien à agréger");
inline constexpr MessageText kReadTheColumn =
    message_text("read the column directly: {0}.colonne", "lisez directement la colonne : {0}.colonne");
inline constexpr MessageText kTableWithoutYears =
    message_text("table '{0}' has no years, so [{1}] cannot select them",
                 "la table « {0} » n'a pas d'années : [{1}] ne peut donc pas en choisir");
inline constexpr MessageText kDeclareItWithYears =
    message_text("declare it 'par ligne et année' if its rows carry a year",
                 "déclarez-la « par ligne et année » si ses lignes portent une année");
inline constexpr MessageText kGroupOfRows =
    message_text("'par' groups establishments in a population statistic, not rows",
                 "« par » regroupe des établissements dans une statistique de population, et non des lignes");
inline constexpr MessageText kFilterTheRows =
    message_text("filter the rows with 'où'", "filtrez les lignes avec « où »");
inline constexpr MessageText kAggregatedNotRowLevel =
    message_text("the aggregated expression may only use the row's columns and constants",
                 "l'expression agrégée ne peut utiliser que les colonnes de la ligne et des constantes");
inline constexpr MessageText kAddsNumbers =
    message_text("{0} adds numbers, not a {1}", "{0} additionne des nombres, et non des valeurs de type {1}");
inline constexpr MessageText kFunctionOrdersNumbersOrDates = message_text(
    "{0} orders numbers or dates, not a {1}", "{0} ordonne des nombres ou des dates, et non des valeurs de type {1}");
inline constexpr MessageText kCountDistinctValues =
    message_text("compte_distinct counts the values of a column", "compte_distinct compte les valeurs d'une colonne");
inline constexpr MessageText kWhereNeedsACondition =
    message_text("'où' needs a condition, not a {0}", "« où » demande une condition, et non une valeur de type {0}");
inline constexpr MessageText kRowFilterNotRowLevel = message_text(
    "a row filter may only use the row's columns, parameters and the establishment's attributes",
    "un filtre de lignes ne peut utiliser que les colonnes de la ligne, les paramètres et les attributs de "
    "l'établissement");
inline constexpr MessageText kCompareOutside =
    message_text("compute the other figure in a separate definition and compare outside the aggregation",
                 "calculez l'autre chiffre dans une définition à part et comparez-le hors de l'agrégation");

// ---- calls: population statistics and scalar functions -----------------------------------------------------

inline constexpr MessageText kTakesArgument =
    message_text("{0}(...) takes {1} argument", "{0}(...) prend {1} argument");
inline constexpr MessageText kTakesArguments =
    message_text("{0}(...) takes {1} arguments", "{0}(...) prend {1} arguments");
// {1}: an example of the order (75 %, 3).
inline constexpr MessageText kWriteWithOrder = message_text("write {0}(x, {1})", "écrivez {0}(x, {1})");
inline constexpr MessageText kStatisticOnARow =
    message_text("a population statistic cannot be used on a row of a table",
                 "une statistique de population ne peut pas s'utiliser sur une ligne de table");
inline constexpr MessageText kComputedOverNumbers = message_text(
    "{0} is computed over numbers, not a {1}", "{0} se calcule sur des nombres, et non sur des valeurs de type {1}");
inline constexpr MessageText kGroupByAValue = message_text("'par' groups by a value such as the category",
                                                           "« par » regroupe selon une valeur, comme la catégorie");
inline constexpr MessageText kOrderIsANumber =
    message_text("the order of a {0} is a number", "l'ordre d'un {0} est un nombre");
inline constexpr MessageText kOrderIsConstant =
    message_text("the order of a quantile must be the same for every establishment",
                 "l'ordre d'un quantile doit être le même pour tous les établissements");
inline constexpr MessageText kTakesPlainValues =
    message_text("{0}(...) takes plain values: 'de', 'par' and 'où' belong to aggregations",
                 "{0}(...) prend des valeurs simples : « de », « par » et « où » sont réservés aux agrégations");
inline constexpr MessageText kExpectsANumber = message_text(
    "{0}(...) expects a number here, not a {1}", "{0}(...) attend ici un nombre, et non une valeur de type {1}");
inline constexpr MessageText kDecimalsWrittenOut =
    message_text("the number of decimals is a whole number written out",
                 "le nombre de décimales est un nombre entier écrit tel quel");
inline constexpr MessageText kRoundToTheCent =
    message_text("arrondi(x, 2) rounds to the cent", "arrondi(x, 2) arrondit au centime");
inline constexpr MessageText kComparesTwoValues =
    message_text("{0}(a, b, ...) compares at least two values", "{0}(a, b, ...) compare au moins deux valeurs");
inline constexpr MessageText kComparesOneUnit = message_text(
    "{0}(...) compares numbers of one unit, or dates", "{0}(...) compare des nombres d'une même unité, ou des dates");
// {0}: the type of y, {1}: the type of x.
inline constexpr MessageText kDefaultOfOtherType =
    message_text("défaut(x, y): y is a {0} but x a {1}", "défaut(x, y) : y est de type {0}, mais x de type {1}");
inline constexpr MessageText kReferenceNeedsParameter =
    message_text("référence_nationale(P, S): P is the parameter that receives the national figure",
                 "référence_nationale(P, S) : P est le paramètre qui reçoit le chiffre national");
inline constexpr MessageText kReferenceNeedsStatistic =
    message_text("référence_nationale(P, S): S is a population statistic (médiane, quartile, moyenne par groupe…)",
                 "référence_nationale(P, S) : S est une statistique de population (médiane, quartile, moyenne par "
                 "groupe…)");
inline constexpr MessageText kReferenceExample =
    message_text("for example: référence_nationale(ic_q1_séjours_national, quartile(séjours_ic où séjours_ic > 0, 1))",
                 "par exemple : référence_nationale(ic_q1_séjours_national, quartile(séjours_ic où séjours_ic > 0, 1))");
// {0}: the parameter, {1}: its type, {2}: the statistic's type.
inline constexpr MessageText kReferenceOfOtherType =
    message_text("the national reference {0} is a {1}, but the statistic it stands for is a {2}",
                 "la référence nationale {0} est de type {1}, mais la statistique qu'elle remplace est de type {2}");
inline constexpr MessageText kReferenceGroupNotWritable =
    message_text("a national reference is grouped by a column of the table of establishments or by a parameter",
                 "une référence nationale se groupe par une colonne de la table des établissements ou par un "
                 "paramètre");
inline constexpr MessageText kReferenceGroupHint =
    message_text("the national figures are written per group as selon groupe { …; autre: absent; }",
                 "les chiffres nationaux s'écrivent par groupe : selon groupe { …; autre: absent; }");
// {0}: the parameter, {1}: where it is already the reference of a statistic.
inline constexpr MessageText kReferenceTwice =
    message_text("{0} is already the national reference of the statistic at {1}",
                 "{0} est déjà la référence nationale de la statistique de {1}");
inline constexpr MessageText kReferenceOnce =
    message_text("define the statistic once (a definition) and read that definition",
                 "définissez la statistique une fois (une définition) et lisez cette définition");
inline constexpr MessageText kDaysBetweenTakesDates = message_text(
    "jours_entre(...) takes dates, not a {0}", "jours_entre(...) prend des dates, et non une valeur de type {0}");
inline constexpr MessageText kYearOfTakesADate =
    message_text("année_de(...) takes a date", "année_de(...) prend une date");
// Not translated: French shows them in English, as it always did.
inline constexpr MessageText kWorksOnTexts = message_text("{0}(...) works on texts", "{0}(...) works on texts");
inline constexpr MessageText kSubstringNumbers =
    message_text("sous_texte(texte, début, longueur): the position and the length are numbers",
                 "sous_texte(texte, début, longueur): the position and the length are numbers");

// ---- Limits that keep the evaluation bounded ------------------------------------------------------------------------
// {0}: the function (arrondi...), {1}: the largest number of decimals.
inline constexpr MessageText kDecimalsOutOfRange = message_text("{0}(x, n): n is a number of decimals, from 0 to {1}",
                                                                "{0}(x, n) : n est un nombre de décimales, de 0 à {1}");
// {0}: the limit of nested levels.
inline constexpr MessageText kEvaluationTooDeep = message_text(
    "this expression, with the definitions and parameters it reads, nests more than {0} levels deep",
    "cette expression, avec les définitions et paramètres qu'elle lit, s'imbrique sur plus de {0} niveaux");
inline constexpr MessageText kShortenTheChain =
    message_text("compute the figure in fewer steps (a chain of definitions each reading the one before)",
                 "calculez le chiffre en moins d'étapes (une chaîne de définitions lisant chacune la précédente)");

}  // namespace caqes::check_messages
