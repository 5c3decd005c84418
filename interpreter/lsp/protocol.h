// The wire of the Language Server Protocol: JSON-RPC messages framed by a `Content-Length` header, read from and
// written to a byte stream (the server's stdin and stdout). Positions: the protocol counts UTF-16 code units in a
// line, spans count characters (code points); the two conversions are here.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace caqes::lsp {

// The body of the next message, or nullopt at the end of the stream or on a header without a length.
std::optional<std::string> read_message(std::istream& in);
// One message, with its header; flushed.
void write_message(std::ostream& out, const nlohmann::json& message);

// In one line of UTF-8 text: the UTF-16 code units before the first `characters` characters, and back (a
// position inside a surrogate pair or past the end counts the whole line).
int utf16_units(std::string_view line, int characters);
int characters_at(std::string_view line, int utf16);

// file:///a/b%20c ↔ /a/b c (percent-encoding of bytes outside the unreserved set and '/').
std::string path_from_uri(const std::string& uri);
std::string uri_from_path(const std::string& path);

}  // namespace caqes::lsp
