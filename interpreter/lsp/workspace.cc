// The open buffers, and contracts loaded from them with recovery from syntax errors, then checked.
#include "lsp/workspace.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "check/checker.h"
#include "lsp/protocol.h"
#include "syntax/parser.h"
#include "syntax/program_loader.h"
#include "syntax/syntax_messages.h"
#include "syntax/versions.h"

namespace caqes::lsp {
namespace fs = std::filesystem;
using namespace syntax_messages;

void DocumentStore::open(const std::string& uri, std::string text, int version) {
  Document& d = by_uri_[uri];
  d.uri = uri;
  d.path = normal_path(path_from_uri(uri));
  d.text = std::move(text);
  d.version = version;
}

void DocumentStore::change(const std::string& uri, std::string text, int version) {
  open(uri, std::move(text), version);
}

void DocumentStore::close(const std::string& uri) { by_uri_.erase(uri); }

const Document* DocumentStore::find(const std::string& uri) const {
  auto it = by_uri_.find(uri);
  return it == by_uri_.end() ? nullptr : &it->second;
}

const Document* DocumentStore::find_path(const std::string& path) const {
  for (const auto& [uri, d] : by_uri_)
    if (d.path == path) return &d;
  return nullptr;
}

std::optional<std::string> DocumentStore::text_of(const std::string& path) const {
  if (const Document* d = find_path(path)) return d->text;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<const Document*> DocumentStore::all() const {
  std::vector<const Document*> out;
  for (const auto& [uri, d] : by_uri_) out.push_back(&d);
  return out;
}

std::string normal_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) p = path;
  fs::path canonical = fs::weakly_canonical(p, ec);
  return (ec ? p.lexically_normal() : canonical).string();
}

std::string contract_root(const std::string& path) { return fs::path(path).parent_path().string(); }

namespace {

// The words that open a top-level declaration, as the canonical layout writes them: at the start of a line.
bool starts_declaration(std::string_view line) {
  static const char* words[] = {"contrat ", "table ", "paramètre ", "indicateur ", "test ",
                                "importe ", "retire ", "remplace ", "modifie "};
  for (const char* w : words)
    if (line.substr(0, std::string_view(w).size()) == w) return true;
  return false;
}

// Moves the declarations of `from` (parsed alone) into `to`.
void absorb(ast::Program& to, ast::Program& from) {
  auto move_all = [](auto& dst, auto& src) {
    for (auto& x : src) dst.push_back(std::move(x));
  };
  move_all(to.imports, from.imports);
  move_all(to.contracts, from.contracts);
  move_all(to.tables, from.tables);
  move_all(to.parameters, from.parameters);
  move_all(to.indicators, from.indicators);
  move_all(to.tests, from.tests);
  move_all(to.removals, from.removals);
  move_all(to.national_references, from.national_references);
  move_all(to.comments, from.comments);
  to.next_expr_id = from.next_expr_id;
}

bool parse_alone(const SourceFile& file, ast::Program& program, Diagnostics& diags) {
  ast::Program scratch;
  scratch.next_expr_id = program.next_expr_id;
  bool ok = parse_file(file, scratch, diags);
  if (ok) absorb(program, scratch);
  return ok;
}

}  // namespace

const SourceFile* parse_recovering(std::unique_ptr<SourceFile> file, ast::Program& program, Diagnostics& diags) {
  Diagnostics errors;
  if (parse_alone(*file, program, errors)) {
    diags.append(errors);
    program.files.push_back(std::move(file));
    return program.files.back().get();
  }
  diags.append(errors);
  // The file as written stays in the program: the diagnostics point into it, and it gives the positions.
  program.files.push_back(std::move(file));
  const SourceFile* original = program.files.back().get();
  // The lines, and where each top-level declaration starts.
  std::vector<std::string> lines;
  std::vector<int> starts;  // 1-based lines
  for (int l = 1; l <= original->line_count(); ++l) {
    lines.emplace_back(original->line_text(l));
    if (starts_declaration(lines.back())) starts.push_back(l);
  }
  std::set<int> blanked;  // indexes in `starts`; -1 for what comes before the first declaration
  auto chunk_of = [&](int line) {
    int c = -1;
    for (std::size_t i = 0; i < starts.size(); ++i)
      if (starts[i] <= line) c = static_cast<int>(i);
    return c;
  };
  for (int attempt = 0; attempt < 12; ++attempt) {
    int first_error = 0;
    for (const auto& d : errors.items())
      if (d.severity == Severity::Error && d.span.line > 0) {
        first_error = d.span.line;
        break;
      }
    if (first_error == 0) break;
    int c = chunk_of(first_error);
    // An error on the line that opens a declaration is most often a `}` left out of the one before.
    if (c > 0 && starts[c] == first_error && !blanked.count(c - 1)) --c;
    // An error reported in a declaration already blanked (a brace left open before it): blank the one before.
    while (blanked.count(c) && c >= 0) --c;
    if (blanked.count(c)) break;
    blanked.insert(c);
    std::string text;
    for (int l = 1; l <= static_cast<int>(lines.size()); ++l) {
      int chunk = chunk_of(l);
      if (blanked.count(chunk)) {
        text += std::string(lines[l - 1].size(), ' ');  // same lines; the columns before a blank do not matter
      } else {
        text += lines[l - 1];
      }
      text += '\n';
    }
    auto retry = std::make_unique<SourceFile>(original->path(), text);
    errors = Diagnostics();
    if (parse_alone(*retry, program, errors)) {
      program.files.push_back(std::move(retry));
      return program.files.back().get();
    }
  }
  // Nothing parses: the file is kept without declarations, so that positions in it still resolve to it.
  return original;
}

namespace {

class Loader {
 public:
  Loader(ast::Program& program, const DocumentStore& documents, Diagnostics& diags, Analysis& analysis, ParseCache& cache)
      : program_(program), documents_(documents), diags_(diags), analysis_(analysis), cache_(cache) {}

  void load(const std::string& path, const Span& from) {
    std::string key = normal_path(path);
    if (!seen_.insert(key).second) return;
    auto text = documents_.text_of(key);
    if (!text) {
      diags_.error(from, Message(kCannotReadRulesFile, path));
      return;
    }
    if (text->size() >= 3 && text->compare(0, 3, "\xEF\xBB\xBF") == 0) text->erase(0, 3);
    analysis_.files.push_back(key);
    std::size_t first_import = program_.imports.size();
    cache_.add(key, *text, program_, diags_, analysis_.parsed_files);
    std::vector<ast::ImportDecl> imports(program_.imports.begin() + static_cast<long>(first_import),
                                         program_.imports.end());
    for (const auto& imp : imports) {
      std::string target = resolve(imp.path, fs::path(key).parent_path());
      if (target.empty()) {
        diags_.error(imp.span, Message(kImportNotFound, imp.path), Message(kWhereImportsAreLooked, stdlib_directory()));
        continue;
      }
      analysis_.links.push_back({key, imp.span.line, imp.span.column, imp.span.length, target});
      load(target, imp.span);
    }
  }

 private:
  // As syntax/program_loader.cc resolves an import; an open buffer counts as a file.
  std::string resolve(const std::string& name, const fs::path& dir) {
    std::vector<fs::path> candidates;
    if (name.find('/') != std::string::npos || (name.size() > 6 && name.substr(name.size() - 6) == ".caqes")) {
      candidates.push_back(dir / name);
    } else {
      candidates.push_back(fs::path(stdlib_directory()) / (name + ".caqes"));
      candidates.push_back(dir / (name + ".caqes"));
    }
    for (const auto& c : candidates) {
      std::string p = normal_path(c.string());
      std::error_code ec;
      if (documents_.find_path(p) || fs::is_regular_file(p, ec)) return p;
    }
    return {};
  }

  ast::Program& program_;
  const DocumentStore& documents_;
  Diagnostics& diags_;
  Analysis& analysis_;
  ParseCache& cache_;
  std::set<std::string> seen_;
};

std::unique_ptr<ast::Program> load_files(const std::string& root, const DocumentStore& documents, Diagnostics& diags,
                                         Analysis& analysis, ParseCache& cache) {
  auto program = std::make_unique<ast::Program>();
  Loader loader(*program, documents, diags, analysis, cache);
  Span none;
  std::error_code ec;
  if (fs::is_directory(root, ec)) {
    std::set<std::string> paths;  // in name order, as the command line reads a folder
    for (const auto& entry : fs::directory_iterator(root, ec))
      if (entry.is_regular_file() && entry.path().extension() == ".caqes") paths.insert(normal_path(entry.path().string()));
    for (const Document* d : documents.all())  // a buffer not saved yet
      if (fs::path(d->path).parent_path() == fs::path(root) && fs::path(d->path).extension() == ".caqes")
        paths.insert(d->path);
    if (paths.empty()) diags.error(none, Message(kNoRulesFileInDirectory, root));
    for (const auto& p : paths) loader.load(p, none);
  } else if (documents.find_path(root) || fs::exists(root, ec)) {
    loader.load(root, none);
  } else {
    diags.error(none, Message(kNoSuchRules, root));
  }
  return program;
}

std::unique_ptr<ast::Program> load_version(const std::string& root, const DocumentStore& documents, Diagnostics& diags,
                                           Analysis& analysis, ParseCache& cache, int depth) {
  auto own = load_files(root, documents, diags, analysis, cache);
  const ast::Metadata* extends = nullptr;
  for (const auto& c : own->contracts)
    for (const auto& m : c.metadata)
      if (m.key == "étend") extends = &m;
  if (!extends) {
    reject_changes_without_base(*own, diags);
    return own;
  }
  if (depth > 20) {
    diags.error(extends->span, Message(kTooManyBaseContracts));
    return own;
  }
  std::string base = normal_path((fs::path(extends->span.path()).parent_path() / extends->joined()).string());
  std::error_code ec;
  if (!fs::exists(base, ec) && !documents.find_path(base)) {
    diags.error(extends->span, Message(kBaseContractNotFound, extends->joined()), Message(kBasePathIsRelative));
    return own;
  }
  int before = diags.error_count();
  std::size_t first_base_file = analysis.files.size();
  auto base_program = load_version(base, documents, diags, analysis, cache, depth + 1);
  if (analysis.files.size() > first_base_file && extends->span.known())
    analysis.links.push_back({extends->span.file->path(), extends->span.line, extends->span.column, extends->span.length,
                              analysis.files[first_base_file]});
  if (diags.error_count() > before) return own;
  return apply_version(std::move(base_program), std::move(own), diags);
}

}  // namespace

std::unique_ptr<Analysis> analyse(const std::string& root, const DocumentStore& documents, ParseCache& cache) {
  auto a = std::make_unique<Analysis>();
  a->root = root;
  auto program = load_version(root, documents, a->diagnostics, *a, cache, 0);
  if (a->diagnostics.has_errors()) {
    a->parsed = std::move(program);
    return a;
  }
  a->checked = check_program(std::move(program), a->diagnostics);
  if (!a->checked) {
    // The checker took the tree; it is copied again from the cache for navigation.
    Diagnostics ignored;
    Analysis again;
    a->parsed = load_version(root, documents, ignored, again, cache, 0);
    for (auto& kept : again.parsed_files) a->parsed_files.push_back(std::move(kept));
  }
  return a;
}

}  // namespace caqes::lsp
