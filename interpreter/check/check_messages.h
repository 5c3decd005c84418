// The checker's messages and hints in English and French (see syntax/message.h): one constant per message, named
// after what it says, the sites build `Message(kConstant, values...)`. Values are names, numbers, periods, the
// spelling of an operator or a keyword of the rules language, and type names ("montant (€)", "liste de texte":
// check/types.h), which are French in both languages. The messages of expressions and calls are in
// check/check_expression_messages.h; "unknown contract clause", which the parser reports too, is
// syntax_messages::kUnknownContractClause.
#pragma once

#include "syntax/message.h"

namespace caqes::check_messages {

// ---- shared by several parts -------------------------------------------------------------------------------

inline constexpr MessageText kDidYouMean = message_text("did you mean '{0}'?", "vouliez-vous dire « {0} » ?");
inline constexpr MessageText kSee = message_text("see {0}", "voir {0}");
// How a literal of a unit is written, for the hint of a unit error.
inline constexpr MessageText kAmountWithUnit =
    message_text("an amount is written with its unit: 20 000 €", "un montant s'écrit avec son unité : 20 000 €");
inline constexpr MessageText kRateWithUnit =
    message_text("a rate is written with its unit: 7,5 %", "un taux s'écrit avec son unité : 7,5 %");

// ---- the contract ------------------------------------------------------------------------------------------

inline constexpr MessageText kNoContract = message_text("no contract declared", "aucun contrat déclaré");
inline constexpr MessageText kDeclareTheContract = message_text(
    "a rules program declares its contract once: contrat nom \"Libellé\" { années 2022..2024; }",
    "un programme de règles déclare son contrat une fois : contrat nom \"Libellé\" { années 2022..2024; }");
inline constexpr MessageText kSecondContract = message_text(
    "a second contract '{0}' in the same rules program", "un second contrat « {0} » dans le même programme de règles");
inline constexpr MessageText kOneContractPerDirectory =
    message_text("'{0}' is declared at {1}; one directory holds one contract",
                 "« {0} » est déclaré dans {1} ; un dossier contient un seul contrat");
inline constexpr MessageText kContractWithoutYears = message_text(
    "contract '{0}' does not say which years it covers", "le contrat « {0} » ne dit pas quelles années il couvre");
inline constexpr MessageText kAddYears = message_text("add: années 2022..2024;", "ajoutez : années 2022..2024;");
inline constexpr MessageText kYearsNotAPeriod =
    message_text("years {0}..{1} are not a period", "les années {0}..{1} ne forment pas une période");
inline constexpr MessageText kFirstYearThenLast =
    message_text("write the first year, then the last: années 2022..2024;",
                 "écrivez la première année, puis la dernière : années 2022..2024;");
inline constexpr MessageText kNotAMissingDataBehaviour = message_text(
    "données_absentes '{0}' is not a behaviour", "données_absentes « {0} » n'est pas un comportement prévu");
inline constexpr MessageText kMissingDataBehaviours =
    message_text("write: absent or erreur", "écrivez : absent ou erreur");
inline constexpr MessageText kNotADivisionBehaviour = message_text(
    "division_par_zéro '{0}' is not a behaviour", "division_par_zéro « {0} » n'est pas un comportement prévu");
inline constexpr MessageText kDivisionBehaviours =
    message_text("write: absent, zéro or erreur", "écrivez : absent, zéro ou erreur");
// `signataire` and `synthèse`: never translated; French shows them in English, as it always did.
inline constexpr MessageText kNoSuchSignatoryParameter =
    message_text("'signataire {0}': no such parameter", "'signataire {0}': no such parameter");
inline constexpr MessageText kSignatoryNotAFiness =
    message_text("the signing entity '{0}' must be a FINESS (texte), not a {1}",
                 "the signing entity '{0}' must be a FINESS (texte), not a {1}");
inline constexpr MessageText kSignatoryExample =
    message_text("for example: paramètre signataire = si statut dans [public, espic] alors ej sinon finess;",
                 "for example: paramètre signataire = si statut dans [public, espic] alors ej sinon finess;");
inline constexpr MessageText kSummaryGroupNotAText = message_text("the summary group '{0}' must be a text, not a {1}",
                                                                  "the summary group '{0}' must be a text, not a {1}");
inline constexpr MessageText kSummaryGroupExample =
    message_text("for example: paramètre groupe = si catégorie = \"HAD\" alors \"EHAD\" sinon statut;",
                 "for example: paramètre groupe = si catégorie = \"HAD\" alors \"EHAD\" sinon statut;");

// ---- tables and the registry of establishments -------------------------------------------------------------

inline constexpr MessageText kTableDeclaredTwice =
    message_text("table '{0}' is declared twice", "la table « {0} » est déclarée deux fois");
inline constexpr MessageText kFirstDeclarationAt =
    message_text("the first declaration is at {0}", "la première déclaration est dans {0}");
inline constexpr MessageText kUnknownColumnType =
    message_text("unknown column type '{0}'", "type de colonne inconnu « {0} »");
inline constexpr MessageText kColumnTypesAre =
    message_text("the column types are: {0}", "les types de colonne sont : {0}");
inline constexpr MessageText kImpliedColumnDeclared =
    message_text("column '{0}' is implied by 'par {1}' and must not be declared",
                 "la colonne « {0} » découle de « par {1} » et ne doit pas être déclarée");
inline constexpr MessageText kColumnDeclaredTwice = message_text(
    "column '{0}' is declared twice in table '{1}'", "la colonne « {0} » est déclarée deux fois dans la table « {1} »");
inline constexpr MessageText kRegistryNotPerEstablishment = message_text(
    "'{0}' is not a table declared 'par établissement'", "« {0} » n'est pas une table déclarée « par établissement »");
inline constexpr MessageText kRegistryIsPerFiness =
    message_text("the registry of establishments is a table with one row per FINESS",
                 "le registre des établissements est une table avec une ligne par FINESS");
inline constexpr MessageText kSeveralRegistries =
    message_text("several tables 'par établissement': say which one lists the establishments",
                 "plusieurs tables « par établissement » : indiquez celle qui liste les établissements");
inline constexpr MessageText kNameTheRegistry =
    message_text("in the contract, add: établissements {0};", "dans le contrat, ajoutez : établissements {0};");
inline constexpr MessageText kNoRegistry =
    message_text("no table lists the establishments", "aucune table ne liste les établissements");
inline constexpr MessageText kDeclareARegistry =
    message_text("declare one: table établissements \"Établissements\" par établissement { catégorie: code; }",
                 "déclarez-en une : table établissements \"Établissements\" par établissement { catégorie: code; }");

// ---- parameters and the names of declarations --------------------------------------------------------------

inline constexpr MessageText kAlreadyDeclared = message_text("'{0}' is already declared", "« {0} » est déjà déclaré");
inline constexpr MessageText kDefinedTwiceInIndicator =
    message_text("'{0}' is defined twice in indicator '{1}'", "« {0} » est défini deux fois dans l'indicateur « {1} »");
// {0}: file:line:col of the first definition.
inline constexpr MessageText kFirstDefinitionAt =
    message_text("the first definition is at {0}: rename one of them or remove one",
                 "la première définition est en {0} : renommez l'une des deux ou supprimez-en une");
inline constexpr MessageText kUnknownType = message_text("unknown type '{0}'", "type inconnu « {0} »");
inline constexpr MessageText kTypesAre = message_text("the types are: {0}", "les types sont : {0}");
inline constexpr MessageText kParameterValueNotDeclaredType =
    message_text("parameter '{0}' is declared {1} but its value is a {2}",
                 "le paramètre « {0} » est déclaré {1}, mais sa valeur est de type {2}");

// ---- indicators --------------------------------------------------------------------------------------------

inline constexpr MessageText kUnknownIndicatorProperty =
    message_text("unknown indicator property '{0}'", "propriété d'indicateur inconnue « {0} »");
inline constexpr MessageText kUnknownVolet = message_text("unknown volet '{0}'", "volet inconnu « {0} »");
inline constexpr MessageText kUnknownLevel =
    message_text("niveau '{0}' is neither national nor régional", "le niveau « {0} » n'est ni national ni régional");
inline constexpr MessageText kUnknownStatus = message_text("statut '{0}' is not known", "statut inconnu « {0} »");
inline constexpr MessageText kStatuses =
    message_text("write 'statut actif;' or 'statut à_définir;' (measure or target left to be defined)",
                 "écrivez « statut actif; » ou « statut à_définir; » (mesure ou cible restant à définir)");
// {1} is the property's keyword (volet, niveau, source); {0} of the hint a line giving it.
inline constexpr MessageText kMissingProperty =
    message_text("indicator '{0}' does not say its {1}", "il manque la ligne « {1} » à l'indicateur « {0} »");
inline constexpr MessageText kAddALine = message_text("add a line such as: {0};", "ajoutez une ligne comme : {0};");
inline constexpr MessageText kNoValue =
    message_text("indicator '{0}' has no value", "l'indicateur « {0} » n'a pas de valeur");
inline constexpr MessageText kAddAValue =
    message_text("add: valeur = <formule>; (or 'statut à_définir;' if the source leaves it to be defined)",
                 "ajoutez : valeur = <formule>; (ou « statut à_définir; » si la source la laisse à définir)");
inline constexpr MessageText kNoTargeting =
    message_text("indicator '{0}' does not say which establishments it targets",
                 "l'indicateur « {0} » ne dit pas quels établissements il cible");
inline constexpr MessageText kAddATargeting =
    message_text("add: ciblage = <critère>; (ciblage = vrai; targets every establishment)",
                 "ajoutez : ciblage = <critère>; (ciblage = vrai; cible tous les établissements)");
inline constexpr MessageText kTargetingNotACondition =
    message_text("ciblage must be a condition (booléen), not a {0}",
                 "ciblage doit être une condition (booléen), et non de type {0}");
inline constexpr MessageText kValueNotANumberOrCondition =
    message_text("valeur must be a number or a condition, not a {0}",
                 "valeur doit être un nombre ou une condition, et non de type {0}");
inline constexpr MessageText kTargetAndValueDiffer = message_text(
    "the target is a {0} but the value is a {1}", "la cible est de type {0}, mais la valeur est de type {1}");
inline constexpr MessageText kTargetWithoutAchieved = message_text(
    "a target needs a rule saying when it is reached", "une cible demande une règle qui dit quand elle est atteinte");
inline constexpr MessageText kAddAnAchieved =
    message_text("add for example: atteint = valeur >= cible;", "ajoutez par exemple : atteint = valeur >= cible;");
inline constexpr MessageText kAchievedNotACondition =
    message_text("atteint must be a condition (booléen), not a {0}",
                 "atteint doit être une condition (booléen), et non de type {0}");
inline constexpr MessageText kIncentiveNotMoney = message_text(
    "intéressement must be an amount in €, not a {0}", "intéressement doit être un montant en €, et non de type {0}");
inline constexpr MessageText kIncentiveIsMoney = message_text(
    "an incentive is money: multiply a rate by an amount, e.g. 30 % × économie",
    "un intéressement est un montant en € : multipliez un taux par un montant, par exemple 30 % × économie");

// ---- tests -------------------------------------------------------------------------------------------------

// {0}: the test's label; {1}: the contract's first year.
inline constexpr MessageText kTestWithoutYear =
    message_text("test '{0}' does not say its year: it runs for {1}, the contract's first year",
                 "le test « {0} » ne dit pas son année : il porte sur {1}, la première année du contrat");
inline constexpr MessageText kWriteTheTestYear =
    message_text("write the year at the top of the test: année {0};",
                 "écrivez l'année en tête du test : année {0};");
inline constexpr MessageText kUnknownTestProperty =
    message_text("unknown test property '{0}'", "propriété de test inconnue « {0} »");
inline constexpr MessageText kUnknownTable = message_text("unknown table '{0}'", "table inconnue « {0} »");
inline constexpr MessageText kNoSuchColumn =
    message_text("table '{0}' has no column '{1}'", "la table « {0} » n'a pas de colonne « {1} »");
inline constexpr MessageText kColumnGivenTwice =
    message_text("column '{0}' given twice", "la colonne « {0} » est donnée deux fois");
inline constexpr MessageText kColumnHoldsOtherType =
    message_text("column '{0}' holds {1} ({2}), not {3}", "la colonne « {0} » est de type {1} ({2}), et non {3}");
inline constexpr MessageText kRowWithoutKey = message_text("a row of '{0}' needs its key column '{1}'",
                                                           "une ligne de « {0} » doit donner sa colonne clé « {1} »");
inline constexpr MessageText kAddAYear = message_text("add: année = 2022", "ajoutez : année = 2022");
inline constexpr MessageText kAddAFiness =
    message_text("add: finess = \"340000001\"", "ajoutez : finess = \"340000001\"");
inline constexpr MessageText kTestFinessNotAText =
    message_text("the test's finess is one FINESS in quotes", "le finess du test est un FINESS entre guillemets");
inline constexpr MessageText kExpectationWithoutFiness =
    message_text("this expectation names no establishment, and the test gives none",
                 "cette attente ne nomme aucun établissement, et le test n'en donne pas");
inline constexpr MessageText kHowToWriteTestFiness = message_text(
    "write attendu \"340000001\": …; or give the test's establishment at its top: finess \"340000001\"; (its rows "
    "and its attendu: then need no finess)",
    "écrivez attendu \"340000001\": …; ou donnez l'établissement du test en tête : finess \"340000001\"; (ses lignes "
    "et ses attendu: n'ont alors plus besoin de finess)");
inline constexpr MessageText kExpectationNotACondition =
    message_text("an expectation is a condition", "une attente est une condition");
inline constexpr MessageText kExpectationExample =
    message_text("write for example: attendu \"340000001\": transport.intéressement = 9 877,94 €;",
                 "écrivez par exemple : attendu \"340000001\": transport.intéressement = 9 877,94 €;");

// ---- national references (références_nationales, written by `caqes références`) ------------------------------

// {0}: the contract the references are for.
inline constexpr MessageText kReferencesWithoutBase = message_text(
    "national references of {0} are read by a regional contract that extends {0}",
    "les références nationales de {0} se lisent dans un contrat régional qui étend {0}");
inline constexpr MessageText kReferencesGoInAmendment = message_text(
    "write the regional contract: contrat … { étend \"…\"; } and import this file into it",
    "écrivez le contrat régional : contrat … { étend \"…\"; } et importez-y ce fichier");
// {0}: the contract the references are for, {1}: the contract extended.
inline constexpr MessageText kReferencesOfOtherContract = message_text(
    "these national references are those of {0}, but this contract extends {1}",
    "ces références nationales sont celles de {0}, mais ce contrat étend {1}");
// {0}: the contract extended.
inline constexpr MessageText kWriteReferencesOf = message_text(
    "write the references of {0} from the national run: caqes références RULES --data DIR --output FILE.caqes",
    "écrivez les références de {0} depuis le calcul national : caqes références RÈGLES --data DOSSIER --output "
    "FICHIER.caqes");

}  // namespace caqes::check_messages
