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
    // ---- check/checker.cc: declarations ------------------------------------------------------------------
    {"unknown contract clause '{}'", "clause de contrat inconnue « {0} »"},
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
