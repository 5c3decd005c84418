// The messages of the mapping file (sql/table_mapping.h) and of its skeleton (`caqes schema --format mapping`) in
// English and French. tests/unit/sql_compiler_test.cc checks that each has a French text of its own.
#pragma once

#include "syntax/message.h"

namespace caqes::mapping_messages {

// ---- Reading the file ----------------------------------------------------------------------------------------------
// {0}: the path, {1}: why.
inline constexpr MessageText kUnreadable =
    message_text("cannot read the mapping file {0}: {1}", "lecture impossible du fichier de correspondance {0} : {1}");
// {0}: what yaml-cpp says.
inline constexpr MessageText kNotYaml = message_text("the mapping file is not valid YAML: {0}",
                                                     "le fichier de correspondance n'est pas du YAML valide : {0}");
inline constexpr MessageText kTopLevel =
    message_text("the mapping file must hold one key, 'tables', whose entries are the rules' tables",
                 "le fichier de correspondance doit contenir une seule clé, « tables », dont les entrées sont les "
                 "tables des règles");
// {0}: the key found, {1}: the keys allowed there.
inline constexpr MessageText kUnknownKey =
    message_text("unknown key '{0}' here; expected: {1}", "clé « {0} » inconnue ici ; attendu : {1}");
// {0}: the key whose value is not a map.
inline constexpr MessageText kNotMap = message_text("'{0}' must hold indented 'key: value' lines",
                                                    "« {0} » doit contenir des lignes « clé: valeur » indentées");
// {0}: the key whose value is not a name.
inline constexpr MessageText kNotName = message_text("'{0}' must be a name of the database (a non-empty text)",
                                                     "« {0} » doit être un nom de la base (un texte non vide)");
// {0}: the name written.
inline constexpr MessageText kBadQualifiedName =
    message_text("'{0}' has more than one dot: write 'schema.table', or give the schema apart with 'schéma:'",
                 "« {0} » a plus d'un point : écrivez « schéma.table », ou donnez le schéma à part avec « schéma: »");
// {0}: the name.
inline constexpr MessageText kUnknownTable =
    message_text("the rules declare no table '{0}'", "les règles ne déclarent pas de table « {0} »");
// {0}: the column, {1}: the table.
inline constexpr MessageText kUnknownColumn = message_text("table '{1}' of the rules has no column '{0}'",
                                                           "la table « {1} » des règles n'a pas de colonne « {0} »");
// {0}: the key, {1}: where it is first given.
inline constexpr MessageText kDuplicate =
    message_text("'{0}' is given twice (first at {1})", "« {0} » est donnée deux fois (la première en {1})");
// {0}: the database table, {1}: the other table of the rules, {2}: the one mapped here, {3}: where the other is given
// (or declared).
inline constexpr MessageText kSameTable =
    message_text("database table '{0}' stands for two tables of the rules: '{2}' here, and '{1}' (at {3})",
                 "la table « {0} » de la base tient lieu de deux tables des règles : « {2} » ici, et « {1} » (en {3})");
// {0}: the database column, {1}: the table of the rules, {2}: its other column, {3}: the one mapped here, {4}: where
// the other is given (or declared).
inline constexpr MessageText kSameColumn = message_text(
    "database column '{0}' stands for two columns of table '{1}': '{3}' here, and '{2}' (at {4})",
    "la colonne « {0} » de la base tient lieu de deux colonnes de la table « {1} » : « {3} » ici, et « {2} » (en {4})");

// ---- The skeleton (caqes schema --format mapping) ------------------------------------------------------------------
// {0}: the contract's name.
inline constexpr MessageText kSkeletonTitle = message_text(
    "Where the tables of contract {0} are in the database, for caqes run/sql/explain --db URL --mapping FILE.",
    "Où sont les tables du contrat {0} dans la base, pour caqes run/sql/explain --db URL --mapping FICHIER.");
inline constexpr MessageText kSkeletonReplace = message_text(
    "Replace each name in quotes by the database's own; a table or column left out keeps its declared name.",
    "Remplacez chaque nom entre guillemets par celui de la base ; une table ou une colonne omise garde son nom "
    "déclaré.");
inline constexpr MessageText kSkeletonSchema = message_text(
    "A table outside the connection's schema: \"schema.table\". Names are exact: case and accents count.",
    "Une table hors du schéma de la connexion : \"schéma.table\". Les noms sont exacts : casse et accents comptent.");
inline constexpr MessageText kSkeletonTypes = message_text(
    "After each column: its type in the rules, then the database types that hold its values.",
    "Après chaque colonne : son type dans les règles, puis les types de la base qui en contiennent les valeurs.");
// {0}: the table's label.
inline constexpr MessageText kSkeletonPerEntity =
    message_text("one row per establishment: {0}", "une ligne par établissement : {0}");
inline constexpr MessageText kSkeletonPerEntityYear =
    message_text("one row per establishment and year: {0}", "une ligne par établissement et année : {0}");
inline constexpr MessageText kSkeletonRows =
    message_text("rows (stays, acts, prescriptions): {0}", "lignes (séjours, actes, prescriptions) : {0}");
inline constexpr MessageText kSkeletonRowsYear =
    message_text("rows with their year: {0}", "lignes avec leur année : {0}");
// {0}: the type in the rules, {1}: the database types.
inline constexpr MessageText kSkeletonColumn = message_text("{0}; in the database: {1}", "{0} ; dans la base : {1}");

}  // namespace caqes::mapping_messages
