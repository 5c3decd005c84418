// The French catalog of diagnostics and the matcher that uses it. Each entry pairs a template as the code writes
// it (English, `{}` for each value) with its French translation ({0}, {1}... by position). A finished English
// message is matched against every template (anchored; each value matches any text, the shortest first) and the
// most specific match (the most fixed text) is rebuilt in French with the same values. Values are names, numbers,
// paths and type names, which are already French; the values marked `nested` are messages or phrases themselves.
//
// When a message of the code is added or changed, add or change its entry here: tests/unit/messages_test.cc
// checks that the messages of many bad rules all have one.
#include "syntax/messages.h"

#include <cstdlib>
#include <cstring>
#include <utility>

namespace caqes {

namespace {

const std::vector<CatalogEntry> kFrench = {
    // ---- syntax/parser.cc --------------------------------------------------------------------------------
    {"syntax error: {}", "erreur de syntaxe : {0}", "0"},
    {"token recognition error at: '{}'", "caractère non reconnu : « {0} »"},
    {"'{}' uses a decimal point", "« {0} » utilise un point décimal"},
    {"numbers are written the French way: decimal comma, thousands grouped by three with a space (write {})",
     "les nombres s'écrivent à la française : virgule décimale, milliers groupés par trois et séparés par une espace "
     "(écrivez {0})"},
    {"unexpected character '{}'", "caractère inattendu « {0} »"},
    {"a text must open and close with \" on the same line", "un texte s'ouvre et se ferme par \" sur la même ligne"},
    {"unexpected end of file", "fin de fichier inattendue"},
    {"the '{' at {}:{}:{} is never closed: add the missing '}'",
     "l'accolade « { » ouverte en {0}:{1}:{2} n'est jamais fermée : ajoutez l'accolade « } » manquante"},
    {"a declaration is not finished: check for a missing '}' or ';'",
     "une déclaration n'est pas terminée : vérifiez s'il manque « } » ou « ; »"},
    {"unexpected '{}'", "« {0} » inattendu"},
    {"unexpected '{}', expected {}", "« {0} » inattendu ; attendu : {1}", "1"},
    {"missing ';' after '{}'", "« ; » manquant après « {0} »"},
    // How expected tokens are named in the message above.
    {"a name", "un nom"},
    {"a number", "un nombre"},
    {"a text in quotes", "un texte entre guillemets"},
    {"a date", "une date"},
    {"the end of the file", "la fin du fichier"},
    {"two numbers in a row: thousands are grouped by exactly three digits (write 20 000, 1 234 567)",
     "deux nombres à la suite : les milliers se groupent par trois chiffres exactement (écrivez 20 000, 1 234 567)"},
    {"each declaration and each line of an indicator ends with ';'",
     "chaque déclaration et chaque ligne d'un indicateur se termine par « ; »"},
    {"expected a whole number, found '{}'", "un nombre entier est attendu, et non « {0} »"},
    {"unknown contract clause '{}'", "clause de contrat inconnue « {0} »"},
    {"the years of a contract are written: années 2022..2024;",
     "les années d'un contrat s'écrivent : années 2022..2024;"},
    {"unknown table key 'par {}'", "clé de table inconnue « par {0} »"},
    {"write 'par établissement', 'par établissement et année', 'par ligne' or 'par ligne et année'",
     "écrivez « par établissement », « par établissement et année », « par ligne » ou « par ligne et année »"},
    {"'pour' years only make sense when a parameter replaces the base contract's",
     "des années « pour » n'ont de sens que si le paramètre remplace celui du contrat de base"},
    {"write: remplace paramètre x pour 2023..2024 = ...;", "écrivez : remplace paramètre x pour 2023..2024 = ...;"},
    {"a row is repeated 1 to 1 000 000 times", "une ligne se répète de 1 à 1 000 000 fois"},
    {"'{}' is not a date of the calendar", "« {0} » n'est pas une date du calendrier"},
    {"dates are written YYYY-MM-DD", "les dates s'écrivent AAAA-MM-JJ"},
    {"brackets nested more than {} levels deep", "parenthèses imbriquées sur plus de {0} niveaux"},
    {"expression with more than {} operators", "expression de plus de {0} opérateurs"},
    {"split the expression into named definitions", "découpez l'expression en définitions nommées"},

    // ---- syntax/program_loader.cc ------------------------------------------------------------------------
    {"cannot read rules file '{}'", "impossible de lire le fichier de règles « {0} »"},
    {"cannot find imported rules '{}'", "règles importées introuvables : « {0} »"},
    {"a plain name is looked up in {}; a path is relative to this file",
     "un nom seul est cherché dans {0} ; un chemin est relatif à ce fichier"},
    {"NUL byte: this is not a text file", "octet NUL : ce n'est pas un fichier texte"},
    {"invalid UTF-8 in a rules file", "UTF-8 invalide dans un fichier de règles"},
    {"rules files are UTF-8 text; re-save the file as UTF-8",
     "les fichiers de règles sont du texte UTF-8 ; enregistrez de nouveau le fichier en UTF-8"},
    {"no .caqes rules file in directory '{}'", "aucun fichier de règles .caqes dans le dossier « {0} »"},
    {"no such rules file or directory: '{}'", "fichier ou dossier de règles introuvable : « {0} »"},
    {"too many contracts extending each other (is there a cycle of 'étend'?)",
     "trop de contrats s'étendent les uns les autres (y a-t-il un cycle de « étend » ?)"},
    {"cannot find the base contract '{}'", "contrat de base introuvable : « {0} »"},
    {"the path is relative to this file's folder", "le chemin est relatif au dossier de ce fichier"},

    // ---- syntax/versions.cc ------------------------------------------------------------------------------
    {"a change applies to a base contract: add 'étend \"../dossier-du-contrat-de-base\";' to the contract",
     "une modification s'applique à un contrat de base : ajoutez « étend \"../dossier-du-contrat-de-base\"; » au "
     "contrat"},
    {"'retire {} {}' but this contract extends none", "« retire {0} {1} », mais ce contrat n'en étend aucun"},
    {"'remplace table {}' but this contract extends none",
     "« remplace table {0} », mais ce contrat n'en étend aucun"},
    {"'remplace paramètre {}' but this contract extends none",
     "« remplace paramètre {0} », mais ce contrat n'en étend aucun"},
    {"'{} indicateur {}' but this contract extends none", "« {0} indicateur {1} », mais ce contrat n'en étend aucun"},
    {"the base contract '{}' declares it at {}", "le contrat de base « {0} » le déclare dans {1}"},
    {"the base contract '{}' declares it at {}; write 'remplace table' to change it",
     "le contrat de base « {0} » la déclare dans {1} ; écrivez « remplace table » pour la changer"},
    {"the base contract '{}' declares it at {}; write 'remplace paramètre' to change it",
     "le contrat de base « {0} » le déclare dans {1} ; écrivez « remplace paramètre » pour le changer"},
    {"the base contract '{}' declares it at {}; write 'remplace indicateur' or 'modifie indicateur'",
     "le contrat de base « {0} » le déclare dans {1} ; écrivez « remplace indicateur » ou « modifie indicateur »"},
    {"nothing to remove: the base contract '{}' has no {} '{}'",
     "rien à retirer : le contrat de base « {0} » ne déclare pas « {1} {2} »"},
    {"table '{}' is already declared by the base contract",
     "la table « {0} » est déjà déclarée par le contrat de base"},
    {"nothing to replace: the base contract '{}' has no table '{}'",
     "rien à remplacer : le contrat de base « {0} » n'a pas de table « {1} »"},
    {"parameter '{}' is already declared by the base contract",
     "le paramètre « {0} » est déjà déclaré par le contrat de base"},
    {"nothing to replace: the base contract '{}' has no parameter '{}'",
     "rien à remplacer : le contrat de base « {0} » n'a pas de paramètre « {1} »"},
    {"indicator '{}' is already declared by the base contract",
     "l'indicateur « {0} » est déjà déclaré par le contrat de base"},
    // "nothing to {}: ..." with {} = replace or modify: one entry for each.
    {"nothing to replace: the base contract '{}' has no indicator '{}'",
     "rien à remplacer : le contrat de base « {0} » n'a pas d'indicateur « {1} »"},
    {"nothing to modify: the base contract '{}' has no indicator '{}'",
     "rien à modifier : le contrat de base « {0} » n'a pas d'indicateur « {1} »"},

    // ---- check/checker.cc: declarations ------------------------------------------------------------------
    {"no contract declared", "aucun contrat déclaré"},
    {"a rules program declares its contract once: contrat nom \"Libellé\" { années 2022..2024; }",
     "un programme de règles déclare son contrat une fois : contrat nom \"Libellé\" { années 2022..2024; }"},
    {"a second contract '{}' in the same rules program", "un second contrat « {0} » dans le même programme de règles"},
    {"'{}' is declared at {}; one directory holds one contract",
     "« {0} » est déclaré dans {1} ; un dossier contient un seul contrat"},
    {"contract '{}' does not say which years it covers", "le contrat « {0} » ne dit pas quelles années il couvre"},
    {"add: années 2022..2024;", "ajoutez : années 2022..2024;"},
    {"years {}..{} are not a period", "les années {0}..{1} ne forment pas une période"},
    {"write the first year, then the last: années 2022..2024;",
     "écrivez la première année, puis la dernière : années 2022..2024;"},
    {"données_absentes '{}' is not a behaviour", "données_absentes « {0} » n'est pas un comportement prévu"},
    {"write: absent or erreur", "écrivez : absent ou erreur"},
    {"division_par_zéro '{}' is not a behaviour", "division_par_zéro « {0} » n'est pas un comportement prévu"},
    {"write: absent, zéro or erreur", "écrivez : absent, zéro ou erreur"},
    {"table '{}' is declared twice", "la table « {0} » est déclarée deux fois"},
    {"the first declaration is at {}", "la première déclaration est dans {0}"},
    {"unknown column type '{}'", "type de colonne inconnu « {0} »"},
    {"the column types are: {}", "les types de colonne sont : {0}"},
    {"did you mean '{}'?", "vouliez-vous dire « {0} » ?"},
    {"column '{}' is implied by 'par {}' and must not be declared",
     "la colonne « {0} » découle de « par {1} » et ne doit pas être déclarée"},
    {"column '{}' is declared twice in table '{}'", "la colonne « {0} » est déclarée deux fois dans la table « {1} »"},
    {"'{}' is not a table declared 'par établissement'", "« {0} » n'est pas une table déclarée « par établissement »"},
    {"the registry of establishments is a table with one row per FINESS",
     "le registre des établissements est une table avec une ligne par FINESS"},
    {"several tables 'par établissement': say which one lists the establishments",
     "plusieurs tables « par établissement » : indiquez celle qui liste les établissements"},
    {"in the contract, add: établissements {};", "dans le contrat, ajoutez : établissements {0};"},
    {"no table lists the establishments", "aucune table ne liste les établissements"},
    {"declare one: table établissements \"Établissements\" par établissement { catégorie: code; }",
     "déclarez-en une : table établissements \"Établissements\" par établissement { catégorie: code; }"},
    {"'{}' is already declared", "« {0} » est déjà déclaré"},
    {"see {}", "voir {0}"},
    {"'{}' is defined twice in indicator '{}'", "« {0} » est défini deux fois dans l'indicateur « {1} »"},
    {"unknown type '{}'", "type inconnu « {0} »"},
    {"the types are: {}", "les types sont : {0}"},
    {"parameter '{}' is declared {} but its value is a {}",
     "le paramètre « {0} » est déclaré {1}, mais sa valeur est de type {2}"},
    {"an amount is written with its unit: 20 000 €", "un montant s'écrit avec son unité : 20 000 €"},
    {"a rate is written with its unit: 7,5 %", "un taux s'écrit avec son unité : 7,5 %"},
    {"unknown indicator property '{}'", "propriété d'indicateur inconnue « {0} »"},
    {"unknown volet '{}'", "volet inconnu « {0} »"},
    {"niveau '{}' is neither national nor régional", "le niveau « {0} » n'est ni national ni régional"},
    {"statut '{}' is not known", "statut inconnu « {0} »"},
    {"write 'statut actif;' or 'statut à_définir;' (measure or target left to be defined)",
     "écrivez « statut actif; » ou « statut à_définir; » (mesure ou cible restant à définir)"},
    {"indicator '{}' does not say its {}", "il manque la ligne « {1} » à l'indicateur « {0} »"},
    {"add a line such as: {};", "ajoutez une ligne comme : {0};"},
    {"indicator '{}' has no value", "l'indicateur « {0} » n'a pas de valeur"},
    {"add: valeur = <formule>; (or 'statut à_définir;' if the source leaves it to be defined)",
     "ajoutez : valeur = <formule>; (ou « statut à_définir; » si la source la laisse à définir)"},
    {"indicator '{}' does not say which establishments it targets",
     "l'indicateur « {0} » ne dit pas quels établissements il cible"},
    {"add: ciblage = <critère>; (ciblage = vrai; targets every establishment)",
     "ajoutez : ciblage = <critère>; (ciblage = vrai; cible tous les établissements)"},
    {"ciblage must be a condition (booléen), not a {}", "ciblage doit être une condition (booléen), et non de type {0}"},
    {"valeur must be a number or a condition, not a {}",
     "valeur doit être un nombre ou une condition, et non de type {0}"},
    {"the target is a {} but the value is a {}", "la cible est de type {0}, mais la valeur est de type {1}"},
    {"a target needs a rule saying when it is reached", "une cible demande une règle qui dit quand elle est atteinte"},
    {"add for example: atteint = valeur >= cible;", "ajoutez par exemple : atteint = valeur >= cible;"},
    {"atteint must be a condition (booléen), not a {}", "atteint doit être une condition (booléen), et non de type {0}"},
    {"intéressement must be an amount in €, not a {}", "intéressement doit être un montant en €, et non de type {0}"},
    {"an incentive is money: multiply a rate by an amount, e.g. 30 % × économie",
     "un intéressement est un montant en € : multipliez un taux par un montant, par exemple 30 % × économie"},
    {"unknown test property '{}'", "propriété de test inconnue « {0} »"},
    {"unknown table '{}'", "table inconnue « {0} »"},
    {"table '{}' has no column '{}'", "la table « {0} » n'a pas de colonne « {1} »"},
    {"column '{}' given twice", "la colonne « {0} » est donnée deux fois"},
    {"column '{}' holds {} ({}), not {}", "la colonne « {0} » est de type {1} ({2}), et non {3}"},
    {"a row of '{}' needs its key column '{}'", "une ligne de « {0} » doit donner sa colonne clé « {1} »"},
    {"add: année = 2022", "ajoutez : année = 2022"},
    {"add: finess = \"340000001\"", "ajoutez : finess = \"340000001\""},
    {"an expectation is a condition", "une attente est une condition"},
    {"write for example: attendu \"340000001\": transport.intéressement = 9 877,94 €;",
     "écrivez par exemple : attendu \"340000001\": transport.intéressement = 9 877,94 €;"},

    // ---- check/checker.cc: expressions -------------------------------------------------------------------
    {"parameter '{}' depends on itself", "le paramètre « {0} » dépend de lui-même"},
    {"'{}' is a column of several tables", "« {0} » est une colonne de plusieurs tables"},
    // "write {}" with the columns joined by " or ": one entry for each number of tables up to four.
    {"write {}", "écrivez {0}"},
    {"write {} or {}", "écrivez {0} ou {1}"},
    {"write {} or {} or {}", "écrivez {0}, {1} ou {2}"},
    {"write {} or {} or {} or {}", "écrivez {0}, {1}, {2} ou {3}"},
    {"table '{}' is not a value", "la table « {0} » n'est pas une valeur"},
    {"read one of its columns: {}.colonne", "lisez une de ses colonnes : {0}.colonne"},
    {"aggregate its rows: compte({}) or somme(colonne de {})", "agrégez ses lignes : compte({0}) ou somme(colonne de {1})"},
    {"indicator '{}' is not a value", "l'indicateur « {0} » n'est pas une valeur"},
    {"read one of its parts: {}.valeur, {}.ciblage, {}.intéressement",
     "lisez une de ses parties : {0}.valeur, {1}.ciblage, {2}.intéressement"},
    {"unknown name '{}'", "nom inconnu « {0} »"},
    {"cycle of definitions: {}", "cycle de définitions : {0}"},
    {"a definition cannot use its own result, directly or through others; break the cycle",
     "une définition ne peut pas utiliser son propre résultat, ni directement ni par d'autres définitions ; cassez le "
     "cycle"},
    {"'.' follows a table or an indicator name", "« . » suit un nom de table ou d'indicateur"},
    {"write table.colonne or indicateur.valeur", "écrivez table.colonne ou indicateur.valeur"},
    {"'{}' has one row per line, not per establishment",
     "« {0} » est une table « par ligne », et non « par établissement »"},
    {"aggregate it: somme({} de {}), or compte({} où ...)", "agrégez-la : somme({0} de {1}), ou compte({2} où ...)"},
    {"indicator '{}' defines no '{}'", "l'indicateur « {0} » ne définit pas « {1} »"},
    {"'{}' is neither a table nor an indicator", "« {0} » n'est ni une table ni un indicateur"},
    {"[{}] has no effect: this does not change with the year",
     "[{0}] n'a pas d'effet : cette valeur ne change pas avec l'année"},
    {"a period applies to data or definitions that vary by year (a table 'par établissement et année', an "
     "aggregation over a table with années, or a definition using them)",
     "une période s'applique aux données ou aux définitions qui varient selon l'année (une table « par établissement "
     "et année », une agrégation sur une table avec années, ou une définition qui les utilise)"},
    {"'-' applies to a number, not a {}", "« - » s'applique à un nombre, et non à une valeur de type {0}"},
    {"'non' applies to a condition, not a {}", "« non » s'applique à une condition, et non à une valeur de type {0}"},
    {"'{}' joins conditions, and this is a {}", "« {0} » relie des conditions, et ceci est de type {1}"},
    {"'{}' needs two numbers, not a {} and a {}",
     "« {0} » demande deux nombres, et non des valeurs de type {1} et {2}"},
    {"for a number of days, use jours_entre(d1, d2)", "pour un nombre de jours, utilisez jours_entre(d1, d2)"},
    // "cannot {} a {} and a {}" with {} = add or subtract: one entry for each.
    {"cannot add a {} and a {}", "impossible d'additionner des valeurs de type {0} et {1}"},
    {"cannot subtract a {} and a {}", "impossible de soustraire des valeurs de type {0} et {1}"},
    {"amounts in € only add to amounts in €; a share of an amount is montant × taux",
     "un montant en € ne s'additionne qu'à un montant en € ; une part d'un montant s'écrit montant × taux"},
    {"'×' needs two numbers, not a {} and a {}", "« × » demande deux nombres, et non des valeurs de type {0} et {1}"},
    {"cannot multiply an amount in € by an amount in €", "impossible de multiplier un montant en € par un montant en €"},
    {"a ratio of two amounts is a division: montant / montant",
     "le rapport de deux montants est une division : montant / montant"},
    {"'/' needs two numbers, not a {} and a {}", "« / » demande deux nombres, et non des valeurs de type {0} et {1}"},
    {"cannot divide a {} by an amount in €", "impossible de diviser une valeur de type {0} par un montant en €"},
    {"divide the amount by the count instead (montant / effectif is a mean in €)",
     "divisez plutôt le montant par l'effectif (montant / effectif est une moyenne en €)"},
    {"'≈' is only for test expectations", "« ≈ » est réservé aux attentes des tests"},
    {"in a rule, round explicitly: arrondi(x, 2) = 12,34 €",
     "dans une règle, arrondissez explicitement : arrondi(x, 2) = 12,34 €"},
    {"'≈' compares with a number written out, whose decimals give the precision",
     "« ≈ » se compare à un nombre écrit tel quel, dont les décimales donnent la précision"},
    {"a comparison with 'absent' is never true or false", "une comparaison avec « absent » n'est jamais vraie ni fausse"},
    {"test for a value with présent(x)", "testez la présence d'une valeur avec présent(x)"},
    {"cannot compare a {} with a {}", "impossible de comparer une valeur de type {0} avec une valeur de type {1}"},
    {"write the unit of the threshold: 400 000 € for an amount, 20 % for a rate",
     "écrivez l'unité du seuil : 400 000 € pour un montant, 20 % pour un taux"},
    {"'{}' orders numbers or dates, not a {}",
     "« {0} » ordonne des nombres ou des dates, et non des valeurs de type {1}"},
    {"lists are not compared", "les listes ne se comparent pas"},
    {"test membership with: x dans [a, b]", "testez l'appartenance avec : x dans [a, b]"},
    {"'dans' needs a list, not a {}", "« dans » demande une liste, et non une valeur de type {0}"},
    {"write a list in brackets: [D02, D04]", "écrivez une liste entre crochets : [D02, D04]"},
    {"a {} is looked for in a {}", "on cherche une valeur de type {0} dans une valeur de type {1}"},
    {"'si' needs a condition, not a {}", "« si » demande une condition, et non une valeur de type {0}"},
    {"the two branches differ: 'alors' gives a {}, 'sinon' a {}",
     "les deux branches diffèrent : « alors » donne une valeur de type {0}, « sinon » de type {1}"},
    {"write 0 € rather than 0 for no amount", "écrivez 0 € plutôt que 0 pour un montant nul"},
    {"a list cannot hold lists", "une liste ne peut pas contenir de listes"},
    {"this list mixes a {} and a {}", "cette liste mélange des valeurs de type {0} et {1}"},
    {"this case gives a {}, the others a {}", "ce cas donne une valeur de type {0}, les autres de type {1}"},
    {"a case of {} is compared with a {}", "la valeur examinée est de type {0}, mais ce cas est de type {1}"},

    // ---- check/checker.cc: functions and aggregations ----------------------------------------------------
    {"unknown function '{}'", "fonction inconnue « {0} »"},
    {"{}(...) reads the rows of a table", "{0}(...) lit les lignes d'une table"},
    {"write {}(colonne de TABLE [où filtre])", "écrivez {0}(colonne de TABLE [où filtre])"},
    {"{}(...) takes one argument", "{0}(...) prend un seul argument"},
    {"write compte(TABLE où filtre)", "écrivez compte(TABLE où filtre)"},
    {"write somme(colonne de TABLE où filtre)", "écrivez somme(colonne de TABLE où filtre)"},
    {"an aggregation cannot be nested inside another aggregation's row expression",
     "une agrégation ne peut pas être imbriquée dans l'expression par ligne d'une autre agrégation"},
    {"expected the name of a row-level table here", "le nom d'une table « par ligne » est attendu ici"},
    {"write compte(séjours où ...)", "écrivez compte(séjours où ...)"},
    {"'{}' has one row per establishment: there is nothing to aggregate",
     "« {0} » a une ligne par établissement : il n'y a rien à agréger"},
    {"read the column directly: {}.colonne", "lisez directement la colonne : {0}.colonne"},
    {"table '{}' has no years, so [{}] cannot select them",
     "la table « {0} » n'a pas d'années : [{1}] ne peut donc pas en choisir"},
    {"declare it 'par ligne et année' if its rows carry a year",
     "déclarez-la « par ligne et année » si ses lignes portent une année"},
    {"'par' groups establishments in a population statistic, not rows",
     "« par » regroupe des établissements dans une statistique de population, et non des lignes"},
    {"filter the rows with 'où'", "filtrez les lignes avec « où »"},
    {"the aggregated expression may only use the row's columns and constants",
     "l'expression agrégée ne peut utiliser que les colonnes de la ligne et des constantes"},
    {"{} adds numbers, not a {}", "{0} additionne des nombres, et non des valeurs de type {1}"},
    {"{} orders numbers or dates, not a {}", "{0} ordonne des nombres ou des dates, et non des valeurs de type {1}"},
    {"compte_distinct counts the values of a column", "compte_distinct compte les valeurs d'une colonne"},
    {"'où' needs a condition, not a {}", "« où » demande une condition, et non une valeur de type {0}"},
    {"a row filter may only use the row's columns, parameters and the establishment's attributes",
     "un filtre de lignes ne peut utiliser que les colonnes de la ligne, les paramètres et les attributs de "
     "l'établissement"},
    {"compute the other figure in a separate definition and compare outside the aggregation",
     "calculez l'autre chiffre dans une définition à part et comparez-le hors de l'agrégation"},
    {"{}(...) takes {} argument{}", "{0}(...) prend {1} argument{2}"},
    {"write {}(x, {})", "écrivez {0}(x, {1})"},
    {"a population statistic cannot be used on a row of a table",
     "une statistique de population ne peut pas s'utiliser sur une ligne de table"},
    {"{} is computed over numbers, not a {}", "{0} se calcule sur des nombres, et non sur des valeurs de type {1}"},
    {"'par' groups by a value such as the category", "« par » regroupe selon une valeur, comme la catégorie"},
    {"the order of a {} is a number", "l'ordre d'un {0} est un nombre"},
    {"the order of a quantile must be the same for every establishment",
     "l'ordre d'un quantile doit être le même pour tous les établissements"},
    {"{}(...) takes plain values: 'de', 'par' and 'où' belong to aggregations",
     "{0}(...) prend des valeurs simples : « de », « par » et « où » sont réservés aux agrégations"},
    {"{}(...) expects a number here, not a {}", "{0}(...) attend ici un nombre, et non une valeur de type {1}"},
    {"the number of decimals is a whole number written out",
     "le nombre de décimales est un nombre entier écrit tel quel"},
    {"arrondi(x, 2) rounds to the cent", "arrondi(x, 2) arrondit au centime"},
    {"{}(a, b, ...) compares at least two values", "{0}(a, b, ...) compare au moins deux valeurs"},
    {"{}(...) compares numbers of one unit, or dates", "{0}(...) compare des nombres d'une même unité, ou des dates"},
    {"défaut(x, y): y is a {} but x a {}", "défaut(x, y) : y est de type {0}, mais x de type {1}"},
    {"jours_entre(...) takes dates, not a {}", "jours_entre(...) prend des dates, et non une valeur de type {0}"},
    {"année_de(...) takes a date", "année_de(...) prend une date"},

    // ---- data/dataset.cc ---------------------------------------------------------------------------------
    {"'{}' is not a boolean (write oui or non)", "« {0} » n'est pas un booléen (écrivez oui ou non)"},
    {"'{}' is a percentage in an amount column", "« {0} » est un pourcentage dans une colonne de montants"},
    {"'{}' is an amount in a rate column", "« {0} » est un montant dans une colonne de taux"},
    {"'{}' is ambiguous: a thousands point or three decimals of a euro?",
     "« {0} » est ambigu : point des milliers ou trois décimales d'euro ?"},
    {"'{}' has a unit; this column holds a whole number", "« {0} » a une unité ; cette colonne contient un nombre entier"},
    {"'{}' is not a whole number", "« {0} » n'est pas un nombre entier"},
    {"'{}' is negative; a count cannot be", "« {0} » est négatif ; un effectif ne peut pas l'être"},
    {"'{}' is not a year", "« {0} » n'est pas une année"},
    {"'{}' has a unit; this column holds a plain number",
     "« {0} » a une unité ; cette colonne contient un nombre sans unité"},
    {"column '{}': {}", "colonne « {0} » : {1}", "1"},
    {"'{}' is declared {} at {}", "la colonne « {0} » est déclarée {1} dans {2}"},
    {"empty FINESS", "FINESS vide"},
    {"'{}' is not a FINESS number", "« {0} » n'est pas un numéro FINESS"},
    {"a FINESS has 9 characters: digits (2A/2B for Corsica)",
     "un FINESS a 9 caractères : des chiffres (2A/2B pour la Corse)"},
    {"empty year", "année vide"},
    {"column '{}' appears twice", "la colonne « {0} » apparaît deux fois"},
    {"column '{}' is not declared in table '{}'", "la colonne « {0} » n'est pas déclarée dans la table « {1} »"},
    {"declare it in the rules ({}) or remove it from the extract",
     "déclarez-la dans les règles ({0}) ou retirez-la de l'extraction"},
    {"missing column '{}'{}", "colonne manquante « {0} »{1}"},
    {"table '{}' declares it at {}", "la table « {0} » la déclare dans {1}"},
    {"unknown establishment '{}'", "établissement inconnu « {0} »"},
    {"every FINESS must be listed in the establishments table",
     "chaque FINESS doit figurer dans la table des établissements"},
    {"data directory '{}' does not exist", "le dossier de données « {0} » n'existe pas"},
    {"missing data file for table '{}'{}", "fichier de données manquant pour la table « {0} »{1}"},
    {"the table is declared at {}; `caqes schema` lists the expected columns",
     "la table est déclarée dans {0} ; `caqes schema` liste les colonnes attendues"},
    {"establishment '{}' is listed twice", "l'établissement « {0} » est listé deux fois"},
    {"first listed on line {}", "listé une première fois à la ligne {0}"},
    {"establishment '{}' has two rows for the same year", "l'établissement « {0} » a deux lignes pour la même année"},
    {"establishment '{}' has two rows", "l'établissement « {0} » a deux lignes"},
    {"first row on line {}", "la première est à la ligne {0}"},

    // ---- data/csv.cc (CsvError) --------------------------------------------------------------------------
    {"cannot open '{}': {}", "impossible d'ouvrir « {0} » : {1}"},
    {"cannot read '{}': {}", "impossible de lire « {0} » : {1}"},
    {"the file is UTF-16 text, which is not supported: save it as UTF-8",
     "le fichier est du texte UTF-16, qui n'est pas pris en charge : enregistrez-le en UTF-8"},
    {"empty file: there is no header line", "fichier vide : il n'y a pas de ligne d'en-tête"},
    {"the first line is empty: it must be the header", "la première ligne est vide : ce doit être l'en-tête"},
    {"tab-separated files are not supported: the delimiter must be ';' or ','",
     "les fichiers séparés par des tabulations ne sont pas pris en charge : le séparateur doit être « ; » ou « , »"},
    {"empty line: only the end of the file may have empty lines",
     "ligne vide : seule la fin du fichier peut avoir des lignes vides"},
    {"{} field, the header has {}", "{0} champ, alors que l'en-tête en a {1}"},
    {"{} fields, the header has {}", "{0} champs, alors que l'en-tête en a {1}"},
    {"unterminated quoted field: this quote is not closed within {}",
     "champ entre guillemets non terminé : ce guillemet n'est pas refermé dans les {0} qui suivent"},
    {"record longer than {}", "enregistrement de plus de {0}"},
    {"invalid UTF-8 (byte {}); the file is read as UTF-8 because it starts with a UTF-8 byte order mark",
     "UTF-8 invalide (octet {0}) ; le fichier est lu en UTF-8 car il commence par une marque d'ordre des octets "
     "UTF-8 (BOM)"},
    {"invalid UTF-8 (byte {}); the file is read as UTF-8 because its first 64 KiB are valid UTF-8",
     "UTF-8 invalide (octet {0}) ; le fichier est lu en UTF-8 car ses 64 premiers Kio sont de l'UTF-8 valide"},
    {"NUL byte: this is not a text CSV file", "octet NUL : ce n'est pas un fichier CSV texte"},
    {"mixed encodings: UTF-8 text in a file read as Latin-1 (its first 64 KiB are not valid UTF-8); re-save the "
     "whole file in one encoding",
     "encodages mélangés : du texte UTF-8 dans un fichier lu en Latin-1 (ses 64 premiers Kio ne sont pas de l'UTF-8 "
     "valide) ; enregistrez de nouveau tout le fichier dans un seul encodage"},
    {"quote in the middle of an unquoted field: a field containing '\"' must be quoted whole, with the quote doubled",
     "guillemet au milieu d'un champ sans guillemets : un champ qui contient « \" » doit être entièrement entre "
     "guillemets, avec ce guillemet doublé"},
    {"unterminated quoted field: this quote is never closed",
     "champ entre guillemets non terminé : ce guillemet n'est jamais refermé"},
    {"text after the closing quote of a field: a quote inside a quoted field must be doubled (\"\"), and the field "
     "must end at '{}' or the end of the line",
     "texte après le guillemet fermant d'un champ : un guillemet à l'intérieur d'un champ entre guillemets doit être "
     "doublé (\"\"), et le champ doit se terminer par « {0} » ou par la fin de la ligne"},

    // ---- data/data_number.cc (NumberError); the cell is shown in quotes ----------------------------------
    {"empty", "vide"},
    {"'{}' is not a number", "« {0} » n'est pas un nombre"},
    {"digit groups must have 3 digits in '{}'", "les groupes de chiffres doivent avoir 3 chiffres dans « {0} »"},
    {"a digit is needed before the decimal separator in '{}'",
     "il faut un chiffre avant le séparateur décimal dans « {0} »"},
    {"two decimal separators in '{}'", "deux séparateurs décimaux dans « {0} »"},
    {"a digit is needed after the decimal separator in '{}'",
     "il faut un chiffre après le séparateur décimal dans « {0} »"},
    {"'{}' is not a date: expected 2022-03-15 or 15/03/2022",
     "« {0} » n'est pas une date : on attend 2022-03-15 ou 15/03/2022"},
    {"'{}' is not a date: there is no year 0", "« {0} » n'est pas une date : l'année 0 n'existe pas"},
    {"'{}' is not a date: there is no month {}", "« {0} » n'est pas une date : le mois {1} n'existe pas"},
    {"'{}' is not a date: there is no day 0", "« {0} » n'est pas une date : le jour 0 n'existe pas"},
    // "... MONTH YEAR has N days": one entry for each month.
    {"'{}' is not a date: January {} has {} days", "« {0} » n'est pas une date : janvier {1} a {2} jours"},
    {"'{}' is not a date: February {} has {} days", "« {0} » n'est pas une date : février {1} a {2} jours"},
    {"'{}' is not a date: March {} has {} days", "« {0} » n'est pas une date : mars {1} a {2} jours"},
    {"'{}' is not a date: April {} has {} days", "« {0} » n'est pas une date : avril {1} a {2} jours"},
    {"'{}' is not a date: May {} has {} days", "« {0} » n'est pas une date : mai {1} a {2} jours"},
    {"'{}' is not a date: June {} has {} days", "« {0} » n'est pas une date : juin {1} a {2} jours"},
    {"'{}' is not a date: July {} has {} days", "« {0} » n'est pas une date : juillet {1} a {2} jours"},
    {"'{}' is not a date: August {} has {} days", "« {0} » n'est pas une date : août {1} a {2} jours"},
    {"'{}' is not a date: September {} has {} days", "« {0} » n'est pas une date : septembre {1} a {2} jours"},
    {"'{}' is not a date: October {} has {} days", "« {0} » n'est pas une date : octobre {1} a {2} jours"},
    {"'{}' is not a date: November {} has {} days", "« {0} » n'est pas une date : novembre {1} a {2} jours"},
    {"'{}' is not a date: December {} has {} days", "« {0} » n'est pas une date : décembre {1} a {2} jours"},
};

// A template cut at its values: literals[0] {} literals[1] {} ... literals[n]; the French side as pieces.
struct Compiled {
  std::vector<std::string> literals;
  std::size_t literal_length = 0;
  struct Piece {
    std::string text;
    int value = -1;  // >= 0: the value at that position
  };
  std::vector<Piece> french;
  std::vector<bool> nested;
};

Compiled compile(const CatalogEntry& e) {
  Compiled c;
  std::string_view en = e.english;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = en.find("{}", start);
    if (at == std::string_view::npos) break;
    c.literals.emplace_back(en.substr(start, at - start));
    start = at + 2;
  }
  c.literals.emplace_back(en.substr(start));
  for (const auto& l : c.literals) c.literal_length += l.size();
  std::string_view fr = e.french;
  std::string text;
  for (std::size_t i = 0; i < fr.size();) {
    if (fr[i] == '{' && i + 2 < fr.size() && fr[i + 1] >= '0' && fr[i + 1] <= '9') {
      std::size_t j = i + 1;
      int n = 0;
      while (j < fr.size() && fr[j] >= '0' && fr[j] <= '9' && n < 1000) n = n * 10 + (fr[j++] - '0');
      if (j < fr.size() && fr[j] == '}') {
        if (!text.empty()) c.french.push_back({std::move(text), -1});
        text.clear();
        c.french.push_back({{}, n});
        i = j + 1;
        continue;
      }
    }
    text += fr[i++];
  }
  if (!text.empty()) c.french.push_back({std::move(text), -1});
  c.nested.assign(c.literals.size() - 1, false);
  for (const char* p = e.nested; p && *p; ++p)
    if (*p >= '0' && *p <= '9' && static_cast<std::size_t>(*p - '0') < c.nested.size()) c.nested[*p - '0'] = true;
  return c;
}

const std::vector<Compiled>& compiled() {
  static const std::vector<Compiled> all = [] {
    std::vector<Compiled> out;
    out.reserve(kFrench.size());
    for (const auto& e : kFrench) out.push_back(compile(e));
    return out;
  }();
  return all;
}

// Values k-1, k, ... from `pos`, literal k following value k-1; each value the shortest that lets the rest match.
// `budget` bounds the backtracking, so that a huge message (a 1 MB name) cannot take long: past it, no match.
bool match_from(const Compiled& t, const std::string& s, std::size_t k, std::size_t pos, std::vector<std::string>& values,
                long& budget) {
  const std::string& literal = t.literals[k];
  if (k + 1 == t.literals.size()) {  // the last literal ends the message
    if (s.size() < literal.size() || s.size() - literal.size() < pos) return false;
    values[k - 1] = s.substr(pos, s.size() - literal.size() - pos);
    return true;
  }
  for (std::size_t at = s.find(literal, pos); at != std::string::npos; at = s.find(literal, at + 1)) {
    if (--budget < 0) return false;
    if (match_from(t, s, k + 1, at + literal.size(), values, budget)) {
      values[k - 1] = s.substr(pos, at - pos);
      return true;
    }
    if (at >= s.size()) break;
  }
  return false;
}

bool match(const Compiled& t, const std::string& s, std::vector<std::string>& values) {
  if (s.size() < t.literal_length) return false;
  const std::string& first = t.literals.front();
  if (s.compare(0, first.size(), first) != 0) return false;
  if (t.literals.size() == 1) return s.size() == first.size();
  const std::string& last = t.literals.back();
  if (s.compare(s.size() - last.size(), last.size(), last) != 0) return false;
  values.assign(t.literals.size() - 1, {});
  long budget = 10000;
  return match_from(t, s, 1, first.size(), values, budget);
}

std::optional<std::string> french(const std::string& english, int depth);

// A value that is itself a message, or a list of phrases ("a name, a number, ';'"): translated where known; in
// a list, a token in quotes (';') is shown in French quotes.
std::string french_value(const std::string& value, int depth) {
  if (auto whole = french(value, depth + 1)) return *whole;
  std::string out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = value.find(", ", start);
    std::string item = value.substr(start, at == std::string::npos ? std::string::npos : at - start);
    if (auto translated = french(item, depth + 1)) out += *translated;
    else if (item.size() >= 3 && item.front() == '\'' && item.back() == '\'') out += "« " + item.substr(1, item.size() - 2) + " »";
    else out += item;
    if (at == std::string::npos) break;
    out += ", ";
    start = at + 2;
  }
  return out;
}

std::optional<std::string> french(const std::string& english, int depth) {
  if (english.empty() || depth > 3) return std::nullopt;
  const auto& all = compiled();
  const Compiled* best = nullptr;
  std::vector<std::string> values, best_values;
  for (const auto& t : all) {
    if (best && t.literal_length <= best->literal_length) continue;  // the most fixed text wins; first on a tie
    if (match(t, english, values)) {
      best = &t;
      best_values = values;
    }
  }
  if (!best) return std::nullopt;
  std::string out;
  for (const auto& piece : best->french) {
    if (piece.value < 0) {
      out += piece.text;
    } else if (static_cast<std::size_t>(piece.value) < best_values.size()) {
      const std::string& v = best_values[piece.value];
      out += best->nested[piece.value] ? french_value(v, depth) : v;
    }
  }
  return out;
}

}  // namespace

const std::vector<CatalogEntry>& french_catalog() { return kFrench; }

std::optional<std::string> try_translate(const std::string& english, Language lang) {
  if (lang == Language::En) return english;
  return french(english, 0);
}

std::string translate(const std::string& english, Language lang) {
  if (lang == Language::En || english.empty()) return english;
  if (auto out = french(english, 0)) return *out;
  return english;
}

}  // namespace caqes
