// Rules with mistakes of every kind, one program per mistake (or a few), shared by the tests that look at the
// diagnostics they give: that every one has a French text (messages_test.cc), that the checker's come from its
// catalog (check_messages_test.cc).
#pragma once

#include <string>
#include <vector>

namespace caqes {

inline const char* const kBase =
    "contrat essai \"Essai\" { années 2022..2024; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { catégorie: code; }\n"
    "table finances \"Finances\" par établissement et année { dépense: monnaie; patients: effectif; part: taux; }\n"
    "table lignes \"Lignes\" par ligne et année { montant: monnaie; classe: code; jour: date; }\n"
    "table registre \"Registre\" par ligne { montant_r: monnaie; }\n";

inline std::string indicator(const std::string& bindings, const std::string& name = "t") {
  return "indicateur " + name + " \"T\" {\n  volet pertinence; niveau national; source \"S\";\n" + bindings + "\n}\n";
}

// Each a whole rules program that the loader or the checker rejects.
inline std::vector<std::string> bad_rules() {
  const std::string b = kBase;
  return {
    // syntax
    b + "paramètre p = 3.5;\n",
    b + "paramètre p = 3 $;\n",
    b + "paramètre p = 1 20;\n",
    b + "paramètre p = 1\nparamètre q = 2;\n",
    b + "paramètre p = 2022-02-30;\n",
    b + "paramètre p = \"abc;\n",
    b + "paramètre p = " + std::string(100, '(') + "1" + std::string(100, ')') + ";\n",
    [&] {
      std::string sum = b + "paramètre p = 1";
      for (int i = 0; i < 1100; ++i) sum += " + 1";
      return sum + ";\n";
    }(),
    b + "indicateur t \"T\" { volet pertinence;\n",
    b + "paramètre = 3;\n",
    b + "paramètre p = ;\n",
    "contrat essai \"Essai\" { ans 2022..2024; }\n",
    b + "table t \"T\" par mois { a: code; }\n",
    b + "paramètre p pour 2023..2024 = 1;\n",
    b + "test \"t\" { année 2022; finances × 0: finess = \"310000001\"; }\n",
    b + "test \"t\" { année 2022; finances × 1,5: finess = \"310000001\"; }\n",
    // loading and versions
    b + "importe \"nulle_part\";\n",
    b + "retire indicateur x;\nremplace table finances \"F\" par établissement { a: code; }\n"
        "remplace paramètre p = 1;\nmodifie indicateur t { valeur = 1; }\n",
    "contrat essai \"Essai\" { années 2022..2024; étend \"../base_absente\"; }\n",
    // the contract and the tables
    "table établissements \"É\" par établissement { catégorie: code; }\n",
    b + "contrat second \"Second\" { années 2022..2024; }\n",
    "contrat essai \"Essai\" { établissements établissements; }\n"
    "table établissements \"É\" par établissement { catégorie: code; }\n",
    "contrat essai \"Essai\" { années 2024..2022; région occitanie; }\n"
    "table établissements \"É\" par établissement { catégorie: code; }\n",
    "contrat essai \"Essai\" { années 2022..2024; donnees_absente absent; données_absentes rien; "
    "division_par_zéro jamais; }\n"
    "table établissements \"É\" par établissement { catégorie: code; }\n",
    b + "table finances \"F\" par établissement { a: code; }\n",
    b + "table t2 \"T\" par ligne { a: code; b: couleur; finess: texte; a: code; c: monaie; }\n",
    "contrat essai \"Essai\" { années 2022..2024; établissements lignes; }\n"
    "table lignes \"L\" par ligne { a: code; }\n",
    "contrat essai \"Essai\" { années 2022..2024; }\n"
    "table a \"A\" par établissement { x: code; }\ntable b \"B\" par établissement { y: code; }\n",
    "contrat essai \"Essai\" { années 2022..2024; }\ntable l \"L\" par ligne { x: code; }\n",
    b + "paramètre finances = 1;\nparamètre p = 1;\nindicateur p \"P\" { valeur = 1; ciblage = vrai; }\n",
    b + "paramètre p : monaie = 1;\nparamètre q : monnaie = 12;\nparamètre r = r + 1;\n",
    // indicators
    b + "indicateur t \"T\" { valeur = 1; valeur = 2; ciblage = vrai; couleur bleu; volet pertinance; "
        "niveau local; statut peut_être; source \"S\"; }\n",
    b + "indicateur t \"T\" { valeur = 1; ciblage = vrai; volet organisation; niveau national; source \"S\"; }\n",
    b + "indicateur t \"T\" { }\n",
    b + indicator("valeur = \"x\"; ciblage = 1; cible = 5 €; atteint = 3; intéressement = 5 %;"),
    b + indicator("valeur = 1; ciblage = vrai; cible = 5;"),
    // tests
    b + "test \"t\" { saison 2022; inconnue: finess = \"310000001\"; finances: dépens = 1, dépense = 5 %, "
        "dépense = 1 €; lignes: montant = 1 €; attendu \"310000001\": 3; }\n",
    // expressions
    b + indicator("valeur = dépens; ciblage = vrai;"),
    b + "table autres \"A\" par établissement et année { dépense: monnaie; }\n" +
        indicator("valeur = dépense; ciblage = vrai;"),
    b + indicator("valeur = finances; ciblage = lignes;"),
    b + indicator("valeur = u; ciblage = vrai;", "u") + indicator("valeur = u; ciblage = vrai;", "v"),
    b + indicator("a = b; b = a; valeur = a; ciblage = vrai;"),
    b + indicator("valeur = (1).x; ciblage = vrai; x = finances.dépens + lignes.montant; y = t.rien; z = zz.a;"),
    b + indicator("valeur = 1[N-1]; ciblage = vrai; x = -vrai; y = non 1;"),
    b + indicator("valeur = 1 et vrai; ciblage = vrai; a = 2022-01-01 + 1; b = finances.dépense + 1; "
                  "c = vrai × 2; d = finances.dépense × finances.dépense; e = \"a\" / 2; f = 2 / finances.dépense;"),
    b + indicator("valeur = 1; ciblage = 1 ≈ 1; a = 1 = absent; b = 1 = \"x\"; c = finances.dépense > 3; "
                  "d = \"a\" < \"b\"; e = [1] = [1]; f = 1 dans 2; g = \"a\" dans [1, 2];"),
    b + indicator("valeur = si 1 alors 2 sinon 3; ciblage = vrai; a = si vrai alors 1 € sinon \"x\"; "
                  "b = [[1]]; c = [1, \"x\"]; d = selon 1 { 1: 2; \"a\": 3; 2: \"x\"; };"),
    b + indicator("valeur = inconnue(1); ciblage = vrai; a = moyenne(1, 2, 3); b = compte(lignes, lignes); "
                  "c = somme(montant de lignes où compte(lignes) > 1); d = compte(1 + 1); e = compte(finances); "
                  "f = compte(registre[N]); g = compte(lignes par classe);"),
    b + indicator("valeur = somme(classe de lignes); ciblage = vrai; a = min(classe de lignes); "
                  "b = compte_distinct([1] de lignes); c = compte(lignes où 1); "
                  "d = compte(lignes où montant > somme(montant_r de registre));"),
    b + indicator("valeur = quantile(finances.dépense); ciblage = vrai; a = somme(montant de lignes où rang(1) > 1); "
                  "b = moyenne(\"x\"); c = moyenne(finances.dépense par [1]); d = moyenne(finances.dépense où 1); "
                  "e = quantile(finances.dépense, \"x\"); f = quantile(finances.dépense, finances.part);"),
    b + indicator("valeur = arrondi(1 de lignes); ciblage = vrai; a = abs(1, 2); b = abs(\"x\"); "
                  "c = arrondi(1, 2,5); d = min(1); e = max(1, \"x\"); f = défaut(1, \"x\"); "
                  "g = jours_entre(1, 2); h = année_de(1);"),
    b + indicator("valeur = 1; ciblage = vrai; a = compte(registre[2022]); b = somme(montant_r de finances);"),
  };
}

}  // namespace caqes
