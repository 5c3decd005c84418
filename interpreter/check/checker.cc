// Names, types, units, periods and cycles. Bindings and parameters are checked on first use (with a state per
// declaration, which is how a cycle is seen), so declarations may come in any order, across files.
#include "check/checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "syntax/parser.h"

namespace caqes {

int TableInfo::column_index(const std::string& n) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == n) return static_cast<int>(i);
  return -1;
}

int CheckedProgram::table_index(const std::string& n) const {
  for (std::size_t i = 0; i < tables.size(); ++i)
    if (tables[i].name == n) return static_cast<int>(i);
  return -1;
}

int CheckedProgram::indicator_index(const std::string& n) const {
  for (std::size_t i = 0; i < indicators.size(); ++i)
    if (indicators[i].name == n) return static_cast<int>(i);
  return -1;
}

int CheckedProgram::parameter_index(const std::string& n) const {
  for (std::size_t i = 0; i < parameters.size(); ++i)
    if (parameters[i].decl->name == n) return static_cast<int>(i);
  return -1;
}

const Type& CheckedProgram::type_of(const ast::Expr& e) const {
  static const Type error;
  auto it = types.find(e.id);
  return it == types.end() ? error : it->second;
}

namespace {

std::vector<std::u32string::value_type> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// Accents do not count as a difference: "depense" is close to "dépense".
char32_t fold(char32_t c) {
  static const std::u32string accented = U"àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ";
  static const std::u32string plain = U"aaaeeeeiioouuucAAAEEEEIIOOUUUC";
  auto pos = accented.find(c);
  char32_t r = pos == std::u32string::npos ? c : plain[pos];
  return r >= 'A' && r <= 'Z' ? r - 'A' + 'a' : r;
}

int distance(const std::string& a, const std::string& b) {
  auto x = code_points(a), y = code_points(b);
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= y.size(); ++j) {
      int cost = fold(x[i - 1]) == fold(y[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

}  // namespace

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  int best_d = 1 << 30;
  int limit = std::max(1, static_cast<int>(code_points(name).size()) / 3);
  for (const auto& c : candidates) {
    int d = distance(name, c);
    if (d < best_d && d <= std::max(limit, 1) && c != name) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

namespace {

// What the checker knows about an expression besides its type.
struct Info {
  Type type;
  bool year = false;       // may change with N
  bool aggregate = false;  // reads aggregated rows, a population statistic or an indicator
};

struct Scope {
  int indicator = -1;    // its bindings are visible
  int row_table = -1;    // inside an aggregation: the row's columns are visible
  int outer_table = -1;  // inside an aggregation nested in another's filter: the outer row, as `table.colonne`
  bool test = false;     // in a test expectation: `≈` is allowed
};

enum class State { Unchecked, InProgress, Done };

const std::set<std::string> kIndicatorKeys = {"volet", "niveau", "source", "référence", "statut", "note"};
const std::set<std::string> kVolets = {"produits_de_santé", "pertinence", "organisation_des_soins"};
const std::set<std::string> kContractKeys = {"référence", "établissements", "données_absentes", "division_par_zéro",
                                             "région", "note", "étend", "signataire", "synthèse"};

class Checker {
 public:
  Checker(CheckedProgram& out, Diagnostics& diags) : p_(out), diags_(diags) {}

  void run() {
    const ast::Program& ast = *p_.ast;
    contract(ast);
    tables(ast);
    declare(ast);
    for (std::size_t i = 0; i < p_.parameters.size(); ++i) parameter(static_cast<int>(i));
    for (std::size_t i = 0; i < p_.indicators.size(); ++i) indicator(static_cast<int>(i));
    for (const auto& t : ast.tests) test(t);
    signatory(ast);
  }

  // `signataire p;`: the parameter giving, for each establishment (EG), the FINESS of the entity that signs its
  // contract (the EJ for public and ESPIC establishments, the EG itself for private ones).
  void signatory(const ast::Program& ast) {
    if (ast.contracts.empty()) return;
    for (const auto& m : ast.contracts.front().metadata) {
      if (m.key != "signataire" && m.key != "synthèse") continue;
      int i = p_.parameter_index(m.joined());
      if (i < 0) {
        std::vector<std::string> names;
        for (const auto& prm : p_.parameters) names.push_back(prm.decl->name);
        unknown(m.span, fmt::format("'signataire {}': no such parameter", m.joined()), m.joined(), names);
        continue;
      }
      if (!p_.parameters[i].type.is_error() && p_.parameters[i].type.kind != Kind::Text) {
        if (m.key == "signataire")
          diags_.error(m.span, fmt::format("the signing entity '{}' must be a FINESS (texte), not a {}", m.joined(),
                                           describe(p_.parameters[i].type)),
                       "for example: paramètre signataire = si statut dans [public, espic] alors ej sinon finess;");
        else
          diags_.error(m.span, fmt::format("the summary group '{}' must be a text, not a {}", m.joined(),
                                           describe(p_.parameters[i].type)),
                       "for example: paramètre groupe = si catégorie = \"HAD\" alors \"EHAD\" sinon statut;");
        continue;
      }
      if (m.key == "signataire") p_.signatory_parameter = i;
      else p_.summary_parameter = i;
    }
  }

 private:
  // ---- declarations ---------------------------------------------------------------------------------------
  void contract(const ast::Program& ast) {
    Span none;
    if (ast.contracts.empty()) {
      Span where = ast.files.empty() ? none : Span{ast.files.front().get(), 1, 1, 1};
      diags_.error(where, "no contract declared",
                   "a rules program declares its contract once: contrat nom \"Libellé\" { années 2022..2024; }");
      return;
    }
    for (std::size_t i = 1; i < ast.contracts.size(); ++i) {
      diags_.error(ast.contracts[i].span,
                   fmt::format("a second contract '{}' in the same rules program", ast.contracts[i].name),
                   fmt::format("'{}' is declared at {}; one directory holds one contract", ast.contracts[0].name,
                               ast.contracts[0].span.where()));
    }
    const ast::ContractDecl& c = ast.contracts.front();
    p_.contract_name = c.name;
    p_.contract_label = c.label;
    p_.first_year = c.first_year;
    p_.last_year = c.last_year;
    if (c.first_year == 0) {
      diags_.error(c.span, fmt::format("contract '{}' does not say which years it covers", c.name),
                   "add: années 2022..2024;");
    } else if (c.first_year > c.last_year || c.first_year < 1900 || c.last_year > 2200) {
      diags_.error(c.years_span, fmt::format("years {}..{} are not a period", c.first_year, c.last_year),
                   "write the first year, then the last: années 2022..2024;");
    }
    for (const auto& m : c.metadata) {
      if (!kContractKeys.count(m.key)) {
        std::vector<std::string> keys(kContractKeys.begin(), kContractKeys.end());
        keys.push_back("années");
        unknown(m.span, fmt::format("unknown contract clause '{}'", m.key), m.key, keys);
        continue;
      }
      if (m.key == "référence") {
        for (const auto& v : m.values) p_.references.push_back(v.text);
      } else if (m.key == "données_absentes") {
        std::string v = m.joined();
        if (v == "absent") p_.missing_data = MissingData::Absent;
        else if (v == "erreur") p_.missing_data = MissingData::Error;
        else diags_.error(m.span, fmt::format("données_absentes '{}' is not a behaviour", v), "write: absent or erreur");
      } else if (m.key == "division_par_zéro") {
        std::string v = m.joined();
        if (v == "absent") p_.division_by_zero = DivisionByZero::Absent;
        else if (v == "zéro") p_.division_by_zero = DivisionByZero::Zero;
        else if (v == "erreur") p_.division_by_zero = DivisionByZero::Error;
        else diags_.error(m.span, fmt::format("division_par_zéro '{}' is not a behaviour", v),
                          "write: absent, zéro or erreur");
      }
    }
  }

  void tables(const ast::Program& ast) {
    std::map<std::string, Span> seen;
    for (const auto& t : ast.tables) {
      if (seen.count(t.name)) {
        diags_.error(t.name_span, fmt::format("table '{}' is declared twice", t.name),
                     fmt::format("the first declaration is at {}", seen[t.name].where()));
        continue;
      }
      seen[t.name] = t.name_span;
      TableInfo info;
      info.decl = &t;
      info.name = t.name;
      info.label = t.label;
      info.kind = t.kind;
      info.columns.push_back({"finess", "FINESS de l'établissement", ColumnType::Text, t.name_span, true});
      if (t.kind == ast::TableKind::EntityYear || t.kind == ast::TableKind::RowsYear) {
        info.columns.push_back({"année", "Année", ColumnType::Year, t.name_span, true});
        info.year_column = 1;
      }
      for (const auto& c : t.columns) {
        auto type = column_type_from_name(c.type_name);
        if (!type) {
          std::vector<std::string> names = {"texte", "code", "entier", "effectif", "décimal", "monnaie", "taux",
                                            "booléen", "date", "année"};
          std::string near = closest_name(c.type_name, names);
          diags_.error(c.type_span, fmt::format("unknown column type '{}'", c.type_name),
                       near.empty() ? fmt::format("the column types are: {}", column_type_names())
                                    : fmt::format("did you mean '{}'?", near));
          continue;
        }
        int existing = info.column_index(c.name);
        if (existing >= 0) {
          diags_.error(c.span,
                       info.columns[existing].implicit
                           ? fmt::format("column '{}' is implied by 'par {}' and must not be declared", c.name,
                                         t.kind == ast::TableKind::Entity || t.kind == ast::TableKind::EntityYear
                                             ? "établissement" : "ligne")
                           : fmt::format("column '{}' is declared twice in table '{}'", c.name, t.name));
          continue;
        }
        info.columns.push_back({c.name, c.label, *type, c.span, false});
      }
      p_.tables.push_back(std::move(info));
    }
    // The registry of establishments: named by the contract, or the only `par établissement` table.
    std::string named;
    Span named_span;
    if (!ast.contracts.empty()) {
      for (const auto& m : ast.contracts.front().metadata)
        if (m.key == "établissements") {
          named = m.joined();
          named_span = m.span;
        }
    }
    if (!named.empty()) {
      p_.registry_table = p_.table_index(named);
      if (p_.registry_table < 0 || p_.tables[p_.registry_table].kind != ast::TableKind::Entity) {
        diags_.error(named_span, fmt::format("'{}' is not a table declared 'par établissement'", named),
                     "the registry of establishments is a table with one row per FINESS");
        p_.registry_table = -1;
      }
    } else {
      for (std::size_t i = 0; i < p_.tables.size(); ++i) {
        if (p_.tables[i].kind != ast::TableKind::Entity) continue;
        if (p_.registry_table >= 0) {
          diags_.error(p_.tables[i].decl->name_span,
                       "several tables 'par établissement': say which one lists the establishments",
                       fmt::format("in the contract, add: établissements {};", p_.tables[p_.registry_table].name));
          break;
        }
        p_.registry_table = static_cast<int>(i);
      }
      if (p_.registry_table < 0 && !ast.contracts.empty()) {
        diags_.error(ast.contracts.front().span, "no table lists the establishments",
                     "declare one: table établissements \"Établissements\" par établissement { catégorie: code; }");
      }
    }
  }

  void declare(const ast::Program& ast) {
    std::map<std::string, Span> names;
    for (const auto& t : p_.tables) names[t.name] = t.decl->name_span;
    for (const auto& prm : ast.parameters) {
      if (names.count(prm.name)) {
        diags_.error(prm.name_span, fmt::format("'{}' is already declared", prm.name),
                     fmt::format("see {}", names[prm.name].where()));
        continue;
      }
      names[prm.name] = prm.name_span;
      ParameterInfo info;
      info.decl = &prm;
      p_.parameters.push_back(info);
    }
    parameter_state_.assign(p_.parameters.size(), State::Unchecked);
    for (const auto& ind : ast.indicators) {
      if (names.count(ind.name)) {
        diags_.error(ind.name_span, fmt::format("'{}' is already declared", ind.name),
                     fmt::format("see {}", names[ind.name].where()));
        continue;
      }
      names[ind.name] = ind.name_span;
      IndicatorInfo info;
      info.decl = &ind;
      info.name = ind.name;
      info.label = ind.label;
      info.status = "actif";
      for (std::size_t b = 0; b < ind.bindings.size(); ++b) {
        const auto& binding = ind.bindings[b];
        if (info.bindings.count(binding.name)) {
          diags_.error(binding.name_span, fmt::format("'{}' is defined twice in indicator '{}'", binding.name, ind.name));
          continue;
        }
        info.bindings[binding.name] = static_cast<int>(b);
      }
      auto slot = [&](const char* n) {
        auto it = info.bindings.find(n);
        return it == info.bindings.end() ? -1 : it->second;
      };
      info.value = slot(kValue);
      info.targeting = slot(kTargeting);
      info.target = slot(kTarget);
      info.achieved = slot(kAchieved);
      info.incentive = slot(kIncentive);
      info.binding_types.assign(ind.bindings.size(), Type::error());
      info.binding_year_dependent.assign(ind.bindings.size(), false);
      p_.indicators.push_back(std::move(info));
      binding_state_.emplace_back(ind.bindings.size(), State::Unchecked);
      binding_aggregate_.emplace_back(ind.bindings.size(), false);
    }
  }

  void parameter(int index) {
    if (parameter_state_[index] == State::Done) return;
    ParameterInfo& info = p_.parameters[index];
    const ast::ParameterDecl& d = *info.decl;
    parameter_state_[index] = State::InProgress;
    Info r = expr(*d.value, Scope{});
    info.type = r.type;
    info.year_dependent = r.year;
    parameter_aggregate_[index] = r.aggregate;
    if (!d.type_name.empty() && !r.type.is_error()) {
      auto declared = column_type_from_name(d.type_name);
      if (!declared) {
        diags_.error(d.type_span, fmt::format("unknown type '{}'", d.type_name),
                     fmt::format("the types are: {}", column_type_names()));
      } else {
        Type want = type_of_column(*declared);
        bool fits = want.kind == r.type.kind && (want.kind != Kind::Number || want.unit == r.type.unit ||
                                                 (want.unit == Unit::Plain && r.type.unit == Unit::Count));
        if (r.type.kind == Kind::List) fits = want.kind == r.type.element && want.unit == r.type.unit;
        if (!fits) {
          diags_.error(d.value->span,
                       fmt::format("parameter '{}' is declared {} but its value is a {}", d.name, d.type_name,
                                   describe(r.type)),
                       unit_hint(want));
        }
      }
    }
    parameter_state_[index] = State::Done;
  }

  void indicator(int index) {
    IndicatorInfo& info = p_.indicators[index];
    const ast::IndicatorDecl& d = *info.decl;
    for (const auto& m : d.metadata) {
      if (!kIndicatorKeys.count(m.key)) {
        unknown(m.span, fmt::format("unknown indicator property '{}'", m.key), m.key,
                std::vector<std::string>(kIndicatorKeys.begin(), kIndicatorKeys.end()));
        continue;
      }
      std::string v = m.joined();
      if (m.key == "volet") {
        info.volet = v;
        if (!kVolets.count(v)) unknown(m.values.front().span, fmt::format("unknown volet '{}'", v), v,
                                        std::vector<std::string>(kVolets.begin(), kVolets.end()));
      } else if (m.key == "niveau") {
        if (v == "national") info.level = Level::National;
        else if (v == "régional") info.level = Level::Regional;
        else diags_.error(m.span, fmt::format("niveau '{}' is neither national nor régional", v));
      } else if (m.key == "source") {
        info.source = v;
      } else if (m.key == "référence") {
        info.reference = v;
      } else if (m.key == "statut") {
        info.status = v;
        if (v != "actif" && v != "à_définir")
          diags_.error(m.span, fmt::format("statut '{}' is not known", v),
                       "write 'statut actif;' or 'statut à_définir;' (measure or target left to be defined)");
      }
    }
    for (const char* required : {"volet", "niveau", "source"}) {
      bool present = std::any_of(d.metadata.begin(), d.metadata.end(), [&](const ast::Metadata& m) { return m.key == required; });
      if (!present)
        diags_.error(d.name_span, fmt::format("indicator '{}' does not say its {}", d.name, required),
                     fmt::format("add a line such as: {};", std::string(required) == "volet"    ? "volet produits_de_santé"
                                                             : std::string(required) == "niveau" ? "niveau national"
                                                                                                 : "source \"PHEV\""));
    }
    for (std::size_t b = 0; b < d.bindings.size(); ++b) binding(index, static_cast<int>(b));

    bool to_define = info.status == "à_définir";
    auto type_of = [&](int b) { return b < 0 ? Type::error() : info.binding_types[b]; };
    auto at = [&](int b) { return d.bindings[b].value->span; };
    if (info.value < 0 && !to_define) {
      diags_.error(d.name_span, fmt::format("indicator '{}' has no value", d.name),
                   "add: valeur = <formule>; (or 'statut à_définir;' if the source leaves it to be defined)");
    }
    if (info.targeting < 0) {
      diags_.error(d.name_span, fmt::format("indicator '{}' does not say which establishments it targets", d.name),
                   "add: ciblage = <critère>; (ciblage = vrai; targets every establishment)");
    } else if (!type_of(info.targeting).is_error() && type_of(info.targeting).kind != Kind::Boolean) {
      diags_.error(at(info.targeting), fmt::format("ciblage must be a condition (booléen), not a {}",
                                                   describe(type_of(info.targeting))));
    }
    if (info.value >= 0 && !type_of(info.value).is_error() && type_of(info.value).kind != Kind::Number &&
        type_of(info.value).kind != Kind::Boolean) {
      diags_.error(at(info.value), fmt::format("valeur must be a number or a condition, not a {}",
                                               describe(type_of(info.value))));
    }
    if (info.target >= 0 && info.value >= 0) {
      Type v = type_of(info.value), t = type_of(info.target);
      bool ok = v.is_error() || t.is_error() || t.kind == Kind::Absent || (v.kind == t.kind && (v.kind != Kind::Number || same_dimension(v.unit, t.unit)));
      if (!ok)
        diags_.error(at(info.target), fmt::format("the target is a {} but the value is a {}", describe(t), describe(v)),
                     unit_hint(v));
      if (info.achieved < 0)
        diags_.error(d.bindings[info.target].name_span, "a target needs a rule saying when it is reached",
                     "add for example: atteint = valeur >= cible;");
    }
    if (info.achieved >= 0 && !type_of(info.achieved).is_error() && type_of(info.achieved).kind != Kind::Boolean) {
      diags_.error(at(info.achieved), fmt::format("atteint must be a condition (booléen), not a {}",
                                                  describe(type_of(info.achieved))));
    }
    if (info.incentive >= 0 && !type_of(info.incentive).is_error() && !type_of(info.incentive).is_money()) {
      diags_.error(at(info.incentive),
                   fmt::format("intéressement must be an amount in €, not a {}", describe(type_of(info.incentive))),
                   "an incentive is money: multiply a rate by an amount, e.g. 30 % × économie");
    }
  }

  void binding(int indicator, int b) {
    auto& state = binding_state_[indicator][b];
    if (state == State::Done) return;
    IndicatorInfo& info = p_.indicators[indicator];
    const ast::Binding& d = info.decl->bindings[b];
    state = State::InProgress;
    in_progress_.push_back({indicator, b});
    Scope scope;
    scope.indicator = indicator;
    Info r = expr(*d.value, scope);
    in_progress_.pop_back();
    info.binding_types[b] = r.type;
    info.binding_year_dependent[b] = r.year;
    binding_aggregate_[indicator][b] = r.aggregate;
    state = State::Done;
  }

  void test(const ast::TestDecl& t) {
    for (const auto& m : t.metadata) {
      if (m.key != "année") {
        unknown(m.span, fmt::format("unknown test property '{}'", m.key), m.key, {"année"});
      }
    }
    for (const auto& row : t.rows) {
      int ti = p_.table_index(row.table);
      if (ti < 0) {
        unknown(row.span, fmt::format("unknown table '{}'", row.table), row.table, table_names());
        continue;
      }
      const TableInfo& table = p_.tables[ti];
      std::set<std::string> given;
      for (const auto& f : row.fields) {
        int ci = table.column_index(f.column);
        if (ci < 0) {
          std::vector<std::string> cols;
          for (const auto& c : table.columns) cols.push_back(c.name);
          unknown(f.span, fmt::format("table '{}' has no column '{}'", table.name, f.column), f.column, cols);
          continue;
        }
        if (!given.insert(f.column).second) diags_.error(f.span, fmt::format("column '{}' given twice", f.column));
        const ColumnInfo& col = table.columns[ci];
        // A bare word is a code here too: domaine = D02.
        if (auto* name = f.value->as<ast::Name>(); name && (col.type == ColumnType::Code || col.type == ColumnType::Text)) {
          std::string code = name->name;
          const_cast<ast::Expr&>(*f.value).node = ast::StringLiteral{code, true};
        }
        Info r = expr(*f.value, Scope{});
        if (r.type.is_error()) continue;
        Type want = type_of_column(col.type);
        bool ok = r.type.kind == Kind::Absent || (r.type.kind == want.kind &&
                  (want.kind != Kind::Number || r.type.unit == want.unit ||
                   (r.type.unit == Unit::Plain && want.unit != Unit::Rate)));
        if (!ok)
          diags_.error(f.value->span, fmt::format("column '{}' holds {} ({}), not {}", col.name, describe(want),
                                                  column_type_name(col.type), describe(r.type)),
                       unit_hint(want));
      }
      for (const auto& c : table.columns) {
        if (c.implicit && !given.count(c.name))
          diags_.error(row.span, fmt::format("a row of '{}' needs its key column '{}'", table.name, c.name),
                       c.name == "année" ? "add: année = 2022" : "add: finess = \"340000001\"");
      }
    }
    for (const auto& e : t.expectations) {
      Scope scope;
      scope.test = true;
      Info r = expr(*e.expr, scope);
      if (!r.type.is_error() && r.type.kind != Kind::Boolean)
        diags_.error(e.expr->span, "an expectation is a condition",
                     "write for example: attendu \"340000001\": transport.intéressement = 9 877,94 €;");
    }
  }

  // ---- expressions ----------------------------------------------------------------------------------------
  Info record(const ast::Expr& e, Info r) {
    p_.types[e.id] = r.type;
    p_.year_dependent[e.id] = r.year;
    return r;
  }

  Info fail(const ast::Expr& e) { return record(e, Info{}); }

  Info expr(const ast::Expr& e, const Scope& scope) {
    return std::visit([&](const auto& n) { return record(e, node(e, n, scope)); }, e.node);
  }

  Info node(const ast::Expr&, const ast::NumberLiteral& n, const Scope&) {
    Unit u = n.unit == ast::LiteralUnit::Euro ? Unit::Money : n.unit == ast::LiteralUnit::Percent ? Unit::Rate : Unit::Plain;
    return {Type::number(u)};
  }
  Info node(const ast::Expr&, const ast::StringLiteral&, const Scope&) { return {Type::text()}; }
  Info node(const ast::Expr&, const ast::DateLiteral&, const Scope&) { return {Type::date()}; }
  Info node(const ast::Expr&, const ast::BooleanLiteral&, const Scope&) { return {Type::boolean()}; }
  Info node(const ast::Expr&, const ast::AbsentLiteral&, const Scope&) { return {Type::absent()}; }
  Info node(const ast::Expr&, const ast::CurrentYear&, const Scope&) { return {Type::number(Unit::Plain), true}; }

  Info node(const ast::Expr& e, const ast::Name& n, const Scope& scope) {
    const std::string& name = n.name;
    if (scope.row_table >= 0) {
      const TableInfo& t = p_.tables[scope.row_table];
      int c = t.column_index(name);
      if (c >= 0) {
        p_.references_[e.id] = Reference{Reference::What::RowColumn, scope.row_table, c};
        return {type_of_column(t.columns[c].type), c == t.year_column};
      }
    }
    if (scope.indicator >= 0) {
      const IndicatorInfo& ind = p_.indicators[scope.indicator];
      auto it = ind.bindings.find(name);
      if (it != ind.bindings.end()) return binding_reference(e, scope.indicator, it->second);
    }
    int prm = p_.parameter_index(name);
    if (prm >= 0) {
      if (parameter_state_[prm] == State::InProgress) {
        diags_.error(e.span, fmt::format("parameter '{}' depends on itself", name));
        return {};
      }
      parameter(prm);
      Reference ref;
      ref.what = Reference::What::Parameter;
      ref.parameter = prm;
      p_.references_[e.id] = ref;
      const ParameterInfo& info = p_.parameters[prm];
      return {info.type, info.year_dependent, parameter_aggregate_[prm]};
    }
    if (name == "finess") {
      Reference ref;
      ref.what = Reference::What::Finess;
      p_.references_[e.id] = ref;
      return {Type::text()};
    }
    // A column of a per-establishment table, when no other table has a column of that name.
    std::vector<std::pair<int, int>> found;
    for (std::size_t t = 0; t < p_.tables.size(); ++t) {
      if (!p_.tables[t].per_entity()) continue;
      int c = p_.tables[t].column_index(name);
      if (c >= 0 && !p_.tables[t].columns[c].implicit) found.push_back({static_cast<int>(t), c});
    }
    if (found.size() == 1) return entity_column(e, found[0].first, found[0].second);
    if (found.size() > 1) {
      std::string options;
      for (auto& [t, c] : found) options += (options.empty() ? "" : " or ") + p_.tables[t].name + "." + name;
      diags_.error(e.span, fmt::format("'{}' is a column of several tables", name), fmt::format("write {}", options));
      return {};
    }
    if (p_.table_index(name) >= 0) {
      const TableInfo& t = p_.tables[p_.table_index(name)];
      diags_.error(e.span, fmt::format("table '{}' is not a value", name),
                   t.per_entity() ? fmt::format("read one of its columns: {}.colonne", name)
                                  : fmt::format("aggregate its rows: compte({}) or somme(colonne de {})", name, name));
      return {};
    }
    if (p_.indicator_index(name) >= 0) {
      diags_.error(e.span, fmt::format("indicator '{}' is not a value", name),
                   fmt::format("read one of its parts: {}.valeur, {}.ciblage, {}.intéressement", name, name, name));
      return {};
    }
    unknown(e.span, fmt::format("unknown name '{}'", name), name, visible_names(scope));
    return {};
  }

  Info binding_reference(const ast::Expr& e, int indicator, int b) {
    if (binding_state_[indicator][b] == State::InProgress) {
      // The cycle is the part of the stack of definitions being checked from this one on.
      std::string path;
      auto start = std::find(in_progress_.begin(), in_progress_.end(), std::make_pair(indicator, b));
      for (auto it = start; it != in_progress_.end(); ++it) {
        const auto& ind = *p_.indicators[it->first].decl;
        path += (it->first == indicator ? "" : ind.name + ".") + ind.bindings[it->second].name + " → ";
      }
      path += p_.indicators[indicator].decl->bindings[b].name;
      diags_.error(e.span, fmt::format("cycle of definitions: {}", path),
                   "a definition cannot use its own result, directly or through others; break the cycle");
      return {};
    }
    binding(indicator, b);
    Reference ref;
    ref.what = Reference::What::Binding;
    ref.indicator = indicator;
    ref.binding = b;
    p_.references_[e.id] = ref;
    const IndicatorInfo& info = p_.indicators[indicator];
    return {info.binding_types[b], info.binding_year_dependent[b], binding_aggregate_[indicator][b] || true};
  }

  Info entity_column(const ast::Expr& e, int t, int c) {
    Reference ref;
    ref.what = Reference::What::EntityColumn;
    ref.table = t;
    ref.column = c;
    p_.references_[e.id] = ref;
    const TableInfo& table = p_.tables[t];
    return {type_of_column(table.columns[c].type), table.has_year()};
  }

  Info node(const ast::Expr& e, const ast::Member& m, const Scope& scope) {
    const auto* object = m.object->as<ast::Name>();
    if (!object) {
      diags_.error(e.span, "'.' follows a table or an indicator name", "write table.colonne or indicateur.valeur");
      return {};
    }
    int t = p_.table_index(object->name);
    if (t >= 0) {
      const TableInfo& table = p_.tables[t];
      int c = table.column_index(m.member);
      if (c < 0) {
        std::vector<std::string> cols;
        for (const auto& col : table.columns) cols.push_back(col.name);
        unknown(m.member_span, fmt::format("table '{}' has no column '{}'", table.name, m.member), m.member, cols);
        return {};
      }
      if (table.per_entity()) return entity_column(e, t, c);
      // In a nested aggregation, `table.colonne` names the outer row, even when both read the same table (the
      // inner row's columns are written without the table's name).
      if (scope.outer_table == t) {
        p_.references_[e.id] = Reference{Reference::What::OuterRowColumn, t, c};
        return {type_of_column(table.columns[c].type), c == table.year_column};
      }
      if (scope.row_table == t) {
        p_.references_[e.id] = Reference{Reference::What::RowColumn, t, c};
        return {type_of_column(table.columns[c].type), c == table.year_column};
      }
      diags_.error(e.span, fmt::format("'{}' has one row per line, not per establishment", table.name),
                   fmt::format("aggregate it: somme({} de {}), or compte({} où ...)", m.member, table.name, table.name));
      return {};
    }
    int ind = p_.indicator_index(object->name);
    if (ind >= 0) {
      const IndicatorInfo& info = p_.indicators[ind];
      std::string member = m.member == "ciblé" ? kTargeting : m.member;
      auto it = info.bindings.find(member);
      if (it == info.bindings.end()) {
        std::vector<std::string> names;
        for (auto& [n, _] : info.bindings) names.push_back(n);
        unknown(m.member_span, fmt::format("indicator '{}' defines no '{}'", info.name, m.member), m.member, names);
        return {};
      }
      Info r = binding_reference(e, ind, it->second);
      if (it->second == info.value || it->second == info.targeting || it->second == info.target ||
          it->second == info.achieved || it->second == info.incentive) {
        p_.references_[e.id].what = Reference::What::Result;
      }
      return r;
    }
    std::vector<std::string> names = table_names();
    for (const auto& i : p_.indicators) names.push_back(i.name);
    unknown(m.object->span, fmt::format("'{}' is neither a table nor an indicator", object->name), object->name, names);
    return {};
  }

  Info node(const ast::Expr& e, const ast::AtPeriod& at, const Scope& scope) {
    Info inner = expr(*at.expr, scope);
    if (inner.type.is_error()) return {};
    if (!inner.year) {
      diags_.error(at.period.span, fmt::format("[{}] has no effect: this does not change with the year", at.period.text()),
                   "a period applies to data or definitions that vary by year (a table 'par établissement et année', "
                   "an aggregation over a table with années, or a definition using them)");
      return {};
    }
    (void)e;
    return {inner.type, at.period.relative, inner.aggregate};
  }

  Info node(const ast::Expr& e, const ast::Unary& u, const Scope& scope) {
    Info r = expr(*u.operand, scope);
    if (r.type.is_error()) return {};
    if (u.op == ast::UnaryOp::Negate && !r.type.is_number()) {
      diags_.error(e.span, fmt::format("'-' applies to a number, not a {}", describe(r.type)));
      return {};
    }
    if (u.op == ast::UnaryOp::Not && r.type.kind != Kind::Boolean) {
      diags_.error(e.span, fmt::format("'non' applies to a condition, not a {}", describe(r.type)));
      return {};
    }
    return r;
  }

  Info node(const ast::Expr& e, const ast::Binary& b, const Scope& scope) {
    Info l = expr(*b.lhs, scope);
    Info r = expr(*b.rhs, scope);
    if (l.type.is_error() || r.type.is_error()) return {};
    Info out{Type::error(), l.year || r.year, l.aggregate || r.aggregate};
    const Type& a = l.type;
    const Type& c = r.type;
    const char* op = ast::spelling(b.op);
    switch (b.op) {
      case ast::BinaryOp::And:
      case ast::BinaryOp::Or:
        if (a.kind != Kind::Boolean || c.kind != Kind::Boolean) {
          const ast::Expr& bad = a.kind != Kind::Boolean ? *b.lhs : *b.rhs;
          diags_.error(bad.span, fmt::format("'{}' joins conditions, and this is a {}", op,
                                             describe(a.kind != Kind::Boolean ? a : c)));
          return {};
        }
        out.type = Type::boolean();
        return out;
      case ast::BinaryOp::Add:
      case ast::BinaryOp::Subtract:
        if (!a.is_number() || !c.is_number()) {
          diags_.error(e.span, fmt::format("'{}' needs two numbers, not a {} and a {}", op, describe(a), describe(c)),
                       a.kind == Kind::Date || c.kind == Kind::Date ? "for a number of days, use jours_entre(d1, d2)" : "");
          return {};
        }
        if (!same_dimension(a.unit, c.unit)) {
          diags_.error(e.span, fmt::format("cannot {} a {} and a {}", b.op == ast::BinaryOp::Add ? "add" : "subtract",
                                           describe(a), describe(c)),
                       a.unit == Unit::Money || c.unit == Unit::Money
                           ? "amounts in € only add to amounts in €; a share of an amount is montant × taux"
                           : "");
          return {};
        }
        out.type = Type::number(join_units(a.unit, c.unit));
        return out;
      case ast::BinaryOp::Multiply:
        if (!a.is_number() || !c.is_number()) {
          diags_.error(e.span, fmt::format("'×' needs two numbers, not a {} and a {}", describe(a), describe(c)));
          return {};
        }
        if (a.unit == Unit::Money && c.unit == Unit::Money) {
          diags_.error(e.span, "cannot multiply an amount in € by an amount in €",
                       "a ratio of two amounts is a division: montant / montant");
          return {};
        }
        out.type = Type::number(multiply_units(a.unit, c.unit));
        return out;
      case ast::BinaryOp::Divide:
        if (!a.is_number() || !c.is_number()) {
          diags_.error(e.span, fmt::format("'/' needs two numbers, not a {} and a {}", describe(a), describe(c)));
          return {};
        }
        if (a.unit != Unit::Money && c.unit == Unit::Money) {
          diags_.error(e.span, fmt::format("cannot divide a {} by an amount in €", describe(a)),
                       "divide the amount by the count instead (montant / effectif is a mean in €)");
          return {};
        }
        out.type = Type::number(divide_units(a.unit, c.unit));
        return out;
      case ast::BinaryOp::Approx: {
        if (!scope.test) {
          diags_.error(e.span, "'≈' is only for test expectations",
                       "in a rule, round explicitly: arrondi(x, 2) = 12,34 €");
          return {};
        }
        const ast::Expr* written = b.rhs.get();
        if (auto* u = written->as<ast::Unary>(); u && u->op == ast::UnaryOp::Negate) written = u->operand.get();
        if (!written->as<ast::NumberLiteral>()) {
          diags_.error(b.rhs->span, "'≈' compares with a number written out, whose decimals give the precision");
          return {};
        }
        [[fallthrough]];
      }
      default: {  // comparisons
        bool ordered = b.op != ast::BinaryOp::Equal && b.op != ast::BinaryOp::NotEqual;
        if (a.kind == Kind::Absent || c.kind == Kind::Absent) {
          diags_.error(e.span, "a comparison with 'absent' is never true or false", "test for a value with présent(x)");
          return {};
        }
        if (a.kind != c.kind) {
          diags_.error(e.span, fmt::format("cannot compare a {} with a {}", describe(a), describe(c)), unit_hint(a));
          return {};
        }
        if (a.kind == Kind::Number && !same_dimension(a.unit, c.unit)) {
          diags_.error(e.span, fmt::format("cannot compare a {} with a {}", describe(a), describe(c)),
                       a.unit == Unit::Money || c.unit == Unit::Money
                           ? "write the unit of the threshold: 400 000 € for an amount, 20 % for a rate"
                           : "");
          return {};
        }
        if (ordered && a.kind != Kind::Number && a.kind != Kind::Date) {
          diags_.error(e.span, fmt::format("'{}' orders numbers or dates, not a {}", op, describe(a)));
          return {};
        }
        if (a.kind == Kind::List) {
          diags_.error(e.span, "lists are not compared", "test membership with: x dans [a, b]");
          return {};
        }
        out.type = Type::boolean();
        return out;
      }
    }
    return {};
  }

  static Unit multiply_units(Unit a, Unit b) {
    if (a == Unit::Money || b == Unit::Money) return Unit::Money;
    if (a == Unit::Plain) return b;
    if (b == Unit::Plain) return a;
    if (a == Unit::Count || b == Unit::Count) return Unit::Count;  // 5 % of the stays is a number of stays
    return Unit::Rate;
  }

  static Unit divide_units(Unit a, Unit b) {
    if (a == Unit::Money) return b == Unit::Money ? Unit::Rate : Unit::Money;
    if (b == Unit::Plain) return a;
    if (a == Unit::Plain) return Unit::Plain;
    if (a == b) return a == Unit::Count ? Unit::Rate : Unit::Plain;
    if (a == Unit::Rate) return Unit::Rate;  // rate per count
    return Unit::Count;                     // count / rate
  }

  Info node(const ast::Expr& e, const ast::In& in, const Scope& scope) {
    Info v = expr(*in.value, scope);
    Info l = expr(*in.list, scope);
    if (v.type.is_error() || l.type.is_error()) return {};
    if (l.type.kind != Kind::List) {
      diags_.error(in.list->span, fmt::format("'dans' needs a list, not a {}", describe(l.type)),
                   "write a list in brackets: [D02, D04]");
      return {};
    }
    Type element = l.type.element_type();
    bool ok = element.kind == Kind::Error /* empty list */ || (element.kind == v.type.kind &&
              (element.kind != Kind::Number || same_dimension(element.unit, v.type.unit)));
    if (!ok) {
      diags_.error(e.span, fmt::format("a {} is looked for in a {}", describe(v.type), describe(l.type)));
      return {};
    }
    return {Type::boolean(), v.year || l.year, v.aggregate || l.aggregate};
  }

  std::optional<Type> unify(const Type& a, const Type& b) {
    if (a.kind == Kind::Absent) return b;
    if (b.kind == Kind::Absent) return a;
    if (a.kind != b.kind) return std::nullopt;
    if (a.kind == Kind::Number) {
      if (!same_dimension(a.unit, b.unit)) return std::nullopt;
      return Type::number(join_units(a.unit, b.unit));
    }
    return a;
  }

  Info node(const ast::Expr& e, const ast::If& i, const Scope& scope) {
    Info c = expr(*i.condition, scope);
    Info t = expr(*i.then_branch, scope);
    Info f = expr(*i.else_branch, scope);
    if (!c.type.is_error() && c.type.kind != Kind::Boolean)
      diags_.error(i.condition->span, fmt::format("'si' needs a condition, not a {}", describe(c.type)));
    if (c.type.is_error() || t.type.is_error() || f.type.is_error()) return {};
    auto u = unify(t.type, f.type);
    if (!u) {
      diags_.error(e.span, fmt::format("the two branches differ: 'alors' gives a {}, 'sinon' a {}", describe(t.type),
                                       describe(f.type)),
                   t.type.unit == Unit::Money || f.type.unit == Unit::Money ? "write 0 € rather than 0 for no amount" : "");
      return {};
    }
    return {*u, c.year || t.year || f.year, c.aggregate || t.aggregate || f.aggregate};
  }

  Info node(const ast::Expr& e, const ast::List& l, const Scope& scope) {
    Info out{Type::list(Type::error())};
    std::optional<Type> element;
    for (const auto& item : l.items) {
      Info r = expr(*item, scope);
      if (r.type.is_error()) return {};
      if (r.type.kind == Kind::List) {
        diags_.error(item->span, "a list cannot hold lists");
        return {};
      }
      if (!element) {
        element = r.type;
      } else if (auto u = unify(*element, r.type)) {
        element = *u;
      } else {
        diags_.error(item->span, fmt::format("this list mixes a {} and a {}", describe(*element), describe(r.type)));
        return {};
      }
      out.year |= r.year;
      out.aggregate |= r.aggregate;
    }
    (void)e;
    if (element) out.type = Type::list(*element);
    return out;
  }

  Info node(const ast::Expr& e, const ast::Selon& s, const Scope& scope) {
    Info subject = expr(*s.subject, scope);
    Info out{Type::absent(), subject.year, subject.aggregate};
    bool failed = subject.type.is_error();
    auto merge = [&](const ast::Expr& x) {
      Info r = expr(x, scope);
      if (r.type.is_error()) {
        failed = true;
        return;
      }
      out.year |= r.year;
      out.aggregate |= r.aggregate;
      auto u = unify(out.type, r.type);
      if (!u) {
        diags_.error(x.span, fmt::format("this case gives a {}, the others a {}", describe(r.type), describe(out.type)));
        failed = true;
        return;
      }
      out.type = *u;
    };
    for (const auto& arm : s.arms) {
      for (const auto& key : arm.keys) {
        Info k = expr(*key, scope);
        if (k.type.is_error() || failed) continue;
        bool ok = k.type.kind == subject.type.kind &&
                  (k.type.kind != Kind::Number || same_dimension(k.type.unit, subject.type.unit));
        if (!ok)
          diags_.error(key->span, fmt::format("a case of {} is compared with a {}", describe(subject.type), describe(k.type)));
      }
      merge(*arm.result);
    }
    if (s.otherwise) merge(*s.otherwise);
    (void)e;
    if (failed) return {};
    return out;
  }

  // The row-level table named by a source expression: TABLE or TABLE[period].
  int source_table(const ast::Expr& src, std::optional<ast::Period>& period) {
    const ast::Expr* x = &src;
    if (auto* at = src.as<ast::AtPeriod>()) {
      period = at->period;
      x = at->expr.get();
    }
    auto* name = x->as<ast::Name>();
    if (!name) return -1;
    return p_.table_index(name->name);
  }

  Info node(const ast::Expr& e, const ast::Call& call, const Scope& scope) {
    if (!is_function_name(call.function)) {
      unknown(call.name_span, fmt::format("unknown function '{}'", call.function), call.function, function_names());
      return {};
    }
    const auto& args = call.args;
    bool has_source = !args.empty() && args[0].source;
    // compte(TABLE ...) reads rows; so does any call whose first argument says `de TABLE`.
    bool rows = has_source;
    if (call.function == "compte" || call.function == "existe") rows = true;
    if (rows) return row_call(e, call, scope);
    FunctionFamily family = FunctionFamily::Scalar;
    bool has_population = false, has_scalar = false;
    for (const auto& f : functions()) {
      if (call.function != f.name) continue;
      has_population |= f.family == FunctionFamily::Population;
      has_scalar |= f.family == FunctionFamily::Scalar;
    }
    if (has_population && has_scalar) {
      family = args.size() >= 2 ? FunctionFamily::Scalar : FunctionFamily::Population;
    } else if (has_population) {
      family = FunctionFamily::Population;
    } else if (!has_scalar) {
      diags_.error(e.span, fmt::format("{}(...) reads the rows of a table", call.function),
                   fmt::format("write {}(colonne de TABLE [où filtre])", call.function));
      return {};
    }
    if (family == FunctionFamily::Population) return population_call(e, call, scope);
    return scalar_call(e, call, scope);
  }

  Function pick(const std::string& name, FunctionFamily family) {
    for (const auto& f : functions())
      if (name == f.name && f.family == family) return f.function;
    return Function::Abs;
  }

  Info row_call(const ast::Expr& e, const ast::Call& call, const Scope& scope) {
    CallInfo info;
    info.function = pick(call.function, FunctionFamily::Rows);
    if (call.args.size() != 1) {
      diags_.error(e.span, fmt::format("{}(...) takes one argument", call.function),
                   call.function == "compte" || call.function == "existe" ? fmt::format("write {}(TABLE où filtre)", call.function)
                                                                          : "write somme(colonne de TABLE où filtre)");
      return {};
    }
    // Nested in another aggregation's row expression: a correlated aggregation, evaluated for each outer row over
    // the rows of the same establishment (existe(bio où patient = séjours.patient et ...)).
    bool nested = scope.row_table >= 0;
    if (nested && scope.outer_table >= 0) {
      diags_.error(e.span, "aggregations nest one level deep at most");
      return {};
    }
    const ast::Argument& arg = call.args[0];
    const ast::Expr& src = (call.function == "compte" || call.function == "existe") && !arg.source ? *arg.value : *arg.source;
    std::optional<ast::Period> period;
    int t = source_table(src, period);
    if (t < 0) {
      auto* name = src.as<ast::Name>();
      if (name) unknown(src.span, fmt::format("unknown table '{}'", name->name), name->name, row_table_names());
      else diags_.error(src.span, "expected the name of a row-level table here", "write compte(séjours où ...)");
      return {};
    }
    const TableInfo& table = p_.tables[t];
    if (table.per_entity()) {
      diags_.error(src.span, fmt::format("'{}' has one row per establishment: there is nothing to aggregate", table.name),
                   fmt::format("read the column directly: {}.colonne", table.name));
      return {};
    }
    if (period && !table.has_year()) {
      diags_.error(period->span, fmt::format("table '{}' has no years, so [{}] cannot select them", table.name, period->text()),
                   "declare it 'par ligne et année' if its rows carry a year");
      return {};
    }
    if (arg.group) {
      diags_.error(arg.group->span, "'par' groups establishments in a population statistic, not rows",
                   "filter the rows with 'où'");
      return {};
    }
    Scope row;
    row.indicator = scope.indicator;
    row.row_table = t;
    if (nested) row.outer_table = scope.row_table;
    info.nested = nested;
    // A nested aggregation depends only on rows: it may stand in a row filter.
    Info out{Type::number(Unit::Count), table.has_year() && (!period || period->relative), !nested};
    if (arg.source) {
      Info v = expr(*arg.value, row);
      if (v.type.is_error()) return {};
      if (v.aggregate) {
        diags_.error(arg.value->span, "the aggregated expression may only use the row's columns and constants");
        return {};
      }
      out.year |= v.year;
      info.value = arg.value.get();
      switch (info.function) {
        case Function::RowSum:
        case Function::RowMean:
          if (!v.type.is_number()) {
            diags_.error(arg.value->span, fmt::format("{} adds numbers, not a {}", call.function, describe(v.type)));
            return {};
          }
          out.type = v.type;
          break;
        case Function::RowMin:
        case Function::RowMax:
          if (!v.type.is_number() && v.type.kind != Kind::Date) {
            diags_.error(arg.value->span, fmt::format("{} orders numbers or dates, not a {}", call.function, describe(v.type)));
            return {};
          }
          out.type = v.type;
          break;
        case Function::RowCountDistinct:
          if (v.type.kind == Kind::List || v.type.kind == Kind::Absent) {
            diags_.error(arg.value->span, "compte_distinct counts the values of a column");
            return {};
          }
          break;
        default:
          break;
      }
    }
    if (arg.filter) {
      Info f = expr(*arg.filter, row);
      if (f.type.is_error()) return {};
      if (f.type.kind != Kind::Boolean) {
        diags_.error(arg.filter->span, fmt::format("'où' needs a condition, not a {}", describe(f.type)));
        return {};
      }
      if (f.aggregate) {
        diags_.error(arg.filter->span,
                     "a row filter may only use the row's columns, parameters and the establishment's attributes",
                     "compute the other figure in a separate definition and compare outside the aggregation");
        return {};
      }
      out.year |= f.year;
      info.filter = arg.filter.get();
    }
    info.table = t;
    info.period = period;
    if (nested) {
      p_.correlated_tables.insert(t);
    } else {
      info.slot = static_cast<int>(p_.row_aggregations.size());
      p_.row_aggregations.push_back(&e);
    }
    p_.calls[e.id] = info;
    if (info.function == Function::RowExists) out.type = Type::boolean();
    return out;
  }

  Info population_call(const ast::Expr& e, const ast::Call& call, const Scope& scope) {
    CallInfo info;
    info.function = pick(call.function, FunctionFamily::Population);
    bool needs_extra = info.function == Function::PopQuantile || info.function == Function::PopQuartile ||
                       info.function == Function::PopPercentile;
    std::size_t want = needs_extra ? 2 : 1;
    if (call.args.size() != want) {
      diags_.error(e.span, fmt::format("{}(...) takes {} argument{}", call.function, want, want > 1 ? "s" : ""),
                   needs_extra ? fmt::format("write {}(x, {})", call.function,
                                             info.function == Function::PopQuantile ? "75 %" :
                                             info.function == Function::PopQuartile ? "3" : "75")
                               : "");
      return {};
    }
    if (scope.row_table >= 0) {
      diags_.error(e.span, "a population statistic cannot be used on a row of a table");
      return {};
    }
    const ast::Argument& arg = call.args[0];
    Scope inner = scope;
    Info x = expr(*arg.value, inner);
    if (x.type.is_error()) return {};
    bool numeric_result = info.function != Function::PopRank && info.function != Function::PopCount;
    if ((numeric_result || info.function == Function::PopRank) && !x.type.is_number()) {
      diags_.error(arg.value->span, fmt::format("{} is computed over numbers, not a {}", call.function, describe(x.type)));
      return {};
    }
    Info out{numeric_result ? x.type : Type::number(Unit::Count), x.year, true};
    if (arg.group) {
      Info g = expr(*arg.group, inner);
      if (g.type.is_error()) return {};
      if (g.type.kind == Kind::List || g.type.kind == Kind::Absent) {
        diags_.error(arg.group->span, "'par' groups by a value such as the category");
        return {};
      }
      out.year |= g.year;
      info.group = arg.group.get();
    }
    if (arg.filter) {
      Info f = expr(*arg.filter, inner);
      if (f.type.is_error()) return {};
      if (f.type.kind != Kind::Boolean) {
        diags_.error(arg.filter->span, fmt::format("'où' needs a condition, not a {}", describe(f.type)));
        return {};
      }
      out.year |= f.year;
      info.filter = arg.filter.get();
    }
    if (needs_extra) {
      const ast::Argument& p = call.args[1];
      Info k = expr(*p.value, inner);
      if (k.type.is_error()) return {};
      if (!k.type.is_number() || k.type.unit == Unit::Money) {
        diags_.error(p.value->span, fmt::format("the order of a {} is a number", call.function));
        return {};
      }
      if (k.aggregate) {
        diags_.error(p.value->span, "the order of a quantile must be the same for every establishment");
        return {};
      }
      info.extra = p.value.get();
    }
    info.value = arg.value.get();
    p_.calls[e.id] = info;
    return out;
  }

  Info scalar_call(const ast::Expr& e, const ast::Call& call, const Scope& scope) {
    CallInfo info;
    info.function = pick(call.function, FunctionFamily::Scalar);
    for (const auto& a : call.args) {
      if (a.source || a.group || a.filter) {
        diags_.error(a.span, fmt::format("{}(...) takes plain values: 'de', 'par' and 'où' belong to aggregations",
                                         call.function));
        return {};
      }
    }
    std::vector<Info> args;
    for (const auto& a : call.args) {
      args.push_back(expr(*a.value, scope));
      if (args.back().type.is_error()) return {};
    }
    Info out;
    for (const auto& a : args) {
      out.year |= a.year;
      out.aggregate |= a.aggregate;
    }
    auto arity = [&](std::size_t n) {
      if (args.size() == n) return true;
      diags_.error(e.span, fmt::format("{}(...) takes {} argument{}", call.function, n, n > 1 ? "s" : ""));
      return false;
    };
    auto number_arg = [&](std::size_t i) {
      if (args[i].type.is_number()) return true;
      diags_.error(call.args[i].value->span,
                   fmt::format("{}(...) expects a number here, not a {}", call.function, describe(args[i].type)));
      return false;
    };
    switch (info.function) {
      case Function::Round:
      case Function::RoundDown:
      case Function::RoundUp: {
        if (!arity(2) || !number_arg(0)) return {};
        auto* n = call.args[1].value->as<ast::NumberLiteral>();
        if (!n || n->unit != ast::LiteralUnit::None || !n->value.is_integer()) {
          diags_.error(call.args[1].value->span, "the number of decimals is a whole number written out",
                       "arrondi(x, 2) rounds to the cent");
          return {};
        }
        info.extra = call.args[1].value.get();
        out.type = args[0].type;
        break;
      }
      case Function::Min:
      case Function::Max: {
        if (args.size() < 2) {
          diags_.error(e.span, fmt::format("{}(a, b, ...) compares at least two values", call.function));
          return {};
        }
        Type t = args[0].type;
        for (std::size_t i = 1; i < args.size(); ++i) {
          auto u = unify(t, args[i].type);
          if (!u || (u->kind != Kind::Number && u->kind != Kind::Date)) {
            diags_.error(call.args[i].value->span, fmt::format("{}(...) compares numbers of one unit, or dates", call.function));
            return {};
          }
          t = *u;
        }
        out.type = t;
        break;
      }
      case Function::Abs:
        if (!arity(1) || !number_arg(0)) return {};
        out.type = args[0].type;
        break;
      case Function::Default: {
        if (!arity(2)) return {};
        auto u = unify(args[0].type, args[1].type);
        if (!u) {
          diags_.error(e.span, fmt::format("défaut(x, y): y is a {} but x a {}", describe(args[1].type), describe(args[0].type)));
          return {};
        }
        out.type = *u;
        break;
      }
      case Function::Present:
        if (!arity(1)) return {};
        out.type = Type::boolean();
        break;
      case Function::DaysBetween:
        if (!arity(2)) return {};
        for (std::size_t i = 0; i < 2; ++i)
          if (args[i].type.kind != Kind::Date) {
            diags_.error(call.args[i].value->span, fmt::format("jours_entre(...) takes dates, not a {}", describe(args[i].type)));
            return {};
          }
        out.type = Type::number(Unit::Count);
        break;
      case Function::StartsWith:
      case Function::Substring: {
        bool starts = info.function == Function::StartsWith;
        if (!arity(starts ? 2 : 3)) return {};
        if (args[0].type.kind != Kind::Text || (starts && args[1].type.kind != Kind::Text)) {
          diags_.error(e.span, fmt::format("{}(...) works on texts", call.function));
          return {};
        }
        if (!starts && (!args[1].type.is_number() || !args[2].type.is_number())) {
          diags_.error(e.span, "sous_texte(texte, début, longueur): the position and the length are numbers");
          return {};
        }
        out.type = starts ? Type::boolean() : Type::text();
        break;
      }
      case Function::YearOf:
        if (!arity(1)) return {};
        if (args[0].type.kind != Kind::Date) {
          diags_.error(call.args[0].value->span, "année_de(...) takes a date");
          return {};
        }
        out.type = Type::number(Unit::Plain);
        break;
      default:
        return {};
    }
    p_.calls[e.id] = info;
    return out;
  }

  // ---- messages -------------------------------------------------------------------------------------------
  void unknown(const Span& span, const std::string& message, const std::string& name,
               const std::vector<std::string>& candidates) {
    std::string near = closest_name(name, candidates);
    diags_.error(span, message, near.empty() ? std::string() : fmt::format("did you mean '{}'?", near));
  }

  static std::string unit_hint(const Type& want) {
    if (want.kind != Kind::Number) return "";
    switch (want.unit) {
      case Unit::Money: return "an amount is written with its unit: 20 000 €";
      case Unit::Rate: return "a rate is written with its unit: 7,5 %";
      default: return "";
    }
  }

  std::vector<std::string> table_names() const {
    std::vector<std::string> out;
    for (const auto& t : p_.tables) out.push_back(t.name);
    return out;
  }

  std::vector<std::string> row_table_names() const {
    std::vector<std::string> out;
    for (const auto& t : p_.tables)
      if (!t.per_entity()) out.push_back(t.name);
    return out;
  }

  std::vector<std::string> visible_names(const Scope& scope) const {
    std::vector<std::string> out;
    if (scope.row_table >= 0)
      for (const auto& c : p_.tables[scope.row_table].columns) out.push_back(c.name);
    if (scope.indicator >= 0)
      for (auto& [n, _] : p_.indicators[scope.indicator].bindings) out.push_back(n);
    for (const auto& prm : p_.parameters) out.push_back(prm.decl->name);
    for (const auto& t : p_.tables)
      if (t.per_entity())
        for (const auto& c : t.columns) out.push_back(c.name);
    for (const auto& t : p_.tables) out.push_back(t.name);
    for (const auto& i : p_.indicators) out.push_back(i.name);
    return out;
  }

  CheckedProgram& p_;
  Diagnostics& diags_;
  std::vector<State> parameter_state_;
  std::map<int, bool> parameter_aggregate_;
  std::vector<std::vector<State>> binding_state_;
  std::vector<std::vector<bool>> binding_aggregate_;
  std::vector<std::pair<int, int>> in_progress_;  // (indicator, binding) being checked, outermost first
};

}  // namespace

std::unique_ptr<CheckedProgram> check_program(std::unique_ptr<ast::Program> program, Diagnostics& diags) {
  auto checked = std::make_unique<CheckedProgram>();
  checked->ast = std::move(program);
  int before = diags.error_count();
  Checker(*checked, diags).run();
  if (diags.error_count() > before) return nullptr;
  return checked;
}

}  // namespace caqes
