// Writing the national references as rules (render_references.h).
#include "cli/render_references.h"

#include <gmpxx.h>

#include <set>

namespace caqes {
namespace {

// "1234567" → "1 234 567" (the language's grouping of thousands); a leading '-' kept.
std::string grouped(const std::string& digits) {
  std::string sign = !digits.empty() && digits[0] == '-' ? "-" : "";
  std::string d = digits.substr(sign.size());
  std::string out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ' ';
    out += d[i];
  }
  return sign + out;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A group's value as a key of `selon`.
std::string key_literal(const Value& v) {
  if (v.is_bool()) return v.boolean() ? "vrai" : "faux";
  if (v.is_date()) return v.date().iso();
  if (v.is_number()) return reference_literal(v.number(), Type::number(Unit::Plain));
  if (v.is_text()) return quoted(v.text());
  return "absent";
}

std::string value_literal(const Value& v, const Type& type) {
  return v.is_number() ? reference_literal(v.number(), type) : "absent";
}

// Characters (not bytes) of UTF-8 text.
std::size_t width(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// Each line of `text` as `// ` comments, wrapped between words to 120 columns (as the rules are written).
std::string comment_lines(const std::string& text) {
  constexpr std::size_t kWidth = 120 - 3;
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    std::string indent = line.substr(0, line.find_first_not_of(' ') == std::string::npos ? 0 : line.find_first_not_of(' '));
    std::string current;
    std::size_t pos = indent.size();
    while (pos <= line.size()) {
      std::size_t space = line.find(' ', pos);
      if (space == std::string::npos) space = line.size();
      std::string word = line.substr(pos, space - pos);
      if (!current.empty() && width(current) + 1 + width(word) > kWidth) {
        out += "// " + current + "\n";
        current = indent + "  " + word;
      } else {
        current += (current.empty() ? indent : " ") + word;
      }
      pos = space + 1;
    }
    out += "// " + current + "\n";
    start = end + 1;
  }
  return out;
}

std::string years_text(const std::vector<int>& years) {
  std::string out;
  for (int y : years) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out;
}

}  // namespace

// A figure whose decimals do not end, rounded for the reader of the comment: "29,17 %".
std::string approximately(const Decimal& d, const Type& type) {
  Decimal shown = type.unit == Unit::Rate ? d.scaled(2) : d;
  std::string unit = type.unit == Unit::Rate ? " %" : type.unit == Unit::Money ? " €" : "";
  return shown.round(2, Rounding::HalfEven).to_string(0, 2, ',', " ") + unit;
}

std::string reference_literal(const Decimal& d, const Type& type) {
  Decimal shown = type.unit == Unit::Rate ? d.scaled(2) : d;
  std::string unit = type.unit == Unit::Rate ? " %" : type.unit == Unit::Money ? " €" : "";
  if (shown.is_terminating()) {
    int places = 0;
    while (shown.round(places, Rounding::HalfEven) != shown) ++places;  // ends: a denominator of 2s and 5s
    return shown.to_string(0, places, ',', " ") + unit;
  }
  mpq_class q = shown.rational();
  return grouped(q.get_num().get_str()) + unit + " / " + grouped(q.get_den().get_str());
}

std::string render_references(const Manifest& manifest, const std::vector<int>& years_read,
                              const std::vector<WrittenReference>& references) {
  std::string head;
  head += "Références nationales du contrat " + manifest.contract +
          (manifest.contract_label.empty() ? "" : " « " + manifest.contract_label + " »") + ",\n";
  head += "écrites par `" + manifest.tool + " références` (" + manifest.tool + " " + manifest.version + ") le " +
          manifest.date + ".\n";
  head += "Un calcul régional les lit à la place des statistiques calculées sur les établissements de la région : un "
          "contrat qui étend " + manifest.contract + " tient ce fichier dans son dossier, ou l'importe (importe "
          "\"…/references_nationales.caqes\";).\n";
  head += "Ne pas modifier à la main : écrire de nouveau le fichier depuis le calcul national.\n";
  head += "Années du calcul national : " + years_text(manifest.years) + " ; années où les règles lisent ces "
          "statistiques : " + years_text(years_read) + ".\n";
  head += "Règles (SHA-256) :\n";
  for (const auto& f : manifest.rules) head += "  " + f.sha256 + "  " + f.path + "\n";
  if (!manifest.data.empty()) {
    head += "Données (SHA-256) :\n";
    for (const auto& f : manifest.data) head += "  " + f.sha256 + "  " + f.path + "\n";
  }
  std::string options;
  for (const auto& [name, value] : manifest.options) options += (options.empty() ? "" : ", ") + name + " = " + value;
  head += "Options : " + options;
  std::string out = comment_lines(head) + "\n";
  out += "références_nationales " + manifest.contract + " pour " + years_text(years_read) + ";\n";
  for (const auto& r : references) {
    out += "\n";
    std::string about = r.label.empty() ? r.parameter : r.label;
    // The figures written as a division, rounded for whoever reads the file (the rules read the exact value).
    std::string rounded;
    for (const auto& g : r.values) {
      if (!g.value.is_number() || g.value.number().is_terminating()) continue;
      rounded += std::string(rounded.empty() ? "" : ", ") + (r.group.empty() ? "" : key_literal(g.group) + " ") +
                 approximately(g.value.number(), r.type);
    }
    out += comment_lines(about + " : " + r.statistic + " (" + r.where + "), en " + std::to_string(r.year) + "." +
                         (rounded.empty() ? "" : " Soit environ : " + rounded + "."));
    std::string value;
    if (r.group.empty() || r.values.empty()) {
      value = r.values.empty() ? "absent" : value_literal(r.values.front().value, r.type);
    } else {
      value = "selon " + r.group + " { ";
      for (const auto& g : r.values) value += key_literal(g.group) + ": " + value_literal(g.value, r.type) + "; ";
      value += "autre: absent; }";
    }
    out += "remplace paramètre " + r.parameter + " pour " + std::to_string(r.year) + " = " + value + ";\n";
  }
  return out;
}

}  // namespace caqes
