// A runtime value: absent (missing data), a boolean, an exact number, a text, a date or a list.
// Units are not carried here: the checker proved them, and the printers take them from the checked types.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "value/decimal.h"

namespace caqes {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
struct Date {
  int days = 0;
  static Date from_civil(int year, int month, int day);
  void to_civil(int& year, int& month, int& day) const;
  std::string iso() const;
  bool operator==(const Date& o) const { return days == o.days; }
  bool operator<(const Date& o) const { return days < o.days; }
};

class Value;
using ValueList = std::vector<Value>;

class Value {
 public:
  Value() = default;  // absent
  Value(bool b) : v_(b) {}
  Value(Decimal d) : v_(std::move(d)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(Date d) : v_(d) {}
  Value(std::shared_ptr<const ValueList> l) : v_(std::move(l)) {}

  bool absent() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_number() const { return std::holds_alternative<Decimal>(v_); }
  bool is_text() const { return std::holds_alternative<std::string>(v_); }
  bool is_date() const { return std::holds_alternative<Date>(v_); }
  bool is_list() const { return std::holds_alternative<std::shared_ptr<const ValueList>>(v_); }

  bool boolean() const { return std::get<bool>(v_); }
  const Decimal& number() const { return std::get<Decimal>(v_); }
  const std::string& text() const { return std::get<std::string>(v_); }
  Date date() const { return std::get<Date>(v_); }
  const ValueList& list() const { return *std::get<std::shared_ptr<const ValueList>>(v_); }

  // Set in place: a value that already holds a text (a number) keeps its storage, as the cells of streamed rows do
  // from one row to the next.
  void set_text(std::string_view s) {
    if (auto* text = std::get_if<std::string>(&v_))
      text->assign(s.data(), s.size());
    else
      v_ = std::string(s);
  }
  void set_number(const Decimal& d) {
    if (auto* number = std::get_if<Decimal>(&v_))
      *number = d;
    else
      v_ = d;
  }

  // Equality of two present values of the same kind.
  bool equals(const Value& o) const;
  // A key for grouping and distinct counts.
  std::string key() const;

 private:
  std::variant<std::monostate, bool, Decimal, std::string, Date, std::shared_ptr<const ValueList>> v_;
};

// The order of two present values of the same kind: -1, 0 or 1 (texts byte by byte).
int compare(const Value& a, const Value& b);

}  // namespace caqes
