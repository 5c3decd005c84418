// What every catalog of messages (the `*_messages.h` headers) must hold, checked the same way for each: a French
// text for every message, different from the English one unless the test says why it is the same, and every
// constant of the header listed in its test, so that a message added later is checked too.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/message.h"

namespace caqes {

// How many constants `header` (a path from the source root) declares.
inline std::size_t catalog_constants_declared(const std::string& header) {
  std::ifstream in(std::string(CAQES_SOURCE_DIR) + "/" + header);
  REQUIRE_MESSAGE(in, "cannot read ", header);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const std::string declaration = "inline constexpr MessageText k";
  std::size_t n = 0;
  for (std::size_t at = all.find(declaration); at != std::string::npos; at = all.find(declaration, at + 1)) ++n;
  return n;
}

// `all`: every constant of `header`; `same`: those whose French text is meant to be the English one;
// `same_english`: those whose English text is meant to be another constant's (the separators of a list that English
// joins with one word and French with two).
inline void check_catalog(const std::string& header, const std::vector<const MessageText*>& all,
                          const std::set<const MessageText*>& same,
                          const std::set<const MessageText*>& same_english = {}) {
  INFO("catalog: ", header);
  CHECK(all.size() == catalog_constants_declared(header));
  CHECK(std::set<const MessageText*>(all.begin(), all.end()).size() == all.size());
  std::set<std::string_view> english;
  for (const MessageText* text : all) {
    INFO("message: ", std::string(text->en));
    CHECK(!text->en.empty());
    CHECK(!text->fr.empty());
    CHECK((text->fr == text->en) == (same.count(text) > 0));
    if (!same_english.count(text)) CHECK(english.insert(text->en).second);  // one constant per message
  }
  for (const MessageText* text : same) CHECK(std::set<const MessageText*>(all.begin(), all.end()).count(text) == 1);
}

}  // namespace caqes
