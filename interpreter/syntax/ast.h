// The owned syntax tree of a rules program. The ANTLR parse tree never leaves syntax/parser.cc: this is what
// every later stage (checker, evaluator, formatter, diff) reads. Every node carries its source span.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "syntax/source.h"
#include "value/decimal.h"

namespace caqes::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// The unit written after a number literal.
enum class LiteralUnit { None, Euro, Percent };

struct NumberLiteral {
  Decimal value;     // already scaled: 7,5 % is 0.075
  LiteralUnit unit = LiteralUnit::None;
  int decimals = 0;  // digits written after the comma, for `≈` in tests
  std::string text;  // as written
};
struct StringLiteral {
  std::string value;
  bool bare_code = false;  // a bare word inside a list: [D02, D04]
};
struct DateLiteral {
  int year = 0, month = 0, day = 0;
};
struct BooleanLiteral {
  bool value = false;
};
struct AbsentLiteral {};
struct CurrentYear {};  // N
struct Name {
  std::string name;
};
struct Member {
  ExprPtr object;
  std::string member;
  Span member_span;
};

// A period: N, N-1, N+2 (relative to the year being evaluated) or a fixed year such as 2019.
struct Period {
  bool relative = true;
  int offset = 0;  // relative: N + offset
  int year = 0;    // absolute
  Span span;
  int apply(int current_year) const { return relative ? current_year + offset : year; }
  std::string text() const;
};
struct AtPeriod {
  ExprPtr expr;
  Period period;
};

enum class UnaryOp { Negate, Not };
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp { Add, Subtract, Multiply, Divide, Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, Approx, And, Or };
const char* spelling(BinaryOp op);
struct Binary {
  BinaryOp op;
  ExprPtr lhs, rhs;
};

struct In {
  ExprPtr value;
  ExprPtr list;
  bool negated = false;
};
struct If {
  ExprPtr condition, then_branch, else_branch;
};
struct List {
  std::vector<ExprPtr> items;
};
struct SelonArm {
  std::vector<ExprPtr> keys;
  ExprPtr result;
  Span span;
};
struct Selon {
  ExprPtr subject;
  std::vector<SelonArm> arms;
  ExprPtr otherwise;  // may be null
};

// One argument of a call, with the clauses of aggregations and population statistics:
//   somme(montant de phev où classe = "IPP"), médiane(x par catégorie), compte(séjours[2019] où durée >= 3)
struct Argument {
  ExprPtr value;
  ExprPtr source;  // `de TABLE`
  ExprPtr group;   // `par EXPR`
  ExprPtr filter;  // `où EXPR`
  Span span;
};
struct Call {
  std::string function;
  Span name_span;
  std::vector<Argument> args;
};

struct Expr {
  int id = 0;  // unique in the program: the checker and the evaluator key their side tables by it
  Span span;
  std::variant<NumberLiteral, StringLiteral, DateLiteral, BooleanLiteral, AbsentLiteral, CurrentYear, Name, Member, AtPeriod,
               Unary, Binary, In, If, List, Selon, Call>
      node;

  template <class T>
  const T* as() const { return std::get_if<T>(&node); }
};

struct MetaValue {
  std::string text;
  bool quoted = false;
  Span span;
};
struct Metadata {
  std::string key;
  std::vector<MetaValue> values;
  Span span;
  std::string joined() const;  // values separated by ", "
};

// How a declaration of a contract that extends another relates to the base contract's declaration of that name.
enum class Change { New, Replace, Modify };

// retire indicateur x; in a contract that extends another.
struct Removal {
  std::string kind;  // "indicateur", "paramètre", "table", "test"
  std::string name;
  Span span;
};

// références_nationales caqes_2022 pour 2019; in a file written by `caqes références`: its figures are those of
// that contract, for those years.
struct NationalReferencesDecl {
  std::string contract;
  std::vector<int> years;
  Span span, contract_span;  // the whole declaration, the contract's name
};

struct ImportDecl {
  std::string path;
  Span span;  // the whole declaration
};

struct ContractDecl {
  std::string name, label;
  int first_year = 0, last_year = 0;
  Span years_span;
  std::vector<Metadata> metadata;
  Span span;
  Span extent;
};

enum class TableKind { Entity, EntityYear, Rows, RowsYear };
struct Column {
  std::string name, type_name, label;
  Span span, type_span;
  Span extent;  // the whole declaration
};
struct TableDecl {
  std::string name, label;
  TableKind kind = TableKind::Entity;
  std::vector<Column> columns;  // as declared; the key columns (finess, année) are implied by the kind
  Change change = Change::New;
  Span span, name_span;
  Span extent;
};

struct ParameterDecl {
  std::string name, label, type_name;
  Span type_span;
  Change change = Change::New;
  int first_year = 0, last_year = 0;  // `remplace paramètre x pour 2023..2024 = ...`: only those years change
  ExprPtr value;
  Span span, name_span;
};

struct Binding {
  std::string name, label;
  ExprPtr value;
  Span span, name_span;
};
struct IndicatorDecl {
  std::string name, label;
  std::vector<Metadata> metadata;
  std::vector<Binding> bindings;  // includes the reserved ones: valeur, ciblage, cible, atteint, intéressement
  Change change = Change::New;
  Span span, name_span;
  Span extent;
};

struct FieldValue {
  std::string column;
  ExprPtr value;
  Span span;
};
struct TestRow {
  std::string table;
  int times = 1;  // `séjours × 1 000: ...` stands for 1 000 identical rows
  std::vector<FieldValue> fields;
  Span span;
  Span extent;
};
struct Expectation {
  std::string entity;  // empty: the test's establishment (`finess "…";` in the test)
  ExprPtr expr;
  Span span;
};
struct TestDecl {
  std::string label;
  std::vector<Metadata> metadata;
  std::vector<TestRow> rows;
  std::vector<Expectation> expectations;
  Span span;
  Span extent;
  // The FINESS of `finess "…";` in the test: the establishment of its rows that give none and of its `attendu:`
  // that name none. Empty when the test gives none.
  std::string default_finess() const;
  // The FINESS an expectation is about: its own, or the test's.
  std::string entity_of(const Expectation& e) const { return e.entity.empty() ? default_finess() : e.entity; }
};

// A comment, kept for the formatter.
struct Comment {
  int line = 0, column = 0, end_line = 0;
  std::string text;
};

// Everything declared by one contract: all the files of a rules directory and what they import.
struct Program {
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<ImportDecl> imports;
  std::vector<ContractDecl> contracts;
  std::vector<TableDecl> tables;
  std::vector<ParameterDecl> parameters;
  std::vector<IndicatorDecl> indicators;
  std::vector<TestDecl> tests;
  std::vector<Removal> removals;
  std::vector<NationalReferencesDecl> national_references;
  std::string base_contract;  // the contract this one extends, once resolved
  // files[own_files_begin..] are the contract's own (its folder and its imports); those before come from the
  // contract it extends.
  std::size_t own_files_begin = 0;
  std::vector<std::pair<const SourceFile*, std::vector<Comment>>> comments;  // per file, in order
  int next_expr_id = 1;
};

}  // namespace caqes::ast
