// The declarations: the contract and its clauses, the tables and their columns, the registry of establishments,
// the parameters and indicators (checked on first use from an expression, so that they may come in any order,
// across files, and a cycle is seen), the tests, and the contract's `signataire` and `synthèse`.
#include <algorithm>
#include <map>
#include <set>

#include "check/check_messages.h"
#include "check/context.h"
#include "check/suggestions.h"
#include "check/units.h"
#include "syntax/parser.h"
#include "syntax/syntax_messages.h"

namespace caqes::checker {

using namespace check_messages;

namespace {

const std::set<std::string> kIndicatorKeys = {"volet", "niveau", "source", "référence", "statut", "note"};
const std::set<std::string> kVolets = {"produits_de_santé", "pertinence", "organisation_des_soins"};
const std::set<std::string> kContractKeys = {"référence", "établissements", "données_absentes", "division_par_zéro",
                                             "région", "note", "étend", "signataire", "synthèse"};

// ---- the contract ------------------------------------------------------------------------------------------

void contract_clause(Context& cx, const ast::Metadata& m) {
  CheckedProgram& p = cx.program;
  if (!kContractKeys.count(m.key)) {
    std::vector<std::string> keys(kContractKeys.begin(), kContractKeys.end());
    keys.push_back("années");
    report_unknown(cx.diags, m.span, Message(syntax_messages::kUnknownContractClause, m.key), m.key, keys);
    return;
  }
  if (m.key == "référence") {
    for (const auto& v : m.values) p.references.push_back(v.text);
  } else if (m.key == "données_absentes") {
    std::string v = m.joined();
    if (v == "absent") p.missing_data = MissingData::Absent;
    else if (v == "erreur") p.missing_data = MissingData::Error;
    else cx.diags.error(m.span, Message(kNotAMissingDataBehaviour, v), Message(kMissingDataBehaviours));
  } else if (m.key == "division_par_zéro") {
    std::string v = m.joined();
    if (v == "absent") p.division_by_zero = DivisionByZero::Absent;
    else if (v == "zéro") p.division_by_zero = DivisionByZero::Zero;
    else if (v == "erreur") p.division_by_zero = DivisionByZero::Error;
    else cx.diags.error(m.span, Message(kNotADivisionBehaviour, v), Message(kDivisionBehaviours));
  }
}

void contract(Context& cx, const ast::Program& ast) {
  Span none;
  if (ast.contracts.empty()) {
    Span where = ast.files.empty() ? none : Span{ast.files.front().get(), 1, 1, 1};
    cx.diags.error(where, Message(kNoContract), Message(kDeclareTheContract));
    return;
  }
  for (std::size_t i = 1; i < ast.contracts.size(); ++i) {
    cx.diags.error(ast.contracts[i].span, Message(kSecondContract, ast.contracts[i].name),
                   Message(kOneContractPerDirectory, ast.contracts[0].name, ast.contracts[0].span.where()));
  }
  const ast::ContractDecl& c = ast.contracts.front();
  CheckedProgram& p = cx.program;
  p.contract_name = c.name;
  p.contract_label = c.label;
  p.first_year = c.first_year;
  p.last_year = c.last_year;
  if (c.first_year == 0) {
    cx.diags.error(c.span, Message(kContractWithoutYears, c.name), Message(kAddYears));
  } else if (c.first_year > c.last_year || c.first_year < 1900 || c.last_year > 2200) {
    cx.diags.error(c.years_span, Message(kYearsNotAPeriod, c.first_year, c.last_year), Message(kFirstYearThenLast));
  }
  for (const auto& m : c.metadata) contract_clause(cx, m);
}

// `signataire p;`: the parameter giving, for each establishment (EG), the FINESS of the entity that signs its
// contract (the EJ for public and ESPIC establishments, the EG itself for private ones). `synthèse p;`: the group
// each establishment is counted in by the run's summary.
void signatory_clause(Context& cx, const ast::Metadata& m) {
  CheckedProgram& p = cx.program;
  int i = p.parameter_index(m.joined());
  if (i < 0) {
    std::vector<std::string> names;
    for (const auto& prm : p.parameters) names.push_back(prm.decl->name);
    report_unknown(cx.diags, m.span, Message(kNoSuchSignatoryParameter, m.joined()), m.joined(), names);
    return;
  }
  const Type& type = p.parameters[i].type;
  if (!type.is_error() && type.kind != Kind::Text) {
    if (m.key == "signataire")
      cx.diags.error(m.span, Message(kSignatoryNotAFiness, m.joined(), describe(type)), Message(kSignatoryExample));
    else
      cx.diags.error(m.span, Message(kSummaryGroupNotAText, m.joined(), describe(type)), Message(kSummaryGroupExample));
    return;
  }
  if (m.key == "signataire") p.signatory_parameter = i;
  else p.summary_parameter = i;
}

void signatory(Context& cx, const ast::Program& ast) {
  if (ast.contracts.empty()) return;
  for (const auto& m : ast.contracts.front().metadata)
    if (m.key == "signataire" || m.key == "synthèse") signatory_clause(cx, m);
}

// ---- tables ------------------------------------------------------------------------------------------------

// Adds a declared column to `info`, unless its type is unknown or its name is taken.
void column(Context& cx, const ast::TableDecl& t, const ast::Column& c, TableInfo& info) {
  auto type = column_type_from_name(c.type_name);
  if (!type) {
    std::vector<std::string> names = {"texte", "code", "entier", "effectif", "décimal", "monnaie", "taux",
                                      "booléen", "date", "année"};
    std::string near = closest_name(c.type_name, names);
    cx.diags.error(c.type_span, Message(kUnknownColumnType, c.type_name),
                   near.empty() ? Message(kColumnTypesAre, column_type_names()) : Message(kDidYouMean, near));
    return;
  }
  int existing = info.column_index(c.name);
  if (existing >= 0) {
    cx.diags.error(c.span,
                   info.columns[existing].implicit
                       ? Message(kImpliedColumnDeclared, c.name,
                                 t.kind == ast::TableKind::Entity || t.kind == ast::TableKind::EntityYear
                                     ? "établissement" : "ligne")
                       : Message(kColumnDeclaredTwice, c.name, t.name));
    return;
  }
  info.columns.push_back({c.name, c.label, *type, c.span, false});
}

TableInfo table(Context& cx, const ast::TableDecl& t) {
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
  for (const auto& c : t.columns) column(cx, t, c, info);
  return info;
}

// The registry of establishments when the contract does not name it: the only `par établissement` table.
void implied_registry(Context& cx, const ast::Program& ast) {
  CheckedProgram& p = cx.program;
  for (std::size_t i = 0; i < p.tables.size(); ++i) {
    if (p.tables[i].kind != ast::TableKind::Entity) continue;
    if (p.registry_table >= 0) {
      cx.diags.error(p.tables[i].decl->name_span,
                     Message(kSeveralRegistries), Message(kNameTheRegistry, p.tables[p.registry_table].name));
      break;
    }
    p.registry_table = static_cast<int>(i);
  }
  if (p.registry_table < 0 && !ast.contracts.empty()) {
    cx.diags.error(ast.contracts.front().span, Message(kNoRegistry), Message(kDeclareARegistry));
  }
}

// The registry of establishments: named by the contract, or the only `par établissement` table.
void registry(Context& cx, const ast::Program& ast) {
  CheckedProgram& p = cx.program;
  std::string named;
  Span named_span;
  if (!ast.contracts.empty()) {
    for (const auto& m : ast.contracts.front().metadata)
      if (m.key == "établissements") {
        named = m.joined();
        named_span = m.span;
      }
  }
  if (named.empty()) return implied_registry(cx, ast);
  p.registry_table = p.table_index(named);
  if (p.registry_table < 0 || p.tables[p.registry_table].kind != ast::TableKind::Entity) {
    cx.diags.error(named_span, Message(kRegistryNotPerEstablishment, named), Message(kRegistryIsPerFiness));
    p.registry_table = -1;
  }
}

void tables(Context& cx, const ast::Program& ast) {
  std::map<std::string, Span> seen;
  for (const auto& t : ast.tables) {
    if (seen.count(t.name)) {
      cx.diags.error(t.name_span, Message(kTableDeclaredTwice, t.name), Message(kFirstDeclarationAt, seen[t.name].where()));
      continue;
    }
    seen[t.name] = t.name_span;
    cx.program.tables.push_back(table(cx, t));
  }
  registry(cx, ast);
}

// ---- names of parameters and indicators --------------------------------------------------------------------

IndicatorInfo indicator_info(Context& cx, const ast::IndicatorDecl& ind) {
  IndicatorInfo info;
  info.decl = &ind;
  info.name = ind.name;
  info.label = ind.label;
  info.status = "actif";
  for (std::size_t b = 0; b < ind.bindings.size(); ++b) {
    const auto& binding = ind.bindings[b];
    if (auto first = info.bindings.find(binding.name); first != info.bindings.end()) {
      cx.diags.error(binding.name_span, Message(kDefinedTwiceInIndicator, binding.name, ind.name),
                     Message(kFirstDefinitionAt, ind.bindings[first->second].name_span.where()));
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
  return info;
}

// Parameters and indicators share one space of names with the tables.
void declare(Context& cx, const ast::Program& ast) {
  CheckedProgram& p = cx.program;
  std::map<std::string, Span> names;
  for (const auto& t : p.tables) names[t.name] = t.decl->name_span;
  auto taken = [&](const std::string& name, const Span& span) {
    if (!names.count(name)) {
      names[name] = span;
      return false;
    }
    cx.diags.error(span, Message(kAlreadyDeclared, name), Message(kSee, names[name].where()));
    return true;
  };
  for (const auto& prm : ast.parameters) {
    if (taken(prm.name, prm.name_span)) continue;
    ParameterInfo info;
    info.decl = &prm;
    p.parameters.push_back(info);
  }
  cx.parameter_state.assign(p.parameters.size(), State::Unchecked);
  cx.parameter_aggregate.assign(p.parameters.size(), false);
  cx.parameter_literal.assign(p.parameters.size(), nullptr);
  for (const auto& ind : ast.indicators) {
    if (taken(ind.name, ind.name_span)) continue;
    p.indicators.push_back(indicator_info(cx, ind));
    cx.binding_state.emplace_back(ind.bindings.size(), State::Unchecked);
    cx.binding_literal.emplace_back(ind.bindings.size(), nullptr);
  }
}

// ---- indicators --------------------------------------------------------------------------------------------

void indicator_property(Context& cx, IndicatorInfo& info, const ast::Metadata& m) {
  if (!kIndicatorKeys.count(m.key)) {
    report_unknown(cx.diags, m.span, Message(kUnknownIndicatorProperty, m.key), m.key,
                   std::vector<std::string>(kIndicatorKeys.begin(), kIndicatorKeys.end()));
    return;
  }
  std::string v = m.joined();
  if (m.key == "volet") {
    info.volet = v;
    if (!kVolets.count(v))
      report_unknown(cx.diags, m.values.front().span, Message(kUnknownVolet, v), v,
                     std::vector<std::string>(kVolets.begin(), kVolets.end()));
  } else if (m.key == "niveau") {
    if (v == "national") info.level = Level::National;
    else if (v == "régional") info.level = Level::Regional;
    else report_unknown(cx.diags, m.span, Message(kUnknownLevel, v), v, {"national", "régional"});
  } else if (m.key == "source") {
    info.source = v;
  } else if (m.key == "référence") {
    info.reference = v;
  } else if (m.key == "statut") {
    info.status = v;
    if (v != "actif" && v != "à_définir")
      cx.diags.error(m.span, Message(kUnknownStatus, v), Message(kStatuses));
  }
}

void required_properties(Context& cx, const ast::IndicatorDecl& d) {
  for (const char* required : {"volet", "niveau", "source"}) {
    bool present =
        std::any_of(d.metadata.begin(), d.metadata.end(), [&](const ast::Metadata& m) { return m.key == required; });
    if (present) continue;
    std::string example = std::string(required) == "volet"    ? "volet produits_de_santé"
                          : std::string(required) == "niveau" ? "niveau national"
                                                              : "source \"PHEV\"";
    cx.diags.error(d.name_span, Message(kMissingProperty, d.name, required), Message(kAddALine, example));
  }
}

// valeur, ciblage, cible, atteint, intéressement: present when required, of the type their role needs.
void reserved_bindings(Context& cx, const IndicatorInfo& info) {
  const ast::IndicatorDecl& d = *info.decl;
  Diagnostics& diags = cx.diags;
  auto type_of = [&](int b) { return b < 0 ? Type::error() : info.binding_types[b]; };
  auto at = [&](int b) { return d.bindings[b].value->span; };
  if (info.value < 0 && info.status != "à_définir") {
    diags.error(d.name_span, Message(kNoValue, d.name), Message(kAddAValue));
  }
  if (info.targeting < 0) {
    diags.error(d.name_span, Message(kNoTargeting, d.name), Message(kAddATargeting));
  } else if (!type_of(info.targeting).is_error() && type_of(info.targeting).kind != Kind::Boolean) {
    diags.error(at(info.targeting), Message(kTargetingNotACondition, describe(type_of(info.targeting))));
  }
  if (info.value >= 0 && !type_of(info.value).is_error() && type_of(info.value).kind != Kind::Number &&
      type_of(info.value).kind != Kind::Boolean) {
    diags.error(at(info.value), Message(kValueNotANumberOrCondition, describe(type_of(info.value))));
  }
  if (info.target >= 0 && info.value >= 0) {
    Type v = type_of(info.value), t = type_of(info.target);
    // When `atteint` compares them, its error already said so, at the number to fix.
    bool reported = info.achieved >= 0 && type_of(info.achieved).is_error();
    bool ok = reported || v.is_error() || t.is_error() || t.kind == Kind::Absent ||
              (v.kind == t.kind && (v.kind != Kind::Number || same_dimension(v.unit, t.unit)));
    if (!ok)
      diags.error(at(info.target), Message(kTargetAndValueDiffer, describe(t), describe(v)), unit_hint(v));
    if (info.achieved < 0)
      diags.error(d.bindings[info.target].name_span, Message(kTargetWithoutAchieved), Message(kAddAnAchieved));
  }
  if (info.achieved >= 0 && !type_of(info.achieved).is_error() && type_of(info.achieved).kind != Kind::Boolean) {
    diags.error(at(info.achieved), Message(kAchievedNotACondition, describe(type_of(info.achieved))));
  }
  if (info.incentive >= 0 && !type_of(info.incentive).is_error() && !type_of(info.incentive).is_money()) {
    diags.error(at(info.incentive), Message(kIncentiveNotMoney, describe(type_of(info.incentive))),
                Message(kIncentiveIsMoney));
  }
}

void indicator(Context& cx, int index) {
  IndicatorInfo& info = cx.program.indicators[index];
  const ast::IndicatorDecl& d = *info.decl;
  for (const auto& m : d.metadata) indicator_property(cx, info, m);
  required_properties(cx, d);
  for (std::size_t b = 0; b < d.bindings.size(); ++b) check_binding(cx, index, static_cast<int>(b));
  reserved_bindings(cx, info);
}

// ---- tests -------------------------------------------------------------------------------------------------

void test_field(Context& cx, const TableInfo& table, const ast::FieldValue& f, std::set<std::string>& given) {
  int ci = table.column_index(f.column);
  if (ci < 0) {
    report_unknown(cx.diags, f.span, Message(kNoSuchColumn, table.name, f.column), f.column, column_names(table));
    return;
  }
  if (!given.insert(f.column).second) cx.diags.error(f.span, Message(kColumnGivenTwice, f.column));
  const ColumnInfo& col = table.columns[ci];
  Info r = check_expr(cx, *f.value, Scope{});
  if (r.type.is_error()) return;
  Type want = type_of_column(col.type);
  if (!fits_column(want, r.type))
    cx.diags.error(f.value->span,
                   Message(kColumnHoldsOtherType, col.name, describe(want), column_type_name(col.type), describe(r.type)),
                   unit_hint(want));
}

// `default_finess`: the test gives `finess "…";`, which a row without its finess takes.
void test_row(Context& cx, const ast::TestRow& row, bool default_finess) {
  int ti = cx.program.table_index(row.table);
  if (ti < 0) {
    report_unknown(cx.diags, row.span, Message(kUnknownTable, row.table), row.table, table_names(cx.program));
    return;
  }
  const TableInfo& table = cx.program.tables[ti];
  std::set<std::string> given;
  for (const auto& f : row.fields) test_field(cx, table, f, given);
  for (const auto& c : table.columns) {
    if (c.implicit && !given.count(c.name) && !(default_finess && c.name == "finess"))
      cx.diags.error(row.span, Message(kRowWithoutKey, table.name, c.name),
                     Message(c.name == "année" ? kAddAYear : kAddAFiness));
  }
}

void test(Context& cx, const ast::TestDecl& t) {
  bool has_year = false;
  for (const auto& m : t.metadata) {
    if (m.key != "année" && m.key != "finess")
      report_unknown(cx.diags, m.span, Message(kUnknownTestProperty, m.key), m.key, {"année", "finess"});
    has_year = has_year || m.key == "année";
    if (m.key == "finess" && (m.values.size() != 1 || !m.values.front().quoted))
      cx.diags.error(m.span, Message(kTestFinessNotAText), Message(kHowToWriteTestFiness));
  }
  // A contract of several years: the year the test runs for is better written than implied.
  const CheckedProgram& p = cx.program;
  if (!has_year && p.first_year != p.last_year)
    cx.diags.warning(t.span, Message(kTestWithoutYear, t.label, p.first_year), Message(kWriteTheTestYear, p.first_year));
  const bool own_finess = !t.default_finess().empty();
  for (const auto& row : t.rows) test_row(cx, row, own_finess);
  for (const auto& e : t.expectations) {
    if (e.entity.empty() && !own_finess)
      cx.diags.error(e.span, Message(kExpectationWithoutFiness), Message(kHowToWriteTestFiness));
    Scope scope;
    scope.test = true;
    Info r = check_expr(cx, *e.expr, scope);
    if (!r.type.is_error() && r.type.kind != Kind::Boolean)
      cx.diags.error(e.expr->span, Message(kExpectationNotACondition), Message(kExpectationExample));
  }
}

}  // namespace

// ---- parameters and definitions, on first use --------------------------------------------------------------

namespace {

// Checks one declaration's value with `check` and returns how many levels below the current one it nested.
template <class Check>
int measured(Context& cx, Check check) {
  int start = cx.depth, outer = cx.deepest;
  cx.deepest = start;
  check();
  int reach = cx.deepest - start;
  cx.deepest = std::max(outer, cx.deepest);
  return reach;
}

}  // namespace

void check_parameter(Context& cx, int index) {
  if (cx.parameter_state[index] == State::Done) return;
  ParameterInfo& info = cx.program.parameters[index];
  const ast::ParameterDecl& d = *info.decl;
  cx.parameter_state[index] = State::InProgress;
  Info r;
  cx.parameter_reach[index] = measured(cx, [&] { r = check_expr(cx, *d.value, Scope{}); });
  info.type = r.type;
  info.year_dependent = r.year;
  cx.parameter_aggregate[index] = r.aggregate;
  cx.parameter_literal[index] = r.plain_literal;
  if (!d.type_name.empty() && !r.type.is_error()) {
    auto declared = column_type_from_name(d.type_name);
    if (!declared) {
      cx.diags.error(d.type_span, Message(kUnknownType, d.type_name), Message(kTypesAre, column_type_names()));
    } else if (Type want = type_of_column(*declared); !fits_declared_type(want, r.type)) {
      cx.diags.error(d.value->span, Message(kParameterValueNotDeclaredType, d.name, d.type_name, describe(r.type)),
                     unit_hint(want));
    } else if (r.type.kind == Kind::Absent) {
      // `: taux = absent`, a figure not given yet (a national reference a regional run fills in): it has its
      // declared type, so that what compares with it or falls back from it is checked.
      info.type = want;
      cx.parameter_literal[index] = nullptr;
    }
  }
  cx.parameter_state[index] = State::Done;
}

void check_binding(Context& cx, int indicator, int b) {
  auto& state = cx.binding_state[indicator][b];
  if (state == State::Done) return;
  IndicatorInfo& info = cx.program.indicators[indicator];
  const ast::Binding& d = info.decl->bindings[b];
  state = State::InProgress;
  cx.in_progress.push_back({indicator, b});
  Scope scope;
  scope.indicator = indicator;
  Info r;
  cx.binding_reach[{indicator, b}] = measured(cx, [&] { r = check_expr(cx, *d.value, scope); });
  cx.in_progress.pop_back();
  info.binding_types[b] = r.type;
  info.binding_year_dependent[b] = r.year;
  cx.binding_literal[indicator][b] = r.plain_literal;
  cx.binding_state[indicator][b] = State::Done;
}

// références_nationales X pour …; (a file written by `caqes références`): the figures of contract X, read by a
// contract that extends X. The years are checked against those the rules read by the evaluator, which knows them.
void national_references(Context& cx, const ast::Program& ast) {
  for (const auto& r : ast.national_references) {
    if (ast.base_contract.empty())
      cx.diags.error(r.span, Message(kReferencesWithoutBase, r.contract), Message(kReferencesGoInAmendment));
    else if (r.contract != ast.base_contract)
      cx.diags.error(r.contract_span, Message(kReferencesOfOtherContract, r.contract, ast.base_contract),
                     Message(kWriteReferencesOf, ast.base_contract));
  }
}

void check_declarations(Context& cx) {
  const ast::Program& ast = *cx.program.ast;
  contract(cx, ast);
  tables(cx, ast);
  declare(cx, ast);
  for (std::size_t i = 0; i < cx.program.parameters.size(); ++i) check_parameter(cx, static_cast<int>(i));
  for (std::size_t i = 0; i < cx.program.indicators.size(); ++i) indicator(cx, static_cast<int>(i));
  for (const auto& t : ast.tests) test(cx, t);
  signatory(cx, ast);
  national_references(cx, ast);
}

}  // namespace caqes::checker
