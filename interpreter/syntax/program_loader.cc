// Files → one Program: directory listing, imports (each file read once), and the read errors as diagnostics.
#include "syntax/program_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "syntax/parser.h"
#include "syntax/syntax_messages.h"
#include "syntax/versions.h"

namespace caqes {
namespace fs = std::filesystem;
using namespace syntax_messages;

#ifndef CAQES_STDLIB_DIR
#define CAQES_STDLIB_DIR "stdlib"
#endif

std::string stdlib_directory() {
  if (const char* env = std::getenv("CAQES_STDLIB")) return env;
  return CAQES_STDLIB_DIR;
}

std::vector<std::string> contract_folders() {
  std::vector<std::string> out;
  const char* env = std::getenv("CAQES_CONTRATS");
  if (!env) return out;
  std::string list = env, item;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i == list.size() || list[i] == ':') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += list[i];
    }
  }
  return out;
}

bool read_rules_file(const std::string& path, std::string& text, Message& error) {
  if (fs::path(path).extension() != ".caqes") {
    error = Message(kNotARulesFileName, path);
    return false;
  }
  // Opened without blocking (a pipe would wait for a writer), then looked at through the descriptor itself, so that
  // the file checked is the file read.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    error = Message(kCannotReadRulesFile, path);
    return false;
  }
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0;
  if (ok && !S_ISREG(st.st_mode)) {
    error = Message(kRulesFileNotRegular, path);
    ok = false;
  } else if (ok && static_cast<std::size_t>(st.st_size) > kMaxRulesFileBytes) {
    error = Message(kRulesFileTooLarge, path, kMaxRulesFileBytes >> 20);
    ok = false;
  } else if (!ok) {
    error = Message(kCannotReadRulesFile, path);
  }
  text.clear();
  char buffer[1 << 16];
  while (ok) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = Message(kCannotReadRulesFile, path);
      ok = false;
    }
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxRulesFileBytes) {  // grown since fstat
      error = Message(kRulesFileTooLarge, path, kMaxRulesFileBytes >> 20);
      ok = false;
    }
  }
  ::close(fd);
  return ok;
}

namespace {

// How a file is named in messages: relative to the working directory when it is below it, without "a/../".
std::string display_path(const fs::path& path) {
  fs::path normal = path.lexically_normal();
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec && normal.is_absolute()) {
    fs::path rel = normal.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
  }
  return normal.string();
}

class Loader {
 public:
  Loader(ast::Program& program, Diagnostics& diags) : program_(program), diags_(diags) {}

  void load(const fs::path& path, const Span& from) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    if (ec) canonical = path;
    if (!seen_.insert(canonical.string()).second) return;
    std::string text;
    Message error;
    if (!read_rules_file(path.string(), text, error)) {
      diags_.error(from, error);
      return;
    }
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    program_.files.push_back(std::make_unique<SourceFile>(display_path(path), std::move(text)));
    const SourceFile& file = *program_.files.back();
    std::size_t first_import = program_.imports.size();
    parse_file(file, program_, diags_);
    // Imports found in this file, loaded after it so that a cycle of imports ends at `seen_`.
    std::vector<ast::ImportDecl> imports(program_.imports.begin() + static_cast<long>(first_import), program_.imports.end());
    for (const auto& imp : imports) {
      fs::path target = resolve(imp.path, path.parent_path());
      if (target.empty()) {
        diags_.error(imp.span, Message(kImportNotFound, imp.path), Message(kWhereImportsAreLooked, stdlib_directory()));
        continue;
      }
      load(target, imp.span);
    }
  }

 private:
  fs::path resolve(const std::string& name, const fs::path& dir) {
    std::vector<fs::path> candidates;
    if (name.find('/') != std::string::npos || (name.size() > 6 && name.substr(name.size() - 6) == ".caqes")) {
      candidates.push_back(dir / name);
    } else {
      candidates.push_back(fs::path(stdlib_directory()) / (name + ".caqes"));
      candidates.push_back(dir / (name + ".caqes"));
    }
    // Anything there but a folder: what is not a regular rules file is then refused by read_rules_file, with a
    // message that says why, rather than "not found".
    for (const auto& c : candidates) {
      std::error_code ec;
      if (fs::exists(c, ec) && !fs::is_directory(c, ec)) return c;
    }
    return {};
  }

  ast::Program& program_;
  Diagnostics& diags_;
  std::set<std::string> seen_;
};

}  // namespace

namespace {

std::unique_ptr<ast::Program> load_version(const std::string& rules_path, Diagnostics& diags, int depth);

}  // namespace

std::unique_ptr<ast::Program> load_program(const std::string& rules_path, Diagnostics& diags) {
  return load_version(rules_path, diags, 0);
}

namespace {

// The files of RULES only, without applying a base contract.
std::unique_ptr<ast::Program> load_files(const std::string& rules_path, Diagnostics& diags) {
  auto program = std::make_unique<ast::Program>();
  Loader loader(*program, diags);
  Span none;
  std::error_code ec;
  if (fs::is_directory(rules_path, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(rules_path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".caqes") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) diags.error(none, Message(kNoRulesFileInDirectory, rules_path));
    for (const auto& f : files) loader.load(f, none);
  } else if (fs::exists(rules_path, ec)) {
    loader.load(rules_path, none);
  } else {
    diags.error(none, Message(kNoSuchRules, rules_path));
  }
  return program;
}

std::unique_ptr<ast::Program> load_version(const std::string& rules_path, Diagnostics& diags, int depth) {
  auto own = load_files(rules_path, diags);
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
  fs::path base_path = fs::path(extends->span.path()).parent_path() / extends->joined();
  std::error_code ec;
  if (!fs::exists(base_path, ec)) {
    // A plain name (no folder in it) is also looked up in the shared folders of contracts of CAQES_CONTRATS.
    const std::string name = extends->joined();
    const std::vector<std::string> roots = contract_folders();
    bool plain = name.find('/') == std::string::npos && name != "." && name != "..";
    for (const auto& root : roots) {
      if (!plain) break;
      fs::path candidate = fs::path(root) / name;
      if (fs::exists(candidate, ec)) {
        base_path = candidate;
        break;
      }
    }
    if (!fs::exists(base_path, ec)) {
      std::string searched;
      for (const auto& root : roots) searched += (searched.empty() ? "" : ", ") + root;
      diags.error(extends->span, Message(kBaseContractNotFound, name),
                  roots.empty() || !plain ? Message(kBasePathIsRelative) : Message(kBaseLookedUpIn, searched));
      return own;
    }
  }
  int before = diags.error_count();
  auto base = load_version(base_path.string(), diags, depth + 1);
  if (diags.error_count() > before) return own;
  return apply_version(std::move(base), std::move(own), diags);
}

}  // namespace

}  // namespace caqes
