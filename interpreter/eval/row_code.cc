// The row-code compiler and its nodes. Each node mirrors one case of the tree walker (expression_evaluator.cc):
// absent propagates through arithmetic and comparisons, `et` is false as soon as one side is false, `ou` true as
// soon as one side is true; the built-in functions are the ones the tree walker calls (stdlib/builtins.h).
#include "eval/row_code.h"

#include <array>
#include <vector>

#include "stdlib/builtins.h"

namespace caqes {
namespace {

Truth truth_of(const Value& v) {
  if (v.absent()) return Truth::Absent;
  return v.boolean() ? Truth::True : Truth::False;
}

Value value_of(Truth t) { return t == Truth::Absent ? Value() : Value(t == Truth::True); }

class Constant final : public RowCode {
 public:
  explicit Constant(Value v) : v_(std::move(v)) {}
  const Value& get(const RowFrame&, Value&) const override { return v_; }
  Truth test(const RowFrame&) const override { return truth_; }
  const Value& value() const { return v_; }

 private:
  Value v_;
  Truth truth_ = v_.is_bool() ? truth_of(v_) : Truth::Absent;
};

class Column final : public RowCode {
 public:
  Column(int column, bool outer) : column_(column), outer_(outer) {}
  const Value& get(const RowFrame& f, Value&) const override { return (*(outer_ ? f.outer : f.row))[column_]; }
  Truth test(const RowFrame& f) const override { return truth_of((*(outer_ ? f.outer : f.row))[column_]); }

 private:
  int column_;
  bool outer_;
};

class Not final : public RowCode {
 public:
  explicit Not(std::unique_ptr<RowCode> operand) : operand_(std::move(operand)) {}
  Truth test(const RowFrame& f) const override {
    Truth t = operand_->test(f);
    return t == Truth::Absent ? t : t == Truth::True ? Truth::False : Truth::True;
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  std::unique_ptr<RowCode> operand_;
};

class Negate final : public RowCode {
 public:
  explicit Negate(std::unique_ptr<RowCode> operand) : operand_(std::move(operand)) {}
  const Value& get(const RowFrame& f, Value& scratch) const override {
    const Value& v = operand_->get(f, scratch);
    if (v.absent()) return scratch = Value();
    return scratch = Value(-v.number());
  }

 private:
  std::unique_ptr<RowCode> operand_;
};

// `et` (decisive false) and `ou` (decisive true).
class Logical final : public RowCode {
 public:
  Logical(bool decisive, std::unique_ptr<RowCode> lhs, std::unique_ptr<RowCode> rhs)
      : decisive_(decisive ? Truth::True : Truth::False), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  Truth test(const RowFrame& f) const override {
    Truth l = lhs_->test(f);
    if (l == decisive_) return l;
    Truth r = rhs_->test(f);
    if (r == decisive_) return r;
    if (l == Truth::Absent || r == Truth::Absent) return Truth::Absent;
    return decisive_ == Truth::True ? Truth::False : Truth::True;
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  Truth decisive_;
  std::unique_ptr<RowCode> lhs_, rhs_;
};

class Comparison final : public RowCode {
 public:
  Comparison(ast::BinaryOp op, std::unique_ptr<RowCode> lhs, std::unique_ptr<RowCode> rhs)
      : op_(op), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  Truth test(const RowFrame& f) const override {
    Value ls, rs;
    const Value& l = lhs_->get(f, ls);
    if (l.absent()) return Truth::Absent;
    const Value& r = rhs_->get(f, rs);
    if (r.absent()) return Truth::Absent;
    if (l.is_text() && (op_ == ast::BinaryOp::Equal || op_ == ast::BinaryOp::NotEqual))
      return (l.text() == r.text()) == (op_ == ast::BinaryOp::Equal) ? Truth::True : Truth::False;
    int c = compare(l, r);
    return comparison_holds(op_, c) ? Truth::True : Truth::False;
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  ast::BinaryOp op_;
  std::unique_ptr<RowCode> lhs_, rhs_;
};

class Arithmetic final : public RowCode {
 public:
  Arithmetic(ast::BinaryOp op, std::unique_ptr<RowCode> lhs, std::unique_ptr<RowCode> rhs)
      : op_(op), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  const Value& get(const RowFrame& f, Value& scratch) const override {
    Value ls, rs;
    const Value& l = lhs_->get(f, ls);
    const Value& r = rhs_->get(f, rs);
    if (l.absent() || r.absent()) return scratch = Value();
    switch (op_) {
      case ast::BinaryOp::Add: return scratch = Value(l.number() + r.number());
      case ast::BinaryOp::Subtract: return scratch = Value(l.number() - r.number());
      default: return scratch = Value(l.number() * r.number());
    }
  }

 private:
  ast::BinaryOp op_;
  std::unique_ptr<RowCode> lhs_, rhs_;
};

// `x dans [..]` with a list that is the same for every row.
class InList final : public RowCode {
 public:
  InList(std::unique_ptr<RowCode> value, std::vector<Value> items, bool negated)
      : value_(std::move(value)), items_(std::move(items)), negated_(negated) {}
  Truth test(const RowFrame& f) const override {
    Value s;
    const Value& v = value_->get(f, s);
    if (v.absent()) return Truth::Absent;
    bool found = false;
    for (const auto& item : items_)
      if (item.equals(v)) {
        found = true;
        break;
      }
    return found != negated_ ? Truth::True : Truth::False;
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  std::unique_ptr<RowCode> value_;
  std::vector<Value> items_;
  bool negated_;
};

class Conditional final : public RowCode {
 public:
  Conditional(std::unique_ptr<RowCode> condition, std::unique_ptr<RowCode> then_branch,
              std::unique_ptr<RowCode> else_branch)
      : condition_(std::move(condition)), then_(std::move(then_branch)), else_(std::move(else_branch)) {}
  const Value& get(const RowFrame& f, Value& scratch) const override {
    Truth c = condition_->test(f);
    if (c == Truth::Absent) return scratch = Value();
    return (c == Truth::True ? then_ : else_)->get(f, scratch);
  }
  Truth test(const RowFrame& f) const override {
    Truth c = condition_->test(f);
    if (c == Truth::Absent) return c;
    return (c == Truth::True ? then_ : else_)->test(f);
  }

 private:
  std::unique_ptr<RowCode> condition_, then_, else_;
};

// A scalar built-in over its compiled arguments: what it computes is stdlib's (builtins.h), the tree walker's too.
class Builtin final : public RowCode {
 public:
  Builtin(ScalarBuiltin function, CallUnits units, std::vector<std::unique_ptr<RowCode>> args)
      : function_(function), units_(units), args_(std::move(args)) {}
  const Value& get(const RowFrame& f, Value& scratch) const override {
    // The arguments are read in place (a text of the row is not copied); calls of more arguments than this, a
    // min or max of many, are rare enough to allocate.
    constexpr std::size_t kInPlace = 4;
    if (args_.size() <= kInPlace) {
      std::array<Value, kInPlace> scratches;
      std::array<const Value*, kInPlace> values;
      return scratch = call(f, scratches.data(), values.data());
    }
    std::vector<Value> scratches(args_.size());
    std::vector<const Value*> values(args_.size());
    return scratch = call(f, scratches.data(), values.data());
  }

 private:
  Value call(const RowFrame& f, Value* scratches, const Value** values) const {
    for (std::size_t i = 0; i < args_.size(); ++i) values[i] = &args_[i]->get(f, scratches[i]);
    return function_(Arguments(values, args_.size()), units_);
  }

  ScalarBuiltin function_;
  CallUnits units_;
  std::vector<std::unique_ptr<RowCode>> args_;
};

class Quantified final : public RowCode {
 public:
  Quantified(bool every, std::vector<std::unique_ptr<RowCode>> parts) : every_(every), parts_(std::move(parts)) {}
  Truth test(const RowFrame& f) const override {
    for (const auto& part : parts_)
      if ((part->test(f) == Truth::True) != every_) return every_ ? Truth::False : Truth::True;
    return every_ ? Truth::True : Truth::False;
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  bool every_;
  std::vector<std::unique_ptr<RowCode>> parts_;
};

class Compiler {
 public:
  Compiler(const CheckedProgram& p, int year, RowCodeHost& host) : p_(p), year_(year), host_(host) {}

  std::unique_ptr<RowCode> compile(const ast::Expr& e) {
    return std::visit([&](const auto& n) { return node(e, n); }, e.node);
  }

 private:
  const CheckedProgram& p_;
  int year_;
  RowCodeHost& host_;

  std::unique_ptr<RowCode> leave(const ast::Expr& e) { return host_.interpreted(e, year_); }
  static std::unique_ptr<RowCode> constant(Value v) { return std::make_unique<Constant>(std::move(v)); }
  static const Constant* as_constant(const std::unique_ptr<RowCode>& c) { return dynamic_cast<const Constant*>(c.get()); }

  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::NumberLiteral& n) { return constant(Value(n.value)); }
  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::StringLiteral& n) { return constant(Value(n.value)); }
  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::DateLiteral& n) {
    return constant(Value(Date::from_civil(n.year, n.month, n.day)));
  }
  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::BooleanLiteral& n) { return constant(Value(n.value)); }
  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::AbsentLiteral&) { return constant(Value()); }
  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::CurrentYear&) { return constant(Value(Decimal(year_))); }
  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::Name&) { return reference(e); }
  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::Member&) { return reference(e); }
  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::AtPeriod&) { return leave(e); }
  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::Selon&) { return leave(e); }
  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::List&) { return leave(e); }

  bool row_column(const ast::Expr& e) const {
    const auto* found = p_.references_.find(e.id);
    return found && (found->second.what == Reference::What::RowColumn ||
                     found->second.what == Reference::What::OuterRowColumn);
  }

  std::unique_ptr<RowCode> reference(const ast::Expr& e) {
    const auto* found = p_.references_.find(e.id);
    if (!found) return leave(e);
    const Reference& r = found->second;
    if (r.what == Reference::What::RowColumn) return std::make_unique<Column>(r.column, false);
    if (r.what == Reference::What::OuterRowColumn) return std::make_unique<Column>(r.column, true);
    if (r.what == Reference::What::Parameter)
      if (auto v = host_.constant_parameter(r.parameter, year_)) return constant(std::move(*v));
    return leave(e);
  }

  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::Unary& n) {
    auto operand = compile(*n.operand);
    if (n.op == ast::UnaryOp::Negate) return std::make_unique<Negate>(std::move(operand));
    return std::make_unique<Not>(std::move(operand));
  }

  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::Binary& n) {
    switch (n.op) {
      case ast::BinaryOp::And:
      case ast::BinaryOp::Or:
        return std::make_unique<Logical>(n.op == ast::BinaryOp::Or, compile(*n.lhs), compile(*n.rhs));
      case ast::BinaryOp::Equal:
      case ast::BinaryOp::NotEqual:
      case ast::BinaryOp::Less:
      case ast::BinaryOp::LessEqual:
      case ast::BinaryOp::Greater:
      case ast::BinaryOp::GreaterEqual:
        return std::make_unique<Comparison>(n.op, compile(*n.lhs), compile(*n.rhs));
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Subtract:
      case ast::BinaryOp::Multiply:
        return std::make_unique<Arithmetic>(n.op, compile(*n.lhs), compile(*n.rhs));
      default:
        return leave(e);  // division (the contract's policy on zero), ≈
    }
  }

  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::In& n) {
    std::vector<Value> items;
    if (auto* list = n.list->as<ast::List>()) {
      for (const auto& item : list->items) {
        auto c = compile(*item);
        const Constant* k = as_constant(c);
        if (!k) return leave(e);
        items.push_back(k->value());
      }
    } else {
      auto c = compile(*n.list);
      const Constant* k = as_constant(c);
      if (!k || !k->value().is_list()) return leave(e);
      items = k->value().list();
    }
    return std::make_unique<InList>(compile(*n.value), std::move(items), n.negated);
  }

  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::If& n) {
    return std::make_unique<Conditional>(compile(*n.condition), compile(*n.then_branch), compile(*n.else_branch));
  }

  std::unique_ptr<RowCode> node(const ast::Expr& e, const ast::Call& n) {
    const auto* found = p_.calls.find(e.id);
    if (!found) return leave(e);
    const CallInfo& info = found->second;
    if (info.nested) return host_.nested_aggregation(e, year_);
    const FunctionInfo& function = function_info(info.function);
    if (info.slot >= 0 || !function.scalar) return leave(e);
    // défaut and présent also tolerate a missing datum under 'données_absentes erreur', which the tree walker
    // keeps: they are compiled only over a row's column, which that policy never finds missing.
    if ((info.function == Function::Default || info.function == Function::Present) && !row_column(*n.args[0].value))
      return leave(e);
    std::vector<std::unique_ptr<RowCode>> args;
    bool constant_args = true;
    for (const auto& a : n.args) {
      args.push_back(compile(*a.value));
      constant_args = constant_args && as_constant(args.back());
    }
    CallUnits units{!n.args.empty() && p_.type_of(*n.args[0].value).unit == Unit::Rate};
    auto call = std::make_unique<Builtin>(function.scalar, units, std::move(args));
    if (!constant_args) return call;
    Value scratch;
    return constant(call->get(RowFrame{}, scratch));  // the same for every row
  }
};

}  // namespace

std::unique_ptr<RowCode> all_true(std::vector<std::unique_ptr<RowCode>> parts) {
  return std::make_unique<Quantified>(true, std::move(parts));
}

std::unique_ptr<RowCode> any_true(std::vector<std::unique_ptr<RowCode>> parts) {
  return std::make_unique<Quantified>(false, std::move(parts));
}

bool comparison_holds(ast::BinaryOp op, int order) {
  switch (op) {
    case ast::BinaryOp::Equal: return order == 0;
    case ast::BinaryOp::NotEqual: return order != 0;
    case ast::BinaryOp::Less: return order < 0;
    case ast::BinaryOp::LessEqual: return order <= 0;
    case ast::BinaryOp::Greater: return order > 0;
    case ast::BinaryOp::GreaterEqual: return order >= 0;
    default: return false;
  }
}

Truth RowCode::test(const RowFrame& f) const {
  Value scratch;
  return truth_of(get(f, scratch));
}

std::unique_ptr<RowCode> compile_row_code(const CheckedProgram& program, const ast::Expr& e, int year,
                                          RowCodeHost& host) {
  return Compiler(program, year, host).compile(e);
}

}  // namespace caqes
