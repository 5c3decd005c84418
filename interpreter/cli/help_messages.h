// The words of `caqes --help` in English and French, one constant per description (syntax/message.h says how they
// are used): the command, its subcommands and options, and the labels CLI11 prints around them. main.cc picks the
// language from --lang (read from the arguments before the help is built) or the environment, as for every other
// message. tests/unit/cli_messages_test.cc checks the list.
#pragma once

#include "syntax/message.h"

namespace caqes::help_messages {

// ---- the command ----------------------------------------------------------------------------------------------
inline constexpr MessageText kCaqes =
    message_text("caqes: the indicators of CAQES contracts written as rules, checked and computed on the data",
                 "caqes: les indicateurs des contrats CAQES écrits en règles, vérifiés et calculés sur les données");
inline constexpr MessageText kLang =
    message_text("language of the messages: fr or en (by default: LC_ALL, LC_MESSAGES, LANG)",
                 "langue des messages: fr ou en (par défaut: LC_ALL, LC_MESSAGES, LANG)");
inline constexpr MessageText kHelp = message_text("print this help and exit", "affiche cette aide et s'arrête");

// ---- subcommands ----------------------------------------------------------------------------------------------
inline constexpr MessageText kCheck =
    message_text("checks a rules file or a contract folder", "vérifie un fichier ou un dossier de règles");
inline constexpr MessageText kRun = message_text("computes every indicator for every establishment and year",
                                                 "calcule chaque indicateur pour chaque établissement et année");
inline constexpr MessageText kList = message_text("lists the contract's indicators", "liste les indicateurs du contrat");
inline constexpr MessageText kSchema = message_text("the data the rules expect (tables, columns, types)",
                                                    "dictionnaire des données attendues (tables, colonnes, types)");
inline constexpr MessageText kTest =
    message_text("runs the tests written in the rules", "exécute les tests écrits dans les règles");
inline constexpr MessageText kExplain =
    message_text("explains every figure of one establishment: values, thresholds, statistics, rows",
                 "explique chaque chiffre d'un établissement: valeurs, seuils, statistiques, lignes");
inline constexpr MessageText kDiff =
    message_text("semantic difference between two versions of the rules (and its impact on data)",
                 "différence sémantique entre deux versions de règles (et son impact sur des données)");
inline constexpr MessageText kFunctions =
    message_text("documents the built-in functions", "documente les fonctions prédéfinies");
inline constexpr MessageText kFmt =
    message_text("rewrites rules files in the canonical layout (comments kept)",
                 "met les fichiers de règles en forme canonique (commentaires gardés)");
inline constexpr MessageText kLsp =
    message_text("language server (LSP) on the standard input and output, for editors",
                 "serveur de langage (LSP) sur l'entrée et la sortie standard, pour les éditeurs");
inline constexpr MessageText kSql =
    message_text("prints the SQL that computes the aggregations over rows (per establishment and year)",
                 "affiche le SQL qui calcule les agrégations sur les lignes (par établissement et année)");
inline constexpr MessageText kLoad =
    message_text("creates the rules' tables in a PostgreSQL database and fills them from the CSV extracts",
                 "crée les tables des règles dans une base PostgreSQL et les remplit depuis les CSV");
inline constexpr MessageText kDoc =
    message_text("indicator sheets written from the rules (an HTML or Markdown site)",
                 "fiches des indicateurs écrites à partir des règles (site HTML ou Markdown)");

// ---- options --------------------------------------------------------------------------------------------------
inline constexpr MessageText kRules =
    message_text(".caqes file or folder of a contract", "fichier .caqes ou dossier d'un contrat");
inline constexpr MessageText kData = message_text("folder of the CSV extracts (one file per table)",
                                                  "dossier des extractions CSV (un fichier par table)");
inline constexpr MessageText kYear = message_text("one year of the contract only", "une seule année du contrat");
inline constexpr MessageText kRunFormat =
    message_text("table, csv (; and decimal comma), json, xlsx (a workbook, with --output) or html (a report)",
                 "table, csv (; et virgule décimale), json, xlsx (classeur, avec --output) ou html (rapport)");
inline constexpr MessageText kDetail =
    message_text("the table also shows one line per establishment",
                 "le tableau montre aussi une ligne par établissement");
inline constexpr MessageText kEncoding =
    message_text("CSV: utf-8 (with a BOM in a file, the default), utf-8-sans-bom or windows-1252",
                 "CSV : utf-8 (avec BOM dans un fichier, par défaut), utf-8-sans-bom ou windows-1252");
inline constexpr MessageText kOutput =
    message_text("output file (by default: the standard output)", "fichier de sortie (par défaut: la sortie standard)");
inline constexpr MessageText kBySignatory =
    message_text("results summed by signing entity (EJ for public and ESPIC, EG for private establishments)",
                 "résultats cumulés par entité signataire (EJ pour le public et l'ESPIC, EG pour le privé)");
inline constexpr MessageText kThreads = message_text("tables read side by side (by default: one per core)",
                                                     "tables lues en parallèle (par défaut: une par cœur)");
inline constexpr MessageText kPartitions =
    message_text("splits the tables read by key into N partitions processed one after the other (by default: from "
                 "the size of the files, 2 MB of CSV per partition)",
                 "découpe les tables lues par clé en N partitions traitées l'une après l'autre (par défaut: selon la "
                 "taille des fichiers, 2 Mo de CSV par partition)");
inline constexpr MessageText kParts =
    message_text("reads each big table in N parts side by side, cut at line ends (by default: one per thread for a "
                 "file of 16 MB or more); the results do not depend on it",
                 "lit chaque grande table en N parties en parallèle, coupées en fin de ligne (par défaut: une par "
                 "thread pour un fichier de 16 Mo ou plus); les résultats n'en dépendent pas");
inline constexpr MessageText kStrict = message_text("a year the rules read and the data do not hold is an error",
                                                    "une année lue par les règles et absente des données est une erreur");
inline constexpr MessageText kTableFormat = message_text("table, csv or json", "table, csv ou json");
inline constexpr MessageText kFilter = message_text("only the tests whose label contains this text",
                                                    "seulement les tests dont le libellé contient ce texte");
inline constexpr MessageText kOwnTests =
    message_text("only the tests written in the contract's own files, not those of the contract it extends (étend)",
                 "seulement les tests écrits dans les fichiers du contrat, pas ceux du contrat qu'il étend (étend)");
inline constexpr MessageText kEntity = message_text("FINESS of the establishment", "FINESS de l'établissement");
inline constexpr MessageText kIndicator = message_text("one indicator only", "un seul indicateur");
inline constexpr MessageText kExplainFormat =
    message_text("text (table is the same) or json", "text (table est le même) ou json");
inline constexpr MessageText kOld = message_text("old version (file or folder)", "ancienne version (fichier ou dossier)");
inline constexpr MessageText kNew = message_text("new version (file or folder)", "nouvelle version (fichier ou dossier)");
inline constexpr MessageText kDiffFormat =
    message_text("text, markdown, json or html (the reviewer's document, one self-contained page)",
                 "text, markdown, json ou html (le document du relecteur, une page autonome)");
inline constexpr MessageText kDiffData =
    message_text("folder of extracts: computes the impact of the change",
                 "dossier d'extractions: calcule l'impact du changement");
inline constexpr MessageText kDiffYear = message_text("one year only (by default: those of the new version)",
                                                      "une seule année (par défaut: celles de la nouvelle version)");
inline constexpr MessageText kDb =
    message_text("PostgreSQL database (a libpq connection string), filled by caqes load",
                 "base PostgreSQL (chaîne de connexion libpq) remplie par caqes load");
inline constexpr MessageText kReferences = message_text(
    "writes the national references (the statistics that référence_nationale reads) computed on national data, as "
    "a rules file that a regional contract imports",
    "écrit les références nationales (les statistiques que lit référence_nationale) calculées sur les données "
    "nationales, en un fichier de règles qu'un contrat régional importe");
inline constexpr MessageText kReferencesOutput =
    message_text("the rules file to write (by default: stdout), written whole or not at all",
                 "le fichier de règles à écrire (par défaut : la sortie standard), écrit en entier ou pas du tout");
inline constexpr MessageText kMapping = message_text(
    "YAML file giving the database's name of each declared table and column (caqes schema RULES --format mapping "
    "writes its skeleton)",
    "fichier YAML donnant le nom dans la base de chaque table et colonne déclarée (caqes schema RÈGLES --format "
    "mapping en écrit le squelette)");
inline constexpr MessageText kSchemaFormat =
    message_text("table, csv, json, or mapping (the skeleton of a mapping file for --db)",
                 "table, csv, json, ou mapping (le squelette d'un fichier de correspondance pour --db)");
inline constexpr MessageText kDocOutput =
    message_text("folder of the site (created, or replaced if caqes doc wrote it)",
                 "dossier du site (créé, ou remplacé s'il a été écrit par caqes doc)");
inline constexpr MessageText kDocFormat = message_text("html (default) or markdown", "html (par défaut) ou markdown");
inline constexpr MessageText kDocIndicator =
    message_text("prints the sheet of one indicator on the standard output",
                 "affiche la fiche d'un seul indicateur sur la sortie standard");
inline constexpr MessageText kPaths = message_text(".caqes files or folders", "fichiers .caqes ou dossiers");
inline constexpr MessageText kFmtCheck =
    message_text("changes nothing: lists the files to reformat and exits with 1",
                 "ne modifie rien: liste les fichiers à reformater et sort avec 1");

// ---- CLI11's labels -------------------------------------------------------------------------------------------
inline constexpr MessageText kUsageLabel = message_text("Usage", "Utilisation");
inline constexpr MessageText kPositionalsLabel = message_text("Positionals", "Arguments");
inline constexpr MessageText kOptionsLabel = message_text("OPTIONS", "OPTIONS");
inline constexpr MessageText kOptionsGroup = message_text("Options", "Options");
inline constexpr MessageText kSubcommandLabel = message_text("SUBCOMMAND", "COMMANDE");
inline constexpr MessageText kSubcommandsGroup = message_text("Subcommands", "Commandes");
inline constexpr MessageText kRequiredLabel = message_text("REQUIRED", "OBLIGATOIRE");
// CLI11 writes a colon right after it: French puts a space before.
inline constexpr MessageText kExcludesLabel = message_text("Excludes", "Exclut ");
// CLI11 writes a colon right after it: French puts a space before.
inline constexpr MessageText kNeedsLabel = message_text("Needs", "Requiert ");
inline constexpr MessageText kTextLabel = message_text("TEXT", "TEXTE");
inline constexpr MessageText kIntLabel = message_text("INT", "ENTIER");

}  // namespace caqes::help_messages
