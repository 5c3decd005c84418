// Unit tests of the evaluator: rules checked from text, a dataset built in memory (as the rule tests build it),
// and figures computed by hand. Absent values, division by zero, missing data, population statistics, row
// aggregations by year, rounding, and the incentive of targeted and non-targeted establishments.
#include "eval/evaluator.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "check/checker.h"
#include "data/dataset.h"
#include "rules_file.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

namespace fs = std::filesystem;


Decimal dec(std::string_view text) {
  auto d = Decimal::parse_plain(text);
  REQUIRE_MESSAGE(d.has_value(), "bad test literal ", std::string(text));
  return *d;
}
Value num(std::string_view text) { return Value(dec(text)); }
Value txt(const std::string& s) { return Value(s); }  // never Value("..."): a const char* would become a bool

std::string show(const Value& v) {
  if (v.absent()) return "absent";
  if (v.is_bool()) return v.boolean() ? "vrai" : "faux";
  if (v.is_number()) return v.number().to_string(0, 12);
  if (v.is_text()) return "\"" + v.text() + "\"";
  return "<value>";
}

// The contract (with the given clauses), the registry and two data tables.
std::string base(const std::string& clauses = "") {
  return "contrat essai \"Essai\" { années 2022..2024; établissements établissements; " + clauses + " }\n"
         "table établissements \"Établissements\" par établissement { catégorie: code; score: décimal; }\n"
         "table finances \"Finances\" par établissement et année { a: monnaie; b: monnaie; z: monnaie; }\n"
         "table lignes \"Lignes\" par ligne et année { montant: monnaie; classe: code; patient: texte; }\n";
}

std::string indicator(const std::string& name, const std::string& bindings) {
  return "indicateur " + name + " \"" + name + "\" {\n  volet pertinence; niveau national; source \"S\";\n" + bindings +
         "\n}\n";
}

using Cells = std::initializer_list<std::pair<const char*, Value>>;

// A checked program, an in-memory dataset and an evaluator over them.
class Fixture {
 public:
  explicit Fixture(const std::string& rules) {
    RulesFile file(rules);
    auto ast = load_program(file.path(), diags_);
    REQUIRE_MESSAGE(!diags_.has_errors(), "the test's rules do not parse:\n", render_all(diags_));
    std::string messages;
    program_ = check_program(std::move(ast), diags_);
    for (const auto& d : diags_.items()) messages += d.message.in(Language::En) + "\n";
    REQUIRE_MESSAGE(program_ != nullptr, "the test's rules do not check:\n", messages);
    data_.program = program_.get();
    std::size_t n = program_->tables.size();
    data_.keyed_rows.assign(n, {});
    data_.row_files.assign(n, "");
    data_.memory_rows.assign(n, {});
  }

  int entity(const std::string& finess) { return data_.add_entity(finess); }

  // A row of a per-establishment table (with `année` among the cells for a yearly one) or of a row-level table.
  void row(const std::string& table, const std::string& finess, Cells cells) {
    int t = program_->table_index(table);
    REQUIRE(t >= 0);
    const TableInfo& info = program_->tables[t];
    Row values(info.columns.size());
    values[info.finess_column] = txt(finess);
    for (const auto& [column, value] : cells) {
      int c = info.column_index(column);
      REQUIRE_MESSAGE(c >= 0, "no column ", column);
      values[c] = value;
    }
    int e = entity(finess);
    if (info.per_entity()) {
      long long key = e;
      if (info.has_year()) key = Dataset::key(e, static_cast<int>(*values[info.year_column].number().to_int()));
      data_.keyed_rows[t][key] = std::move(values);
    } else {
      data_.memory_rows[t].push_back(std::move(values));
    }
  }

  void prepare(const std::vector<int>& years, const PassOptions& options = {}) {
    evaluator_ = std::make_unique<Evaluator>(*program_, data_, options);
    Diagnostics d;
    bool ok = evaluator_->prepare(years, d);
    REQUIRE_MESSAGE(ok, "prepare failed:\n", render_all(d));
  }

  const ast::Expr& binding(const std::string& ind, const std::string& name) const {
    int i = program_->indicator_index(ind);
    REQUIRE(i >= 0);
    const IndicatorInfo& info = program_->indicators[i];
    auto it = info.bindings.find(name);
    REQUIRE_MESSAGE(it != info.bindings.end(), "no binding ", name);
    return *info.decl->bindings[it->second].value;
  }

  // The value of a binding, or nullopt with `errors` holding why.
  std::optional<Value> try_eval(const std::string& ind, const std::string& name, const std::string& finess, int year,
                                Diagnostics& errors) {
    REQUIRE(evaluator_);
    auto it = data_.entity_index.find(finess);
    REQUIRE(it != data_.entity_index.end());
    return evaluator_->evaluate(binding(ind, name), it->second, year, errors);
  }

  Value eval(const std::string& ind, const std::string& name, const std::string& finess, int year = 2022) {
    Diagnostics errors;
    auto v = try_eval(ind, name, finess, year, errors);
    REQUIRE_MESSAGE(v.has_value(), ind, ".", name, " for ", finess, " failed:\n", render_all(errors));
    return *v;
  }

  // The warnings for the years read that the data do not hold.
  Diagnostics missing_years() const {
    Diagnostics d;
    evaluator_->missing_years(d);
    return d;
  }

  bool result(const std::string& ind, const std::string& finess, int year, IndicatorResult& out, Diagnostics& errors) {
    REQUIRE(evaluator_);
    return evaluator_->indicator_result(program_->indicator_index(ind), data_.entity_index.at(finess), year, out, errors);
  }

 private:
  Diagnostics diags_;
  std::unique_ptr<CheckedProgram> program_;
  Dataset data_;
  std::unique_ptr<Evaluator> evaluator_;
};

// The value is a number equal to `want`.
#define CHECK_NUMBER(value, want)                                        \
  do {                                                                   \
    Value v_ = (value);                                                  \
    INFO("computed: " << show(v_));                                      \
    CHECK(v_.is_number());                                               \
    if (v_.is_number()) CHECK(v_.number() == (want));                    \
  } while (0)

#define CHECK_BOOL(value, want)           \
  do {                                    \
    Value v_ = (value);                   \
    INFO("computed: " << show(v_));       \
    CHECK(v_.is_bool());                  \
    if (v_.is_bool()) CHECK(v_.boolean() == (want)); \
  } while (0)

#define CHECK_ABSENT(value)               \
  do {                                    \
    Value v_ = (value);                   \
    INFO("computed: " << show(v_));       \
    CHECK(v_.absent());                   \
  } while (0)

bool has_message(const Diagnostics& diags, const std::string& part) {
  for (const auto& d : diags.items())
    if (d.message.in(Language::En).find(part) != std::string::npos) return true;
  return false;
}

// ---- absent ------------------------------------------------------------------------------------------------------

const char* const kAbsent =
    "somme_ab = finances.a + finances.b;\n"
    "produit = finances.a × 2;\n"
    "comp = finances.b > 0 €;\n"
    "faux_et = faux et finances.b > 0 €;\n"
    "et_faux = finances.b > 0 € et faux;\n"
    "vrai_ou = vrai ou finances.b > 0 €;\n"
    "ou_vrai = finances.b > 0 € ou vrai;\n"
    "vrai_et = vrai et finances.b > 0 €;\n"
    "faux_ou = faux ou finances.b > 0 €;\n"
    "non_absent = non (finances.b > 0 €);\n"
    "si_absent = si finances.b > 0 € alors 1 € sinon 2 €;\n"
    "repli = défaut(finances.b, 5 €);\n"
    "présence = présent(finances.b);\n"
    "valeur = somme_ab;\n"
    "ciblage = finances.b > 0 €;";

TEST_CASE("absent propagates through arithmetic and comparisons; et/ou are three-valued") {
  Fixture f(base() + indicator("t", kAbsent));
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("100")}});  // b left empty
  f.row("finances", "340000002", {{"année", num("2022")}, {"a", num("100")}, {"b", num("50")}});
  f.prepare({2022, 2023});

  const std::string e = "340000001";
  CHECK_ABSENT(f.eval("t", "somme_ab", e));      // 100 € + absent
  CHECK_NUMBER(f.eval("t", "produit", e), Decimal(200));  // 100 € × 2
  CHECK_ABSENT(f.eval("t", "comp", e));
  CHECK_BOOL(f.eval("t", "faux_et", e), false);  // faux et absent = faux
  CHECK_BOOL(f.eval("t", "et_faux", e), false);  // absent et faux = faux
  CHECK_BOOL(f.eval("t", "vrai_ou", e), true);   // vrai ou absent = vrai
  CHECK_BOOL(f.eval("t", "ou_vrai", e), true);   // absent ou vrai = vrai
  CHECK_ABSENT(f.eval("t", "vrai_et", e));       // vrai et absent = absent
  CHECK_ABSENT(f.eval("t", "faux_ou", e));       // faux ou absent = absent
  CHECK_ABSENT(f.eval("t", "non_absent", e));
  CHECK_ABSENT(f.eval("t", "si_absent", e));
  CHECK_NUMBER(f.eval("t", "repli", e), Decimal(5));
  CHECK_BOOL(f.eval("t", "présence", e), false);
  // No row at all in 2023: every column is absent.
  CHECK_ABSENT(f.eval("t", "produit", e, 2023));

  // The same figures with b = 50 €.
  const std::string g = "340000002";
  CHECK_NUMBER(f.eval("t", "somme_ab", g), Decimal(150));  // 100 + 50
  CHECK_BOOL(f.eval("t", "comp", g), true);
  CHECK_BOOL(f.eval("t", "vrai_et", g), true);
  CHECK_BOOL(f.eval("t", "faux_ou", g), true);
  CHECK_NUMBER(f.eval("t", "si_absent", g), Decimal(1));
  CHECK_NUMBER(f.eval("t", "repli", g), Decimal(50));

  // A targeting that cannot be decided does not target.
  IndicatorResult r;
  Diagnostics errors;
  REQUIRE(f.result("t", e, 2022, r, errors));
  CHECK_FALSE(r.targeted);
  CHECK(r.value.absent());
  REQUIRE(f.result("t", g, 2022, r, errors));
  CHECK(r.targeted);
}

// ---- division by zero ----------------------------------------------------------------------------------------

const char* const kDivision =
    "q = finances.a / finances.z;\n"
    "q2 = finances.a / finances.b;\n"
    "valeur = q; ciblage = vrai;";

void division_rows(Fixture& f) {
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("100")}, {"b", num("40")}, {"z", num("0")}});
}

TEST_CASE("division by zero is absent by default") {
  Fixture f(base() + indicator("t", kDivision));
  division_rows(f);
  f.prepare({2022});
  CHECK_ABSENT(f.eval("t", "q", "340000001"));
  CHECK_NUMBER(f.eval("t", "q2", "340000001"), dec("2.5"));  // 100 € / 40 € = 2,5 = 250 %
}

TEST_CASE("division_par_zéro absent; is the default written out") {
  Fixture f(base("division_par_zéro absent;") + indicator("t", kDivision));
  division_rows(f);
  f.prepare({2022});
  CHECK_ABSENT(f.eval("t", "q", "340000001"));
}

TEST_CASE("division_par_zéro zéro; makes a division by zero 0") {
  Fixture f(base("division_par_zéro zéro;") + indicator("t", kDivision));
  division_rows(f);
  f.prepare({2022});
  Value q = f.eval("t", "q", "340000001");
  CHECK_NUMBER(q, Decimal(0));
  CHECK_NUMBER(f.eval("t", "q2", "340000001"), dec("2.5"));
}

TEST_CASE("division_par_zéro erreur; makes a division by zero an error") {
  Fixture f(base("division_par_zéro erreur;") + indicator("t", kDivision));
  division_rows(f);
  f.prepare({2022});
  Diagnostics errors;
  auto q = f.try_eval("t", "q", "340000001", 2022, errors);
  CHECK_FALSE(q.has_value());
  INFO(render_all(errors));
  CHECK(has_message(errors, "division by zero for establishment 340000001 in 2022"));
  REQUIRE(errors.error_count() == 1);
  CHECK(errors.items()[0].hint.in(Language::En).find("division_par_zéro erreur") != std::string::npos);
  // The indicator's figures stop there too.
  IndicatorResult r;
  Diagnostics more;
  CHECK_FALSE(f.result("t", "340000001", 2022, r, more));
  CHECK(more.has_errors());
  // A division by a non-zero number still works.
  CHECK_NUMBER(f.eval("t", "q2", "340000001"), dec("2.5"));
}

// ---- missing data ------------------------------------------------------------------------------------------------

TEST_CASE("données_absentes erreur raises on a missing cell and on a missing row") {
  Fixture f(base("données_absentes erreur;") + indicator("t",
                                                         "vb = finances.b;\n"
                                                         "va = finances.a;\n"
                                                         "valeur = va; ciblage = vrai;"));
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("100")}});  // b left empty
  f.prepare({2022, 2023});

  CHECK_NUMBER(f.eval("t", "va", "340000001"), Decimal(100));

  Diagnostics cell;
  CHECK_FALSE(f.try_eval("t", "vb", "340000001", 2022, cell).has_value());
  INFO(render_all(cell));
  CHECK(has_message(cell, "missing data: column 'b' of table 'finances' is empty for establishment 340000001 in 2022"));

  Diagnostics row;
  CHECK_FALSE(f.try_eval("t", "va", "340000001", 2023, row).has_value());
  INFO(render_all(row));
  CHECK(has_message(row, "missing data: table 'finances' has no row for establishment 340000001 in 2023"));
}

TEST_CASE("données_absentes absent (the default) gives absent on a missing cell") {
  Fixture f(base("données_absentes absent;") + indicator("t", "vb = finances.b; valeur = vb; ciblage = vrai;"));
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("100")}});
  f.prepare({2022});
  CHECK_ABSENT(f.eval("t", "vb", "340000001"));
}

TEST_CASE("données_absentes erreur: défaut(x, y) supplies the value, as the error's hint advises") {
  // The hint of the missing-data error says "complete the extract or use défaut(x, valeur)": défaut should then
  // give its fallback instead of the error.
  Fixture f(base("données_absentes erreur;") + indicator("t",
                                                         "repli = défaut(finances.b, 0 €);\n"
                                                         "valeur = finances.a; ciblage = vrai;"));
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("100")}});  // b left empty
  f.prepare({2022});
  Diagnostics errors;
  auto v = f.try_eval("t", "repli", "340000001", 2022, errors);
  INFO(render_all(errors));
  REQUIRE(v.has_value());
  CHECK_NUMBER(*v, Decimal(0));
}

// ---- population statistics ---------------------------------------------------------------------------------------

const char* const kStatistics =
    "q25 = quantile(score, 25 %);\n"
    "q30 = quantile(score, 30 %);\n"
    "q75 = quantile(score, 75 %);\n"
    "q90 = quantile(score, 90 %);\n"
    "q0 = quantile(score, 0 %);\n"
    "q100 = quantile(score, 100 %);\n"
    "k1 = quartile(score, 1);\n"
    "p90 = percentile(score, 90);\n"
    "méd = médiane(score);\n"
    "méd_cat = médiane(score par catégorie);\n"
    "rg = rang(score);\n"
    "moy = moyenne(score);\n"
    "moy_cat = moyenne(score par catégorie);\n"
    "eff_cat = effectif(score par catégorie);\n"
    "valeur = score; ciblage = vrai;";

TEST_CASE("quantiles on 4 values, by linear interpolation") {
  Fixture f(base() + indicator("s", kStatistics));
  // Given out of order; sorted: 10, 20, 40, 80 (n = 4, h = 3 × p).
  f.row("établissements", "340000001", {{"catégorie", txt("A")}, {"score", num("40")}});
  f.row("établissements", "340000002", {{"catégorie", txt("B")}, {"score", num("10")}});
  f.row("établissements", "340000003", {{"catégorie", txt("A")}, {"score", num("80")}});
  f.row("établissements", "340000004", {{"catégorie", txt("B")}, {"score", num("20")}});
  f.prepare({2022});
  const std::string e = "340000001";
  CHECK_NUMBER(f.eval("s", "q25", e), dec("17.5"));  // h = 0,75: 10 + 0,75 × (20 − 10) = 17,5
  CHECK_NUMBER(f.eval("s", "q30", e), Decimal(19));  // h = 0,9: 10 + 0,9 × 10 = 19
  CHECK_NUMBER(f.eval("s", "q75", e), Decimal(50));  // h = 2,25: 40 + 0,25 × (80 − 40) = 50
  CHECK_NUMBER(f.eval("s", "q90", e), Decimal(68));  // h = 2,7: 40 + 0,7 × 40 = 68
  CHECK_NUMBER(f.eval("s", "q0", e), Decimal(10));
  CHECK_NUMBER(f.eval("s", "q100", e), Decimal(80));
  CHECK_NUMBER(f.eval("s", "k1", e), dec("17.5"));   // quartile 1 = quantile 1/4
  CHECK_NUMBER(f.eval("s", "p90", e), Decimal(68));  // percentile 90 = quantile 90/100
  // Even count: h = 1,5 → 20 + 0,5 × (40 − 20) = 30, the mean of the two central values (20 + 40) / 2.
  CHECK_NUMBER(f.eval("s", "méd", e), Decimal(30));
  // By category, two values each: A {40, 80} → 60; B {10, 20} → 15.
  CHECK_NUMBER(f.eval("s", "méd_cat", "340000001"), Decimal(60));
  CHECK_NUMBER(f.eval("s", "méd_cat", "340000003"), Decimal(60));
  CHECK_NUMBER(f.eval("s", "méd_cat", "340000002"), Decimal(15));
  // The same for every establishment.
  CHECK_NUMBER(f.eval("s", "q25", "340000004"), dec("17.5"));
}

TEST_CASE("quantiles on 5 values, by linear interpolation; an absent value is left out") {
  Fixture f(base() + indicator("s", kStatistics));
  // Sorted: 10, 20, 40, 80, 160 (n = 5, h = 4 × p); 340000006 has no score.
  f.row("établissements", "340000001", {{"catégorie", txt("A")}, {"score", num("160")}});
  f.row("établissements", "340000002", {{"catégorie", txt("A")}, {"score", num("20")}});
  f.row("établissements", "340000003", {{"catégorie", txt("A")}, {"score", num("80")}});
  f.row("établissements", "340000004", {{"catégorie", txt("A")}, {"score", num("10")}});
  f.row("établissements", "340000005", {{"catégorie", txt("A")}, {"score", num("40")}});
  f.row("établissements", "340000006", {{"catégorie", txt("A")}});
  f.prepare({2022});
  const std::string e = "340000006";
  CHECK_NUMBER(f.eval("s", "q25", e), Decimal(20));   // h = 1: v[1] = 20
  CHECK_NUMBER(f.eval("s", "q30", e), Decimal(24));   // h = 1,2: 20 + 0,2 × (40 − 20) = 24
  CHECK_NUMBER(f.eval("s", "q75", e), Decimal(80));   // h = 3: v[3] = 80
  CHECK_NUMBER(f.eval("s", "q90", e), Decimal(128));  // h = 3,6: 80 + 0,6 × (160 − 80) = 128
  CHECK_NUMBER(f.eval("s", "méd", e), Decimal(40));   // odd count: the central value
  CHECK_NUMBER(f.eval("s", "q100", e), Decimal(160));
  CHECK_NUMBER(f.eval("s", "eff_cat", e), Decimal(5));  // 6 establishments, one without a score
  // The mean of 10 + 20 + 40 + 80 + 160 = 310 over 5 = 62.
  CHECK_NUMBER(f.eval("s", "moy", e), Decimal(62));
  CHECK_ABSENT(f.eval("s", "rg", e));  // no score, no rank
}

TEST_CASE("rang: 1 for the largest value, ties share the best rank") {
  Fixture f(base() + indicator("s", kStatistics));
  f.row("établissements", "340000001", {{"score", num("50")}});
  f.row("établissements", "340000002", {{"score", num("80")}});
  f.row("établissements", "340000003", {{"score", num("80")}});
  f.row("établissements", "340000004", {{"score", num("20")}});
  f.row("établissements", "340000005", {{"score", num("100")}});
  f.prepare({2022});
  // Rank = 1 + the number of values strictly greater.
  CHECK_NUMBER(f.eval("s", "rg", "340000005"), Decimal(1));  // 100: none above
  CHECK_NUMBER(f.eval("s", "rg", "340000002"), Decimal(2));  // 80: 100 above
  CHECK_NUMBER(f.eval("s", "rg", "340000003"), Decimal(2));  // 80: tie, the same best rank
  CHECK_NUMBER(f.eval("s", "rg", "340000001"), Decimal(4));  // 50: 100, 80, 80 above
  CHECK_NUMBER(f.eval("s", "rg", "340000004"), Decimal(5));  // 20: four above
}

TEST_CASE("moyenne(x par catégorie): the mean of the establishment's group") {
  Fixture f(base() + indicator("s", kStatistics));
  f.row("établissements", "340000001", {{"catégorie", txt("MCO")}, {"score", num("10")}});
  f.row("établissements", "340000002", {{"catégorie", txt("MCO")}, {"score", num("20")}});
  f.row("établissements", "340000003", {{"catégorie", txt("MCO")}, {"score", num("25")}});
  f.row("établissements", "340000004", {{"catégorie", txt("MCO")}});  // no score: left out of the mean
  f.row("établissements", "340000005", {{"catégorie", txt("SSR")}, {"score", num("7")}});
  f.row("établissements", "340000006", {{"score", num("1000")}});  // no category: no group
  f.prepare({2022});
  // MCO: (10 + 20 + 25) / 3 = 55 / 3 = 18,333…, exactly.
  CHECK_NUMBER(f.eval("s", "moy_cat", "340000001"), Decimal::from_fraction(55, 3));
  CHECK_NUMBER(f.eval("s", "moy_cat", "340000003"), Decimal::from_fraction(55, 3));
  CHECK_NUMBER(f.eval("s", "moy_cat", "340000004"), Decimal::from_fraction(55, 3));
  CHECK_NUMBER(f.eval("s", "eff_cat", "340000001"), Decimal(3));
  // SSR alone: 7.
  CHECK_NUMBER(f.eval("s", "moy_cat", "340000005"), Decimal(7));
  CHECK_NUMBER(f.eval("s", "eff_cat", "340000005"), Decimal(1));
  // Without a category, the grouped mean is absent.
  CHECK_ABSENT(f.eval("s", "moy_cat", "340000006"));
  // Ungrouped: (10 + 20 + 25 + 7 + 1 000) / 5 = 1 062 / 5 = 212,4.
  CHECK_NUMBER(f.eval("s", "moy", "340000001"), dec("212.4"));
}

// ---- row aggregations ----------------------------------------------------------------------------------------

const char* const kRows =
    "s = somme(montant de lignes);\n"
    "s19 = somme(montant de lignes[2019]);\n"
    "s_n1 = somme(montant de lignes[N-1]);\n"
    "s_prev = s[N-1];\n"
    "sx = somme(montant de lignes où classe = \"X\");\n"
    "n = compte(lignes);\n"
    "n19 = compte(lignes[2019]);\n"
    "d = compte_distinct(patient de lignes où classe = \"X\");\n"
    "d_all = compte_distinct(patient de lignes);\n"
    "m = moyenne(montant de lignes);\n"
    "mini = min(montant de lignes);\n"
    "maxi = max(montant de lignes);\n"
    "valeur = s; ciblage = vrai;";

void rows_data(Fixture& f) {
  const std::string e1 = "340000001", e2 = "340000002";
  f.row("lignes", e1, {{"année", num("2019")}, {"montant", num("100")}, {"classe", txt("X")}, {"patient", txt("P1")}});
  f.row("lignes", e1, {{"année", num("2019")}, {"montant", num("50")}, {"classe", txt("Y")}, {"patient", txt("P2")}});
  f.row("lignes", e1, {{"année", num("2021")}, {"montant", num("1000")}, {"classe", txt("X")}, {"patient", txt("P1")}});
  f.row("lignes", e1, {{"année", num("2022")}, {"montant", num("30")}, {"classe", txt("X")}, {"patient", txt("P1")}});
  f.row("lignes", e1, {{"année", num("2022")}, {"montant", num("20.50")}, {"classe", txt("X")}, {"patient", txt("P2")}});
  f.row("lignes", e1, {{"année", num("2022")}, {"montant", num("5")}, {"classe", txt("X")}, {"patient", txt("P1")}});
  f.row("lignes", e1, {{"année", num("2022")}, {"montant", num("12")}, {"classe", txt("Y")}, {"patient", txt("P3")}});
  // A row with neither amount nor patient: counted by compte, left out of the sums, means and distinct counts.
  f.row("lignes", e1, {{"année", num("2022")}, {"classe", txt("Z")}});
  f.row("lignes", e2, {{"année", num("2022")}, {"montant", num("7")}, {"classe", txt("X")}, {"patient", txt("P1")}});
  f.entity("340000003");  // no rows at all
}

TEST_CASE("somme, compte, compte_distinct and moyenne over rows, by year") {
  Fixture f(base() + indicator("r", kRows));
  rows_data(f);
  f.prepare({2022, 2023});
  const std::string e1 = "340000001";
  // 2022: 30 + 20,50 + 5 + 12 = 67,50 €.
  CHECK_NUMBER(f.eval("r", "s", e1), dec("67.5"));
  // lignes[2019], whatever N: 100 + 50 = 150 €.
  CHECK_NUMBER(f.eval("r", "s19", e1), Decimal(150));
  CHECK_NUMBER(f.eval("r", "s19", e1, 2023), Decimal(150));
  // lignes[N-1] and s[N-1] in 2022 read 2021: 1 000 €.
  CHECK_NUMBER(f.eval("r", "s_n1", e1), Decimal(1000));
  CHECK_NUMBER(f.eval("r", "s_prev", e1), Decimal(1000));
  // In 2023 there are no rows (0 €), and N-1 is 2022: 67,50 €.
  CHECK_NUMBER(f.eval("r", "s", e1, 2023), Decimal(0));
  CHECK_NUMBER(f.eval("r", "s_prev", e1, 2023), dec("67.5"));
  CHECK_NUMBER(f.eval("r", "s_n1", e1, 2023), dec("67.5"));
  // Class X in 2022: 30 + 20,50 + 5 = 55,50 €.
  CHECK_NUMBER(f.eval("r", "sx", e1), dec("55.5"));
  CHECK_NUMBER(f.eval("r", "n", e1), Decimal(5));  // five rows in 2022, the empty one included
  CHECK_NUMBER(f.eval("r", "n19", e1), Decimal(2));
  // Patients of class X in 2022: P1 (twice), P2 → 2; all classes: P1, P2, P3 → 3 (the 2019/2021 rows do not count).
  CHECK_NUMBER(f.eval("r", "d", e1), Decimal(2));
  CHECK_NUMBER(f.eval("r", "d_all", e1), Decimal(3));
  // 67,50 / 4 = 16,875 €, exactly: the row without an amount is not a 0 € in the mean.
  CHECK_NUMBER(f.eval("r", "m", e1), dec("16.875"));
  CHECK_NUMBER(f.eval("r", "mini", e1), Decimal(5));
  CHECK_NUMBER(f.eval("r", "maxi", e1), Decimal(30));

  // Another establishment's rows are its own.
  const std::string e2 = "340000002";
  CHECK_NUMBER(f.eval("r", "s", e2), Decimal(7));
  CHECK_NUMBER(f.eval("r", "s19", e2), Decimal(0));
  CHECK_NUMBER(f.eval("r", "n", e2), Decimal(1));
  CHECK_NUMBER(f.eval("r", "d_all", e2), Decimal(1));

  // No rows: sums and counts are 0, the mean, min and max are absent.
  const std::string e3 = "340000003";
  CHECK_NUMBER(f.eval("r", "s", e3), Decimal(0));
  CHECK_NUMBER(f.eval("r", "n", e3), Decimal(0));
  CHECK_NUMBER(f.eval("r", "d_all", e3), Decimal(0));
  CHECK_ABSENT(f.eval("r", "m", e3));
  CHECK_ABSENT(f.eval("r", "mini", e3));
  CHECK_ABSENT(f.eval("r", "maxi", e3));
}

// ---- rounding ----------------------------------------------------------------------------------------------------

const char* const kRounding =
    "a1 = arrondi(2,345 €, 2);\n"
    "a2 = arrondi(-2,345 €, 2);\n"
    "a3 = arrondi(2,344 €, 2);\n"
    "a4 = arrondi(0,5 €, 0);\n"
    "a5 = arrondi(-0,5 €, 0);\n"
    "a6 = arrondi(finances.a / 3, 2);\n"
    "r1 = arrondi(12,35 %, 1);\n"
    "r2 = arrondi(-12,35 %, 1);\n"
    "r3 = arrondi(12,5 %, 0);\n"
    "r4 = arrondi(finances.a / finances.b, 1);\n"
    "r5 = arrondi(2 × finances.a / finances.b, 1);\n"
    "inf1 = arrondi_inf(-2,345 €, 2);\n"
    "inf2 = arrondi_inf(12,39 %, 1);\n"
    "sup1 = arrondi_sup(2,341 €, 2);\n"
    "exact = 0,1 € + 0,2 € = 0,3 €;\n"
    "valeur = a1; ciblage = vrai;";

TEST_CASE("arrondi: half away from zero, money in €, rates in points of percent") {
  Fixture f(base() + indicator("a", kRounding));
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("1")}, {"b", num("3")}});
  f.prepare({2022});
  const std::string e = "340000001";
  CHECK_NUMBER(f.eval("a", "a1", e), dec("2.35"));    // 2,345 → 2,35 (half up)
  CHECK_NUMBER(f.eval("a", "a2", e), dec("-2.35"));   // −2,345 → −2,35 (half away from zero)
  CHECK_NUMBER(f.eval("a", "a3", e), dec("2.34"));
  CHECK_NUMBER(f.eval("a", "a4", e), Decimal(1));     // 0,5 → 1 (not 0 as half-even would give)
  CHECK_NUMBER(f.eval("a", "a5", e), Decimal(-1));
  CHECK_NUMBER(f.eval("a", "a6", e), dec("0.33"));    // 1 € / 3 = 0,333… €
  // Rates round in points: 12,35 % → 12,4 % = 0,124.
  CHECK_NUMBER(f.eval("a", "r1", e), dec("0.124"));
  CHECK_NUMBER(f.eval("a", "r2", e), dec("-0.124"));
  // 12,5 % to 0 decimals is 13 % = 0,13 (rounding 0,125 itself to 0 decimals would give 0).
  CHECK_NUMBER(f.eval("a", "r3", e), dec("0.13"));
  // 1 € / 3 € = 33,333… % → 33,3 % = 0,333; 2 € / 3 € = 66,666… % → 66,7 % = 0,667.
  CHECK_NUMBER(f.eval("a", "r4", e), dec("0.333"));
  CHECK_NUMBER(f.eval("a", "r5", e), dec("0.667"));
  // arrondi_inf goes down (toward −∞), arrondi_sup up.
  CHECK_NUMBER(f.eval("a", "inf1", e), dec("-2.35"));
  CHECK_NUMBER(f.eval("a", "inf2", e), dec("0.123"));  // 12,39 % → 12,3 %
  CHECK_NUMBER(f.eval("a", "sup1", e), dec("2.35"));
  // Exact decimal arithmetic: 0,1 + 0,2 is 0,3.
  CHECK_BOOL(f.eval("a", "exact", e), true);
}

// ---- the incentive -------------------------------------------------------------------------------------------

const char* const kIncentive =
    "valeur = finances.a;\n"
    "ciblage = finances.a >= 400 000 €;\n"
    "cible = 1 €;\n"
    "atteint = valeur >= cible;\n"
    "intéressement = 30 % × finances.a;";

TEST_CASE("the incentive: exact threshold, 0 € when not targeted, rounded to the cent") {
  Fixture f(base() + indicator("inc", kIncentive) +
            indicator("lecteur", "x = inc.intéressement; valeur = x; ciblage = vrai;"));
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("399999.99")}});
  f.row("finances", "340000002", {{"année", num("2022")}, {"a", num("400000")}});
  f.row("finances", "340000003", {{"année", num("2022")}, {"a", num("400000.15")}});
  f.row("finances", "340000004", {{"année", num("2022")}});  // a empty
  f.entity("340000005");                                       // no row
  f.prepare({2022});

  IndicatorResult r;
  Diagnostics errors;

  // 399 999,99 € < 400 000 € by one cent: not targeted; the incentive is 0 €, not absent; no target reported.
  REQUIRE(f.result("inc", "340000001", 2022, r, errors));
  CHECK_FALSE(r.targeted);
  CHECK_NUMBER(r.value, dec("399999.99"));
  CHECK_NUMBER(r.incentive, Decimal(0));
  CHECK(r.target.absent());
  CHECK(r.achieved.absent());
  // The binding itself still computes 30 % × 399 999,99 = 119 999,997 €; only the reported figure is 0 €.
  CHECK_NUMBER(f.eval("inc", "intéressement", "340000001"), dec("119999.997"));
  CHECK_NUMBER(f.eval("lecteur", "x", "340000001"), Decimal(0));

  // Exactly 400 000 €: targeted (≥); 30 % × 400 000 = 120 000 €.
  REQUIRE(f.result("inc", "340000002", 2022, r, errors));
  CHECK(r.targeted);
  CHECK_NUMBER(r.incentive, Decimal(120000));
  CHECK_NUMBER(r.target, Decimal(1));
  CHECK_BOOL(r.achieved, true);

  // 30 % × 400 000,15 = 120 000,045 € → 120 000,05 € (half away from zero; half-even would give ,04).
  REQUIRE(f.result("inc", "340000003", 2022, r, errors));
  CHECK(r.targeted);
  CHECK_NUMBER(r.incentive, dec("120000.05"));
  CHECK_NUMBER(f.eval("lecteur", "x", "340000003"), dec("120000.05"));

  // Targeting undecidable (empty cell, or no row): not targeted, 0 €.
  REQUIRE(f.result("inc", "340000004", 2022, r, errors));
  CHECK_FALSE(r.targeted);
  CHECK_NUMBER(r.incentive, Decimal(0));
  REQUIRE(f.result("inc", "340000005", 2022, r, errors));
  CHECK_FALSE(r.targeted);
  CHECK_NUMBER(r.incentive, Decimal(0));
  CHECK_FALSE(errors.has_errors());
}

TEST_CASE("exact money comparison at the boundary") {
  Fixture f(base() + indicator("c",
                               "ge = finances.a >= 400 000 €;\n"
                               "lt = finances.a < 400 000 €;\n"
                               "eq = finances.a = 399 999,99 €;\n"
                               "valeur = finances.a; ciblage = vrai;"));
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("399999.99")}});
  f.row("finances", "340000002", {{"année", num("2022")}, {"a", num("400000.00")}});
  f.prepare({2022});
  CHECK_BOOL(f.eval("c", "ge", "340000001"), false);
  CHECK_BOOL(f.eval("c", "lt", "340000001"), true);
  CHECK_BOOL(f.eval("c", "eq", "340000001"), true);
  CHECK_BOOL(f.eval("c", "ge", "340000002"), true);
  CHECK_BOOL(f.eval("c", "lt", "340000002"), false);
  CHECK_BOOL(f.eval("c", "eq", "340000002"), false);
}


// ---- row filters: compiled code over rows with missing cells, with and without partitions -----------------------

const char* const kRowFilters =
    "au_dessus = compte(lignes où montant > 8 €);\n"
    "pas_au_dessus = compte(lignes où non (montant > 8 €));\n"
    "au_dessus_ou_b = compte(lignes où montant > 8 € ou classe = \"B\");\n"
    "au_dessus_et_a = compte(lignes où montant > 8 € et classe = \"A\");\n"
    "pas_au_dessus_et_a = compte(lignes où non (montant > 8 € et classe = \"A\"));\n"
    "a_ou_c = compte(lignes où classe dans [\"A\", \"C\"]);\n"
    "ni_a_ni_c = compte(lignes où classe non dans [\"A\", \"C\"]);\n"
    "patients_avec_montant = compte_distinct(patient de lignes où présent(montant));\n"
    "montant_a = somme(montant de lignes où commence_par(classe, \"A\"));\n"
    "deuxième_caractère = compte(lignes où sous_texte(patient, 2, 1) = \"2\");\n"
    "double = somme(montant * 2 - 1 € de lignes où classe = \"A\");\n"
    "valeur = au_dessus; ciblage = vrai;";

void row_filter_rows(Fixture& f) {
  f.row("lignes", "340000001", {{"année", num("2022")}, {"montant", num("10")}, {"classe", txt("A")}, {"patient", txt("p1")}});
  f.row("lignes", "340000001", {{"année", num("2022")}, {"classe", txt("B")}, {"patient", txt("p2")}});
  f.row("lignes", "340000001", {{"année", num("2022")}, {"montant", num("30")}, {"patient", txt("p3")}});
  f.row("lignes", "340000001", {{"année", num("2022")}, {"montant", num("5")}, {"classe", txt("A")}});
  f.row("lignes", "340000001", {{"année", num("2022")}, {"montant", num("7")}, {"classe", txt("AB")}, {"patient", txt("p1")}});
}

void check_row_filters(Fixture& f) {
  const std::string e = "340000001";
  // Rows: (10 €, A, p1), (absent, B, p2), (30 €, absent, p3), (5 €, A, absent), (7 €, AB, p1).
  CHECK_NUMBER(f.eval("t", "au_dessus", e), Decimal(2));           // rows 1 and 3; row 2 is neither
  CHECK_NUMBER(f.eval("t", "pas_au_dessus", e), Decimal(2));       // rows 4 and 5
  CHECK_NUMBER(f.eval("t", "au_dessus_ou_b", e), Decimal(3));      // 1, 2 (B), 3
  CHECK_NUMBER(f.eval("t", "au_dessus_et_a", e), Decimal(1));      // 1; row 3 is vrai et absent = absent
  CHECK_NUMBER(f.eval("t", "pas_au_dessus_et_a", e), Decimal(3));  // 2 (absent et faux), 4, 5
  CHECK_NUMBER(f.eval("t", "a_ou_c", e), Decimal(2));              // 1 and 4; AB is not A
  CHECK_NUMBER(f.eval("t", "ni_a_ni_c", e), Decimal(2));           // 2 and 5; row 3's class is absent
  CHECK_NUMBER(f.eval("t", "patients_avec_montant", e), Decimal(2));  // p1 (twice), p3; row 4 has no patient
  CHECK_NUMBER(f.eval("t", "montant_a", e), Decimal(22));             // 10 + 5 + 7 (AB starts with A)
  CHECK_NUMBER(f.eval("t", "deuxième_caractère", e), Decimal(1));     // p2
  CHECK_NUMBER(f.eval("t", "double", e), Decimal(28));                // (20 − 1) + (10 − 1)
}

TEST_CASE("row filters: absent cells are neither true nor false, in memory and in partitions, whole or in parts") {
  // {threads, partitions, partition bytes, parts}: 5 parts of these 5 rows are one row each, 7 leave two empty.
  for (PassOptions options : {PassOptions{}, PassOptions{1, 3, 0}, PassOptions{2, 2, 0}, PassOptions{2, 0, 2u << 20, 3},
                              PassOptions{2, 2, 0, 5}, PassOptions{1, 0, 2u << 20, 7}}) {
    CAPTURE(options.partitions);
    CAPTURE(options.parts);
    Fixture f(base() + indicator("t", kRowFilters));
    row_filter_rows(f);
    f.prepare({2022}, options);
    check_row_filters(f);
  }
}

// The calls the row code reads in place (sous_texte, commence_par, jours_entre compared with a number): characters
// that are not bytes, positions past the end, absent cells, day counts across a year end, nested in a lookup.
const char* const kInPlaceCalls =
    "sous_texte_ô = compte(actes où sous_texte(libellé, 2, 1) = \"ô\");\n"
    "sous_texte_pas_ô = compte(actes où sous_texte(libellé, 2, 1) ≠ \"ô\");\n"
    "débuts = compte(actes où sous_texte(libellé, 1, 2) dans [\"ét\", \"Hô\"]);\n"
    "au_bout = compte(actes où sous_texte(libellé, 7, 5) = \"l\");\n"
    "vides = compte(actes où sous_texte(libellé, 4, 0) = \"\");\n"
    "chirurgie = compte(actes où sous_texte(ghm, 3, 1) = \"C\" et non commence_par(ghm, \"14\"));\n"
    "pas_06 = compte(actes où non commence_par(ghm, \"06\"));\n"
    "fenêtre_15 = compte(actes où jours_entre(jour, fin) ≥ 0 et jours_entre(jour, fin) ≤ 15);\n"
    "fenêtre_16 = compte(actes où jours_entre(jour, fin) ≥ 0 et jours_entre(jour, fin) ≤ limite);\n"
    "après = compte(actes où 0 < jours_entre(jour, fin));\n"
    "reprises = compte(actes où existe(actes où patient = actes.patient et sous_texte(libellé, 1, 2) = \"Hô\"\n"
    "                                  et jours_entre(jour, actes.jour) ≥ 0 et jours_entre(jour, actes.jour) ≤ 15));\n"
    "valeur = vides; ciblage = vrai;";

TEST_CASE("row code: sous_texte, commence_par and jours_entre read in place") {
  for (PassOptions options : {PassOptions{}, PassOptions{2, 2, 0}}) {
    CAPTURE(options.partitions);
    Fixture f("contrat essai \"Essai\" { années 2022..2022; établissements établissements; }\n"
              "table établissements \"Établissements\" par établissement { catégorie: code; }\n"
              "table actes \"Actes\" par ligne et année { libellé: texte; ghm: code; jour: date; fin: date; patient: texte; }\n"
              "paramètre limite \"Limite\" : entier = 16;\n" +
              indicator("t", kInPlaceCalls));
    auto day = [](int y, int m, int d) { return Value(Date::from_civil(y, m, d)); };
    const std::string e = "340000001";
    f.row("actes", e, {{"année", num("2022")}, {"libellé", txt("Hôpital")}, {"ghm", txt("06C04J")},
                       {"jour", day(2021, 12, 20)}, {"fin", day(2022, 1, 5)}, {"patient", txt("p1")}});
    f.row("actes", e, {{"année", num("2022")}, {"libellé", txt("Hopital")}, {"ghm", txt("14C02A")},
                       {"jour", day(2022, 1, 5)}, {"fin", day(2022, 1, 5)}, {"patient", txt("p1")}});
    f.row("actes", e, {{"année", num("2022")}, {"libellé", txt("éte")}, {"ghm", txt("06K04J")},
                       {"fin", day(2022, 3, 1)}, {"patient", txt("p2")}});
    f.row("actes", e, {{"année", num("2022")}, {"jour", day(2022, 2, 1)}, {"fin", day(2022, 1, 31)}, {"patient", txt("p2")}});
    f.row("actes", e, {{"année", num("2022")}, {"libellé", txt("Aô")}, {"ghm", txt("0C")},
                       {"jour", day(2021, 12, 31)}, {"fin", day(2022, 1, 1)}, {"patient", txt("p3")}});
    f.prepare({2022}, options);
    // Rows: 1 (Hôpital, 06C04J, 2021-12-20 → 2022-01-05: 16 days, p1), 2 (Hopital, 14C02A, 0 days, p1),
    // 3 (éte, 06K04J, no jour, p2), 4 (nothing but 2022-02-01 → 2022-01-31: −1 day, p2), 5 (Aô, 0C, 1 day, p3).
    CHECK_NUMBER(f.eval("t", "sous_texte_ô", e), Decimal(2));      // 1 and 5: the second character, not byte
    CHECK_NUMBER(f.eval("t", "sous_texte_pas_ô", e), Decimal(2));  // 2 (o) and 3 (t); row 4 is absent
    CHECK_NUMBER(f.eval("t", "débuts", e), Decimal(2));            // 1 (Hô) and 3 (ét)
    CHECK_NUMBER(f.eval("t", "au_bout", e), Decimal(2));           // 1 and 2: the 7th character, clipped at the end
    CHECK_NUMBER(f.eval("t", "vides", e), Decimal(4));             // every present libellé: 1, 2, 3, 5
    CHECK_NUMBER(f.eval("t", "chirurgie", e), Decimal(1));         // 1; 2 starts with 14, 5 has no third character
    CHECK_NUMBER(f.eval("t", "pas_06", e), Decimal(2));            // 2 and 5; row 4's ghm is absent
    CHECK_NUMBER(f.eval("t", "fenêtre_15", e), Decimal(2));        // 2 (0 days) and 5 (1 day); row 1 is 16
    CHECK_NUMBER(f.eval("t", "fenêtre_16", e), Decimal(3));        // and row 1, 11 days of 2021 and 5 of 2022
    CHECK_NUMBER(f.eval("t", "après", e), Decimal(2));             // 1 and 5
    // Row 1 finds itself (Hô, 0 days); row 2 finds row 1 16 days before (too far) and itself (Ho): not counted.
    CHECK_NUMBER(f.eval("t", "reprises", e), Decimal(1));
  }
}

// What the row compiler leaves to the tree walker (`selon`, a division) runs on one thread, nested aggregations
// included, with the same figures.
const char* const kTreeWalked =
    "selon_a = compte(lignes où selon classe { \"A\": vrai; autre: faux; });\n"
    "moitié_a = somme(montant / 2 de lignes où classe = \"A\");\n"
    "a_avec_ab = compte(lignes où selon classe { \"A\": existe(lignes où patient = lignes.patient et classe = \"AB\"); autre: faux; });\n"
    "valeur = selon_a; ciblage = vrai;";

TEST_CASE("row filters left to the tree walker, nested aggregations inside, in memory and in partitions") {
  for (PassOptions options : {PassOptions{}, PassOptions{2, 3, 0}}) {
    CAPTURE(options.partitions);
    Fixture f(base() + indicator("t", kTreeWalked));
    row_filter_rows(f);
    f.prepare({2022}, options);
    const std::string e = "340000001";
    CHECK_NUMBER(f.eval("t", "selon_a", e), Decimal(2));       // rows 1 and 4
    CHECK_NUMBER(f.eval("t", "moitié_a", e), dec("7.5"));      // (10 + 5) / 2
    CHECK_NUMBER(f.eval("t", "a_avec_ab", e), Decimal(1));     // row 1: p1 also has an AB row; row 4 has no patient
  }
}

// ---- years the data do not hold -----------------------------------------------------------------------------------

TEST_CASE("a year read with no row of the table is one warning per table and year, at the first place read") {
  Fixture f(base() + indicator("y", "vieux = somme(montant de lignes[2016]);\n"
                                    "suivant = compte(lignes[N+1]);\n"
                                    "encore = compte(lignes[2016] où classe = \"X\");\n"
                                    "f_prec = finances.a[N-1];\n"
                                    "valeur = somme(montant de lignes); ciblage = vrai;"));
  rows_data(f);
  f.row("finances", "340000001", {{"année", num("2022")}, {"a", num("10")}});
  f.prepare({2022});
  for (const char* name : {"vieux", "suivant", "encore", "f_prec", "valeur"})
    for (const char* e : {"340000001", "340000002", "340000003"}) f.eval("y", name, e);
  Diagnostics d = f.missing_years();
  std::vector<std::string> got;
  for (const auto& w : d.items()) {
    CHECK(w.severity == Severity::Warning);
    got.push_back(w.span.where() + " " + w.message.in(Language::En));
  }
  // lignes holds 2019, 2021 and 2022 (counted by the pass, whatever the filters); finances only 2022. In the order
  // of the rules.
  REQUIRE(got.size() == 3);
  CHECK(got[0].find(":7:") != std::string::npos);  // 'vieux' comes before 'encore'
  CHECK(got[0].find("no row of lignes.csv for 2016: every figure that reads lignes[2016] is absent") != std::string::npos);
  CHECK(got[1].find(":8:") != std::string::npos);
  CHECK(got[1].find("no row of lignes.csv for 2023") != std::string::npos);
  CHECK(got[2].find(":10:") != std::string::npos);
  CHECK(got[2].find("no row of finances.csv for 2021") != std::string::npos);
}

TEST_CASE("no warning when every year read has rows") {
  Fixture f(base() + indicator("r", kRows));
  rows_data(f);
  f.prepare({2022});
  for (const char* name : {"s", "s19", "s_n1", "n", "d"}) f.eval("r", name, "340000001");
  CHECK(f.missing_years().items().empty());
}

}  // namespace
}  // namespace caqes
