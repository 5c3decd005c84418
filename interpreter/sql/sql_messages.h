// The messages of the SQL compiler (sql_compiler.h) in English and French. tests/unit/db_messages_test.cc checks
// that each has a French text of its own.
#pragma once

#include "syntax/message.h"

namespace caqes::sql_messages {

// {0}: the expression as written in the rules.
inline constexpr MessageText kNotCompiled = message_text(
    "'{0}' cannot be computed by the database yet; this contract runs on the CSV files (caqes run --data)",
    "« {0} » ne peut pas encore être calculé par la base ; ce contrat se calcule sur les fichiers CSV (caqes run --data)");
inline constexpr MessageText kNotCompiledHint = message_text(
    "compiled to SQL: columns of the row, constant parameters, literals, comparisons, et/ou/non, + - ×, dans, si, "
    "jours_entre, année_de, commence_par, sous_texte, abs, présent, défaut, and the aggregations nested in a filter",
    "compilés en SQL : colonnes de la ligne, paramètres constants, littéraux, comparaisons, et/ou/non, + - ×, dans, "
    "si, jours_entre, année_de, commence_par, sous_texte, abs, présent, défaut, et les agrégations imbriquées dans un filtre");

}  // namespace caqes::sql_messages
