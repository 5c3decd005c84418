// The messages of the database connector (db/) and of its commands (`caqes load`, `caqes run --db`) in English
// and French. tests/unit/db_messages_test.cc checks that each has a French text of its own. A connection string
// is always shown with its password replaced by ***.
#pragma once

#include "syntax/message.h"

namespace caqes::db_messages {

// {0}: the connection string (password hidden), {1}: what libpq says.
inline constexpr MessageText kCannotConnect = message_text("cannot connect to the database {0}: {1}",
                                                           "connexion impossible à la base {0} : {1}");
// {0}: what the server says.
inline constexpr MessageText kQueryFailed = message_text("the database refused a query: {0}",
                                                         "la base a refusé une requête : {0}");
// {0}: the first line of the query.
inline constexpr MessageText kQueryWas = message_text("query: {0}", "requête : {0}");
// {0}: the table, {1}: where the rules declare it.
inline constexpr MessageText kMissingTable = message_text("table '{0}' is not in the database (declared at {1})",
                                                          "la table « {0} » n'est pas dans la base (déclarée en {1})");
// {0}: the column, {1}: the table, {2}: where the rules declare it.
inline constexpr MessageText kMissingColumn =
    message_text("column '{0}' of table '{1}' is not in the database (declared at {2})",
                 "la colonne « {0} » de la table « {1} » n'est pas dans la base (déclarée en {2})");
// {0}: the database table, {1}: the table of the rules it stands for, {2}: where the rules declare it.
inline constexpr MessageText kMissingMappedTable = message_text(
    "table '{0}' is not in the database (the mapping gives it for table '{1}' of the rules, declared at {2})",
    "la table « {0} » n'est pas dans la base (la correspondance la donne pour la table « {1} » des règles, "
    "déclarée en {2})");
// {0}: the database column, {1}: the database table, {2}: the column of the rules, {3}: its table, {4}: where declared.
inline constexpr MessageText kMissingMappedColumn = message_text(
    "column '{0}' of table '{1}' is not in the database (it stands for column '{2}' of table '{3}' of the rules, "
    "declared at {4})",
    "la colonne « {0} » de la table « {1} » n'est pas dans la base (elle tient lieu de la colonne « {2} » de la table "
    "« {3} » des règles, déclarée en {4})");
// {0}: the database column, {1}: the database table, {2}: its type there, {3}: the SQL type the rules' type asks for,
// {4}: the column of the rules, {5}: its table.
inline constexpr MessageText kWrongMappedType = message_text(
    "column '{0}' of table '{1}' is of type {2} in the database; column '{4}' of table '{5}' of the rules, which it "
    "stands for, needs {3}",
    "la colonne « {0} » de la table « {1} » est de type {2} dans la base ; la colonne « {4} » de la table « {5} » des "
    "règles, dont elle tient lieu, demande {3}");
// {0}: what libpq says.
inline constexpr MessageText kConnectionLost =
    message_text("the connection to the database was lost: {0}", "la connexion à la base a été perdue : {0}");
// {0}: the first line of the query.
inline constexpr MessageText kConnectionLostHint = message_text(
    "it was lost during the query '{0}'; run the command again once the server answers (the server undoes whatever "
    "it had not committed)",
    "elle a été perdue pendant la requête « {0} » ; relancez la commande quand le serveur répond (le serveur annule "
    "ce qu'il n'avait pas validé)");
// {0}: the column, {1}: the table, {2}: its type in the database, {3}: the SQL type the rules' type asks for.
inline constexpr MessageText kWrongType =
    message_text("column '{0}' of table '{1}' is of type {2} in the database; the rules' type needs {3}",
                 "la colonne « {0} » de la table « {1} » est de type {2} dans la base ; le type des règles demande {3}");
// {0}: the table, {1}: the column, {2}: the text the database gave.
inline constexpr MessageText kBadValue =
    message_text("table '{0}', column '{1}': the database gave '{2}', which is not a value of the declared type",
                 "table « {0} », colonne « {1} » : la base a donné « {2} », qui n'est pas une valeur du type déclaré");
// {0}: the table, {1}: the FINESS, {2}: the registry table.
// {0}: the table (with its database name), {1}: the tables its rows look up.
inline constexpr MessageText kLookingUpTableIsView = message_text(
    "table '{0}' is a view in the database, and its rows look up {1}: the query joins them by the row's identity "
    "(tableoid, ctid), which only a table has",
    "la table « {0} » est une vue dans la base, et ses lignes cherchent dans {1} : la requête les joint par "
    "l'identité de la ligne (tableoid, ctid), qu'a seule une table");
inline constexpr MessageText kMaterializeTheView = message_text(
    "give the mapping a table (ordinary, partitioned or foreign), e.g. CREATE TABLE … AS SELECT * FROM the view",
    "donnez à la correspondance une table (ordinaire, partitionnée ou distante), par exemple CREATE TABLE … AS "
    "SELECT * FROM la vue");
inline constexpr MessageText kUnknownEstablishment =
    message_text("table '{0}' of the database has rows for establishment {1}, which table '{2}' does not list",
                 "la table « {0} » de la base a des lignes pour l'établissement {1}, que la table « {2} » ne liste pas");
// {0}: the table, {1}: the FINESS, {2}: the year (or empty).
inline constexpr MessageText kTwoRows = message_text("table '{0}' of the database has two rows for establishment {1} {2}",
                                                     "la table « {0} » de la base a deux lignes pour l'établissement {1} {2}");
// {0}: rows, {1}: tables, {2}: the connection string (password hidden).
inline constexpr MessageText kLoaded = message_text("{0} rows loaded into {1} tables of {2}",
                                                    "{0} lignes chargées dans {1} tables de {2}");
inline constexpr MessageText kNothingLoaded = message_text("nothing was loaded: the transaction was rolled back",
                                                           "rien n'a été chargé : la transaction a été annulée");
inline constexpr MessageText kDataOrDatabase = message_text("give the data as --data DIR or --db URL (one of them)",
                                                            "donnez les données avec --data DOSSIER ou --db URL (l'un des deux)");

}  // namespace caqes::db_messages
