// The one traversal of expressions that every pass uses (checker, evaluator's plan, versions, diff, formatter):
// which sub-expressions a node has, in source order. A pass that needs a node's own meaning still looks at the
// node; what it must not do is list the children itself, so that a new kind of node is walked everywhere at once.
#pragma once

#include <type_traits>
#include <variant>

#include "syntax/ast.h"

namespace caqes::ast {

// Calls f(child) for each direct sub-expression of e, in source order. `Call` arguments give their value, then
// `de` (source), `par` (group) and `où` (filter), those that are present; a `selon` gives its subject, each arm's
// keys then result, then its `autre` branch. Works on const and non-const expressions alike.
template <class E, class F>
void for_each_child(E& e, F&& f) {
  static_assert(std::is_same_v<std::remove_const_t<E>, Expr>);
  auto visit = [&](auto& ptr) {
    if (ptr) f(*ptr);
  };
  std::visit(
      [&](auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Member>) visit(n.object);
        if constexpr (std::is_same_v<T, AtPeriod>) visit(n.expr);
        if constexpr (std::is_same_v<T, Unary>) visit(n.operand);
        if constexpr (std::is_same_v<T, Binary>) {
          visit(n.lhs);
          visit(n.rhs);
        }
        if constexpr (std::is_same_v<T, In>) {
          visit(n.value);
          visit(n.list);
        }
        if constexpr (std::is_same_v<T, If>) {
          visit(n.condition);
          visit(n.then_branch);
          visit(n.else_branch);
        }
        if constexpr (std::is_same_v<T, List>)
          for (auto& item : n.items) visit(item);
        if constexpr (std::is_same_v<T, Selon>) {
          visit(n.subject);
          for (auto& arm : n.arms) {
            for (auto& key : arm.keys) visit(key);
            visit(arm.result);
          }
          visit(n.otherwise);
        }
        if constexpr (std::is_same_v<T, Call>)
          for (auto& a : n.args) {
            visit(a.value);
            visit(a.source);
            visit(a.group);
            visit(a.filter);
          }
      },
      e.node);
}

// Pre-order walk of e and everything under it: f(node) is called on a node before its children and returns
// whether to go into them (false skips the node's subtree, not its siblings).
template <class E, class F>
void walk(E& e, F&& f) {
  if (!f(e)) return;
  for_each_child(e, [&](E& child) { walk(child, f); });
}

}  // namespace caqes::ast
