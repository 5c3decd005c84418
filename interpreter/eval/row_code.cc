// The row-code compiler and its nodes. Each node mirrors one case of the tree walker (expression_evaluator.cc):
// absent propagates through arithmetic and comparisons, `et` is false as soon as one side is false, `ou` true as
// soon as one side is true; the built-in functions are the ones the tree walker calls (stdlib/builtins.h).
#include "eval/row_code.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/builtins.h"
#include "value/text_key.h"

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

// Where a node reads a column: the row's or the outer row's, at one index.
struct ColumnPlace {
  int column = 0;
  bool outer = false;
  const Value& in(const RowFrame& f) const { return (*(outer ? f.outer : f.row))[column]; }
};

class Column final : public RowCode {
 public:
  explicit Column(ColumnPlace place) : place_(place) {}
  const Value& get(const RowFrame& f, Value&) const override { return place_.in(f); }
  Truth test(const RowFrame& f) const override { return truth_of(place_.in(f)); }
  ColumnPlace place() const { return place_; }

 private:
  ColumnPlace place_;
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

// A chain of `et` (decisive false) or of `ou` (decisive true), flattened: `a et b et c` is one node that tests its
// parts in turn, not two nodes that call each other. It stops at the same part as the nested form would (the first
// decisive one, from the left) and gives the same truth (absent when no part is decisive and one is absent).
class Junction final : public RowCode {
 public:
  Junction(bool decisive, std::vector<std::unique_ptr<RowCode>> parts)
      : decisive_(decisive ? Truth::True : Truth::False), parts_(std::move(parts)) {}
  Truth test(const RowFrame& f) const override {
    bool absent = false;
    for (const auto& part : parts_) {
      Truth t = part->test(f);
      if (t == decisive_) return t;
      absent = absent || t == Truth::Absent;
    }
    if (absent) return Truth::Absent;
    return decisive_ == Truth::True ? Truth::False : Truth::True;
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  Truth decisive_;
  std::vector<std::unique_ptr<RowCode>> parts_;
};

// Two present values compared, as the tree walker compares them.
Truth compared(ast::BinaryOp op, const Value& l, const Value& r) {
  if (l.is_text() && (op == ast::BinaryOp::Equal || op == ast::BinaryOp::NotEqual))
    return (l.text() == r.text()) == (op == ast::BinaryOp::Equal) ? Truth::True : Truth::False;
  return comparison_holds(op, compare(l, r)) ? Truth::True : Truth::False;
}

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
    return compared(op_, l, r);
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  ast::BinaryOp op_;
  std::unique_ptr<RowCode> lhs_, rhs_;
};

// Two columns compared (patient = interventions.patient, the correlation a nested lookup tests on each of its
// candidate rows): both read in place, texts compared by size then bytes.
class ColumnVersusColumn final : public RowCode {
 public:
  ColumnVersusColumn(ast::BinaryOp op, ColumnPlace lhs, ColumnPlace rhs) : op_(op), lhs_(lhs), rhs_(rhs) {}
  Truth test(const RowFrame& f) const override {
    const Value& l = lhs_.in(f);
    if (l.absent()) return Truth::Absent;
    const Value& r = rhs_.in(f);
    if (r.absent()) return Truth::Absent;
    return compared(op_, l, r);
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  ast::BinaryOp op_;
  ColumnPlace lhs_, rhs_;
};

// A column compared with a constant (champ = "MCO", durée ≥ 3), the comparison nearly every filter of an extract is
// made of: the column is read in place, and anything but the common case goes the way of Comparison.
class ColumnVersusConstant : public RowCode {
 public:
  ColumnVersusConstant(ast::BinaryOp op, ColumnPlace place, Value constant)
      : op_(op), place_(place), constant_(std::move(constant)) {}
  Truth test(const RowFrame& f) const override { return general(place_.in(f)); }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 protected:
  Truth general(const Value& v) const {
    if (v.absent() || constant_.absent()) return Truth::Absent;
    return compared(op_, v, constant_);
  }

  ast::BinaryOp op_;
  ColumnPlace place_;
  Value constant_;
};

// A column of codes or texts equal (or not) to a text of at most 16 bytes: matched by its key (value/text_key.h).
class ColumnIsShortText final : public ColumnVersusConstant {
 public:
  ColumnIsShortText(ast::BinaryOp op, ColumnPlace place, Value constant, TextKey key)
      : ColumnVersusConstant(op, place, std::move(constant)), key_(key), equal_(op == ast::BinaryOp::Equal) {}
  Truth test(const RowFrame& f) const override {
    const Value& v = place_.in(f);
    if (!v.is_text()) return general(v);
    const std::string& text = v.text();
    TextKey key;
    bool same = text.size() == key_.size && TextKey::of(text, key) && key == key_;
    return same == equal_ ? Truth::True : Truth::False;
  }

 private:
  TextKey key_;
  bool equal_;
};

// A column of numbers against a number (durée ≥ 3): Decimal's inline compare of two small forms.
class ColumnVersusNumber final : public ColumnVersusConstant {
 public:
  using ColumnVersusConstant::ColumnVersusConstant;
  Truth test(const RowFrame& f) const override {
    const Value& v = place_.in(f);
    if (!v.is_number()) return general(v);
    return comparison_holds(op_, v.number().compare(constant_.number())) ? Truth::True : Truth::False;
  }
};

std::unique_ptr<RowCode> column_versus_constant(ast::BinaryOp op, ColumnPlace place, Value constant) {
  TextKey key;
  if (constant.is_text() && (op == ast::BinaryOp::Equal || op == ast::BinaryOp::NotEqual) &&
      TextKey::of(constant.text(), key))
    return std::make_unique<ColumnIsShortText>(op, place, std::move(constant), key);
  if (constant.is_number()) return std::make_unique<ColumnVersusNumber>(op, place, std::move(constant));
  return std::make_unique<ColumnVersusConstant>(op, place, std::move(constant));
}

// What a specialised node reads: a column of the row (or of the outer row), or a constant.
struct Operand {
  std::optional<ColumnPlace> place;
  Value constant;
  const Value& in(const RowFrame& f) const { return place ? place->in(f) : constant; }
};

// sous_texte(column, début, longueur) with a constant position and length (sous_texte(ghm, 3, 1)): the characters
// are found in the cell and given as a view of it, for the comparisons and lists below; get() is the built-in's.
class SubstringOfColumn final : public RowCode {
 public:
  SubstringOfColumn(std::unique_ptr<RowCode> call, ColumnPlace place, long long from, long long length)
      : call_(std::move(call)), place_(place), from_(from), length_(length) {}
  const Value& get(const RowFrame& f, Value& scratch) const override { return call_->get(f, scratch); }
  // The cell, when it is a text (false for an absent cell or another value: then ask get()).
  const Value& cell(const RowFrame& f) const { return place_.in(f); }
  // The characters from `from_` (1 for the first), `length_` of them, as substring_builtin picks them: UTF-8
  // characters, a lead byte giving the length of its character (clipped at the end of the text).
  std::string_view view(const std::string& text) const {
    std::size_t begin = text.size(), end = text.size();
    long long index = 0;
    bool started = false;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t n = utf8_length(static_cast<unsigned char>(text[i]));
      ++index;
      if (index >= from_ + length_) {
        end = i;
        break;
      }
      if (!started && index >= from_) {
        begin = i;
        started = true;
      }
      i += n;
    }
    if (!started) return std::string_view();
    return std::string_view(text).substr(begin, std::min(end, text.size()) - begin);
  }

 private:
  std::unique_ptr<RowCode> call_;
  ColumnPlace place_;
  long long from_, length_;
};

// sous_texte(column, a, b) = "C" (or ≠): the characters compared in place, without building a text.
class SubstringIsText final : public RowCode {
 public:
  SubstringIsText(std::unique_ptr<RowCode> substring, Value constant, bool equal)
      : substring_(std::move(substring)), constant_(std::move(constant)), equal_(equal),
        of_column_(static_cast<const SubstringOfColumn*>(substring_.get())) {}
  Truth test(const RowFrame& f) const override {
    const Value& cell = of_column_->cell(f);
    if (cell.is_text()) return (of_column_->view(cell.text()) == constant_.text()) == equal_ ? Truth::True : Truth::False;
    Value s;
    const Value& v = substring_->get(f, s);
    if (v.absent()) return Truth::Absent;
    return compared(equal_ ? ast::BinaryOp::Equal : ast::BinaryOp::NotEqual, v, constant_);
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  std::unique_ptr<RowCode> substring_;
  Value constant_;
  bool equal_;
  const SubstringOfColumn* of_column_;
};

// commence_par(column, "14"): the cell's first bytes compared in place.
class ColumnStartsWith final : public RowCode {
 public:
  ColumnStartsWith(std::unique_ptr<RowCode> call, ColumnPlace place, std::string prefix)
      : call_(std::move(call)), place_(place), prefix_(std::move(prefix)) {}
  Truth test(const RowFrame& f) const override {
    const Value& cell = place_.in(f);
    if (cell.is_text()) return cell.text().compare(0, prefix_.size(), prefix_) == 0 ? Truth::True : Truth::False;
    Value s;
    return truth_of(call_->get(f, s));
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  std::unique_ptr<RowCode> call_;
  ColumnPlace place_;
  std::string prefix_;
};

// jours_entre(d1, d2) over columns or constant dates; days() gives the day count without building a Value.
class DaysBetween final : public RowCode {
 public:
  DaysBetween(std::unique_ptr<RowCode> call, Operand from, Operand to)
      : call_(std::move(call)), from_(std::move(from)), to_(std::move(to)) {}
  const Value& get(const RowFrame& f, Value& scratch) const override { return call_->get(f, scratch); }
  // Present: both dates present; `days` is then the count. Dates (the checker's types) are otherwise rejected
  // here, and the caller goes the general way.
  enum class Days { Present, Absent, Other };
  Days days(const RowFrame& f, long long& days) const {
    const Value& a = from_.in(f);
    const Value& b = to_.in(f);
    if (a.is_date() && b.is_date()) {
      days = static_cast<long long>(b.date().days) - a.date().days;
      return Days::Present;
    }
    return (a.absent() || b.absent()) ? Days::Absent : Days::Other;
  }

 private:
  std::unique_ptr<RowCode> call_;
  Operand from_, to_;
};

// jours_entre(d1, d2) op number (≥ 0, ≤ fenêtre_epa): compared as the number of days, exactly as Decimal does.
class DaysVersusNumber final : public RowCode {
 public:
  DaysVersusNumber(ast::BinaryOp op, std::unique_ptr<RowCode> days, Value constant)
      : op_(op), days_(std::move(days)), constant_(std::move(constant)),
        between_(static_cast<const DaysBetween*>(days_.get())) {
    if (auto whole = constant_.number().to_int(); whole && Decimal(*whole).compare(constant_.number()) == 0)
      whole_ = whole;
  }
  Truth test(const RowFrame& f) const override {
    long long days = 0;
    switch (between_->days(f, days)) {
      case DaysBetween::Days::Absent: return Truth::Absent;
      case DaysBetween::Days::Other: {
        Value s;
        const Value& v = days_->get(f, s);
        if (v.absent()) return Truth::Absent;
        return compared(op_, v, constant_);
      }
      case DaysBetween::Days::Present: break;
    }
    int order = whole_ ? (days > *whole_) - (days < *whole_) : Decimal(days).compare(constant_.number());
    return comparison_holds(op_, order) ? Truth::True : Truth::False;
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  ast::BinaryOp op_;
  std::unique_ptr<RowCode> days_;
  Value constant_;
  const DaysBetween* between_;
  std::optional<long long> whole_;  // the constant, when it is a whole number
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

// `x dans [..]` where every item is a text of at most 16 bytes (the codes of the rules' lists): the value's key
// (value/text_key.h) compared with every item's, or searched by halves in a longer list.
class InShortTexts final : public RowCode {
 public:
  InShortTexts(std::unique_ptr<RowCode> value, std::vector<Value> items, std::vector<TextKey> keys, bool negated)
      : value_(std::move(value)), items_(std::move(items)), keys_(std::move(keys)), negated_(negated) {
    std::sort(keys_.begin(), keys_.end());
    if (const auto* column = dynamic_cast<const Column*>(value_.get())) column_ = column->place();
    substring_ = dynamic_cast<const SubstringOfColumn*>(value_.get());
  }
  Truth test(const RowFrame& f) const override {
    if (column_) return test_value(column_->in(f));
    if (substring_) {
      const Value& cell = substring_->cell(f);
      if (cell.is_text()) {
        TextKey key;
        bool found = TextKey::of(substring_->view(cell.text()), key) && contains(key);
        return found != negated_ ? Truth::True : Truth::False;
      }
    }
    Value s;
    return test_value(value_->get(f, s));
  }
  const Value& get(const RowFrame& f, Value& scratch) const override { return scratch = value_of(test(f)); }

 private:
  Truth test_value(const Value& v) const {
    if (v.is_text()) {
      TextKey key;
      bool found = TextKey::of(v.text(), key) && contains(key);
      return found != negated_ ? Truth::True : Truth::False;
    }
    if (v.absent()) return Truth::Absent;
    bool found = std::any_of(items_.begin(), items_.end(), [&](const Value& item) { return item.equals(v); });
    return found != negated_ ? Truth::True : Truth::False;
  }

  std::unique_ptr<RowCode> value_;
  std::vector<Value> items_;
  // Up to 16 keys (the lists of the rules), every one compared without a branch; more, by halves.
  bool contains(const TextKey& key) const {
    if (keys_.size() > 16) return std::binary_search(keys_.begin(), keys_.end(), key);
    bool found = false;
    for (const TextKey& k : keys_) found |= k == key;
    return found;
  }

  std::vector<TextKey> keys_;
  bool negated_;
  std::optional<ColumnPlace> column_;  // the value is a column of the row, read in place
  const SubstringOfColumn* substring_ = nullptr;  // the value is sous_texte of a column, read in place
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
    if (r.what == Reference::What::RowColumn) return std::make_unique<Column>(ColumnPlace{r.column, false});
    if (r.what == Reference::What::OuterRowColumn) return std::make_unique<Column>(ColumnPlace{r.column, true});
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
      case ast::BinaryOp::Or: {
        std::vector<const ast::Expr*> operands;
        junction_operands(e, n.op, operands);
        std::vector<std::unique_ptr<RowCode>> parts;
        for (const ast::Expr* operand : operands) parts.push_back(compile(*operand));
        return std::make_unique<Junction>(n.op == ast::BinaryOp::Or, std::move(parts));
      }
      case ast::BinaryOp::Equal:
      case ast::BinaryOp::NotEqual:
      case ast::BinaryOp::Less:
      case ast::BinaryOp::LessEqual:
      case ast::BinaryOp::Greater:
      case ast::BinaryOp::GreaterEqual:
        return comparison(n.op, compile(*n.lhs), compile(*n.rhs));
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Subtract:
      case ast::BinaryOp::Multiply:
        return std::make_unique<Arithmetic>(n.op, compile(*n.lhs), compile(*n.rhs));
      default:
        return leave(e);  // division (the contract's policy on zero), ≈
    }
  }

  // The operands of a chain of one operator, from the left: `a et b et c` (parsed ((a et b) et c)) gives a, b, c.
  static void junction_operands(const ast::Expr& e, ast::BinaryOp op, std::vector<const ast::Expr*>& out) {
    if (auto* b = e.as<ast::Binary>(); b && b->op == op) {
      junction_operands(*b->lhs, op, out);
      junction_operands(*b->rhs, op, out);
      return;
    }
    out.push_back(&e);
  }

  // `constant op column` read as `column op' constant`.
  static ast::BinaryOp mirrored(ast::BinaryOp op) {
    switch (op) {
      case ast::BinaryOp::Less: return ast::BinaryOp::Greater;
      case ast::BinaryOp::LessEqual: return ast::BinaryOp::GreaterEqual;
      case ast::BinaryOp::Greater: return ast::BinaryOp::Less;
      case ast::BinaryOp::GreaterEqual: return ast::BinaryOp::LessEqual;
      default: return op;
    }
  }

  // sous_texte(column, a, b) = text and jours_entre(d1, d2) op number, with the node on the left: null otherwise
  // (and then `node` and `constant` are left as they were).
  static std::unique_ptr<RowCode> specialised(ast::BinaryOp op, std::unique_ptr<RowCode>& node,
                                              std::unique_ptr<RowCode>& constant) {
    const Constant* k = as_constant(constant);
    if (!k) return nullptr;
    if (dynamic_cast<const SubstringOfColumn*>(node.get()) && k->value().is_text() &&
        (op == ast::BinaryOp::Equal || op == ast::BinaryOp::NotEqual))
      return std::make_unique<SubstringIsText>(std::move(node), k->value(), op == ast::BinaryOp::Equal);
    if (dynamic_cast<const DaysBetween*>(node.get()) && k->value().is_number())
      return std::make_unique<DaysVersusNumber>(op, std::move(node), k->value());
    return nullptr;
  }

  static std::unique_ptr<RowCode> comparison(ast::BinaryOp op, std::unique_ptr<RowCode> lhs, std::unique_ptr<RowCode> rhs) {
    const auto* lhs_column = dynamic_cast<const Column*>(lhs.get());
    const auto* rhs_column = dynamic_cast<const Column*>(rhs.get());
    if (lhs_column && as_constant(rhs))
      return column_versus_constant(op, lhs_column->place(), as_constant(rhs)->value());
    if (rhs_column && as_constant(lhs))
      return column_versus_constant(mirrored(op), rhs_column->place(), as_constant(lhs)->value());
    if (lhs_column && rhs_column) return std::make_unique<ColumnVersusColumn>(op, lhs_column->place(), rhs_column->place());
    if (auto special = specialised(op, lhs, rhs)) return special;
    if (auto special = specialised(mirrored(op), rhs, lhs)) return special;
    return std::make_unique<Comparison>(op, std::move(lhs), std::move(rhs));
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
    std::vector<TextKey> keys(items.size());
    bool short_texts = true;
    for (std::size_t i = 0; i < items.size() && short_texts; ++i)
      short_texts = items[i].is_text() && TextKey::of(items[i].text(), keys[i]);
    if (short_texts)
      return std::make_unique<InShortTexts>(compile(*n.value), std::move(items), std::move(keys), n.negated);
    return std::make_unique<InList>(compile(*n.value), std::move(items), n.negated);
  }

  std::unique_ptr<RowCode> node(const ast::Expr&, const ast::If& n) {
    return std::make_unique<Conditional>(compile(*n.condition), compile(*n.then_branch), compile(*n.else_branch));
  }

  // Argument i when it is a column or a constant.
  static std::optional<Operand> operand(const std::vector<std::unique_ptr<RowCode>>& args, std::size_t i) {
    if (i >= args.size()) return std::nullopt;
    if (const auto* column = dynamic_cast<const Column*>(args[i].get())) return Operand{column->place(), Value()};
    if (const Constant* k = as_constant(args[i])) return Operand{std::nullopt, k->value()};
    return std::nullopt;
  }

  // The calls the filters make on every row, read in place: sous_texte(column, a, b), commence_par(column, "…"),
  // jours_entre(d1, d2). The Builtin stays inside for what the shapes leave (a value that is not a text...).
  static std::unique_ptr<RowCode> specialised(Function function, std::unique_ptr<RowCode> call,
                                              const std::optional<Operand>& a, const std::optional<Operand>& b,
                                              const std::optional<Operand>& c) {
    switch (function) {
      case Function::Substring:
        if (a && a->place && b && !b->place && b->constant.is_number() && c && !c->place && c->constant.is_number())
          return std::make_unique<SubstringOfColumn>(std::move(call), *a->place,
                                                     b->constant.number().to_int().value_or(1),
                                                     c->constant.number().to_int().value_or(0));
        break;
      case Function::StartsWith:
        if (a && a->place && b && !b->place && b->constant.is_text())
          return std::make_unique<ColumnStartsWith>(std::move(call), *a->place, b->constant.text());
        break;
      case Function::DaysBetween:
        if (a && b) return std::make_unique<DaysBetween>(std::move(call), *a, *b);
        break;
      default: break;
    }
    return call;
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
    std::optional<Operand> first = operand(args, 0), second = operand(args, 1);
    std::optional<Operand> third = operand(args, 2);
    auto call = std::make_unique<Builtin>(function.scalar, units, std::move(args));
    if (!constant_args) return specialised(info.function, std::move(call), first, second, third);
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
