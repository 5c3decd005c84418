// Values as JSON (see json_value.h).
#include "cli/json_value.h"

#include "eval/format.h"

namespace caqes {

Json json_value(const Value& v, const Type& t) {
  if (v.absent()) return nullptr;
  if (v.is_bool()) return v.boolean();
  if (v.is_number()) return exact_number(format_plain(v.number(), t));
  if (v.is_date()) return v.date().iso();
  if (v.is_text()) return v.text();
  Json list = Json::array();
  for (const Value& item : v.list()) list.push_back(json_value(item, t.element_type()));
  return list;
}

}  // namespace caqes
