// Writing the sheets of `caqes doc` (see doc_command.h).
#include "cli/doc_command.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <system_error>

#include "check/checker.h"
#include "cli/cli_messages.h"
#include "doc/doc_messages.h"
#include "doc/doc_site.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

namespace fs = std::filesystem;

// The file a folder written by caqes doc holds, so that it may be replaced by the next run.
constexpr const char* kMarker = ".caqes-doc";

// The contract's own files: those under the RULES path (a file, or a folder).
std::vector<std::string> own_files(const CheckedProgram& p, const std::string& rules) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(rules, ec);
  std::vector<std::string> out;
  for (const auto& f : p.ast->files) {
    fs::path path = fs::weakly_canonical(f->path(), ec);
    auto [r, q] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    if (r == root.end()) out.push_back(f->path());
  }
  return out;
}

// The rules path of the contract `p` extends (its `étend`, relative to the file that says it); none if it extends none.
std::optional<std::string> base_rules(const CheckedProgram& p) {
  for (const auto& c : p.ast->contracts)
    for (const auto& m : c.metadata)
      if (m.key == "étend") return (fs::path(m.span.path()).parent_path() / m.joined()).string();
  return std::nullopt;
}

bool write_folder(const std::vector<DocPage>& pages, const std::string& folder, Message& error) {
  std::error_code ec;
  fs::path target = fs::path(folder);
  if (fs::exists(target, ec)) {
    bool ours = fs::is_directory(target, ec) && (fs::is_empty(target, ec) || fs::exists(target / kMarker, ec));
    if (!ours) {
      error = Message(doc_messages::kNotADocFolder, folder);
      return false;
    }
  }
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  std::string pattern = (parent / (target.filename().string() + ".en-cours-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) {
    error = Message(cli_messages::kCannotWrite, folder, std::strerror(errno));
    return false;
  }
  fs::path fresh = pattern;
  auto fail = [&](const std::string& path, const std::string& why) {
    fs::remove_all(fresh, ec);
    error = Message(cli_messages::kCannotWrite, path, why);
    return false;
  };
  for (const auto& page : pages) {
    fs::path path = fresh / fs::u8path(page.path);
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out.write(page.content.data(), static_cast<std::streamsize>(page.content.size()));
    out.close();
    if (!out) return fail((target / fs::u8path(page.path)).string(), std::strerror(errno));
  }
  std::ofstream(fresh / kMarker) << "Dossier écrit par caqes doc : remplacé entier à chaque exécution.\n";
  fs::permissions(fresh, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                             fs::perms::others_exec, ec);
  if (fs::exists(target, ec)) {
    fs::path old = pattern + ".ancien";
    fs::rename(target, old, ec);
    if (ec) return fail(folder, ec.message());
    fs::rename(fresh, target, ec);
    if (ec) {
      std::error_code ignored;
      fs::rename(old, target, ignored);
      return fail(folder, ec.message());
    }
    fs::remove_all(old, ec);
    return true;
  }
  fs::rename(fresh, target, ec);
  if (ec) return fail(folder, ec.message());
  return true;
}

}  // namespace

bool run_doc(const CheckedProgram& program, const DocRequest& request, std::string& printed, std::size_t& written,
             Message& error) {
  DocFormat format = request.format == "markdown" ? DocFormat::Markdown : DocFormat::Html;
  std::string ext = format == DocFormat::Html ? ".html" : ".md";
  if (request.output.empty() && request.indicator.empty()) {
    error = Message(doc_messages::kDocNeedsOutput);
    return false;
  }
  if (!request.indicator.empty() && program.indicator_index(request.indicator) < 0) {
    error = Message(cli_messages::kNoIndicator, request.indicator, program.contract_name);
    return false;
  }
  DocModel model = build_doc_model(program);
  std::vector<DocPage> pages;
  // The contracts this one extends, in a chain, each written in the folder `base/` of the one that extends it.
  struct Base {
    std::string path;
    std::unique_ptr<CheckedProgram> program;
  };
  std::vector<Base> bases;
  if (!request.output.empty()) {
    const CheckedProgram* current = &program;
    for (auto path = base_rules(*current); path && bases.size() < 20; path = base_rules(*current)) {
      Diagnostics diags;
      auto ast = load_program(*path, diags);
      std::unique_ptr<CheckedProgram> checked;
      if (!diags.has_errors()) checked = check_program(std::move(ast), diags);
      if (!checked || diags.has_errors()) break;  // it loaded as part of this contract: not expected; no sheets then
      bases.push_back({*path, std::move(checked)});
      current = bases.back().program.get();
    }
  }
  std::vector<DocModel> base_models;
  for (const auto& b : bases) base_models.push_back(build_doc_model(*b.program));
  for (std::size_t k = 0; k < base_models.size(); ++k) {
    (k == 0 ? model : base_models[k - 1]).base = bases[k].program.get();
  }
  std::string prefix = "base/";
  for (std::size_t k = 0; k < base_models.size(); ++k, prefix += "base/") {
    std::vector<DocPage> these;
    if (!render_doc_site(base_models[k], format, own_files(*bases[k].program, bases[k].path), these, error)) return false;
    for (auto& page : these) pages.push_back({prefix + page.path, std::move(page.content)});
  }
  if (!render_doc_site(model, format, own_files(program, request.rules), pages, error)) return false;
  if (request.output.empty()) {
    for (const auto& page : pages)
      if (page.path == "indicateurs/" + request.indicator + ext) printed = page.content;
    return true;
  }
  if (!write_folder(pages, request.output, error)) return false;
  written = pages.size();
  return true;
}

}  // namespace caqes
