// Running `test` blocks: rows → in-memory dataset → evaluator → expectations.
#include "eval/rule_tests.h"

#include <algorithm>
#include <set>

#include "data/dataset.h"
#include "eval/eval_messages.h"
#include "eval/evaluator.h"
#include "eval/format.h"
#include "format/printer.h"

namespace caqes {
namespace {

using namespace eval_messages;

// Test rows hold constants only (the checker made sure of it): literals, possibly negated.
Value constant(const ast::Expr& e) {
  if (auto* n = e.as<ast::NumberLiteral>()) return Value(n->value);
  if (auto* s = e.as<ast::StringLiteral>()) return Value(s->value);
  if (auto* b = e.as<ast::BooleanLiteral>()) return Value(b->value);
  if (auto* d = e.as<ast::DateLiteral>()) return Value(Date::from_civil(d->year, d->month, d->day));
  if (auto* u = e.as<ast::Unary>()) {
    Value v = constant(*u->operand);
    if (v.is_number() && u->op == ast::UnaryOp::Negate) return Value(-v.number());
    if (v.is_bool() && u->op == ast::UnaryOp::Not) return Value(!v.boolean());
  }
  return Value();
}

bool is_constant(const ast::Expr& e) {
  if (e.as<ast::NumberLiteral>() || e.as<ast::StringLiteral>() || e.as<ast::BooleanLiteral>() ||
      e.as<ast::DateLiteral>() || e.as<ast::AbsentLiteral>())
    return true;
  if (auto* u = e.as<ast::Unary>()) return is_constant(*u->operand);
  return false;
}

// A value as a failed expectation shows it: a condition spelled as in the rules (vrai, faux), anything else as the
// results show it.
std::string shown(const Value& v, const Type& t) {
  if (v.is_bool()) return v.boolean() ? "vrai" : "faux";
  return format_french(v, t);
}

bool is_comparison(ast::BinaryOp op) {
  using ast::BinaryOp;
  return op == BinaryOp::Equal || op == BinaryOp::NotEqual || op == BinaryOp::Less || op == BinaryOp::LessEqual ||
         op == BinaryOp::Greater || op == BinaryOp::GreaterEqual || op == BinaryOp::Approx;
}

int test_year(const CheckedProgram& p, const ast::TestDecl& t, Message& error) {
  for (const auto& m : t.metadata) {
    if (m.key != "année") continue;
    try {
      return std::stoi(m.joined());
    } catch (...) {
      error = Message(kTestYearNotAYear, m.span.where(), m.joined());
      return 0;
    }
  }
  return p.first_year;
}

RuleTestOutcome run_one(const CheckedProgram& p, const ast::TestDecl& t, const PassOptions& options) {
  RuleTestOutcome out;
  out.label = t.label;
  out.span = t.span;
  auto fail = [&](Message why, const Diagnostics& errors = {}, Message hint = {}) {
    out.passed = false;
    out.failures.push_back({std::move(why), errors, std::move(hint)});
    return out;
  };
  Message error;
  int year = test_year(p, t, error);
  if (!error.empty()) return fail(error);

  Dataset data;
  data.program = &p;
  std::size_t n = p.tables.size();
  data.keyed_rows.assign(n, {});
  data.row_files.assign(n, "");
  data.memory_rows.assign(n, {});
  // Establishments: every FINESS the rows or the expectations name, in sorted order; a row without its finess is
  // about the test's (`finess "…";`).
  const std::string own_finess = t.default_finess();
  auto gives_finess = [](const ast::TestRow& row) {
    return std::any_of(row.fields.begin(), row.fields.end(), [](const ast::FieldValue& f) { return f.column == "finess"; });
  };
  std::set<std::string> finess;
  if (!own_finess.empty()) finess.insert(own_finess);
  for (const auto& row : t.rows)
    for (const auto& f : row.fields)
      if (f.column == "finess") {
        Value v = constant(*f.value);
        if (v.is_text()) finess.insert(v.text());
      }
  for (const auto& f : finess) data.add_entity(f);
  // The establishments the test declares, as a real run takes them from the table of establishments: an
  // expectation about any other one would be computed on no data and could pass by accident (0 €, absent).
  std::set<std::string> declared;
  std::string registry = p.registry_table >= 0 ? p.tables[p.registry_table].name : std::string();
  for (const auto& row : t.rows)
    if (registry.empty() || row.table == registry) {
      for (const auto& f : row.fields)
        if (f.column == "finess") {
          Value v = constant(*f.value);
          if (v.is_text()) declared.insert(v.text());
        }
      if (!gives_finess(row) && !own_finess.empty()) declared.insert(own_finess);
    }

  for (const auto& row : t.rows) {
    int ti = p.table_index(row.table);
    const TableInfo& table = p.tables[ti];
    Row values(table.columns.size());
    for (const auto& f : row.fields) {
      if (!is_constant(*f.value)) return fail(Message(kTestRowNotConstant, f.span.where()));
      values[table.column_index(f.column)] = constant(*f.value);
    }
    if (!gives_finess(row) && !own_finess.empty()) values[table.finess_column] = Value(own_finess);
    const Value& id = values[table.finess_column];
    if (!id.is_text()) return fail(Message(kTestRowWithoutFiness, row.span.where()));
    int entity = data.entity_index.at(id.text());
    if (table.per_entity()) {
      long long k = entity;
      if (table.has_year()) k = Dataset::key(entity, static_cast<int>(values[table.year_column].number().to_int().value_or(0)));
      if (data.keyed_rows[ti].count(k))
        return fail(Message(table.has_year() ? kTestSecondRowInYear : kTestSecondRow, row.span.where(), table.name));
      data.keyed_rows[ti][k] = std::move(values);
    } else {
      // In a repeated row, "{n}" in a text stands for the repetition's number (1, 2, …): patient = "P{n}".
      for (int i = 1; i <= row.times; ++i) {
        Row copy = values;
        for (auto& v : copy) {
          if (!v.is_text()) continue;
          auto at = v.text().find("{n}");
          if (at == std::string::npos) continue;
          std::string t = v.text();
          t.replace(at, 3, std::to_string(i));
          v = Value(t);
        }
        data.memory_rows[ti].push_back(std::move(copy));
      }
    }
  }

  Diagnostics diags;
  Evaluator evaluator(p, data, options);
  std::vector<std::pair<const ast::Expr*, int>> extra;
  for (const auto& e : t.expectations) extra.push_back({e.expr.get(), year});
  if (!evaluator.prepare({year}, diags, extra)) return fail({}, diags);
  for (const auto& e : t.expectations) {
    const std::string about = t.entity_of(e);
    if (!declared.count(about)) {
      fail(Message(kExpectationWithoutEstablishment, e.span.where(), about, registry), {},
           Message(kExpectationWithoutEstablishmentHint, about, registry));
      continue;
    }
    int entity = data.entity_index.at(about);
    auto v = evaluator.evaluate(*e.expr, entity, year, diags);
    if (!v) {
      fail({}, diags);  // with the errors of the expectations before it, as they were gathered
      continue;
    }
    if (v->is_bool() && v->boolean()) continue;
    std::string_view line = e.span.file ? e.span.file->line_text(e.span.line) : std::string_view();
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ';' || line.back() == ' ')) line.remove_suffix(1);
    Message why(kExpectationFalse, e.span.where(), line);
    auto* b = e.expr->as<ast::Binary>();
    if (b && is_comparison(b->op)) {
      // What each side of the comparison came to: "expected ≥ 30 %, computed 25 %".
      auto got = evaluator.evaluate(*b->lhs, entity, year, diags);
      auto want = evaluator.evaluate(*b->rhs, entity, year, diags);
      if (got && want) {
        std::string op = b->op == ast::BinaryOp::Equal ? "" : std::string(ast::spelling(b->op)) + " ";
        why = Message(kExpectedComputed, e.span.where(), line, op + shown(*want, p.type_of(*b->rhs)),
                      shown(*got, p.type_of(*b->lhs)));
      }
    } else if (v->absent()) {
      why = Message(kExpectationUndecided, e.span.where(), line);
    } else if (b && (b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or)) {
      // "a et b" is false: which side made it so.
      auto left = evaluator.evaluate(*b->lhs, entity, year, diags);
      auto right = evaluator.evaluate(*b->rhs, entity, year, diags);
      if (left && right) {
        std::vector<Message> sides;
        sides.emplace_back(kSideComputed, print_expr(*b->lhs), shown(*left, p.type_of(*b->lhs)));
        sides.emplace_back(kSideComputed, print_expr(*b->rhs), shown(*right, p.type_of(*b->rhs)));
        why = Message(kExpectedComputedSides, e.span.where(), line, "vrai", shown(*v, p.type_of(*e.expr)),
                      Message::list(kSideSeparator, kSideSeparator, std::move(sides)));
      }
    } else {
      why = Message(kExpectedComputed, e.span.where(), line, "vrai", shown(*v, p.type_of(*e.expr)));
    }
    fail(std::move(why));
  }
  evaluator.missing_years(out.missing_years);
  return out;
}

}  // namespace

bool own_test(const ast::Program& program, const ast::TestDecl& t) {
  for (std::size_t f = program.own_files_begin; f < program.files.size(); ++f)
    if (program.files[f].get() == t.span.file) return true;
  return false;
}

std::vector<RuleTestOutcome> run_rule_tests(const CheckedProgram& program, const std::string& name_filter,
                                            const PassOptions& options, bool own_only) {
  std::vector<RuleTestOutcome> outcomes;
  for (const auto& t : program.ast->tests) {
    if (!name_filter.empty() && t.label.find(name_filter) == std::string::npos) continue;
    if (own_only && !own_test(*program.ast, t)) continue;
    outcomes.push_back(run_one(program, t, options));
  }
  return outcomes;
}

}  // namespace caqes
