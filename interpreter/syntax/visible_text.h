// Text from the rules or the data, made safe to print on a terminal: a control character (ESC starts the sequences
// that move the cursor, rewrite the title or the clipboard, hide text) is shown as an escape such as \x1b, never
// sent as it is. Used by the diagnostics and by the text tables.
#pragma once

#include <string>
#include <string_view>

namespace caqes {

// `text` with the C0 controls (but tab, and newline when `keep_newlines`), DEL, the C1 controls (U+0080-U+009F),
// the bidirectional overrides (U+202A-U+202E, U+2066-U+2069: they reorder what is shown) and the bytes that are not
// UTF-8 written as \xNN or \uNNNN. Printable text, accents included, is left as it is.
std::string visible(std::string_view text, bool keep_newlines = true);

}  // namespace caqes
