// Dates (civil calendar arithmetic) and value equality.
#include "value/value.h"

#include <cstdio>

namespace caqes {

// Days from a civil date by counting 400-year eras from 0000-03-01 (the well-known days-from-civil method).
Date Date::from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int>(doe) - 719468};
}

void Date::to_civil(int& year, int& month, int& day) const {
  int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe) + era * 400 + (month <= 2);
}

std::string Date::iso() const {
  int y, m, d;
  to_civil(y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool Value::equals(const Value& o) const {
  if (v_.index() != o.v_.index()) return false;
  if (is_bool()) return boolean() == o.boolean();
  if (is_number()) return number() == o.number();
  if (is_text()) return text() == o.text();
  if (is_date()) return date() == o.date();
  return false;
}

int compare(const Value& a, const Value& b) {
  if (a.is_number()) return a.number().compare(b.number());
  if (a.is_date()) return a.date() < b.date() ? -1 : b.date() < a.date() ? 1 : 0;
  if (a.is_text()) {
    int c = a.text().compare(b.text());
    return (c > 0) - (c < 0);
  }
  if (a.is_bool()) return static_cast<int>(a.boolean()) - static_cast<int>(b.boolean());
  return 0;
}

std::string Value::key() const {
  if (absent()) return "\x01";
  if (is_bool()) return boolean() ? "\x02t" : "\x02f";
  if (is_number()) return "\x03" + number().rational().get_str();
  if (is_date()) return "\x04" + date().iso();
  if (is_text()) return "\x05" + text();
  return "\x06";
}

}  // namespace caqes
