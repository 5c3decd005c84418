// The cache of parsed files, and the deep copy of declarations it needs.
#include "lsp/parse_cache.h"

#include <type_traits>

#include "lsp/workspace.h"

namespace caqes::lsp {

namespace {

ast::ExprPtr copy_ptr(const ast::ExprPtr& e, int offset) { return e ? copy_expr(*e, offset) : nullptr; }

}  // namespace

ast::ExprPtr copy_expr(const ast::Expr& e, int offset) {
  auto out = std::make_unique<ast::Expr>();
  out->id = e.id + offset;
  out->span = e.span;
  out->node = std::visit(
      [&](const auto& n) -> decltype(ast::Expr::node) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::Member>) {
          return ast::Member{copy_ptr(n.object, offset), n.member, n.member_span};
        } else if constexpr (std::is_same_v<T, ast::AtPeriod>) {
          return ast::AtPeriod{copy_ptr(n.expr, offset), n.period};
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          return ast::Unary{n.op, copy_ptr(n.operand, offset)};
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          return ast::Binary{n.op, copy_ptr(n.lhs, offset), copy_ptr(n.rhs, offset)};
        } else if constexpr (std::is_same_v<T, ast::In>) {
          return ast::In{copy_ptr(n.value, offset), copy_ptr(n.list, offset), n.negated};
        } else if constexpr (std::is_same_v<T, ast::If>) {
          return ast::If{copy_ptr(n.condition, offset), copy_ptr(n.then_branch, offset), copy_ptr(n.else_branch, offset)};
        } else if constexpr (std::is_same_v<T, ast::List>) {
          ast::List l;
          for (const auto& item : n.items) l.items.push_back(copy_ptr(item, offset));
          return l;
        } else if constexpr (std::is_same_v<T, ast::Selon>) {
          ast::Selon s;
          s.subject = copy_ptr(n.subject, offset);
          for (const auto& arm : n.arms) {
            ast::SelonArm a;
            for (const auto& k : arm.keys) a.keys.push_back(copy_ptr(k, offset));
            a.result = copy_ptr(arm.result, offset);
            a.span = arm.span;
            s.arms.push_back(std::move(a));
          }
          s.otherwise = copy_ptr(n.otherwise, offset);
          return s;
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          ast::Call c;
          c.function = n.function;
          c.name_span = n.name_span;
          for (const auto& a : n.args)
            c.args.push_back({copy_ptr(a.value, offset), copy_ptr(a.source, offset), copy_ptr(a.group, offset),
                              copy_ptr(a.filter, offset), a.span});
          return c;
        } else {
          return n;  // literals and names: no sub-expression
        }
      },
      e.node);
  return out;
}

namespace {

// Appends a copy of every declaration of `from` to `to`, with expression ids above those `to` already uses.
void copy_into(const ast::Program& from, ast::Program& to) {
  const int offset = to.next_expr_id;
  for (const auto& i : from.imports) to.imports.push_back(i);
  for (const auto& c : from.contracts) to.contracts.push_back(c);
  for (const auto& t : from.tables) to.tables.push_back(t);
  for (const auto& r : from.removals) to.removals.push_back(r);
  for (const auto& r : from.national_references) to.national_references.push_back(r);
  for (const auto& c : from.comments) to.comments.push_back(c);
  for (const auto& p : from.parameters) {
    ast::ParameterDecl copy;
    copy.name = p.name;
    copy.label = p.label;
    copy.type_name = p.type_name;
    copy.type_span = p.type_span;
    copy.change = p.change;
    copy.first_year = p.first_year;
    copy.last_year = p.last_year;
    copy.value = copy_ptr(p.value, offset);
    copy.span = p.span;
    copy.name_span = p.name_span;
    to.parameters.push_back(std::move(copy));
  }
  for (const auto& i : from.indicators) {
    ast::IndicatorDecl copy;
    copy.name = i.name;
    copy.label = i.label;
    copy.metadata = i.metadata;
    for (const auto& b : i.bindings) copy.bindings.push_back({b.name, b.label, copy_ptr(b.value, offset), b.span, b.name_span});
    copy.change = i.change;
    copy.span = i.span;
    copy.name_span = i.name_span;
    copy.extent = i.extent;
    to.indicators.push_back(std::move(copy));
  }
  for (const auto& t : from.tests) {
    ast::TestDecl copy;
    copy.label = t.label;
    copy.metadata = t.metadata;
    for (const auto& row : t.rows) {
      ast::TestRow r;
      r.table = row.table;
      r.times = row.times;
      for (const auto& f : row.fields) r.fields.push_back({f.column, copy_ptr(f.value, offset), f.span});
      r.span = row.span;
      r.extent = row.extent;
      copy.rows.push_back(std::move(r));
    }
    for (const auto& e : t.expectations) copy.expectations.push_back({e.entity, copy_ptr(e.expr, offset), e.span});
    copy.span = t.span;
    copy.extent = t.extent;
    to.tests.push_back(std::move(copy));
  }
  to.next_expr_id = offset + from.next_expr_id;
}

}  // namespace

void ParseCache::add(const std::string& path, const std::string& text, ast::Program& program, Diagnostics& diags,
                     std::vector<std::shared_ptr<const ast::Program>>& keep) {
  Entry& entry = entries_[path];
  if (!entry.parsed || entry.text != text) {
    auto parsed = std::make_shared<ast::Program>();
    entry.diags = Diagnostics();
    parse_recovering(std::make_unique<SourceFile>(path, text), *parsed, entry.diags);
    entry.text = text;
    entry.parsed = std::move(parsed);
  }
  diags.append(entry.diags);
  copy_into(*entry.parsed, program);
  // The program lists the file too (some messages name a program's first file); its spans are the cache's.
  program.files.push_back(std::make_unique<SourceFile>(path, text));
  keep.push_back(entry.parsed);
}

}  // namespace caqes::lsp
