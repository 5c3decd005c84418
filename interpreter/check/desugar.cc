// The bare-words pass (see desugar.h): lists and `selon` keys by their place in the tree, test rows by the type
// of the column they fill.
#include "check/desugar.h"

#include <optional>

#include "check/types.h"
#include "syntax/ast_walk.h"

namespace caqes {
namespace {

void make_code(ast::Expr& e) {
  if (auto* name = e.as<ast::Name>()) {
    std::string code = name->name;
    e.node = ast::StringLiteral{code, true};
  }
}

void desugar_expr(ast::Expr& root) {
  ast::walk(root, [](ast::Expr& e) {
    if (auto* list = std::get_if<ast::List>(&e.node))
      for (auto& item : list->items) make_code(*item);
    if (auto* selon = std::get_if<ast::Selon>(&e.node))
      for (auto& arm : selon->arms)
        for (auto& key : arm.keys) make_code(*key);
    return true;
  });
}

// The type of `column` in the first table named `table`, as the checker will resolve it: the key columns first,
// then the first declaration of that name with a known type.
std::optional<ColumnType> column_type(const ast::Program& program, const std::string& table, const std::string& column) {
  for (const auto& t : program.tables) {
    if (t.name != table) continue;
    if (column == "finess") return ColumnType::Text;
    if (column == "année" && (t.kind == ast::TableKind::EntityYear || t.kind == ast::TableKind::RowsYear))
      return ColumnType::Year;
    for (const auto& c : t.columns)
      if (c.name == column)
        if (auto type = column_type_from_name(c.type_name)) return type;
    return std::nullopt;
  }
  return std::nullopt;
}

void desugar_test(const ast::Program& program, ast::TestDecl& test) {
  for (auto& row : test.rows)
    for (auto& field : row.fields) {
      auto type = column_type(program, row.table, field.column);
      if (type == ColumnType::Code || type == ColumnType::Text) make_code(*field.value);
      desugar_expr(*field.value);
    }
  for (auto& expectation : test.expectations) desugar_expr(*expectation.expr);
}

}  // namespace

void desugar_bare_words(ast::Program& program) {
  for (auto& prm : program.parameters) desugar_expr(*prm.value);
  for (auto& ind : program.indicators)
    for (auto& b : ind.bindings) desugar_expr(*b.value);
  for (auto& test : program.tests) desugar_test(program, test);
}

}  // namespace caqes
