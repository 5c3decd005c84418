// Applying a contract's changes to the contract it extends.
#include "syntax/versions.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "syntax/ast_walk.h"
#include "syntax/syntax_messages.h"

namespace caqes {

using namespace syntax_messages;

namespace {

std::string canonical(const std::string& path) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : c.string();
}

const char* change_word(ast::Change c) { return c == ast::Change::Replace ? "remplace" : "modifie"; }

template <class Decl>
Decl* find_named(std::vector<Decl>& decls, const std::string& name) {
  for (auto& d : decls)
    if (d.name == name) return &d;
  return nullptr;
}

ast::ExprPtr make(ast::Program& p, const Span& span) {
  auto e = std::make_unique<ast::Expr>();
  e->id = p.next_expr_id++;
  e->span = span;
  return e;
}

// `selon N { first, …, last: replacement; autre: original }`: the value a parameter takes when an amendment
// replaces it for some years only. A `selon` over the years reads as what the amendment wrote, in the diff and in
// explanations; a range of more than a dozen years is written as `si N ≥ first et N ≤ last alors … sinon …`.
ast::ExprPtr for_years(ast::Program& p, const Span& span, int first, int last, ast::ExprPtr replacement,
                       ast::ExprPtr original) {
  auto year = [&](int y) {
    auto lit = make(p, span);
    ast::NumberLiteral n;
    n.value = Decimal(y);
    n.text = std::to_string(y);
    lit->node = std::move(n);
    return lit;
  };
  auto current = [&] {
    auto n = make(p, span);
    n->node = ast::CurrentYear{};
    return n;
  };
  auto e = make(p, span);
  if (last - first < 12) {
    ast::SelonArm arm;
    for (int y = first; y <= last; ++y) arm.keys.push_back(year(y));
    arm.result = std::move(replacement);
    arm.span = span;
    ast::Selon selon;
    selon.subject = current();
    selon.arms.push_back(std::move(arm));
    selon.otherwise = std::move(original);
    e->node = std::move(selon);
    return e;
  }
  auto from = make(p, span);
  from->node = ast::Binary{ast::BinaryOp::GreaterEqual, current(), year(first)};
  auto to = make(p, span);
  to->node = ast::Binary{ast::BinaryOp::LessEqual, current(), year(last)};
  auto both = make(p, span);
  both->node = ast::Binary{ast::BinaryOp::And, std::move(from), std::move(to)};
  e->node = ast::If{std::move(both), std::move(replacement), std::move(original)};
  return e;
}

// What is said about one kind of declaration that a new version adds, replaces or modifies.
struct KindMessages {
  const MessageText& already_in_base;     // {0}: the name
  const MessageText& base_declares;       // {0}: the base contract, {1}: where it declares it; says how to change it
  const MessageText& nothing_to_replace;  // {0}: the base contract, {1}: the name
  const MessageText& nothing_to_modify;   // the same for 'modifie', which only indicators have
};

const KindMessages kTableMessages{kTableAlreadyInBase, kBaseDeclaresTable, kNoTableToReplace, kNoTableToReplace};
const KindMessages kParameterMessages{kParameterAlreadyInBase, kBaseDeclaresParameter, kNoParameterToReplace,
                                      kNoParameterToReplace};
const KindMessages kIndicatorMessages{kIndicatorAlreadyInBase, kBaseDeclaresIndicator, kNoIndicatorToReplace,
                                      kNoIndicatorToModify};

// Numbers e and everything under it, in pre-order.
void number(ast::Expr& e, int& next) {
  ast::walk(e, [&](ast::Expr& node) {
    node.id = next++;
    return true;
  });
}

// Whether `e` reads indicator `name` (`name.partie`).
bool reads_indicator(const ast::Expr& e, const std::string& name) {
  bool found = false;
  ast::walk(e, [&](const ast::Expr& node) {
    if (auto* m = node.as<ast::Member>())
      if (auto* object = m->object->as<ast::Name>(); object && object->name == name) found = true;
    return !found;
  });
  return found;
}

// A base test about an indicator the amendment removes can no longer run: the mistake is the amendment's (it
// forgot `retire test`), so it is said at the `retire`, and the test is dropped rather than reported as reading an
// unknown name in the base's file.
void drop_tests_of_removed_indicators(ast::Program& p, const std::vector<ast::Removal>& removals, Diagnostics& diags) {
  for (const auto& r : removals) {
    if (r.kind != "indicateur") continue;
    auto reads = [&](const ast::TestDecl& t) {
      return std::any_of(t.expectations.begin(), t.expectations.end(),
                         [&](const auto& x) { return reads_indicator(*x.expr, r.name); });
    };
    for (const auto& t : p.tests)
      if (reads(t)) diags.error(r.span, Message(kRemovedIndicatorStillTested, r.name, t.label, t.span.where()),
                                Message(kRetireTheTest, t.label));
    p.tests.erase(std::remove_if(p.tests.begin(), p.tests.end(), reads), p.tests.end());
  }
}

}  // namespace

void renumber(ast::Program& p) {
  int next = 1;
  for (auto& prm : p.parameters) number(*prm.value, next);
  for (auto& ind : p.indicators)
    for (auto& b : ind.bindings) number(*b.value, next);
  for (auto& t : p.tests) {
    for (auto& r : t.rows)
      for (auto& f : r.fields) number(*f.value, next);
    for (auto& x : t.expectations) number(*x.expr, next);
  }
  p.next_expr_id = next;
}

namespace {

// Everything the base contract says that the new version does not say again is inherited: its years, the table
// of establishments, `signataire`, `synthèse`, the missing-data and division policies, its references. A clause the
// new version states replaces the base's clause of that name (all its values: `référence` too).
void inherit_settings(const std::vector<ast::ContractDecl>& base, std::vector<ast::ContractDecl>& own) {
  if (base.empty() || own.empty()) return;
  const ast::ContractDecl& from = base.front();
  ast::ContractDecl& to = own.front();
  if (to.first_year == 0 && to.last_year == 0) {
    to.first_year = from.first_year;
    to.last_year = from.last_year;
    to.years_span = from.years_span;
  }
  std::vector<ast::Metadata> inherited;
  for (const auto& m : from.metadata) {
    bool restated = std::any_of(to.metadata.begin(), to.metadata.end(), [&](const auto& x) { return x.key == m.key; });
    if (!restated && m.key != "étend") inherited.push_back(m);
  }
  to.metadata.insert(to.metadata.begin(), inherited.begin(), inherited.end());
}

}  // namespace

void reject_changes_without_base(const ast::Program& p, Diagnostics& diags) {
  const Message hint(kChangeNeedsBase);
  for (const auto& r : p.removals) diags.error(r.span, Message(kRemovalWithoutBase, r.kind, r.name), hint);
  for (const auto& t : p.tables)
    if (t.change != ast::Change::New) diags.error(t.name_span, Message(kTableReplacementWithoutBase, t.name), hint);
  for (const auto& prm : p.parameters)
    if (prm.change != ast::Change::New)
      diags.error(prm.name_span, Message(kParameterReplacementWithoutBase, prm.name), hint);
  for (const auto& ind : p.indicators)
    if (ind.change != ast::Change::New)
      diags.error(ind.name_span, Message(kIndicatorChangeWithoutBase, change_word(ind.change), ind.name), hint);
}

std::unique_ptr<ast::Program> apply_version(std::unique_ptr<ast::Program> base, std::unique_ptr<ast::Program> own,
                                            Diagnostics& diags) {
  auto out = std::move(base);
  ast::Program& p = *out;
  p.base_contract = p.contracts.empty() ? std::string() : p.contracts.front().name;
  // A file both versions import (stdlib/pmsi.caqes) is taken once, from the base.
  std::set<std::string> base_files;
  for (const auto& f : p.files) base_files.insert(canonical(f->path()));
  auto shared = [&](const Span& s) { return s.file && base_files.count(canonical(s.file->path())) > 0; };
  own->tables.erase(std::remove_if(own->tables.begin(), own->tables.end(), [&](const auto& d) { return shared(d.name_span); }), own->tables.end());
  own->parameters.erase(std::remove_if(own->parameters.begin(), own->parameters.end(), [&](const auto& d) { return shared(d.name_span); }), own->parameters.end());
  own->indicators.erase(std::remove_if(own->indicators.begin(), own->indicators.end(), [&](const auto& d) { return shared(d.name_span); }), own->indicators.end());
  own->tests.erase(std::remove_if(own->tests.begin(), own->tests.end(), [&](const auto& d) { return shared(d.span); }), own->tests.end());
  p.own_files_begin = p.files.size();
  for (auto& f : own->files) p.files.push_back(std::move(f));
  for (auto& c : own->comments) p.comments.push_back(std::move(c));
  for (auto& i : own->imports) p.imports.push_back(std::move(i));
  for (auto& r : own->national_references) p.national_references.push_back(std::move(r));
  inherit_settings(p.contracts, own->contracts);
  p.contracts = std::move(own->contracts);
  p.next_expr_id = std::max(p.next_expr_id, own->next_expr_id);

  for (const auto& r : own->removals) {
    bool found = false;
    if (r.kind == "indicateur") {
      auto it = std::find_if(p.indicators.begin(), p.indicators.end(), [&](const auto& d) { return d.name == r.name; });
      if ((found = it != p.indicators.end())) p.indicators.erase(it);
    } else if (r.kind == "paramètre") {
      auto it = std::find_if(p.parameters.begin(), p.parameters.end(), [&](const auto& d) { return d.name == r.name; });
      if ((found = it != p.parameters.end())) p.parameters.erase(it);
    } else if (r.kind == "table") {
      auto it = std::find_if(p.tables.begin(), p.tables.end(), [&](const auto& d) { return d.name == r.name; });
      if ((found = it != p.tables.end())) p.tables.erase(it);
    } else if (r.kind == "test") {
      auto it = std::find_if(p.tests.begin(), p.tests.end(), [&](const auto& d) { return d.label == r.name; });
      if ((found = it != p.tests.end())) p.tests.erase(it);
    }
    if (!found) diags.error(r.span, Message(kNothingToRemove, p.base_contract, r.kind, r.name));
  }
  drop_tests_of_removed_indicators(p, own->removals, diags);

  // A declaration of the new version: added if new, else it replaces (or modifies) the base's of that name.
  // `said` is what messages say about this kind; `change` applies a replacement or modification.
  auto merge = [&](auto& base_list, auto& decl, const KindMessages& said, auto change) {
    auto* existing = find_named(base_list, decl.name);
    if (decl.change == ast::Change::New) {
      if (existing) {
        diags.error(decl.name_span, Message(said.already_in_base, decl.name),
                    Message(said.base_declares, p.base_contract, existing->name_span.where()));
        return;
      }
      base_list.push_back(std::move(decl));
      return;
    }
    if (!existing) {
      const MessageText& nothing =
          decl.change == ast::Change::Replace ? said.nothing_to_replace : said.nothing_to_modify;
      diags.error(decl.name_span, Message(nothing, p.base_contract, decl.name));
      return;
    }
    change(*existing, decl);
  };
  auto replace = [](auto& existing, auto& decl) {
    decl.change = ast::Change::New;
    existing = std::move(decl);
  };

  for (auto& t : own->tables) merge(p.tables, t, kTableMessages, replace);

  for (auto& prm : own->parameters)
    merge(p.parameters, prm, kParameterMessages, [&](ast::ParameterDecl& existing, ast::ParameterDecl& decl) {
      if (decl.first_year) {
        // Only some years change: the base's value stays for the others.
        Span where = decl.value->span;
        decl.value =
            for_years(p, where, decl.first_year, decl.last_year, std::move(decl.value), std::move(existing.value));
        if (decl.label.empty()) decl.label = existing.label;
        if (decl.type_name.empty()) decl.type_name = existing.type_name;
      }
      decl.first_year = decl.last_year = 0;
      replace(existing, decl);
    });

  for (auto& ind : own->indicators)
    merge(p.indicators, ind, kIndicatorMessages,
          [&](ast::IndicatorDecl& existing, ast::IndicatorDecl& decl) {
            if (decl.change == ast::Change::Replace) {
              replace(existing, decl);
              return;
            }
            // modifie: the parts given replace the base's, by name; new parts are added; the rest is inherited.
            if (!decl.label.empty()) existing.label = decl.label;
            existing.name_span = decl.name_span;
            existing.span = decl.span;
            for (auto& m : decl.metadata) {
              auto it = std::find_if(existing.metadata.begin(), existing.metadata.end(),
                                     [&](const auto& x) { return x.key == m.key; });
              if (it != existing.metadata.end())
                *it = std::move(m);
              else
                existing.metadata.push_back(std::move(m));
            }
            for (auto& b : decl.bindings) {
              auto it = std::find_if(existing.bindings.begin(), existing.bindings.end(),
                                     [&](const auto& x) { return x.name == b.name; });
              if (it == existing.bindings.end()) {
                existing.bindings.push_back(std::move(b));
                continue;
              }
              if (b.label.empty()) b.label = it->label;
              *it = std::move(b);
            }
          });

  for (auto& t : own->tests) p.tests.push_back(std::move(t));
  p.removals.clear();
  renumber(p);
  return out;
}

}  // namespace caqes
