// Structural keys of expressions (expression_key.h): each node as "(" its kind, its own fields, its children ")";
// texts are prefixed with their length so that no two structures give the same key.
#include "eval/expression_key.h"

#include <fmt/format.h>

#include <type_traits>

#include "syntax/ast_walk.h"
#include "value/value.h"

namespace caqes {
namespace {

void text(std::string& out, const std::string& s) { out += fmt::format("{}:{}", s.size(), s); }

void reference(const CheckedProgram& p, const ast::Expr& e, std::string& out) {
  const auto* found = p.references_.find(e.id);
  if (!found) return;
  const Reference& r = found->second;
  out += fmt::format("@{},{},{},{},{},{}", static_cast<int>(r.what), r.table, r.column, r.parameter, r.indicator,
                     r.binding);
}

void fields(const CheckedProgram& p, const ast::Expr& e, std::string& out) {
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::NumberLiteral>)
          out += fmt::format("{},{},{}", Value(n.value).key(), static_cast<int>(n.unit), n.decimals);
        if constexpr (std::is_same_v<T, ast::StringLiteral>) text(out, n.value);
        if constexpr (std::is_same_v<T, ast::DateLiteral>) out += fmt::format("{}-{}-{}", n.year, n.month, n.day);
        if constexpr (std::is_same_v<T, ast::BooleanLiteral>) out += n.value ? "1" : "0";
        if constexpr (std::is_same_v<T, ast::Name>) {
          text(out, n.name);
          reference(p, e, out);
        }
        if constexpr (std::is_same_v<T, ast::Member>) {
          text(out, n.member);
          reference(p, e, out);
        }
        if constexpr (std::is_same_v<T, ast::AtPeriod>)
          out += fmt::format("{},{},{}", n.period.relative ? 1 : 0, n.period.offset, n.period.year);
        if constexpr (std::is_same_v<T, ast::Unary>) out += std::to_string(static_cast<int>(n.op));
        if constexpr (std::is_same_v<T, ast::Binary>) out += std::to_string(static_cast<int>(n.op));
        if constexpr (std::is_same_v<T, ast::In>) out += n.negated ? "1" : "0";
        if constexpr (std::is_same_v<T, ast::Selon>) {
          // The children alone do not say where an arm's keys end.
          for (const auto& arm : n.arms) out += fmt::format("{},", arm.keys.size());
          out += n.otherwise ? "1" : "0";
        }
        if constexpr (std::is_same_v<T, ast::Call>) {
          text(out, n.function);
          // Nor which clauses an argument has.
          for (const auto& a : n.args)
            out += fmt::format("{}{}{}{},", a.value ? 1 : 0, a.source ? 1 : 0, a.group ? 1 : 0, a.filter ? 1 : 0);
        }
      },
      e.node);
}

void append_key(const CheckedProgram& p, const ast::Expr& e, std::string& out) {
  out += '(';
  out += std::to_string(e.node.index());
  out += ' ';
  fields(p, e, out);
  ast::for_each_child(e, [&](const ast::Expr& child) { append_key(p, child, out); });
  out += ')';
}

}  // namespace

std::string expression_key(const CheckedProgram& program, const ast::Expr& e) {
  std::string out;
  append_key(program, e, out);
  return out;
}

}  // namespace caqes
