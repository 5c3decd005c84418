// Compiling a plan's aggregations to SQL (sql_compiler.h): the expressions of filters and values, then one query per
// group, each column commented with where it comes from in the rules.
//
// The language's logic is three-valued as SQL's is (true, false, absent / NULL, with the same tables for et, ou and
// non; a comparison with an absent value is absent), and an aggregation counts a row only when its filter is true,
// as FILTER (WHERE …) and WHERE do. `si` becomes a CASE that is NULL when its condition is absent. Arithmetic is
// + - × on NUMERIC, exact as the Decimal type is; a division (whose rounding and whose zero the contract governs)
// is not compiled.
#include "sql/sql_compiler.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "format/printer.h"
#include "sql/sql_messages.h"
#include "syntax/ast_walk.h"

namespace caqes {
namespace {

using namespace sql_messages;

// A construct that is not compiled: its expression, reported where it is written.
struct NotCompiled {
  const ast::Expr* e;
};

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

// The operands of a chain of 'et' at the top of an expression.
void conjuncts(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
  const auto* b = e.as<ast::Binary>();
  if (b && b->op == ast::BinaryOp::And) {
    conjuncts(*b->lhs, out);
    conjuncts(*b->rhs, out);
  } else {
    out.push_back(&e);
  }
}

// The nested lookups of one query (existe(…), compte(…) … of other rows, correlated with the row). Instead of a
// correlated subquery evaluated for each row (an index probe per row and per lookup, and on a sharded cluster one
// remote query per row), the lookups of one looked-up table are computed together by one join, grouped by the row
// that looks up (its identity: tableoid, ctid):
//   LEFT JOIN (SELECT r.tableoid, r.ctid, <one aggregate per lookup> FILTER (WHERE its other conditions)
//              FROM <table> AS r JOIN <looked-up table> AS n1
//                ON n1.finess = r.finess AND <the conditions every lookup has> AND <their window of years>
//              WHERE <the rows that some column may count>
//              GROUP BY r.finess, r.tableoid, r.ctid) AS lD ON (lD.t, lD.id) = (r.tableoid, r.ctid)
// A row that finds no looked-up row (or that no column may count) has no line in lD: its value is then what the
// lookup gives on no row (faux, 0; absent for min and max), by COALESCE where the columns read it. existe is bool_or
// of its conditions: true as soon as one joined row meets them, as EXISTS.
// While the columns are compiled, a lookup is a mark (\x01 K \x01), replaced once all of them are known.
struct Lookups {
  struct Lookup {
    std::string sql;                 // the correlated subquery: what identifies the lookup
    std::string shown;               // as the rules write it
    int table = -1;                  // the table it looks up
    Function function = Function::RowExists;
    std::string value;               // the aggregated value over n1 ("" for existe and compte(t où …))
    std::string year;                // its year condition on n1 ("" without years)
    std::string year_column;         // n1's year column
    std::string finess;              // n1's FINESS column
    std::optional<int> relative;     // the looked-up year minus the row's, when written relative
    std::vector<std::string> conditions;  // the 'et' operands of its filter
    // Where some column needs it: (lookup-free 'et' operands of the column's filter, the year of its rows).
    std::vector<std::pair<std::string, int>> guards;
    bool always = false;             // some column needs it on every row
  };
  std::vector<Lookup> list;
  std::vector<int> used;  // the lookups named since the last clear()

  std::string name(Lookup l) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Lookup& x) { return x.sql == l.sql; });
    if (it == list.end()) it = list.insert(list.end(), std::move(l));
    int k = static_cast<int>(it - list.begin());
    used.push_back(k);
    return fmt::format("\x01{}\x01", k);
  }

  // The columns' text with each mark replaced by its lookup's value, and in `joins` the joins that compute them
  // (after FROM <table> AS r). `finess`, `year`: the row table's quoted FINESS and year ("" without years) columns;
  // `rows`: the condition on the years the query reads ("" for all).
  std::string resolve(const std::string& text, const TableMapping& names, const std::string& table_sql,
                      const std::string& finess, const std::string& year, const std::string& rows, std::string& joins) const {
    std::vector<std::string> with(list.size());
    std::vector<int> tables;
    for (const Lookup& l : list)
      if (std::find(tables.begin(), tables.end(), l.table) == tables.end()) tables.push_back(l.table);
    int d = 0;
    for (int looked_up : tables) {
      std::vector<std::size_t> mine;
      for (std::size_t k = 0; k < list.size(); ++k)
        if (list[k].table == looked_up) mine.push_back(k);
      // The conditions every lookup has join; the window of years too when every lookup reads a year relative to
      // the row's.
      std::vector<std::string> shared = list[mine[0]].conditions;
      bool relative = true, always = false;
      int low = 0, high = 0;
      for (std::size_t k : mine) {
        const Lookup& l = list[k];
        shared.erase(std::remove_if(shared.begin(), shared.end(), [&](const auto& c) {
                       return std::find(l.conditions.begin(), l.conditions.end(), c) == l.conditions.end();
                     }), shared.end());
        if (!l.year.empty() && !l.relative) relative = false;
        if (l.relative) {
          low = k == mine[0] ? *l.relative : std::min(low, *l.relative);
          high = k == mine[0] ? *l.relative : std::max(high, *l.relative);
        }
        always |= l.always;
      }
      bool window = relative && !list[mine[0]].year.empty() && !year.empty();
      // The rows that some column may count: the others join no looked-up row.
      std::map<std::string, std::vector<int>> by_rest;
      std::vector<std::string> rests;
      for (std::size_t k : mine)
        for (const auto& [rest, y] : list[k].guards) {
          if (!by_rest.count(rest)) rests.push_back(rest);
          auto& ys = by_rest[rest];
          if (std::find(ys.begin(), ys.end(), y) == ys.end()) ys.push_back(y);
        }
      std::string guard;
      if (!always) {
        for (const auto& rest : rests) {
          std::string one;
          if (!year.empty()) {
            std::vector<int> ys = by_rest[rest];
            std::sort(ys.begin(), ys.end());
            std::string list_text;
            for (int y : ys) list_text += (list_text.empty() ? "" : ", ") + std::to_string(y);
            one = ys.size() == 1 ? fmt::format("r.{} = {}", year, list_text) : fmt::format("r.{} IN ({})", year, list_text);
          }
          if (!rest.empty()) one += (one.empty() ? "" : " AND ") + rest;
          if (one.empty()) {
            guard.clear();
            break;
          }
          guard += (guard.empty() ? "" : " OR ") + (rests.size() == 1 ? one : "(" + one + ")");
        }
      }
      std::string on = fmt::format("{} = r.{}", list[mine[0]].finess, finess);
      for (const auto& c : shared) on += " AND " + c;
      const std::string& looked_year = list[mine[0]].year_column;
      if (window)
        on += low == high ? fmt::format(" AND {} = r.{}{}", looked_year, year, offset(low))
                          : fmt::format(" AND {} BETWEEN r.{}{} AND r.{}{}", looked_year, year, offset(low), year, offset(high));
      // Each part of the guard names its years (when the table has years), among those the query reads.
      std::string where = guard.empty() ? rows : guard;
      std::string alias = fmt::format("l{}", ++d);
      std::string values;
      int v = 0;
      for (std::size_t k : mine) {
        const Lookup& l = list[k];
        ++v;
        std::string cond;
        if (!l.year.empty() && !(window && low == high)) cond += l.year;
        for (const auto& c : l.conditions)
          if (std::find(shared.begin(), shared.end(), c) == shared.end()) cond += (cond.empty() ? "" : " AND ") + c;
        std::string filter = cond.empty() ? "" : " FILTER (WHERE " + cond + ")";
        std::string aggregate, read = fmt::format("{}.\"v{}\"", alias, v);
        switch (l.function) {
          case Function::RowExists:
            aggregate = "bool_or(" + (cond.empty() ? std::string("TRUE") : cond) + ")";
            read = "COALESCE(" + read + ", FALSE)";
            break;
          case Function::RowCount:
            aggregate = (l.value.empty() ? "count(*)" : "count(" + l.value + ")") + filter;
            read = "COALESCE(" + read + ", 0)";
            break;
          case Function::RowSum: aggregate = "sum(" + l.value + ")" + filter; read = "COALESCE(" + read + ", 0)"; break;
          case Function::RowMin: aggregate = "min(" + l.value + ")" + filter; break;
          case Function::RowMax: aggregate = "max(" + l.value + ")" + filter; break;
          default: aggregate = "count(DISTINCT " + l.value + ")" + filter; read = "COALESCE(" + read + ", 0)"; break;
        }
        values += fmt::format("    , {} AS \"v{}\"  -- {}\n", aggregate, v, l.shown);
        with[k] = read;
      }
      joins += fmt::format(
          "-- Les recherches dans {} ({}), calculées par une jointure sur l'établissement{}{}, regroupée par ligne de r "
          "(tableoid, ctid, et l'établissement, clé des partitions d'une grappe : chaque partition est regroupée à part). "
          "Une ligne qui n'en trouve aucune n'est pas dans {} : faux, 0 ou absent\n"
          "LEFT JOIN (SELECT r.tableoid AS \"t\", r.ctid AS \"id\"\n{}"
          "  FROM {} AS r JOIN {} AS n1 ON {}\n{}  GROUP BY r.{}, r.tableoid, r.ctid) AS {} ON {}.\"t\" = r.tableoid AND "
          "{}.\"id\" = r.ctid\n",
          names.table_sql(looked_up), mine.size(), shared.empty() ? "" : ", les conditions qu'elles partagent",
          window ? " et leurs années" : "", alias, values, table_sql, names.table_sql(looked_up), on,
          where.empty() ? "" : "  WHERE " + where + "\n", finess, alias, alias, alias);
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\x01') {
        out += text[i];
        continue;
      }
      std::size_t end = text.find('\x01', i + 1);
      out += with.at(std::stoul(text.substr(i + 1, end - i - 1)));
      i = end;
    }
    return out;
  }

  static std::string offset(int k) { return k == 0 ? "" : fmt::format(" {} {}", k < 0 ? '-' : '+', std::abs(k)); }
};

// The expressions of one aggregation's filter and value, for one year, over the rows aliased `row` (and, inside
// a nested aggregation, the outer rows aliased `outer`).
class ExprCompiler {
 public:
  // `table`: the row-level table whose rows are aliased `r`.
  // `lookups`: where the nested lookups of the rows `r` go (none: written in place).
  // `rows_year`: the year of the rows r that the column counts, when their table has years.
  ExprCompiler(const CheckedProgram& p, const TableMapping& names, const ConstantParameter& constant, int year,
               int table, Lookups* lookups = nullptr, std::optional<int> rows_year = std::nullopt)
      : p_(p), names_(names), constant_(constant), year_(year), lookups_(lookups), rows_year_(rows_year) {
    tables_["r"] = table;
  }

  std::string compile(const ast::Expr& e, const std::string& row, const std::string& outer) {
    return std::visit([&](const auto& n) { return node(e, n, row, outer); }, e.node);
  }

  // A nested aggregation's subquery over `inner` rows of the establishment of `row`; for the rows r of a query with
  // its lookups (`lookups`), the mark of the lookup, computed by a join (Lookups).
  std::string nested(const ast::Expr& e, const std::string& row) {
    const CallInfo& info = p_.calls.at(e.id);
    const TableInfo& t = p_.tables[info.table];
    std::string alias = "n1";  // aggregations nest one level: one alias is enough
    tables_[alias] = info.table;
    Lookups::Lookup l;
    l.table = info.table;
    l.finess = alias + "." + names_.column_sql(info.table, t.finess_column);
    l.function = info.function;
    // The same establishment as the outer row, whose table names its FINESS column in its own way.
    int outer = tables_.at(row);
    std::string where = fmt::format("{}.{} = {}.{}", alias, names_.column_sql(info.table, t.finess_column), row,
                                    names_.column_sql(outer, p_.tables[outer].finess_column));
    if (t.has_year()) {
      int looked_up = info.period ? info.period->apply(year_) : year_;
      l.year_column = alias + "." + names_.column_sql(info.table, t.year_column);
      if (row == "r" && rows_year_ && year_ != kAnyYear) {
        // The rows r that a column counts are of one year (its filter says so): the year looked up is written
        // relative to theirs, so that the years share the lookup and the columns that name it.
        int k = looked_up - *rows_year_;
        std::string r_column = names_.column_sql(tables_.at("r"), p_.tables[tables_.at("r")].year_column);
        l.year = l.year_column + " = r." + r_column + Lookups::offset(k);
        l.relative = k;
      } else {
        l.year = fmt::format("{} = {}", l.year_column, looked_up);
      }
      where += " AND " + l.year;
    }
    if (info.filter) {
      where += " AND (" + compile(*info.filter, alias, row) + ")";
      std::vector<const ast::Expr*> parts;
      conjuncts(*info.filter, parts);
      for (const ast::Expr* part : parts) l.conditions.push_back(compile(*part, alias, row));
    }
    std::string from = fmt::format("FROM {} AS {} WHERE {}", names_.table_sql(info.table), alias, where);
    std::string sql;
    if (info.function == Function::RowExists) {
      sql = "EXISTS (SELECT 1 " + from + ")";
    } else {
      std::string aggregate;
      if (!info.value) {
        aggregate = "count(*)";
      } else {
        std::string v = compile(*info.value, alias, row);
        switch (info.function) {
          case Function::RowCount: aggregate = "count(" + v + ")"; break;
          case Function::RowSum: aggregate = "COALESCE(sum(" + v + "), 0)"; break;
          case Function::RowMin: v = ordered(*info.value, v); aggregate = "min(" + v + ")"; break;
          case Function::RowMax: v = ordered(*info.value, v); aggregate = "max(" + v + ")"; break;
          case Function::RowCountDistinct: aggregate = "count(DISTINCT " + v + ")"; break;
          default: throw NotCompiled{&e};  // moyenne: a division
        }
        l.value = v;
      }
      sql = "(SELECT " + aggregate + " " + from + ")";
    }
    if (!lookups_ || row != "r") return sql;
    l.sql = sql;
    l.shown = one_line(print_expr(e));
    return lookups_->name(std::move(l));
  }

  // A value that min and max order: texts in the byte order of the tree walker.
  std::string ordered(const ast::Expr& e, const std::string& sql) const {
    Kind k = p_.type_of(e).kind;
    if (k == Kind::Boolean || k == Kind::List) throw NotCompiled{&e};
    return k == Kind::Text ? "(" + sql + ") COLLATE \"C\"" : sql;
  }

 private:
  using Aliases = const std::string&;

  std::string literal(const ast::Expr& e, const Value& v) const {
    if (v.absent()) return "NULL";
    if (v.is_bool()) return v.boolean() ? "TRUE" : "FALSE";
    if (v.is_number()) return "NUMERIC '" + decimal_text(v.number()) + "'";
    if (v.is_text()) return quote_text(v.text());
    if (v.is_date()) return "DATE '" + v.date().iso() + "'";
    throw NotCompiled{&e};
  }

  std::string node(const ast::Expr& e, const ast::NumberLiteral& n, Aliases, Aliases) { return literal(e, Value(n.value)); }
  std::string node(const ast::Expr& e, const ast::StringLiteral& n, Aliases, Aliases) { return literal(e, Value(n.value)); }
  std::string node(const ast::Expr& e, const ast::DateLiteral& n, Aliases, Aliases) {
    return literal(e, Value(Date::from_civil(n.year, n.month, n.day)));
  }
  std::string node(const ast::Expr&, const ast::BooleanLiteral& n, Aliases, Aliases) { return n.value ? "TRUE" : "FALSE"; }
  std::string node(const ast::Expr&, const ast::AbsentLiteral&, Aliases, Aliases) { return "NULL"; }
  std::string node(const ast::Expr&, const ast::CurrentYear&, Aliases, Aliases) { return fmt::format("NUMERIC '{}'", year_); }
  std::string node(const ast::Expr& e, const ast::Name&, Aliases row, Aliases outer) { return reference(e, row, outer); }
  std::string node(const ast::Expr& e, const ast::Member&, Aliases row, Aliases outer) { return reference(e, row, outer); }
  std::string node(const ast::Expr& e, const ast::AtPeriod&, Aliases, Aliases) { throw NotCompiled{&e}; }
  std::string node(const ast::Expr& e, const ast::Selon&, Aliases, Aliases) { throw NotCompiled{&e}; }
  std::string node(const ast::Expr& e, const ast::List&, Aliases, Aliases) { throw NotCompiled{&e}; }

  std::string reference(const ast::Expr& e, const std::string& row, const std::string& outer) {
    const auto* found = p_.references_.find(e.id);
    if (!found) throw NotCompiled{&e};
    const Reference& r = found->second;
    if (r.what == Reference::What::RowColumn) return row + "." + names_.column_sql(r.table, r.column);
    if (r.what == Reference::What::OuterRowColumn && !outer.empty()) {
      return outer + "." + names_.column_sql(r.table, r.column);
    }
    if (r.what == Reference::What::Parameter)
      if (auto v = constant_(r.parameter, year_)) return literal(e, *v);
    throw NotCompiled{&e};
  }

  std::string node(const ast::Expr&, const ast::Unary& n, Aliases row, Aliases outer) {
    std::string operand = compile(*n.operand, row, outer);
    return n.op == ast::UnaryOp::Negate ? "(- " + operand + ")" : "(NOT " + operand + ")";
  }

  std::string node(const ast::Expr& e, const ast::Binary& n, Aliases row, Aliases outer) {
    const char* op = nullptr;
    bool comparison = false;
    switch (n.op) {
      case ast::BinaryOp::And: op = "AND"; break;
      case ast::BinaryOp::Or: op = "OR"; break;
      case ast::BinaryOp::Equal: op = "="; comparison = true; break;
      case ast::BinaryOp::NotEqual: op = "<>"; comparison = true; break;
      case ast::BinaryOp::Less: op = "<"; comparison = true; break;
      case ast::BinaryOp::LessEqual: op = "<="; comparison = true; break;
      case ast::BinaryOp::Greater: op = ">"; comparison = true; break;
      case ast::BinaryOp::GreaterEqual: op = ">="; comparison = true; break;
      case ast::BinaryOp::Add: op = "+"; break;
      case ast::BinaryOp::Subtract: op = "-"; break;
      case ast::BinaryOp::Multiply: op = "*"; break;
      default: throw NotCompiled{&e};  // division, ≈
    }
    Kind l = p_.type_of(*n.lhs).kind, r = p_.type_of(*n.rhs).kind;
    bool arithmetic = n.op == ast::BinaryOp::Add || n.op == ast::BinaryOp::Subtract || n.op == ast::BinaryOp::Multiply;
    if (arithmetic && (l != Kind::Number || r != Kind::Number)) throw NotCompiled{&e};
    if (comparison && (l == Kind::List || r == Kind::List)) throw NotCompiled{&e};
    std::string lhs = compile(*n.lhs, row, outer), rhs = compile(*n.rhs, row, outer);
    // Texts are ordered as the tree walker orders them, byte by byte.
    if (comparison && l == Kind::Text && n.op != ast::BinaryOp::Equal && n.op != ast::BinaryOp::NotEqual)
      lhs = "(" + lhs + ") COLLATE \"C\"";
    return "(" + lhs + " " + op + " " + rhs + ")";
  }

  std::string node(const ast::Expr& e, const ast::In& n, Aliases row, Aliases outer) {
    std::vector<std::string> items;
    auto item = [&](const ast::Expr& at, const Value& v) {
      if (v.absent() || v.is_list()) throw NotCompiled{&at};
      items.push_back(literal(at, v));
    };
    if (auto* list = n.list->as<ast::List>()) {
      for (const auto& x : list->items) {
        std::string sql = compile(*x, row, outer);
        if (sql == "NULL") throw NotCompiled{x.get()};
        items.push_back(sql);
      }
    } else {
      const auto* found = p_.references_.find(n.list->id);
      if (!found || found->second.what != Reference::What::Parameter) throw NotCompiled{&e};
      auto v = constant_(found->second.parameter, year_);
      if (!v || !v->is_list()) throw NotCompiled{&e};
      for (const Value& x : v->list()) item(*n.list, x);
    }
    std::string value = compile(*n.value, row, outer);
    // No item: false (true when negated) for a value, absent for an absent one, as the tree walker has it.
    if (items.empty()) return n.negated ? "(" + value + " IS NOT NULL OR NULL)" : "(" + value + " IS NULL AND NULL)";
    std::string joined;
    for (const auto& x : items) joined += (joined.empty() ? "" : ", ") + x;
    return "(" + value + (n.negated ? " NOT IN (" : " IN (") + joined + "))";
  }

  std::string node(const ast::Expr&, const ast::If& n, Aliases row, Aliases outer) {
    std::string c = compile(*n.condition, row, outer);
    return "(CASE WHEN " + c + " THEN " + compile(*n.then_branch, row, outer) + " WHEN NOT " + c + " THEN " +
           compile(*n.else_branch, row, outer) + " END)";
  }

  bool row_column(const ast::Expr& e) const {
    const auto* found = p_.references_.find(e.id);
    return found && (found->second.what == Reference::What::RowColumn ||
                     found->second.what == Reference::What::OuterRowColumn);
  }

  std::string node(const ast::Expr& e, const ast::Call& n, Aliases row, Aliases outer) {
    const auto* found = p_.calls.find(e.id);
    if (!found) throw NotCompiled{&e};
    const CallInfo& info = found->second;
    if (info.nested) {
      if (!outer.empty()) throw NotCompiled{&e};  // aggregations nest one level
      return nested(e, row);
    }
    auto arg = [&](std::size_t i) { return compile(*n.args.at(i).value, row, outer); };
    switch (info.function) {
      case Function::Present:
        if (!row_column(*n.args[0].value)) break;
        return "(" + arg(0) + " IS NOT NULL)";
      case Function::Default:
        if (!row_column(*n.args[0].value)) break;
        return "COALESCE(" + arg(0) + ", " + arg(1) + ")";
      case Function::DaysBetween: return "(" + arg(1) + " - " + arg(0) + ")";
      case Function::YearOf: return "EXTRACT(YEAR FROM " + arg(0) + ")";
      case Function::StartsWith: return "starts_with(" + arg(0) + ", " + arg(1) + ")";
      case Function::Abs: return "abs(" + arg(0) + ")";
      case Function::Substring: {
        // Characters as the tree walker counts them (code points of UTF-8, from 1; a start before 1 counts the
        // missing characters, as substr does), for a start and a length written as whole numbers, the length ≥ 0.
        auto whole = [&](std::size_t i) -> std::optional<long long> {
          auto* lit = n.args.at(i).value->as<ast::NumberLiteral>();
          if (!lit) return std::nullopt;
          return lit->value.to_int();
        };
        auto from = whole(1), length = whole(2);
        if (!from || !length || *length < 0) break;
        return fmt::format("substr({}, {}, {})", arg(0), *from, *length);
      }
      default: break;
    }
    throw NotCompiled{&e};
  }

  const CheckedProgram& p_;
  const TableMapping& names_;
  const ConstantParameter& constant_;
  int year_;
  Lookups* lookups_;
  std::optional<int> rows_year_;
  std::map<std::string, int> tables_;  // alias → the table whose rows it names
};

// Where each aggregation is written: the indicator and definition (or parameter) whose expression holds it.
std::map<const ast::Expr*, std::string> owners(const CheckedProgram& p) {
  std::map<const ast::Expr*, std::string> out;
  auto note = [&](const ast::Expr& root, const std::string& owner) {
    ast::walk(root, [&](const ast::Expr& e) {
      out.emplace(&e, owner);
      return true;
    });
  };
  for (const auto& ind : p.indicators)
    for (const auto& b : ind.decl->bindings) note(*b.value, "indicateur " + ind.name + ", définition " + b.name);
  for (const auto& par : p.parameters) note(*par.decl->value, "paramètre " + par.decl->name);
  return out;
}

// Whether an expression holds a nested aggregation (a lookup of other rows).
bool has_lookup(const CheckedProgram& p, const ast::Expr& root) {
  bool found = false;
  ast::walk(root, [&](const ast::Expr& e) {
    const auto* call = p.calls.find(e.id);
    if (call && call->second.nested) found = true;
    return !found;
  });
  return found;
}

std::string place(const Span& span) { return span.known() ? fmt::format("{}:{}", span.path(), span.line) : span.path(); }

}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string quote_text(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string decimal_text(const Decimal& d) {
  long long units = 0;
  int scale = 0;
  if (!d.small_form(units, scale)) return d.to_string(0, 30);  // never a datum: data are terminating decimals
  bool negative = units < 0;
  unsigned long long magnitude = negative ? 0ull - static_cast<unsigned long long>(units) : static_cast<unsigned long long>(units);
  std::string digits = std::to_string(magnitude);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) digits.insert(0, static_cast<std::size_t>(scale) - digits.size() + 1, '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
  }
  return (negative ? "-" : "") + digits;
}

std::string sql_type(ColumnType type) {
  switch (type) {
    case ColumnType::Text:
    case ColumnType::Code: return "TEXT";
    case ColumnType::Year: return "INTEGER";
    case ColumnType::Boolean: return "BOOLEAN";
    case ColumnType::Date: return "DATE";
    default: return "NUMERIC";  // integers, counts, decimals, money, rates: exact
  }
}

const std::vector<std::string>& database_types(ColumnType type) {
  static const std::vector<std::string> text = {"text", "character varying", "character"};
  static const std::vector<std::string> boolean = {"boolean"};
  static const std::vector<std::string> date = {"date"};
  static const std::vector<std::string> year = {"integer", "bigint", "smallint", "numeric"};
  static const std::vector<std::string> number = {"numeric", "integer", "bigint", "smallint"};
  switch (type) {
    case ColumnType::Text:
    case ColumnType::Code: return text;
    case ColumnType::Boolean: return boolean;
    case ColumnType::Date: return date;
    case ColumnType::Year: return year;
    default: return number;
  }
}

bool compile_queries(const CheckedProgram& p, const Plan& plan, const ConstantParameter& constant,
                     std::vector<SqlQuery>& out, Diagnostics& diags, const TableMapping* mapping,
                     bool count_kept_rows) {
  TableMapping identity;
  if (!mapping) {
    identity = TableMapping::identity(p);
    mapping = &identity;
  }
  const TableMapping& names = *mapping;
  auto owner = owners(p);
  bool ok = true;
  for (const PlannedGroup& group : plan.groups) {
    const TableInfo& t = p.tables[group.table];
    SqlQuery q;
    q.table = group.table;
    std::string finess = names.column_sql(group.table, t.finess_column);
    std::string year = t.has_year() ? names.column_sql(group.table, t.year_column) : "";
    std::set<int> rows_years, read_years;  // read_years: every year the query reads, which its WHERE keeps
    for (int s : group.slots) {
      const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
      for (int y : plan.slot_years[s]) read_years.insert(info.period ? info.period->apply(y) : y);
    }
    Lookups lookups;
    std::string columns;
    int column_count = 0;
    for (int s : group.slots) {
      const ast::Expr& call = *p.row_aggregations[s];
      const CallInfo& info = p.calls.at(call.id);
      auto it = owner.find(&call);
      std::string comment = fmt::format("  -- {}{}: {}\n", place(call.span),
                                        it == owner.end() ? "" : " · " + it->second, one_line(print_expr(call)));
      // The years whose aggregation compiles to the same SQL but for the year of its rows share their columns: the
      // query groups by year, so that each result row holds the aggregation of its own year's rows.
      struct Shared {
        std::vector<std::pair<SqlField, std::string>> fields;
        std::string filter;
        std::vector<int> years, rows_years;
      };
      std::vector<Shared> shared;
      for (int y : plan.slot_years[s]) {
        int rows_year = info.period ? info.period->apply(y) : y;
        try {
          ExprCompiler c(p, names, constant, y, group.table, &lookups,
                         t.has_year() ? std::optional<int>(rows_year) : std::nullopt);
          lookups.used.clear();
          std::string filter = info.filter ? c.compile(*info.filter, "r", "") : "";
          std::string value = info.value ? c.compile(*info.value, "r", "") : "";
          if (!lookups.used.empty()) {
            // The row counts only where the filter is true, so only where its year and each of its 'et' operands
            // without a lookup are: elsewhere the lookups it names need not be computed for this column.
            std::string rest;
            if (info.filter) {
              std::vector<const ast::Expr*> parts;
              conjuncts(*info.filter, parts);
              ExprCompiler plain(p, names, constant, y, group.table);
              for (const ast::Expr* part : parts)
                if (!has_lookup(p, *part)) rest += (rest.empty() ? "" : " AND ") + plain.compile(*part, "r", "");
            }
            for (int k : lookups.used) {
              auto& l = lookups.list[k];
              if (rest.empty() && !t.has_year()) l.always = true;
              std::pair<std::string, int> guard{rest, rows_year};
              if (std::find(l.guards.begin(), l.guards.end(), guard) == l.guards.end()) l.guards.push_back(guard);
            }
          }
          std::vector<std::pair<SqlField, std::string>> fields;
          switch (info.function) {
            case Function::RowExists:
            case Function::RowCount: fields.push_back({SqlField::Count, value.empty() ? "count(*)" : "count(" + value + ")"}); break;
            case Function::RowSum:
              fields.push_back({SqlField::Sum, "sum(" + value + ")"});
              // The rows summed, which an explanation shows (the pass over the CSV files counts them too).
              if (count_kept_rows) fields.push_back({SqlField::Count, "count(" + value + ")"});
              break;
            case Function::RowMean:
              fields.push_back({SqlField::Sum, "sum(" + value + ")"});
              fields.push_back({SqlField::Count, "count(" + value + ")"});
              break;
            case Function::RowMin: fields.push_back({SqlField::Min, "min(" + c.ordered(*info.value, value) + ")"}); break;
            case Function::RowMax: fields.push_back({SqlField::Max, "max(" + c.ordered(*info.value, value) + ")"}); break;
            case Function::RowCountDistinct: fields.push_back({SqlField::Distinct, "count(DISTINCT " + value + ")"}); break;
            default: throw NotCompiled{&call};
          }
          auto same = std::find_if(shared.begin(), shared.end(), [&](const Shared& x) {
            return t.has_year() && x.fields == fields && x.filter == filter;
          });
          if (same == shared.end()) same = shared.insert(shared.end(), Shared{fields, filter, {}, {}});
          same->years.push_back(y);
          if (std::find(same->rows_years.begin(), same->rows_years.end(), rows_year) == same->rows_years.end())
            same->rows_years.push_back(rows_year);
          rows_years.insert(rows_year);
        } catch (const NotCompiled& nc) {
          diags.error(nc.e->span, Message(kNotCompiled, one_line(print_expr(*nc.e))), Message(kNotCompiledHint));
          ok = false;
          break;
        }
      }
      for (const Shared& x : shared) {
        std::string filter = x.filter;
        // A column of every year the query reads needs no condition on the year: the WHERE keeps only those.
        if (t.has_year() && std::set<int>(x.rows_years.begin(), x.rows_years.end()) != read_years) {
          std::string list;
          for (int ry : x.rows_years) list += (list.empty() ? "" : ", ") + std::to_string(ry);
          std::string on_year = x.rows_years.size() == 1 ? fmt::format("r.{} = {}", year, list)
                                                         : fmt::format("r.{} IN ({})", year, list);
          filter = on_year + (filter.empty() ? "" : " AND " + filter);
        }
        std::string where = filter.empty() ? "" : " FILTER (WHERE " + filter + ")";
        std::string years_note;
        for (int y : x.years)
          years_note += (years_note.empty() ? "" : ", ") + (y == kAnyYear ? std::string("toute année") : std::to_string(y));
        columns += comment;
        comment.clear();
        for (const auto& [field, sql] : x.fields) {
          ++column_count;
          for (std::size_t k = 0; k < x.years.size(); ++k) {
            int y = x.years[k];
            q.outputs.push_back(SqlOutput{s, y, info.period ? info.period->apply(y) : y, field, column_count});
          }
          columns += fmt::format("  , {}{} AS \"c{}\"  -- {}\n", sql, where, column_count,
                                 x.years.size() == 1 && x.years[0] == kAnyYear ? years_note : "N = " + years_note);
        }
      }
    }
    std::string key = finess + (t.has_year() ? ", r." + year : "");
    q.text = fmt::format("-- Table {}{}{}: {} agrégation(s)\nSELECT r.{}\n", t.name,
                         t.label.empty() ? "" : " (" + t.label + ")",
                         // A database name may hold a line break: the comment stays one line.
                         names.renamed(group.table) ? ", dans la base " + one_line(names.table_shown(group.table)) : "",
                         group.slots.size(), key);
    std::string rows_list;
    for (int y : rows_years) rows_list += (rows_list.empty() ? "" : ", ") + std::to_string(y);
    std::string joins;
    q.text += lookups.resolve(columns, names, names.table_sql(group.table), finess, year,
                              t.has_year() && !rows_years.empty() ? fmt::format("r.{} IN ({})", year, rows_list) : "", joins);
    q.text += fmt::format("FROM {} AS r\n", names.table_sql(group.table)) + joins;
    if (!joins.empty())
      for (const auto& l : lookups.list)
        if (std::find(q.looked_up.begin(), q.looked_up.end(), l.table) == q.looked_up.end()) q.looked_up.push_back(l.table);
    if (t.has_year() && !rows_years.empty()) {
      std::string list;
      for (int y : rows_years) list += (list.empty() ? "" : ", ") + std::to_string(y);
      q.text += fmt::format("WHERE r.{} IN ({})\n", year, list);
    }
    q.text += fmt::format("GROUP BY r.{};\n", key);
    out.push_back(std::move(q));
  }
  return ok;
}

}  // namespace caqes
