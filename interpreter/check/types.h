// Types and units of the rules language: what a value is (number, boolean, text, date, list) and, for numbers,
// its unit; how they are named in messages; the column types a table may declare. What the operators do with
// units is in check/units.h.
#pragma once

#include <optional>
#include <string>

namespace caqes {

enum class Unit { Plain, Count, Money, Rate };
enum class Kind { Error, Number, Boolean, Text, Date, List, Absent };

struct Type {
  Kind kind = Kind::Error;
  Unit unit = Unit::Plain;          // numbers, and the elements of a list of numbers
  Kind element = Kind::Error;       // lists

  static Type error() { return {}; }
  static Type number(Unit u) { return {Kind::Number, u, Kind::Error}; }
  static Type boolean() { return {Kind::Boolean, Unit::Plain, Kind::Error}; }
  static Type text() { return {Kind::Text, Unit::Plain, Kind::Error}; }
  static Type date() { return {Kind::Date, Unit::Plain, Kind::Error}; }
  static Type absent() { return {Kind::Absent, Unit::Plain, Kind::Error}; }
  static Type list(Type of) { return {Kind::List, of.unit, of.kind}; }

  bool is_error() const { return kind == Kind::Error; }
  bool is_number() const { return kind == Kind::Number; }
  bool is_money() const { return kind == Kind::Number && unit == Unit::Money; }
  Type element_type() const { return {element, unit, Kind::Error}; }
  bool operator==(const Type& o) const { return kind == o.kind && unit == o.unit && element == o.element; }
};

// "montant (€)", "taux (%)", "effectif", "booléen" ...: how a type is named in messages.
std::string describe(const Type& t);
std::string unit_name(Unit u);

// The column types a table may declare.
enum class ColumnType { Text, Code, Integer, Count, Decimal, Money, Rate, Boolean, Date, Year };
std::optional<ColumnType> column_type_from_name(const std::string& name);
std::string column_type_name(ColumnType t);
Type type_of_column(ColumnType t);
// The spellings accepted after ':' in a column declaration, for messages.
std::string column_type_names();

}  // namespace caqes
