// Canonical printing of expressions and files. The layout rules: two spaces of indentation per block, one
// declaration item per line, source blank lines kept (collapsed to one), comments kept where they were (a comment
// inside a multi-line expression moves before its item), expressions on one line unless longer than kWidth, in
// which case `et`/`ou` chains, `si … alors … sinon` and row filters break one operand per line.
#include "format/printer.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace caqes {
namespace {

constexpr int kWidth = 120;

int width(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

int precedence(const ast::Expr& e) {
  if (auto* b = e.as<ast::Binary>()) {
    switch (b->op) {
      case ast::BinaryOp::Or: return 2;
      case ast::BinaryOp::And: return 3;
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Subtract: return 6;
      case ast::BinaryOp::Multiply:
      case ast::BinaryOp::Divide: return 7;
      default: return 5;
    }
  }
  if (e.as<ast::In>()) return 5;
  if (auto* u = e.as<ast::Unary>()) return u->op == ast::UnaryOp::Not ? 4 : 8;
  if (e.as<ast::If>()) return 1;
  if (e.as<ast::AtPeriod>() || e.as<ast::Member>()) return 9;
  if (auto* n = e.as<ast::NumberLiteral>(); n && n->value.sign() < 0) return 8;
  return 10;
}

bool is_identifier(const std::string& s) {
  if (s.empty()) return false;
  unsigned char first = static_cast<unsigned char>(s[0]);
  if (first >= '0' && first <= '9') return false;
  for (unsigned char c : s)
    if (!(c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  static const char* reserved[] = {"importe", "contrat", "table", "paramètre", "indicateur", "test", "attendu", "soit",
                                   "par", "de", "où", "et", "ou", "non", "dans", "si", "alors", "sinon", "selon",
                                   "autre", "vrai", "faux", "absent", "N"};
  for (const char* r : reserved)
    if (s == r) return false;
  return true;
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string number(const ast::NumberLiteral& n) {
  Decimal shown = n.unit == ast::LiteralUnit::Percent ? n.value.scaled(2) : n.value;
  // Thousands are grouped by three, except in a four-digit number written without a space (a year: 2019).
  bool grouped = n.text.find(' ') != std::string::npos || shown.abs() >= Decimal(10000);
  std::string digits = shown.abs().to_string(n.decimals, std::max(n.decimals, 0), ',', grouped ? " " : "");
  if (shown.sign() < 0) digits = "-" + digits;
  switch (n.unit) {
    case ast::LiteralUnit::Euro: return digits + " €";
    case ast::LiteralUnit::Percent: return digits + " %";
    default: return digits;
  }
}

std::string print(const ast::Expr& e, int min_precedence);

std::string argument(const ast::Argument& a) {
  std::string out = print(*a.value, 0);
  if (a.source) out += " de " + print(*a.source, 0);
  if (a.group) out += " par " + print(*a.group, 0);
  if (a.filter) out += " où " + print(*a.filter, 0);
  return out;
}

std::string print_node(const ast::Expr& e) {
  if (auto* n = e.as<ast::NumberLiteral>()) return number(*n);
  if (auto* s = e.as<ast::StringLiteral>()) return s->bare_code && is_identifier(s->value) ? s->value : quote(s->value);
  if (auto* d = e.as<ast::DateLiteral>()) return fmt::format("{:04}-{:02}-{:02}", d->year, d->month, d->day);
  if (auto* b = e.as<ast::BooleanLiteral>()) return b->value ? "vrai" : "faux";
  if (e.as<ast::AbsentLiteral>()) return "absent";
  if (e.as<ast::CurrentYear>()) return "N";
  if (auto* n = e.as<ast::Name>()) return n->name;
  if (auto* m = e.as<ast::Member>()) return print(*m->object, 9) + "." + m->member;
  if (auto* a = e.as<ast::AtPeriod>()) return print(*a->expr, 9) + "[" + a->period.text() + "]";
  if (auto* u = e.as<ast::Unary>()) {
    return u->op == ast::UnaryOp::Negate ? "-" + print(*u->operand, 8) : "non " + print(*u->operand, 4);
  }
  if (auto* b = e.as<ast::Binary>()) {
    int p = precedence(e);
    bool comparison = p == 5;
    // `et` inside `ou` keeps its parentheses: (a et b) ou c reads better than a et b ou c.
    int left = comparison ? p + 1 : p, right = p + 1;
    if (b->op == ast::BinaryOp::Or) {
      auto* l = b->lhs->as<ast::Binary>();
      left = l && l->op == ast::BinaryOp::Or ? 2 : 4;  // a ou b ou c, not (a ou b) ou c
      right = 4;
    }
    return print(*b->lhs, left) + " " + ast::spelling(b->op) + " " + print(*b->rhs, right);
  }
  if (auto* in = e.as<ast::In>()) {
    return print(*in->value, 6) + (in->negated ? " non dans " : " dans ") + print(*in->list, 6);
  }
  if (auto* i = e.as<ast::If>()) {
    return "si " + print(*i->condition, 2) + " alors " + print(*i->then_branch, 2) + " sinon " + print(*i->else_branch, 1);
  }
  if (auto* l = e.as<ast::List>()) {
    std::string out = "[";
    for (std::size_t k = 0; k < l->items.size(); ++k) out += (k ? ", " : "") + print(*l->items[k], 0);
    return out + "]";
  }
  if (auto* s = e.as<ast::Selon>()) {
    std::string out = "selon " + print(*s->subject, 2) + " {";
    for (const auto& arm : s->arms) {
      out += " ";
      for (std::size_t k = 0; k < arm.keys.size(); ++k) out += (k ? ", " : "") + print(*arm.keys[k], 0);
      out += ": " + print(*arm.result, 0) + ";";
    }
    if (s->otherwise) out += " autre: " + print(*s->otherwise, 0) + ";";
    return out + " }";
  }
  if (auto* c = e.as<ast::Call>()) {
    std::string out = c->function + "(";
    for (std::size_t k = 0; k < c->args.size(); ++k) out += (k ? ", " : "") + argument(c->args[k]);
    return out + ")";
  }
  return "?";
}

std::string print(const ast::Expr& e, int min_precedence) {
  std::string s = print_node(e);
  return precedence(e) < min_precedence ? "(" + s + ")" : s;
}

// The operands of a left-nested chain of one operator: a et b et c → [a, b, c].
void chain(const ast::Expr& e, ast::BinaryOp op, std::vector<const ast::Expr*>& out) {
  auto* b = e.as<ast::Binary>();
  if (b && b->op == op) {
    chain(*b->lhs, op, out);
    out.push_back(b->rhs.get());
    return;
  }
  out.push_back(&e);
}

// An expression starting at column `column` of its item, broken over lines when it would pass `limit`.
// Continuation lines start at `indent` (columns are relative to the item's own indentation).
std::string layout(const ast::Expr& e, int column, int indent, int limit) {
  std::string flat = print(e, 0);
  if (column + width(flat) <= limit) return flat;
  std::string pad(static_cast<std::size_t>(indent), ' ');
  if (auto* b = e.as<ast::Binary>(); b && (b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or)) {
    std::vector<const ast::Expr*> operands;
    chain(e, b->op, operands);
    int p = precedence(e);
    std::string word = b->op == ast::BinaryOp::And ? "et " : "ou ";
    int q = b->op == ast::BinaryOp::Or ? 4 : p + 1;
    std::string out = print(*operands[0], q);
    for (std::size_t k = 1; k < operands.size(); ++k) out += "\n" + pad + word + print(*operands[k], q);
    return out;
  }
  if (auto* i = e.as<ast::If>()) {
    return "si " + print(*i->condition, 2) + "\n" + pad + "alors " + layout(*i->then_branch, indent + 6, indent + 6, limit) +
           "\n" + pad + "sinon " + layout(*i->else_branch, indent + 6, indent + 6, limit);
  }
  if (auto* b = e.as<ast::Binary>(); b && (b->op == ast::BinaryOp::Add || b->op == ast::BinaryOp::Subtract)) {
    // A long sum: one term per line, the operator first.
    std::vector<std::pair<ast::BinaryOp, const ast::Expr*>> terms;
    const ast::Expr* x = &e;
    while (auto* y = x->as<ast::Binary>()) {
      if (y->op != ast::BinaryOp::Add && y->op != ast::BinaryOp::Subtract) break;
      terms.push_back({y->op, y->rhs.get()});
      x = y->lhs.get();
    }
    // Terms that need parentheses (a − (b + c)) are printed whole, with them.
    auto term = [&](const ast::Expr& t, int min_precedence, int at) {
      return precedence(t) < min_precedence ? print(t, min_precedence) : layout(t, at, at, limit);
    };
    std::string out = term(*x, 6, column);
    for (auto it = terms.rbegin(); it != terms.rend(); ++it)
      out += "\n" + pad + ast::spelling(it->first) + " " + term(*it->second, 7, indent + 2);
    return out;
  }
  if (auto* c = e.as<ast::Call>(); c && c->args.size() == 1 && c->args[0].filter) {
    const ast::Argument& a = c->args[0];
    std::string head = c->function + "(" + print(*a.value, 0);
    if (a.source) head += " de " + print(*a.source, 0);
    if (a.group) head += " par " + print(*a.group, 0);
    if (column + width(head) > 60) {
      // A long head (an aggregation inside another): `où` and each condition start their own lines.
      std::vector<const ast::Expr*> operands;
      chain(*a.filter, ast::BinaryOp::And, operands);
      std::string inner(static_cast<std::size_t>(indent + 2), ' ');
      std::string out = c->function + "(" + layout(*a.value, column + width(c->function) + 1, indent + 2, limit);
      if (a.source) out += " de " + print(*a.source, 0);
      if (a.group) out += " par " + print(*a.group, 0);
      for (std::size_t k = 0; k < operands.size(); ++k) {
        // An operand looser than `et` (an `ou`, a `si`) keeps its parentheses, on one line.
        const ast::Expr& x = *operands[k];
        std::string text = precedence(x) < 4 ? print(x, 4) : layout(x, indent + 5, indent + 5, limit);
        out += "\n" + inner + (k == 0 ? "où " : "et ") + text;
      }
      return out + ")";
    }
    head += " où ";
    int filter_column = column + width(head);
    std::string filter = print(*a.filter, 0);
    if (auto* fb = a.filter->as<ast::Binary>(); fb && fb->op == ast::BinaryOp::And) {
      std::vector<const ast::Expr*> operands;
      chain(*a.filter, ast::BinaryOp::And, operands);
      std::string inner_pad(static_cast<std::size_t>(filter_column - 3 - 0), ' ');
      filter = print(*operands[0], 3);
      for (std::size_t k = 1; k < operands.size(); ++k) {
        std::string next = print(*operands[k], 4);
        std::string line_so_far = filter.substr(filter.rfind('\n') == std::string::npos ? 0 : filter.rfind('\n') + 1);
        int current = filter.rfind('\n') == std::string::npos ? filter_column + width(filter) : width(line_so_far);
        if (current + 4 + width(next) > limit) filter += "\n" + inner_pad + "et " + next;
        else filter += " et " + next;
      }
    }
    return head + filter + ")";
  }
  return flat;
}

// ---- files ----------------------------------------------------------------------------------------------------
class FileWriter {
 public:
  FileWriter(const std::vector<ast::Comment>& comments) : comments_(comments) {}

  // Comments standing before source line `line`, at the given indentation.
  void comments_before(int line, int indent) {
    while (next_ < comments_.size() && comments_[next_].line < line) {
      const ast::Comment& c = comments_[next_++];
      separate(c.line);
      out_ += std::string(static_cast<std::size_t>(indent), ' ') + c.text + "\n";
      last_line_ = c.end_line;
    }
  }

  // An item of the given source extent, printed as `text` (which may span lines), with its trailing comment.
  void item(const Span& extent, const std::string& text, int indent) {
    comments_before(extent.line, indent);
    separate(extent.line);
    comments_before(extent.last_line(), indent);  // comments inside a multi-line item go before it
    std::string pad(static_cast<std::size_t>(indent), ' ');
    std::string body;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      body += pad + line;
      if (end == std::string::npos) break;
      body += "\n";
      start = end + 1;
    }
    out_ += body;
    trailing(extent.last_line());
    out_ += "\n";
    last_line_ = extent.last_line();
  }

  // The opening line of a block; its items follow, then close().
  void open(const Span& extent, const std::string& header, int indent) {
    comments_before(extent.line, indent);
    separate(extent.line);
    out_ += std::string(static_cast<std::size_t>(indent), ' ') + header;
    trailing(extent.line);
    out_ += "\n";
    last_line_ = extent.line;
  }

  void close(const Span& extent, int indent) {
    comments_before(extent.last_line(), indent + 2);
    out_ += std::string(static_cast<std::size_t>(indent), ' ') + "}";
    trailing(extent.last_line());
    out_ += "\n";
    last_line_ = extent.last_line();
  }

  std::string finish() {
    comments_before(1 << 30, 0);
    return out_;
  }

 private:
  void separate(int line) {
    if (!out_.empty() && last_line_ > 0 && line > last_line_ + 1) out_ += "\n";
  }
  void trailing(int line) {
    if (next_ < comments_.size() && comments_[next_].line == line) {
      out_ += "  " + comments_[next_].text;
      last_line_ = comments_[next_].end_line;
      ++next_;
    }
  }

  const std::vector<ast::Comment>& comments_;
  std::size_t next_ = 0;
  std::string out_;
  int last_line_ = 0;
};

std::string label_part(const std::string& label) { return label.empty() ? "" : " " + quote(label); }

std::string meta_text(const ast::Metadata& m, int indent) {
  std::vector<std::string> values;
  for (const auto& v : m.values) values.push_back(v.quoted ? quote(v.text) : v.text);
  std::string flat = m.key;
  for (std::size_t k = 0; k < values.size(); ++k) flat += (k ? ", " : " ") + values[k];
  if (indent + width(flat) + 1 <= kWidth || values.size() < 2) return flat + ";";
  std::string out = m.key + " " + values[0];
  std::string pad(static_cast<std::size_t>(width(m.key) + 1), ' ');
  for (std::size_t k = 1; k < values.size(); ++k) out += ",\n" + pad + values[k];
  return out + ";";
}

std::string table_key(ast::TableKind k) {
  switch (k) {
    case ast::TableKind::Entity: return "par établissement";
    case ast::TableKind::EntityYear: return "par établissement et année";
    case ast::TableKind::Rows: return "par ligne";
    case ast::TableKind::RowsYear: return "par ligne et année";
  }
  return "";
}

// `head = value;`, or, when that is too long, the value on the next lines, indented by four.
std::string definition(const std::string& head, const ast::Expr& value, int indent) {
  std::string prefix = head + " = ";
  std::string flat = print(value, 0);
  int limit = kWidth - indent;
  if (width(prefix) + width(flat) + 1 <= limit) return prefix + flat + ";";
  return head + " =\n  " + layout(value, 2, 2, limit - 1) + ";";
}

}  // namespace

std::string print_expr(const ast::Expr& e) { return print(e, 0); }

std::string print_expr_lines(const ast::Expr& e, int width) { return layout(e, 0, 2, width); }

std::string format_file(const ast::Program& program, const SourceFile& file) {
  static const std::vector<ast::Comment> none;
  const std::vector<ast::Comment>* comments = &none;
  for (const auto& [f, c] : program.comments)
    if (f == &file) comments = &c;
  FileWriter w(*comments);

  // Top-level declarations of this file, in source order.
  std::vector<std::pair<int, std::function<void()>>> items;
  for (const auto& d : program.imports)
    if (d.span.file == &file) items.push_back({d.span.line, [&] { w.item(d.span, "importe " + quote(d.path) + ";", 0); }});
  for (const auto& r : program.removals)
    if (r.span.file == &file)
      items.push_back({r.span.line, [&] {
        w.item(r.span, "retire " + r.kind + " " + (r.kind == "test" || !is_identifier(r.name) ? quote(r.name) : r.name) + ";", 0);
      }});
  for (const auto& r : program.national_references)
    if (r.span.file == &file)
      items.push_back({r.span.line, [&] {
        std::string years;
        for (int y : r.years) years += (years.empty() ? "" : ", ") + std::to_string(y);
        w.item(r.span, "références_nationales " + r.contract + " pour " + years + ";", 0);
      }});
  for (const auto& c : program.contracts) {
    if (c.extent.file != &file) continue;
    items.push_back({c.extent.line, [&] {
      w.open(c.extent, "contrat " + c.name + label_part(c.label) + " {", 0);
      std::vector<std::pair<int, std::function<void()>>> inner;
      if (c.first_year)
        inner.push_back({c.years_span.line, [&] {
          w.item(c.years_span,
                 c.first_year == c.last_year ? fmt::format("années {};", c.first_year)
                                             : fmt::format("années {}..{};", c.first_year, c.last_year),
                 2);
        }});
      for (const auto& m : c.metadata) inner.push_back({m.span.line, [&] { w.item(m.span, meta_text(m, 2), 2); }});
      std::stable_sort(inner.begin(), inner.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [_, f] : inner) f();
      w.close(c.extent, 0);
    }});
  }
  for (const auto& t : program.tables) {
    if (t.extent.file != &file) continue;
    items.push_back({t.extent.line, [&] {
      w.open(t.extent, std::string(t.change == ast::Change::Replace ? "remplace " : "") + "table " + t.name + label_part(t.label) + " " + table_key(t.kind) + " {", 0);
      for (const auto& c : t.columns) w.item(c.extent, c.name + ": " + c.type_name + label_part(c.label) + ";", 2);
      w.close(t.extent, 0);
    }});
  }
  for (const auto& p : program.parameters) {
    if (p.span.file != &file) continue;
    items.push_back({p.span.line, [&] {
      std::string head = std::string(p.change == ast::Change::Replace ? "remplace " : "") + "paramètre " + p.name +
                         label_part(p.label) + (p.type_name.empty() ? "" : " : " + p.type_name) +
                         (!p.first_year                   ? ""
                          : p.first_year == p.last_year ? fmt::format(" pour {}", p.first_year)
                                                        : fmt::format(" pour {}..{}", p.first_year, p.last_year));
      w.item(p.span, definition(head, *p.value, 0), 0);
    }});
  }
  for (const auto& ind : program.indicators) {
    if (ind.extent.file != &file) continue;
    items.push_back({ind.extent.line, [&] {
      const char* change = ind.change == ast::Change::Replace ? "remplace " : ind.change == ast::Change::Modify ? "modifie " : "";
      w.open(ind.extent, change + std::string("indicateur ") + ind.name + label_part(ind.label) + " {", 0);
      std::vector<std::pair<int, std::function<void()>>> inner;
      for (const auto& m : ind.metadata) inner.push_back({m.span.line, [&] { w.item(m.span, meta_text(m, 2), 2); }});
      for (const auto& b : ind.bindings)
        inner.push_back({b.span.line, [&] { w.item(b.span, definition(b.name + label_part(b.label), *b.value, 2), 2); }});
      std::stable_sort(inner.begin(), inner.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [_, f] : inner) f();
      w.close(ind.extent, 0);
    }});
  }
  for (const auto& t : program.tests) {
    if (t.extent.file != &file) continue;
    items.push_back({t.extent.line, [&] {
      w.open(t.extent, "test " + quote(t.label) + " {", 0);
      std::vector<std::pair<int, std::function<void()>>> inner;
      for (const auto& m : t.metadata) inner.push_back({m.span.line, [&] { w.item(m.span, meta_text(m, 2), 2); }});
      for (const auto& r : t.rows)
        inner.push_back({r.extent.line, [&] {
          std::string text = r.table + (r.times > 1 ? fmt::format(" × {}", Decimal(r.times).to_string(0, 0, ',', " ")) : "") + ":";
          for (std::size_t k = 0; k < r.fields.size(); ++k)
            text += (k ? ", " : " ") + r.fields[k].column + " = " + print_expr(*r.fields[k].value);
          w.item(r.extent, text + ";", 2);
        }});
      for (const auto& e : t.expectations)
        inner.push_back({e.span.line, [&] {
          std::string head = e.entity.empty() ? "attendu: " : "attendu " + quote(e.entity) + ": ";
          w.item(e.span, head + layout(*e.expr, width(head), 4, kWidth - 3) + ";", 2);
        }});
      std::stable_sort(inner.begin(), inner.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [_, f] : inner) f();
      w.close(t.extent, 0);
    }});
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [_, f] : items) f();
  return w.finish();
}

}  // namespace caqes
