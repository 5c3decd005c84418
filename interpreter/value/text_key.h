// TextKey: a text of at most 16 bytes held as two machine words and its size, so that testing two short texts for
// equality is three integer compares instead of a call to memcmp. The codes of the extracts ("MCO", "HC",
// "médecine", "D07", "G211", a FINESS) are all that short, and the compiled filters compare them on every row
// (eval/row_code.cc: `champ = "MCO"`, `domaine dans domaines_ciblés`).
//
// The words are loaded from the text itself, never past its end: two loads that overlap when the size is not a power
// of two. For one size, every byte of the text is in one of the loads at a fixed place, so two texts of the same size
// have the same key exactly when they have the same bytes; texts of different sizes have different keys. Keys order
// by (size, first, last): an order, not the texts' order, enough for a sorted list searched by halves.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <tuple>

namespace caqes {

struct TextKey {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::uint32_t size = 0;

  static constexpr std::size_t kMaxSize = 16;

  // The key of `text`; false (and `key` unchanged) when it has more than kMaxSize bytes.
  static bool of(std::string_view text, TextKey& key) {
    const std::size_t size = text.size();
    const char* p = text.data();
    if (size > kMaxSize) return false;
    key.size = static_cast<std::uint32_t>(size);
    if (size >= 8) {
      key.first = load<std::uint64_t>(p);
      key.last = load<std::uint64_t>(p + size - 8);
    } else if (size >= 4) {
      key.first = load<std::uint32_t>(p) | static_cast<std::uint64_t>(load<std::uint32_t>(p + size - 4)) << 32;
      key.last = 0;
    } else if (size > 0) {
      // Bytes 0, size / 2 and size - 1 are every byte of a text of 1 to 3 bytes.
      key.first = static_cast<unsigned char>(p[0]) | static_cast<unsigned>(static_cast<unsigned char>(p[size / 2])) << 8 |
                  static_cast<unsigned>(static_cast<unsigned char>(p[size - 1])) << 16;
      key.last = 0;
    } else {
      key.first = key.last = 0;
    }
    return true;
  }

  bool operator==(const TextKey& o) const { return first == o.first && last == o.last && size == o.size; }
  bool operator!=(const TextKey& o) const { return !(*this == o); }
  bool operator<(const TextKey& o) const {
    return std::tie(size, first, last) < std::tie(o.size, o.first, o.last);
  }

 private:
  template <class Word>
  static Word load(const char* p) {
    Word word;
    std::memcpy(&word, p, sizeof word);
    return word;
  }
};

}  // namespace caqes
