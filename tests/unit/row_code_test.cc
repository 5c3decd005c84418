// The compiled row code (eval/row_code.h) against the tree walker: every filter and value of every aggregation over
// rows of every shipped contract (rules/*), the aggregations nested in filters included, compiled and walked
// (Evaluator::probe_row_code) on generated rows, must give the same value or stop on the same error.
//
// The rows come from a seeded generator, made for each aggregation from what its expressions compare the columns
// with (the codes of its lists, the prefixes and positions it reads with commence_par and sous_texte, the numbers
// around its thresholds), with missing cells, and with the dates of one patient close together (some across a new
// year, some in a leap year) so that the windows of jours_entre hold for some pairs of rows. A filter that is never
// true, or never anything else, compares nothing: the test checks that each filter was true on one row and false
// or absent on another.
#include <doctest/doctest.h>

#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/checker.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "format/printer.h"
#include "rules_file.h"
#include "syntax/ast_walk.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

// ---- what the rules compare each column with -----------------------------------------------------------------
struct ColumnHints {
  std::vector<std::string> texts;                     // compared for equality, or listed
  std::vector<std::pair<int, std::string>> pieces;    // (position from 1, text): commence_par, sous_texte
  std::vector<Decimal> numbers;
  std::vector<Date> dates;
};
using ColumnKey = std::pair<int, int>;  // table, column
using Hints = std::map<ColumnKey, ColumnHints>;

class HintCollector {
 public:
  HintCollector(const CheckedProgram& p, Hints& out) : p_(p), out_(out) {}

  void collect(const ast::Expr& root) {
    ast::walk(root, [&](const ast::Expr& e) {
      if (auto* b = e.as<ast::Binary>(); b && is_comparison(b->op)) {
        note(*b->lhs, *b->rhs);
        note(*b->rhs, *b->lhs);
      }
      if (auto* in = e.as<ast::In>()) note(*in->value, *in->list);
      if (auto* c = e.as<ast::Call>(); c && called(e) == Function::StartsWith) {
        if (auto key = column(*c->args[0].value))
          for (const Value& v : constants(*c->args[1].value))
            if (v.is_text()) out_[*key].pieces.push_back({1, v.text()});
      }
      return true;
    });
  }

 private:
  const CheckedProgram& p_;
  Hints& out_;

  static bool is_comparison(ast::BinaryOp op) {
    return op == ast::BinaryOp::Equal || op == ast::BinaryOp::NotEqual || op == ast::BinaryOp::Less ||
           op == ast::BinaryOp::LessEqual || op == ast::BinaryOp::Greater || op == ast::BinaryOp::GreaterEqual;
  }

  std::optional<Function> called(const ast::Expr& e) const {
    const auto* info = p_.calls.find(e.id);
    return info ? std::optional<Function>(info->second.function) : std::nullopt;
  }

  std::optional<ColumnKey> column(const ast::Expr& e) const {
    const auto* r = p_.references_.find(e.id);
    if (!r) return std::nullopt;
    const Reference& ref = r->second;
    bool is_column = ref.what == Reference::What::RowColumn || ref.what == Reference::What::OuterRowColumn ||
                     ref.what == Reference::What::EntityColumn;
    return is_column ? std::optional<ColumnKey>({ref.table, ref.column}) : std::nullopt;
  }

  // The values an expression written with literals and parameters denotes (the items of a list).
  std::vector<Value> constants(const ast::Expr& e) const {
    std::vector<Value> out;
    if (auto* n = e.as<ast::NumberLiteral>()) out.push_back(Value(n->value));
    if (auto* s = e.as<ast::StringLiteral>()) out.push_back(Value(s->value));
    if (auto* d = e.as<ast::DateLiteral>()) out.push_back(Value(Date::from_civil(d->year, d->month, d->day)));
    if (auto* u = e.as<ast::Unary>(); u && u->op == ast::UnaryOp::Negate)
      for (const Value& v : constants(*u->operand))
        if (v.is_number()) out.push_back(Value(-v.number()));
    if (auto* l = e.as<ast::List>())
      for (const auto& item : l->items)
        for (Value& v : constants(*item)) out.push_back(std::move(v));
    if (const auto* r = p_.references_.find(e.id); r && r->second.what == Reference::What::Parameter)
      return constants(*p_.parameters[r->second.parameter].decl->value);
    return out;
  }

  void note(const ast::Expr& subject, const ast::Expr& other) {
    if (auto key = column(subject)) {
      ColumnHints& h = out_[*key];
      for (const Value& v : constants(other)) {
        if (v.is_text()) h.texts.push_back(v.text());
        if (v.is_number()) h.numbers.push_back(v.number());
        if (v.is_date()) h.dates.push_back(v.date());
      }
      return;
    }
    auto* c = subject.as<ast::Call>();
    if (!c || c->args.empty()) return;
    if (called(subject) == Function::Default) return note(*c->args[0].value, other);
    auto key = column(*c->args[0].value);
    if (!key) return;
    if (called(subject) == Function::Substring) {
      auto* from = c->args[1].value->as<ast::NumberLiteral>();
      if (!from) return;
      for (const Value& v : constants(other))
        if (v.is_text()) out_[*key].pieces.push_back({static_cast<int>(*from->value.to_int()), v.text()});
    }
    if (called(subject) == Function::YearOf)
      for (const Value& v : constants(other))
        if (v.is_number() && v.number().to_int()) {
          int year = static_cast<int>(*v.number().to_int());
          out_[*key].dates.push_back(Date::from_civil(year, 1, 1));
          out_[*key].dates.push_back(Date::from_civil(year, 12, 31));
        }
  }
};

// ---- the rows --------------------------------------------------------------------------------------------------
std::vector<std::string> characters(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

const char* const kAlphabet[] = {"0", "1", "2", "3", "4", "C", "K", "M", "Z", "é"};
const int kCenters[][2] = {{2, 25}, {12, 20}, {1, 10}};  // month, day

// One dataset's way of drawing rows: how many patients share an establishment's rows (few: their rows meet in
// correlated aggregations; more: a patient has few stays, and one of them is the first), and how often each column
// is empty.
class RowMaker {
 public:
  RowMaker(std::uint32_t seed, int patients) : rng_(seed), patients_(patients) {}

  Row row(const TableInfo& t, int table, const std::string& finess, int year, const Hints& hints) {
    Row row(t.columns.size());
    int patient = pick(patients_);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      ColumnKey key{table, static_cast<int>(c)};
      if (static_cast<int>(c) == t.finess_column) {
        row[c] = Value(finess);
      } else if (static_cast<int>(c) == t.year_column) {
        row[c] = Value(Decimal(year));
      } else if (!chance(absent_percent(key))) {
        auto h = hints.find(key);
        row[c] = cell(t.columns[c].type, h == hints.end() ? kNone : h->second, patient, year);
      }
    }
    return row;
  }

 private:
  std::mt19937 rng_;
  int patients_;
  std::map<ColumnKey, int> absent_;
  const ColumnHints kNone{};

  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  template <class T>
  const T& one_of(const std::vector<T>& items) { return items[static_cast<std::size_t>(pick(static_cast<int>(items.size())))]; }

  int absent_percent(const ColumnKey& key) {
    auto [it, inserted] = absent_.emplace(key, 0);
    if (inserted) it->second = std::vector<int>{3, 10, 40}[static_cast<std::size_t>(pick(3))];
    return it->second;
  }

  Value cell(ColumnType type, const ColumnHints& h, int patient, int year) {
    switch (type) {
      case ColumnType::Text:
      case ColumnType::Code: return Value(text(h, patient));
      case ColumnType::Boolean: return Value(chance(50));
      case ColumnType::Date: return Value(date(h, patient, year));
      case ColumnType::Year: return Value(Decimal(year - 1 + pick(3)));
      default: return Value(number(type, h));
    }
  }

  std::string text(const ColumnHints& h, int patient) {
    if (h.texts.empty() && h.pieces.empty()) return "P" + std::to_string(patient + 1);  // identifiers
    if (!h.texts.empty() && chance(h.pieces.empty() ? 70 : 40)) return one_of(h.texts);
    // Random characters (an accented one now and then), with a piece the rules look for in its place.
    std::vector<std::string> chars;
    for (int i = 0; i < 6; ++i) chars.push_back(kAlphabet[pick(static_cast<int>(std::size(kAlphabet)))]);
    if (!h.pieces.empty() && chance(85)) {
      const auto& [position, piece] = one_of(h.pieces);
      auto from = static_cast<std::size_t>(position - 1);
      std::vector<std::string> put = characters(piece);
      if (chars.size() < from + put.size()) chars.resize(from + put.size(), "0");
      for (std::size_t i = 0; i < put.size(); ++i) chars[from + i] = put[i];
    }
    std::string out;
    for (const auto& c : chars) out += c;
    return out;
  }

  Decimal number(ColumnType type, const ColumnHints& h) {
    bool whole = type == ColumnType::Integer || type == ColumnType::Count;
    Decimal step = whole ? Decimal(1) : Decimal::from_fraction(1, 100);
    if (!h.numbers.empty() && chance(60)) return one_of(h.numbers) + step * Decimal(pick(3) - 1);
    switch (type) {
      case ColumnType::Rate: return Decimal::from_fraction(pick(10001), 10000);  // 12,34 %
      case ColumnType::Money: return Decimal::from_fraction(pick(1000000), 100);
      case ColumnType::Decimal: return Decimal::from_fraction(pick(1001), 10);
      default: return Decimal(pick(101));
    }
  }

  // A patient's dates in a year gather around a day that depends on the year: late February (across the 29th in a
  // leap year), or late December then early January of the next year (a stay and its readmission across the new
  // year), or early January.
  Date date(const ColumnHints& h, int patient, int year) {
    if (!h.dates.empty() && chance(25)) return Date{one_of(h.dates).days + pick(5) - 2};
    const int* day = kCenters[(patient + year) % 3];
    int center = Date::from_civil(year, day[0], day[1]).days;
    return Date{center + (chance(75) ? pick(21) - 10 : pick(121) - 60)};
  }
};

// ---- one contract --------------------------------------------------------------------------------------------
const char* const kEntities[] = {"340000001", "340000002"};
constexpr int kOuterRows = 30;  // per establishment and year, of the table aggregated
constexpr int kInnerRows = 30;  // of the tables its nested aggregations read
// Datasets drawn at most for one aggregation, until each of its filters has been true and not true. The rows of
// the many conditions of the EPA and of the readmissions are rarely all drawn in one go.
constexpr int kAttempts = 40;

struct Tally {
  int truths = 0, others = 0;
};

bool same(const Evaluator::ProbeResult& r) {
  if (!r.compiled_error.empty() || !r.walked_error.empty()) return r.compiled_error == r.walked_error;
  const Value &a = r.compiled, &b = r.walked;
  if (a.absent() || b.absent()) return a.absent() && b.absent();
  if (a.is_bool() != b.is_bool() || a.is_number() != b.is_number() || a.is_text() != b.is_text() ||
      a.is_date() != b.is_date())
    return false;
  return a.equals(b);
}

std::string show(const Value& v) {
  if (v.absent()) return "absent";
  if (v.is_bool()) return v.boolean() ? "vrai" : "faux";
  if (v.is_number()) return v.number().to_string(0, 12);
  if (v.is_text()) return "\"" + v.text() + "\"";
  if (v.is_date()) return v.date().iso();
  return "<list>";
}

std::string show(const Row& row) {
  std::string out;
  for (const Value& v : row) out += (out.empty() ? "" : ", ") + show(v);
  return out;
}

class ContractProbe {
 public:
  explicit ContractProbe(const std::string& dir) {
    Diagnostics diags;
    auto ast = load_program(dir, diags);
    REQUIRE_MESSAGE(!diags.has_errors(), dir, " does not parse:\n", render_all(diags));
    program_ = check_program(std::move(ast), diags);
    REQUIRE_MESSAGE(program_ != nullptr, dir, " does not check:\n", render_all(diags));
  }

  // Every aggregation over rows, in every year of the contract, on datasets drawn until its filters are decided.
  void run() {
    const CheckedProgram& p = *program_;
    for (std::size_t s = 0; s < p.row_aggregations.size(); ++s) {
      const CallInfo& info = p.calls.at(p.row_aggregations[s]->id);
      for (int attempt = 0; attempt < kAttempts && !decided(info); ++attempt)
        for (int year = p.first_year; year <= p.last_year; ++year) {
          auto seed = static_cast<std::uint32_t>((s * kAttempts + attempt) * 10000 + year);
          aggregation(info, year, seed, 2 + attempt % 6);
        }
    }
  }

  // Each filter, nested ones included, was true on some row and false or absent on another.
  void check_filters_decided() const {
    for (const auto& [filter, tally] : tallies_) {
      INFO("filter: " << print_expr(*filter) << " — true on " << tally.truths << " rows, not true on " << tally.others);
      CHECK(tally.truths > 0);
      CHECK(tally.others > 0);
    }
  }
  std::size_t filters() const { return tallies_.size(); }
  // The filters of the aggregations over rows that the checker resolved, nested ones included.
  std::size_t filters_in_program() const {
    std::size_t n = 0;
    program_->calls.for_each([&](int, const CallInfo& info) {
      n += function_info(info.function).family == FunctionFamily::Rows && info.filter ? 1 : 0;
    });
    return n;
  }
  long long compared() const { return compared_; }

 private:
  std::unique_ptr<CheckedProgram> program_;
  std::map<const ast::Expr*, Tally> tallies_;
  long long compared_ = 0;
  int failures_ = 0;

  std::vector<const ast::Expr*> nested_calls(const CallInfo& info) const {
    std::vector<const ast::Expr*> out;
    for (const ast::Expr* root : {info.filter, info.value})
      if (root)
        ast::walk(*root, [&](const ast::Expr& e) {
          const auto* c = program_->calls.find(e.id);
          if (c && c->second.nested) out.push_back(&e);
          return true;
        });
    return out;
  }

  static int rows_year(const CallInfo& info, int year) { return info.period ? info.period->apply(year) : year; }

  bool decided(const ast::Expr* filter) const {
    auto it = tallies_.find(filter);
    return !filter || (it != tallies_.end() && it->second.truths > 0 && it->second.others > 0);
  }
  // Whether each filter of an aggregation, and of those nested in it, has been true on a row and not on another.
  bool decided(const CallInfo& info) const {
    if (!decided(info.filter)) return false;
    for (const ast::Expr* n : nested_calls(info))
      if (!decided(program_->calls.at(n->id).filter)) return false;
    return true;
  }

  void aggregation(const CallInfo& info, int year, std::uint32_t seed, int patients) {
    const CheckedProgram& p = *program_;
    if (!info.filter && !info.value) return;
    Hints hints;
    HintCollector collector(p, hints);
    if (info.filter) collector.collect(*info.filter);
    if (info.value) collector.collect(*info.value);
    // The tables and years read: the aggregated table in its year, the nested aggregations' in theirs.
    std::map<int, std::set<int>> years;
    std::map<int, int> rows_per_year;
    years[info.table].insert(rows_year(info, year));
    rows_per_year[info.table] = kOuterRows;
    std::vector<const ast::Expr*> nested = nested_calls(info);
    for (const ast::Expr* n : nested) {
      const CallInfo& inner = p.calls.at(n->id);
      years[inner.table].insert(rows_year(inner, year));
      rows_per_year[inner.table] = kInnerRows;
    }
    Dataset data = dataset(hints, years, rows_per_year, RowMaker(seed, patients));
    Evaluator evaluator(p, data);
    Diagnostics diags;
    REQUIRE_MESSAGE(evaluator.prepare({}, diags), render_all(diags));
    std::vector<Evaluator::ProbedRow> rows = rows_of(data, info.table, rows_year(info, year), nullptr);
    if (info.filter) probe(evaluator, *info.filter, year, rows, true);
    if (info.value) probe(evaluator, *info.value, year, rows, false);
    for (const ast::Expr* n : nested) {
      const CallInfo& inner = p.calls.at(n->id);
      std::vector<Evaluator::ProbedRow> pairs = rows_of(data, inner.table, rows_year(inner, year), &rows);
      if (inner.filter) probe(evaluator, *inner.filter, year, pairs, true);
      if (inner.value) probe(evaluator, *inner.value, year, pairs, false);
    }
  }

  Dataset dataset(const Hints& hints, const std::map<int, std::set<int>>& years, const std::map<int, int>& rows_per_year,
                  RowMaker maker) const {
    const CheckedProgram& p = *program_;
    Dataset data;
    data.program = &p;
    data.keyed_rows.assign(p.tables.size(), {});
    data.row_files.assign(p.tables.size(), "");
    data.memory_rows.assign(p.tables.size(), {});
    for (const char* finess : kEntities) {
      int entity = data.add_entity(finess);
      for (std::size_t t = 0; t < p.tables.size(); ++t) {
        const TableInfo& table = p.tables[t];
        int ti = static_cast<int>(t);
        if (table.per_entity() && !table.has_year()) {
          data.keyed_rows[t][entity] = maker.row(table, ti, finess, 0, hints);
        } else if (table.per_entity()) {
          for (int y = p.first_year - 3; y <= p.last_year + 1; ++y)
            data.keyed_rows[t][Dataset::key(entity, y)] = maker.row(table, ti, finess, y, hints);
        } else if (years.count(ti)) {
          for (int y : years.at(ti))
            for (int i = 0; i < rows_per_year.at(ti); ++i)
              data.memory_rows[t].push_back(maker.row(table, ti, finess, y, hints));
        }
      }
    }
    return data;
  }

  // The rows of `table` in `year`; with `outer`, each paired with every row of `outer` of the same establishment.
  std::vector<Evaluator::ProbedRow> rows_of(const Dataset& data, int table, int year,
                                            const std::vector<Evaluator::ProbedRow>* outer) const {
    const TableInfo& t = program_->tables[table];
    std::vector<Evaluator::ProbedRow> out;
    for (const Row& row : data.memory_rows[table]) {
      if (t.has_year() && row[t.year_column].number().to_int() != year) continue;
      int entity = data.entity_index.at(row[t.finess_column].text());
      if (!outer) {
        out.push_back({entity, &row, nullptr});
        continue;
      }
      for (const auto& o : *outer)
        if (o.entity == entity) out.push_back({entity, &row, o.row});
    }
    return out;
  }

  void probe(Evaluator& evaluator, const ast::Expr& e, int year, const std::vector<Evaluator::ProbedRow>& rows,
             bool filter) {
    std::vector<Evaluator::ProbeResult> results = evaluator.probe_row_code(e, year, rows);
    REQUIRE(results.size() == rows.size());
    Tally* tally = filter ? &tallies_[&e] : nullptr;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      ++compared_;
      if (tally) ++(r.compiled.is_bool() && r.compiled.boolean() ? tally->truths : tally->others);
      if (same(r) || ++failures_ > 20) continue;
      FAIL_CHECK("row code and tree walker differ on " << print_expr(e) << " in " << year << "\n  row: "
                                                       << show(*rows[i].row)
                                                       << (rows[i].outer ? "\n  outer row: " + show(*rows[i].outer) : "")
                                                       << "\n  compiled: " << show(r.compiled) << " " << r.compiled_error
                                                       << "\n  walked: " << show(r.walked) << " " << r.walked_error);
    }
  }
};

std::string shipped(const std::string& contract) { return std::string(CAQES_SOURCE_DIR) + "/rules/" + contract; }

void check_contract(const std::string& path) {
  ContractProbe probe(path);
  probe.run();
  probe.check_filters_decided();
  INFO(path << ": " << probe.filters() << " filters, " << probe.compared() << " evaluations compared");
  CHECK(probe.filters() > 0);
  CHECK(probe.filters() == probe.filters_in_program());
}

TEST_CASE("row code and tree walker agree on every aggregation of caqes-2021") { check_contract(shipped("caqes-2021")); }
TEST_CASE("row code and tree walker agree on every aggregation of caqes-2022") { check_contract(shipped("caqes-2022")); }
TEST_CASE("row code and tree walker agree on every aggregation of rea-2018") { check_contract(shipped("rea-2018")); }

// The shipped contracts do not call every built-in in their row expressions: each is called here, in filters and
// values, over row columns, over a per-establishment column (left to the tree walker), with constant arguments
// (computed once) and with more arguments than the row code reads in place.
const char* const kEveryBuiltin =
    "contrat essai \"Essai\" { années 2022..2023; établissements établissements; }\n"
    "table établissements \"Établissements\" par établissement { catégorie: code; }\n"
    "table lignes \"Lignes\" par ligne et année {\n"
    "  patient: texte;\n"
    "  classe: code;\n"
    "  libellé: texte;\n"
    "  montant: monnaie;\n"
    "  remise: taux;\n"
    "  jour: date;\n"
    "  fin: date;\n"
    "  quantité: entier;\n"
    "  urgent: booléen;\n"
    "}\n"
    "paramètre seuil \"Seuil\" : monnaie = 100 €;\n"
    "indicateur i \"I\" {\n"
    "  volet pertinence; niveau national; source \"S\";\n"
    "  arrondis = somme(arrondi(remise, 1) de lignes où arrondi(remise, 0) ≥ 50 % et arrondi(montant, 1) ≠ 20 €);\n"
    "  arrondis_bornés = somme(arrondi_sup(montant, 0) de lignes où arrondi_inf(montant, 1) < seuil);\n"
    "  bornes = somme(min(montant, seuil, 200 €, 300 €, 400 €) de lignes où max(montant, 10 €) > 50 €);\n"
    "  écarts = somme(abs(montant - seuil) de lignes où abs(quantité) ≥ 3);\n"
    "  défauts = compte(lignes où défaut(urgent, faux));\n"
    "  présents = somme(défaut(montant, 0 €) de lignes où présent(jour) et non présent(fin));\n"
    "  catégories = compte(lignes où présent(catégorie) et défaut(catégorie, \"x\") = \"MCO\");\n"
    "  fenêtres = compte(lignes où jours_entre(jour, fin) ≥ 0 et jours_entre(jour, fin) ≤ 30);\n"
    "  années = compte(lignes où année_de(jour) = N et année_de(fin) ≠ 2022);\n"
    "  préfixes = compte(lignes où commence_par(classe, \"A1\") ou commence_par(libellé, \"Hô\"));\n"
    "  caractères = compte(lignes où sous_texte(libellé, 2, 1) = \"é\" ou sous_texte(classe, 1, 2) dans [\"B2\", \"C3\"]);\n"
    "  constantes = compte(lignes où montant > abs(-5 €) et sous_texte(\"Hôpital\", 2, 1) = \"ô\" et quantité ≥ max(1, 2, 3, 4, 5));\n"
    "  dates = compte(lignes où min(jour, fin) = jour);\n"
    "  reprises = compte(lignes où existe(lignes où patient = lignes.patient et jours_entre(lignes.jour, jour) > 0 et arrondi(montant, 0) > 10 €));\n"
    "  valeur = arrondis;\n"
    "  ciblage = vrai;\n"
    "}\n";

TEST_CASE("row code and tree walker agree on every built-in function in filters and values") {
  RulesFile rules(kEveryBuiltin);
  check_contract(rules.path());
}

}  // namespace
}  // namespace caqes
