// The messages of `caqes doc` in English and French (syntax/message.h says how they are used).
// tests/unit/doc_test.cc checks that each has a French text of its own.
#pragma once

#include "syntax/message.h"

namespace caqes::doc_messages {

// {0}: the folder given to --output.
inline constexpr MessageText kNotADocFolder = message_text(
    "'{0}' exists and was not written by caqes doc: give a new folder, or an empty one",
    "« {0} » existe et n'a pas été écrit par caqes doc : donnez un nouveau dossier, ou un dossier vide");
inline constexpr MessageText kDocNeedsOutput = message_text(
    "caqes doc writes a folder: give --output FOLDER (or --indicator NAME to print one sheet)",
    "caqes doc écrit un dossier : donnez --output DOSSIER (ou --indicator NOM pour afficher une fiche)");
// {0}: the indicator, {1}: Graphviz's reason.
inline constexpr MessageText kGraphLayoutFailed =
    message_text("cannot lay out the dependency graph of {0} (Graphviz): {1}",
                 "impossible de dessiner le graphe des dépendances de {0} (Graphviz) : {1}");
// {0}: the number of pages, {1}: the folder.
inline constexpr MessageText kDocWritten =
    message_text("{0} pages written in {1}", "{0} pages écrites dans {1}");

}  // namespace caqes::doc_messages
