// Writing JSON documents in the project's layout (see json_writer.h).
#include "cli/json_writer.h"

#include <algorithm>
#include <cstdint>

namespace caqes {
namespace {

// The subtype that marks a binary value as an exact number's decimal text.
constexpr std::uint64_t kExactNumber = 0xCA;

bool is_exact_number(const Json& v) {
  return v.is_binary() && v.get_binary().has_subtype() && v.get_binary().subtype() == kExactNumber;
}

// The library writes U+0008 and U+000C as \b and \f; the project has always written them \u0008 and \u000c
// (the same string to any JSON reader), and its outputs are compared byte for byte. Every backslash of the
// library's output starts an escape, so the pairs can be read off in order.
std::string with_long_control_escapes(const std::string& escaped) {
  if (escaped.find('\\') == std::string::npos) return escaped;
  std::string out;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] != '\\' || i + 1 == escaped.size()) {
      out += escaped[i];
      continue;
    }
    char next = escaped[++i];
    out += next == 'b' ? "\\u0008" : next == 'f' ? "\\u000c" : std::string{'\\', next};
  }
  return out;
}

// A scalar as the library writes it: strings escaped, UTF-8 kept as it is (an invalid byte becomes U+FFFD
// rather than an exception).
std::string scalar(const Json& v) {
  std::string text = v.dump(-1, ' ', false, Json::error_handler_t::replace);
  return v.is_string() ? with_long_control_escapes(text) : text;
}

std::string key_text(const std::string& key) { return scalar(Json(key)); }

// On one line: ": " after keys, ", " between members and elements.
void write_inline(const Json& v, std::string& out) {
  if (v.is_object()) {
    out += '{';
    const char* separator = "";
    for (const auto& [key, member] : v.items()) {
      out += separator + key_text(key) + ": ";
      write_inline(member, out);
      separator = ", ";
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      write_inline(v[i], out);
    }
    out += ']';
  } else if (is_exact_number(v)) {
    const auto& bytes = v.get_binary();
    out.append(bytes.begin(), bytes.end());
  } else {
    out += scalar(v);
  }
}

bool is_record_array(const Json& v) {
  return v.is_array() && !v.empty() && std::all_of(v.begin(), v.end(), [](const Json& x) { return x.is_object(); });
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The value of a top-level member: an array of records one record per line, anything else on one line.
void write_member_value(const std::string& key, const Json& v, const JsonLayout& layout, std::string& out) {
  if (is_record_array(v)) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      out += i ? ",\n    " : "\n    ";
      write_inline(v[i], out);
    }
    out += "\n  ]";
  } else if (v.is_array() && v.empty() && contains(layout.open_when_empty, key)) {
    out += "[\n  ]";
  } else {
    write_inline(v, out);
  }
}

// True when `key` is written on the line of `previous` (both in one of the layout's shared lines).
bool shares_line(const JsonLayout& layout, const std::string& previous, const std::string& key) {
  return std::any_of(layout.shared_lines.begin(), layout.shared_lines.end(),
                     [&](const std::vector<std::string>& line) { return contains(line, previous) && contains(line, key); });
}

void write_object_document(const Json& document, const JsonLayout& layout, std::string& out) {
  out += '{';
  std::string previous;
  bool first = true;
  for (const auto& [key, member] : document.items()) {
    out += first ? "\n  " : shares_line(layout, previous, key) ? ", " : ",\n  ";
    out += key_text(key) + ": ";
    write_member_value(key, member, layout, out);
    previous = key;
    first = false;
  }
  out += "\n}\n";
}

void write_array_document(const Json& document, std::string& out) {
  out += '[';
  for (std::size_t i = 0; i < document.size(); ++i) {
    out += i ? ",\n " : "\n ";
    write_inline(document[i], out);
  }
  out += "\n]\n";
}

}  // namespace

Json exact_number(const std::string& decimal_text) {
  return Json::binary(Json::binary_t::container_type(decimal_text.begin(), decimal_text.end()), kExactNumber);
}

std::string write_json(const Json& document, const JsonLayout& layout) {
  std::string out;
  if (document.is_object()) {
    write_object_document(document, layout, out);
  } else if (document.is_array()) {
    write_array_document(document, out);
  } else {
    write_inline(document, out);
    out += '\n';
  }
  return out;
}

}  // namespace caqes
