// JSON-RPC framing, UTF-16 positions, file URIs.
#include "lsp/protocol.h"

#include <istream>
#include <ostream>

namespace caqes::lsp {

std::optional<std::string> read_message(std::istream& in) {
  std::optional<std::size_t> length;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!length) continue;  // stray blank line between messages
      std::string body(*length, '\0');
      in.read(body.data(), static_cast<std::streamsize>(*length));
      if (static_cast<std::size_t>(in.gcount()) != *length) return std::nullopt;
      return body;
    }
    const std::string key = "content-length:";
    if (line.size() > key.size()) {
      std::string head = line.substr(0, key.size());
      for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (head == key) {
        try {
          length = std::stoul(line.substr(key.size()));
        } catch (...) {
          return std::nullopt;
        }
      }
    }
  }
  return std::nullopt;
}

void write_message(std::ostream& out, const nlohmann::json& message) {
  // Invalid UTF-8 in a text (a rules file that is not UTF-8) is replaced rather than thrown on.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

// Characters are counted as syntax/source.h counts them: every byte that does not continue a UTF-8 sequence
// starts one; a four-byte sequence (outside the Basic Multilingual Plane) is two UTF-16 units, a surrogate pair.
int utf16_units(std::string_view line, int characters) {
  int units = 0, seen = 0;
  for (unsigned char c : line) {
    if ((c & 0xC0) == 0x80) continue;
    if (seen++ == characters) break;
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

int characters_at(std::string_view line, int utf16) {
  int units = 0, characters = 0;
  for (unsigned char c : line) {
    if ((c & 0xC0) == 0x80) continue;
    if (units >= utf16) break;
    units += c >= 0xF0 ? 2 : 1;
    ++characters;
  }
  return characters;
}

std::string path_from_uri(const std::string& uri) {
  std::string rest = uri;
  const std::string scheme = "file://";
  if (rest.compare(0, scheme.size(), scheme) == 0) rest = rest.substr(scheme.size());
  std::string out;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size()) {
      int value = 0;
      bool ok = true;
      for (int k = 1; k <= 2; ++k) {
        char h = rest[i + static_cast<std::size_t>(k)];
        value *= 16;
        if (h >= '0' && h <= '9') value += h - '0';
        else if (h >= 'a' && h <= 'f') value += h - 'a' + 10;
        else if (h >= 'A' && h <= 'F') value += h - 'A' + 10;
        else ok = false;
      }
      if (ok) {
        out += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    out += rest[i];
  }
  return out;
}

std::string uri_from_path(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                 c == '.' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace caqes::lsp
