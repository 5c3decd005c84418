// Number and value formatting for the outputs.
#include "eval/format.h"

namespace caqes {
namespace {

Decimal displayed(const Decimal& d, const Type& t) { return t.unit == Unit::Rate ? d.scaled(2) : d; }

int min_places(const Type& t) { return t.unit == Unit::Money ? 2 : 0; }

}  // namespace

std::string unit_symbol(const Type& t) {
  if (t.kind != Kind::Number) return "";
  return t.unit == Unit::Money ? "€" : t.unit == Unit::Rate ? "%" : "";
}

std::string format_french(const Value& v, const Type& t) {
  if (v.absent()) return "absent";
  if (v.is_bool()) return v.boolean() ? "oui" : "non";
  if (v.is_date()) return v.date().iso();
  if (v.is_text()) return v.text();
  if (v.is_list()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.list().size(); ++i) out += (i ? ", " : "") + format_french(v.list()[i], t.element_type());
    return out + "]";
  }
  std::string n = displayed(v.number(), t).to_string(min_places(t), kMaxPlaces, ',', " ");
  std::string unit = unit_symbol(t);
  return unit.empty() ? n : n + " " + unit;
}

std::string format_cell(const Value& v, const Type& t) {
  if (v.absent()) return "";
  if (v.is_bool()) return v.boolean() ? "oui" : "non";
  if (v.is_number()) return displayed(v.number(), t).to_string(min_places(t), kMaxPlaces, ',', "");
  return format_french(v, t);
}

std::string format_plain(const Decimal& d, const Type& t) { return displayed(d, t).to_string(0, kMaxPlaces, '.', ""); }

}  // namespace caqes
