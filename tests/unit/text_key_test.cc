// Unit tests of the short-text keys (value/text_key.h) the compiled filters compare codes with.
#include "value/text_key.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace caqes {
namespace {

TextKey key_of(std::string_view text) {
  TextKey key;
  REQUIRE(TextKey::of(text, key));
  return key;
}

TEST_CASE("a text key is equal exactly when the texts are") {
  // Every size from 0 to 16, so that each way of loading (1 to 3 bytes, 4 to 7, 8 to 16, overlapping or not) is met.
  const std::string letters = "ABCDEFGHIJKLMNOP";
  for (std::size_t size = 0; size <= TextKey::kMaxSize; ++size) {
    CAPTURE(size);
    std::string text = letters.substr(0, size);
    CHECK(key_of(text) == key_of(std::string(text)));
    // One byte changed, at each place: another key (the loads cover every byte).
    for (std::size_t i = 0; i < size; ++i) {
      std::string other = text;
      other[i] = 'z';
      CAPTURE(i);
      CHECK(key_of(other) != key_of(text));
    }
    // One byte more or less: another key, even where the bytes loaded would be the same.
    if (size < TextKey::kMaxSize) CHECK(key_of(text + "P") != key_of(text));
  }
}

TEST_CASE("texts that share their loaded words but not their size differ") {
  // "AAA" and "AA" load the same bytes at 0, size/2 and size-1; "AAAAAAAA" and "AAAAAAAAA" the same two words.
  CHECK(key_of("AA") != key_of("AAA"));
  CHECK(key_of("A") != key_of("AA"));
  CHECK(key_of("AAAAAAAA") != key_of("AAAAAAAAA"));
  CHECK(key_of("AAAA") != key_of("AAAAA"));
  CHECK(key_of("") != key_of(std::string(1, '\0')));
  CHECK(key_of("") == key_of(""));
}

TEST_CASE("the codes of the extracts, UTF-8 and NUL bytes included") {
  CHECK(key_of("MCO") == key_of("MCO"));
  CHECK(key_of("MCO") != key_of("SSR"));
  CHECK(key_of("HC") != key_of("HP"));
  CHECK(key_of("m\xC3\xA9" "decine") == key_of("m\xC3\xA9" "decine"));  // "médecine", 9 bytes
  CHECK(key_of("m\xC3\xA9" "decine") != key_of("medecine\xC3"));
  CHECK(key_of("D07") != key_of("D7"));
  CHECK(key_of("G129") != key_of("G212"));
  CHECK(key_of(std::string("A\0B", 3)) != key_of(std::string("A\0C", 3)));
  CHECK(key_of("310000001") != key_of("310000002"));  // FINESS numbers differ in their last byte
  CHECK(key_of("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF") !=
        key_of("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFE"));
}

TEST_CASE("a text longer than 16 bytes has no key") {
  TextKey key = key_of("MCO");
  CHECK_FALSE(TextKey::of("ABCDEFGHIJKLMNOPQ", key));  // 17 bytes
  CHECK(key == key_of("MCO"));                         // left as it was
  CHECK(TextKey::of("ABCDEFGHIJKLMNOP", key));         // 16 bytes
}

TEST_CASE("sorted keys are found by halves") {
  // The domains of rules/caqes-2022's conciliation (stdlib/pmsi.caqes, domaines_ciblés).
  std::vector<std::string> domains = {"D02", "D04", "D05", "D07", "D09", "D15", "D16",
                                      "D17", "D18", "D19", "D20", "D22", "D23"};
  std::vector<TextKey> keys;
  for (const auto& d : domains) keys.push_back(key_of(d));
  std::sort(keys.begin(), keys.end());
  for (const auto& d : domains) CHECK(std::binary_search(keys.begin(), keys.end(), key_of(d)));
  for (std::string_view other : {"D01", "D03", "D21", "D28", "D2", "D020", "", "d02"})
    CHECK_FALSE(std::binary_search(keys.begin(), keys.end(), key_of(other)));
}

}  // namespace
}  // namespace caqes
