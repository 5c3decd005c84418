// Names of types and units, and the column types a table may declare.
#include "check/types.h"

namespace caqes {

std::string unit_name(Unit u) {
  switch (u) {
    case Unit::Plain: return "nombre";
    case Unit::Count: return "effectif";
    case Unit::Money: return "montant (€)";
    case Unit::Rate: return "taux (%)";
  }
  return "?";
}

std::string describe(const Type& t) {
  switch (t.kind) {
    case Kind::Error: return "<erreur>";
    case Kind::Number: return unit_name(t.unit);
    case Kind::Boolean: return "booléen";
    case Kind::Text: return "texte";
    case Kind::Date: return "date";
    case Kind::Absent: return "absent";
    case Kind::List: return "liste de " + describe(t.element_type());
  }
  return "?";
}

std::optional<ColumnType> column_type_from_name(const std::string& n) {
  if (n == "texte") return ColumnType::Text;
  if (n == "code") return ColumnType::Code;
  if (n == "entier") return ColumnType::Integer;
  if (n == "effectif") return ColumnType::Count;
  if (n == "décimal" || n == "nombre") return ColumnType::Decimal;
  if (n == "monnaie" || n == "montant") return ColumnType::Money;
  if (n == "taux") return ColumnType::Rate;
  if (n == "booléen") return ColumnType::Boolean;
  if (n == "date") return ColumnType::Date;
  if (n == "année") return ColumnType::Year;
  return std::nullopt;
}

std::string column_type_names() {
  return "texte, code, entier, effectif, décimal, monnaie, taux, booléen, date, année";
}

std::string column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::Text: return "texte";
    case ColumnType::Code: return "code";
    case ColumnType::Integer: return "entier";
    case ColumnType::Count: return "effectif";
    case ColumnType::Decimal: return "décimal";
    case ColumnType::Money: return "monnaie";
    case ColumnType::Rate: return "taux";
    case ColumnType::Boolean: return "booléen";
    case ColumnType::Date: return "date";
    case ColumnType::Year: return "année";
  }
  return "?";
}

Type type_of_column(ColumnType t) {
  switch (t) {
    case ColumnType::Text:
    case ColumnType::Code: return Type::text();
    case ColumnType::Integer:
    case ColumnType::Decimal:
    case ColumnType::Year: return Type::number(Unit::Plain);
    case ColumnType::Count: return Type::number(Unit::Count);
    case ColumnType::Money: return Type::number(Unit::Money);
    case ColumnType::Rate: return Type::number(Unit::Rate);
    case ColumnType::Boolean: return Type::boolean();
    case ColumnType::Date: return Type::date();
  }
  return Type::error();
}

}  // namespace caqes
