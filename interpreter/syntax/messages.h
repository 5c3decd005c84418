// The old policy for the language of diagnostics, kept for the sites not yet moved to a catalog of their own
// (syntax/message.h): their messages are built in English; a catalog of templates (messages_fr.cc) turns a
// finished English message back into its values and rebuilds it in French. A message no template matches is shown
// in English, unchanged.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/message.h"

namespace caqes {

// One message or hint template of the code, and its French translation.
struct CatalogEntry {
  const char* english;  // as the code writes it, with `{}` for each value
  const char* french;   // the values by position: {0}, {1}...; a value may be used in any order
  // The positions (digits) of values that are themselves messages or lists of phrases of the catalog (the
  // reason after "column 'x': ", the expected tokens of a syntax error): they are translated too.
  const char* nested = "";
};

// The French catalog: empty now that every stage has a catalog of its own (syntax_messages.h, data_messages.h,
// check_messages.h, eval_messages.h, cli_messages.h...).
const std::vector<CatalogEntry>& french_catalog();

// The message in `lang`, or nullopt when no template matches it (in English: the message itself).
std::optional<std::string> try_translate(const std::string& english, Language lang);

// The message in `lang`; a message no template matches stays in English. Never throws for a bad message.
std::string translate(const std::string& english, Language lang);

}  // namespace caqes
