// The built-in functions, their documentation (French, for policy staff) and, for the scalar ones, their
// implementation (builtins.cc).
#include "stdlib/functions.h"

#include <set>

#include "stdlib/builtins.h"

namespace caqes {

const std::vector<FunctionInfo>& functions() {
  static const std::vector<FunctionInfo> all = {
      {Function::RowCount, FunctionFamily::Rows, "compte", "compte(TABLE [où filtre])",
       "nombre de lignes de la table pour l'établissement (et l'année N, ou l'année donnée par TABLE[2019])"},
      {Function::RowSum, FunctionFamily::Rows, "somme", "somme(colonne de TABLE [où filtre])",
       "somme d'une colonne sur les lignes de l'établissement; 0 s'il n'y a aucune ligne"},
      {Function::RowMean, FunctionFamily::Rows, "moyenne", "moyenne(colonne de TABLE [où filtre])",
       "moyenne exacte d'une colonne sur les lignes de l'établissement; absent s'il n'y a aucune ligne"},
      {Function::RowMin, FunctionFamily::Rows, "min", "min(colonne de TABLE [où filtre])",
       "plus petite valeur de la colonne sur les lignes de l'établissement; absent s'il n'y a aucune ligne"},
      {Function::RowMax, FunctionFamily::Rows, "max", "max(colonne de TABLE [où filtre])",
       "plus grande valeur de la colonne sur les lignes de l'établissement; absent s'il n'y a aucune ligne"},
      {Function::RowCountDistinct, FunctionFamily::Rows, "compte_distinct", "compte_distinct(colonne de TABLE [où filtre])",
       "nombre de valeurs différentes de la colonne (par exemple de patients) sur les lignes de l'établissement"},
      {Function::RowExists, FunctionFamily::Rows, "existe", "existe(TABLE [où filtre])",
       "vrai si au moins une ligne de la table, pour l'établissement, vérifie le filtre. Dans le filtre d'une autre "
       "agrégation, le filtre peut lire la ligne en cours de l'autre table (TABLE_EXTERNE.colonne): "
       "compte(séjours où existe(bio où patient = séjours.patient et jours_entre(date, séjours.date) ≤ 30))"},
      {Function::PopMean, FunctionFamily::Population, "moyenne", "moyenne(x [par groupe] [où filtre])",
       "moyenne de x sur les établissements (de même groupe que l'établissement évalué, avec `par`), x absent exclu"},
      {Function::PopMedian, FunctionFamily::Population, "médiane", "médiane(x [par groupe] [où filtre])",
       "médiane de x sur les établissements; avec un nombre pair de valeurs, moyenne des deux valeurs centrales"},
      {Function::PopQuantile, FunctionFamily::Population, "quantile", "quantile(x [par groupe] [où filtre], p)",
       "quantile d'ordre p (entre 0 et 1, ou en %) de x sur les établissements, par interpolation linéaire entre "
       "les valeurs triées: rang h = (n − 1) × p, valeur = v[⌊h⌋] + (h − ⌊h⌋) × (v[⌊h⌋ + 1] − v[⌊h⌋])"},
      {Function::PopQuartile, FunctionFamily::Population, "quartile", "quartile(x [par groupe] [où filtre], k)",
       "k-ième quartile (k = 1, 2 ou 3) de x: quantile d'ordre k/4"},
      {Function::PopPercentile, FunctionFamily::Population, "percentile", "percentile(x [par groupe] [où filtre], k)",
       "k-ième percentile (k de 1 à 99) de x: quantile d'ordre k/100"},
      {Function::PopMin, FunctionFamily::Population, "min", "min(x [par groupe] [où filtre])",
       "plus petite valeur de x sur les établissements (un seul argument, sans `de`)"},
      {Function::PopMax, FunctionFamily::Population, "max", "max(x [par groupe] [où filtre])",
       "plus grande valeur de x sur les établissements (un seul argument, sans `de`)"},
      {Function::PopSum, FunctionFamily::Population, "somme", "somme(x [par groupe] [où filtre])",
       "somme de x sur les établissements (sans `de`)"},
      {Function::PopRank, FunctionFamily::Population, "rang", "rang(x [par groupe] [où filtre])",
       "rang de l'établissement selon x, 1 pour la plus grande valeur; les ex æquo partagent le meilleur rang"},
      {Function::PopCount, FunctionFamily::Population, "effectif", "effectif(x [par groupe] [où filtre])",
       "nombre d'établissements (du groupe) pour lesquels x est présent"},
      {Function::Round, FunctionFamily::Scalar, "arrondi", "arrondi(x, n)",
       "x arrondi à n décimales dans son unité d'affichage (€, ou points de % pour un taux), au plus proche, "
       "la moitié s'éloignant de zéro (arrondi commercial)", round_builtin},
      {Function::RoundDown, FunctionFamily::Scalar, "arrondi_inf", "arrondi_inf(x, n)",
       "x arrondi à n décimales vers le bas", round_down_builtin},
      {Function::RoundUp, FunctionFamily::Scalar, "arrondi_sup", "arrondi_sup(x, n)",
       "x arrondi à n décimales vers le haut", round_up_builtin},
      {Function::Min, FunctionFamily::Scalar, "min", "min(a, b, ...)", "le plus petit de ses arguments", min_builtin},
      {Function::Max, FunctionFamily::Scalar, "max", "max(a, b, ...)", "le plus grand de ses arguments", max_builtin},
      {Function::Abs, FunctionFamily::Scalar, "abs", "abs(x)", "valeur absolue", abs_builtin},
      {Function::Default, FunctionFamily::Scalar, "défaut", "défaut(x, y)", "x s'il est présent, y sinon", default_builtin},
      {Function::Present, FunctionFamily::Scalar, "présent", "présent(x)", "vrai si x a une valeur (donnée non manquante)",
       present_builtin},
      {Function::DaysBetween, FunctionFamily::Scalar, "jours_entre", "jours_entre(d1, d2)",
       "nombre de jours de la date d1 à la date d2 (négatif si d2 précède d1)", days_between_builtin},
      {Function::YearOf, FunctionFamily::Scalar, "année_de", "année_de(d)", "l'année d'une date", year_of_builtin},
      {Function::StartsWith, FunctionFamily::Scalar, "commence_par", "commence_par(texte, préfixe)",
       "vrai si le texte commence par le préfixe: commence_par(ghm, \"03K02\")", starts_with_builtin},
      {Function::Substring, FunctionFamily::Scalar, "sous_texte", "sous_texte(texte, début, longueur)",
       "les `longueur` caractères du texte à partir du caractère `début` (1 pour le premier): sous_texte(ghm, 3, 1)",
       substring_builtin},
      {Function::NationalReference, FunctionFamily::Scalar, "référence_nationale",
       "référence_nationale(paramètre, statistique)",
       "la référence nationale: la valeur du paramètre quand elle est donnée (un calcul régional la reçoit de la "
       "publication nationale, ou du fichier écrit par `caqes références` sur les données nationales), sinon la "
       "statistique de population calculée sur les établissements du calcul: "
       "référence_nationale(ic_q1_séjours_national, quartile(séjours_ic où séjours_ic > 0, 1)). Le paramètre est "
       "de même type et unité que la statistique; `caqes références` écrit, depuis le calcul national, la valeur de "
       "chaque statistique ainsi reliée pour les années où les règles la lisent",
       default_builtin},
  };
  return all;
}

const FunctionInfo& function_info(Function function) { return functions()[static_cast<std::size_t>(function)]; }

std::vector<std::string> function_names() {
  std::set<std::string> names;
  for (const auto& f : functions()) names.insert(f.name);
  return {names.begin(), names.end()};
}

bool is_function_name(const std::string& name) {
  for (const auto& f : functions())
    if (name == f.name) return true;
  return false;
}

}  // namespace caqes

namespace caqes {

const FunctionInfo* find_function(const std::string& name, FunctionFamily family) {
  for (const auto& f : functions())
    if (f.family == family && name == f.name) return &f;
  return nullptr;
}

}  // namespace caqes
