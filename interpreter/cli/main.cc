// `caqes`: the command line. Each command loads and checks the rules, then does its one job; diagnostics go to
// stderr, results to stdout or to --output (written whole, or not at all). Exit 0 on success, 1 on an error in
// the rules or the data (or a failed test), 2 on a usage error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "check/checker.h"
#include "cli/cli_messages.h"
#include "cli/db_command.h"
#include "cli/doc_command.h"
#include "cli/help_messages.h"
#include "doc/diff_page.h"
#include "doc/doc_messages.h"
#include "cli/output_context.h"
#include "cli/output_file.h"
#include "cli/render_contract.h"
#include "cli/render_diff.h"
#include "cli/render_explain.h"
#include "cli/render_html.h"
#include "cli/render_references.h"
#include "cli/render_run.h"
#include "cli/render_xlsx.h"
#include "cli/render_tests.h"
#include "data/dataset.h"
#include "data/temporary_files.h"
#include "db/connection.h"
#include "db/db_messages.h"
#include "diff/data_impact.h"
#include "diff/semantic_diff.h"
#include "eval/evaluator.h"
#include "eval/national_references.h"
#include "eval/plan.h"
#include "eval/rule_tests.h"
#include "eval/timeline.h"
#include "format/printer.h"
#include "lsp/server.h"
#include "syntax/parser.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

using namespace cli_messages;

bool color_allowed(int fd) { return isatty(fd) && std::getenv("NO_COLOR") == nullptr; }

// "caqes: error: MESSAGE" in the context's language.
void print_error(const OutputContext& context, Message message) {
  Diagnostic d;
  d.message = std::move(message);
  std::fputs(render(d, false, context.language).c_str(), stderr);
}

void print_diagnostics(const OutputContext& context, const Diagnostics& diags) {
  std::string text = render_all(diags, context.color_stderr, context.language);
  std::fputs(text.c_str(), stderr);
  int n = diags.error_count();
  if (n > 0) std::fprintf(stderr, "%s\n", Message(n > 1 ? kErrors : kOneError, n).in(context.language).c_str());
}

// The warnings of an evaluation (a year the rules read and the data do not hold): printed before the results, or,
// under --strict, printed as errors that stop the command. False when they stop it. `diags` is emptied.
bool report_warnings(const OutputContext& context, Diagnostics& diags, bool strict) {
  if (diags.items().empty()) return true;
  Diagnostics shown;
  for (Diagnostic d : diags.items()) {
    if (strict && d.severity == Severity::Warning) d.severity = Severity::Error;
    shown.add(std::move(d));
  }
  diags = Diagnostics();
  print_diagnostics(context, shown);
  if (!shown.has_errors()) return true;
  std::fprintf(stderr, "caqes: %s\n", Message(kStrictNoResult).in(context.language).c_str());
  return false;
}

// "0 parameters" in English, "0 paramètre" in French.
Message counted(std::size_t n, const MessageText& one, const MessageText& several, Language lang) {
  bool plural = lang == Language::Fr ? n > 1 : n != 1;
  return Message(plural ? several : one, n);
}

std::unique_ptr<CheckedProgram> load_and_check(const OutputContext& context, const std::string& rules) {
  Diagnostics diags;
  auto program = load_program(rules, diags);
  std::unique_ptr<CheckedProgram> checked;
  if (!diags.has_errors()) checked = check_program(std::move(program), diags);
  if (!diags.items().empty()) print_diagnostics(context, diags);
  return diags.has_errors() ? nullptr : std::move(checked);
}

// The database names of the rules' tables and columns: those of the mapping file at `path`, or the declared ones
// (no file). `lenient`: entries naming what `p` does not declare are skipped (the older version of a diff).
bool table_mapping(const OutputContext& context, const CheckedProgram& p, const std::string& path, TableMapping& out,
                   bool lenient = false) {
  if (path.empty()) {
    out = TableMapping::identity(p);
    return true;
  }
  Diagnostics diags;
  bool ok = read_mapping(path, p, out, diags, lenient);
  if (!diags.items().empty()) print_diagnostics(context, diags);
  return ok;
}

// Writes to stdout, or to `path` whole or not at all (output_file.h), never over one of `inputs`.
bool emit(const OutputContext& context, const std::string& text, const std::string& path,
          const std::vector<std::string>& inputs = {}) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return true;
  }
  Message error;
  if (write_output_file(path, text, inputs, error)) return true;
  print_error(context, error);
  return false;
}

// "caqes: error: out of memory..." in the environment's language, rendered once at the start: when memory ran out,
// rendering it then could fail too (the parser's caches are not freed by unwinding).
const std::string& out_of_memory_text() {
  static const std::string text = [] {
    Diagnostic d;
    d.message = Message(kOutOfMemory);
    return render(d, false, language_from_environment());
  }();
  return text;
}

// The files a run reads: its rules files (with what they import and the contracts they extend) and data files.
std::vector<std::string> inputs_of(const CheckedProgram& p, const std::string& data_dir) {
  std::vector<std::string> inputs;
  for (const auto& file : p.ast->files) inputs.push_back(file->path());
  for (const auto& table : p.tables)
    inputs.push_back((std::filesystem::path(data_dir) / (table.name + ".csv")).string());
  return inputs;
}

Format parse_format(const std::string& f) {
  if (f == "csv") return Format::Csv;
  if (f == "json") return Format::Json;
  if (f == "markdown") return Format::Markdown;
  if (f == "xlsx") return Format::Xlsx;
  if (f == "html") return Format::Html;
  return Format::Table;
}

int cmd_check(const OutputContext& context, const std::string& rules) {
  auto p = load_and_check(context, rules);
  if (!p) return 1;
  Language lang = context.language;
  Message summary(kCheckSummary, p->contract_name, counted(p->indicators.size(), kOneIndicator, kIndicators, lang),
                  counted(p->tables.size(), kOneTable, kTables, lang),
                  counted(p->parameters.size(), kOneParameter, kParameters, lang),
                  counted(p->ast->tests.size(), kOneTest, kTests, lang));
  std::fprintf(stderr, "%s\n", summary.in(lang).c_str());
  return 0;
}

// The contract's years, or the one year asked for if the contract covers it.
std::vector<int> contract_years(const OutputContext& context, const CheckedProgram& p, int year, bool& ok) {
  ok = true;
  std::vector<int> years;
  if (year != 0) {
    if (year < p.first_year || year > p.last_year) {
      print_error(context, Message(kYearOutsideContract, year, p.contract_name, p.first_year, p.last_year));
      ok = false;
    }
    years.push_back(year);
  } else {
    for (int y = p.first_year; y <= p.last_year; ++y) years.push_back(y);
  }
  return years;
}

// What `run` writes besides its results' figures (cli/render_run.h).
struct RunOutputRequest {
  std::string format = "table", output, encoding = "utf-8";
  bool by_signatory = false, detail = false;
};

// The main output, then (CSV to a file) its companion files beside it: F.csv, F-synthese.csv...; if one cannot be
// written, those already written are removed, so that a failure never leaves results without their manifest.
bool emit_run(const OutputContext& context, const RenderedRun& rendered, const std::string& output,
              const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  if (!emit(context, rendered.main, output, inputs)) return false;
  std::vector<std::string> written = {output};
  for (const auto& [suffix, text] : rendered.companions) {
    fs::path path(output);
    std::string extension = path.extension().empty() ? ".csv" : path.extension().string();
    std::string companion = (path.parent_path() / (path.stem().string() + suffix + extension)).string();
    if (!emit(context, text, companion, inputs)) {
      for (const auto& w : written) std::remove(w.c_str());  // all the files of the run, or none
      return false;
    }
    written.push_back(companion);
  }
  return true;
}

// The options of the run as its manifest records them (not --output: where the results go changes nothing).
std::vector<std::pair<std::string, std::string>> manifest_options(const RunOutputRequest& request, int year, bool strict) {
  // Named without their dashes, which a spreadsheet would take for the start of a formula.
  return {{"year", year ? std::to_string(year) : "toutes"},
          {"format", request.format},
          {"encoding", request.encoding},
          {"par-signataire", request.by_signatory ? "oui" : "non"},
          {"detail", request.detail ? "oui" : "non"},
          {"strict", strict ? "oui" : "non"}};
}

// Where a command's data are: a folder of CSV extracts, or a database (with the mapping file of its names).
struct DataPlace {
  std::string dir, db_url, mapping;
};

// CAQES_TRACE=FILE: the run's timeline (eval/timeline.h) written to FILE when the run ends, for bench/timeline. A
// tool of the bench: no message, and a file that cannot be written is left unwritten.
struct TraceFile {
  std::unique_ptr<Timeline> timeline;
  std::string path;
  TraceFile() {
    const char* p = std::getenv("CAQES_TRACE");
    if (!p || !*p) return;
    path = p;
    timeline = std::make_unique<Timeline>();
  }
  ~TraceFile() {
    if (!timeline) return;
    if (std::FILE* f = std::fopen(path.c_str(), "w")) {
      timeline->write(f);
      std::fclose(f);
    }
  }
};

int cmd_run(const OutputContext& context, const std::string& rules, const DataPlace& place, int year,
            const RunOutputRequest& request, PassOptions pass, bool strict) {
  TraceFile trace;
  pass.timeline = trace.timeline.get();
  // The manifest's digests of the data files, computed on a thread of their own while the rules are loaded and the
  // rows read: every CSV file of the folder until the rules say which ones are read.
  FileDigests digests;
  if (!place.dir.empty()) digests.start(csv_files_in(place.dir), pass.timeline);
  Timeline::Step loading(pass.timeline, "rules loaded and checked");
  const std::string& data_dir = place.dir;
  const std::string& db_url = place.db_url;
  Format format = parse_format(request.format);
  const std::string& output = request.output;
  bool by_signatory = request.by_signatory;
  if (format == Format::Xlsx && (output.empty() || output == "-")) {
    print_error(context, Message(kWorkbookNeedsOutput));
    return 2;
  }
  auto p = load_and_check(context, rules);
  if (!p) return 1;
  loading.end();
  bool ok = true;
  std::vector<int> years = contract_years(context, *p, year, ok);
  if (!ok) return 1;
  Diagnostics diags;
  Dataset data;
  DatabaseData database;  // --db: the per-establishment tables read, the aggregations over rows left to the server
  TableMapping names;
  if (!table_mapping(context, *p, place.mapping, names)) return 1;
  digests.keep(data_files(*p, data_dir));
  Timeline::Step opening(pass.timeline, "data opened");
  if (db_url.empty() ? !load_dataset(*p, data_dir, data, diags) : !database.open(*p, db_url, names, data, diags)) {
    print_diagnostics(context, diags);
    return 1;
  }
  opening.end();
  pass.source = database.source();
  std::vector<IndicatorResult> results;
  // A line on a terminal while the rows are read (a pass over a region's extracts takes a while), wiped after.
  bool progress = isatty(2);
  if (progress) std::fprintf(stderr, "%s\r", Message(kProgressRunning, p->contract_name).in(context.language).c_str());
  bool computed = run_all(*p, data, years, results, diags, pass);
  if (progress) std::fputs("\x1b[2K\r", stderr);
  if (!computed) {
    print_diagnostics(context, diags);
    std::fprintf(stderr, "caqes: %s\n", Message(kNoResultWritten).in(context.language).c_str());
    return 1;
  }
  if (!report_warnings(context, diags, strict)) return 1;
  Timeline::Step signing_step(pass.timeline, "signatories and summary groups");
  std::vector<std::string> signing;
  if (!signatories(*p, data, signing, diags, pass)) {
    print_diagnostics(context, diags);
    return 1;
  }
  if (by_signatory && signing.empty()) {
    print_error(context, Message(kNoSignatory));
    return 1;
  }
  std::vector<std::string> groups;
  if (!summary_groups(*p, data, groups, diags, pass)) {
    print_diagnostics(context, diags);
    return 1;
  }
  signing_step.end();
  Timeline::Step manifest_step(pass.timeline, "manifest");
  Manifest manifest;
  Message error;
  auto options = manifest_options(request, year, strict);
  // From a database, the manifest names the database (its password hidden) instead of the CSV files.
  if (!db_url.empty()) options.push_back({"db", redacted(db_url)});
  if (!place.mapping.empty()) options.push_back({"mapping", place.mapping});
  if (!make_manifest(*p, data_dir, years, std::move(options), manifest, error, place.mapping, &digests)) {
    print_error(context, error);
    return 1;
  }
  manifest_step.end();
  Timeline::Step rendering(pass.timeline, "rendered and written");
  RunResults run{*p, data, results, years, year != 0, signing, groups, manifest};
  RenderedRun rendered;
  if (format == Format::Xlsx) {
    if (!render_xlsx(run, rendered.main, error)) {
      print_error(context, error);
      return 1;
    }
  } else if (format == Format::Html) {
    Derivations derivations;
    bool progress = isatty(2);  // the derivations are a second pass over the rows
    if (progress) std::fprintf(stderr, "%s\r", Message(kProgressRunning, p->contract_name).in(context.language).c_str());
    bool derived = derive_all(*p, data, years, pass, derivations, diags);
    if (progress) std::fputs("\x1b[2K\r", stderr);
    if (!derived) {
      print_diagnostics(context, diags);
      return 1;
    }
    rendered.main = render_html(run, derivations, context.language);
  } else {
    RunOutputOptions options;
    options.format = format;
    options.by_signatory = by_signatory;
    options.detail = request.detail;
    options.encoding = request.encoding == "windows-1252" ? Encoding::Windows1252
                       : request.encoding == "utf-8-sans-bom" ? Encoding::Utf8NoBom
                                                              : Encoding::Utf8;
    options.to_file = !output.empty() && output != "-";
    options.language = context.language;
    if (!render_results(run, options, rendered, error)) {
      print_error(context, error);
      return 1;
    }
  }
  std::vector<std::string> inputs = inputs_of(*p, data_dir);
  if (!place.mapping.empty()) inputs.push_back(place.mapping);
  return emit_run(context, rendered, output, inputs) ? 0 : 1;
}

// `caqes références`: the statistics that référence_nationale links to a parameter, computed on the national data
// (CSV or database, through the same evaluator as `run`) for the years the rules read them, written as a rules file
// that a regional contract imports. Only the aggregations those statistics need are computed.
int cmd_references(const OutputContext& context, const std::string& rules, const DataPlace& place, int year,
                   const std::string& output, PassOptions pass, bool strict) {
  const std::string& data_dir = place.dir;
  const std::string& db_url = place.db_url;
  auto p = load_and_check(context, rules);
  if (!p) return 1;
  Diagnostics diags;
  if (!p->ast->national_references.empty()) {
    // A regional contract: its references are given, not computed.
    const auto& given = p->ast->national_references.front();
    diags.error(given.span, Message(kReferencesFromRegional), Message(kReferencesFromNational, given.contract));
    print_diagnostics(context, diags);
    return 1;
  }
  bool ok = true;
  std::vector<int> years = contract_years(context, *p, year, ok);
  if (!ok) return 1;
  std::vector<ReferenceNeed> needs = reference_needs(*p, years);
  if (needs.empty()) {
    Diagnostic d;
    d.message = Message(kNoNationalReference, p->contract_name);
    d.hint = Message(kNoNationalReferenceHint);
    diags.add(std::move(d));
    print_diagnostics(context, diags);
    return 1;
  }
  Dataset data;
  DatabaseData database;
  TableMapping names;
  if (!table_mapping(context, *p, place.mapping, names)) return 1;
  if (db_url.empty() ? !load_dataset(*p, data_dir, data, diags) : !database.open(*p, db_url, names, data, diags)) {
    print_diagnostics(context, diags);
    return 1;
  }
  pass.source = database.source();
  std::vector<std::pair<const ast::Expr*, int>> statistics;
  for (const auto& n : needs) statistics.push_back({p->national_references[n.reference].statistic, n.year});
  Evaluator evaluator(*p, data, pass);
  bool progress = isatty(2);
  if (progress) std::fprintf(stderr, "%s\r", Message(kProgressRunning, p->contract_name).in(context.language).c_str());
  bool prepared = evaluator.prepare({}, diags, statistics);
  if (progress) std::fputs("\x1b[2K\r", stderr);
  std::vector<WrittenReference> written;
  std::vector<int> years_read;
  for (std::size_t i = 0; prepared && i < needs.size(); ++i) {
    const NationalReference& ref = p->national_references[needs[i].reference];
    const ParameterInfo& parameter = p->parameters[ref.parameter];
    // The national run computes the statistic: a value the contract gives would be the one it reads instead.
    bool given = false;
    Diagnostics unknown;  // a value the evaluator cannot give here (it reads rows) is no value given
    for (std::size_t e = 0; e < data.entities.size() && !given; ++e) {
      auto v = evaluator.evaluate(*parameter.decl->value, static_cast<int>(e), needs[i].year, unknown);
      given = v && !v->absent();
    }
    if (given) {
      diags.error(parameter.decl->name_span, Message(kReferenceAlreadyGiven, parameter.decl->name, needs[i].year));
      prepared = false;
      break;
    }
    auto values = evaluator.statistic_by_group(*ref.statistic, needs[i].year, diags);
    if (!values) {
      prepared = false;
      break;
    }
    const CallInfo& info = p->calls.at(ref.statistic->id);
    written.push_back({parameter.decl->name, parameter.decl->label, parameter.type, needs[i].year,
                       print_expr(*ref.statistic), ref.call->span.where(), info.group ? print_expr(*info.group) : "",
                       std::move(*values)});
    if (std::find(years_read.begin(), years_read.end(), needs[i].year) == years_read.end())
      years_read.push_back(needs[i].year);
  }
  if (!prepared) {
    print_diagnostics(context, diags);
    std::fprintf(stderr, "caqes: %s\n", Message(kNoResultWritten).in(context.language).c_str());
    return 1;
  }
  evaluator.missing_years(diags);
  if (!report_warnings(context, diags, strict)) return 1;
  std::sort(years_read.begin(), years_read.end());
  Manifest manifest;
  Message error;
  std::vector<std::pair<std::string, std::string>> options = {{"year", year ? std::to_string(year) : "toutes"},
                                                              {"strict", strict ? "oui" : "non"}};
  if (!db_url.empty()) options.push_back({"db", redacted(db_url)});
  if (!place.mapping.empty()) options.push_back({"mapping", place.mapping});
  if (!make_manifest(*p, data_dir, years, std::move(options), manifest, error, place.mapping)) {
    print_error(context, error);
    return 1;
  }
  // Laid out as `caqes fmt` lays rules out, so that the file passes `caqes fmt --check` as written.
  SourceFile file(output.empty() || output == "-" ? "references.caqes" : output,
                  render_references(manifest, years_read, written));
  ast::Program parsed;
  if (!parse_file(file, parsed, diags)) {
    print_diagnostics(context, diags);
    return 1;
  }
  if (!emit(context, format_file(parsed, file), output, inputs_of(*p, data_dir))) return 1;
  if (!output.empty() && output != "-") {
    std::string years_text;
    for (int y : years_read) years_text += (years_text.empty() ? "" : ", ") + std::to_string(y);
    std::fprintf(stderr, "caqes: %s\n",
                 Message(kReferencesWritten, written.size(), p->contract_name, years_text, output).in(context.language).c_str());
  }
  return 0;
}

// `caqes sql` (sql_only) and `caqes load` (cli/db_command.h).
int cmd_database(const OutputContext& context, const std::string& rules, bool sql_only, int year,
                 const DataPlace& place) {
  auto p = load_and_check(context, rules);
  if (!p) return 1;
  TableMapping names;
  if (!table_mapping(context, *p, place.mapping, names)) return 1;
  Diagnostics diags;
  if (sql_only) {
    bool ok = true;
    std::vector<int> years = contract_years(context, *p, year, ok);
    std::string text;
    if (!ok) return 1;
    if (!sql_command(*p, years, names, text, diags)) {
      print_diagnostics(context, diags);
      return 1;
    }
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  Message done;
  if (!load_command(*p, place.dir, place.db_url, names, done, diags)) {
    print_diagnostics(context, diags);
    return 1;
  }
  std::fprintf(stderr, "caqes: %s\n", done.in(context.language).c_str());
  return 0;
}

int cmd_explain(const OutputContext& context, const std::string& rules, const DataPlace& place,
                const std::string& entity, const std::string& indicator, int year, const std::string& format,
                bool strict) {
  auto p = load_and_check(context, rules);
  if (!p) return 1;
  bool ok = true;
  std::vector<int> years = contract_years(context, *p, year, ok);
  if (!ok) return 1;
  std::vector<int> indicators;
  if (!indicator.empty()) {
    int i = p->indicator_index(indicator);
    if (i < 0) {
      std::vector<std::string> names;
      for (const auto& ind : p->indicators) names.push_back(ind.name);
      std::string near = closest_name(indicator, names);
      print_error(context, near.empty() ? Message(kNoIndicator, indicator, p->contract_name)
                                        : Message(kNoIndicatorDidYouMean, indicator, p->contract_name, near));
      return 1;
    }
    indicators.push_back(i);
  } else {
    for (std::size_t i = 0; i < p->indicators.size(); ++i) indicators.push_back(static_cast<int>(i));
  }
  Diagnostics diags;
  Dataset data;
  // --db: the same explanation, the aggregations over rows computed by the database (aggregate_source.h).
  DatabaseData database;
  TableMapping names;
  if (!table_mapping(context, *p, place.mapping, names)) return 1;
  if (place.db_url.empty() ? !load_dataset(*p, place.dir, data, diags)
                           : !database.open(*p, place.db_url, names, data, diags, true)) {
    print_diagnostics(context, diags);
    return 1;
  }
  PassOptions pass;
  pass.source = database.source();
  auto it = data.entity_index.find(entity);
  if (it == data.entity_index.end()) {
    print_error(context, place.db_url.empty()
                             ? Message(kEstablishmentNotInData, entity, place.dir, p->tables[p->registry_table].name)
                             : Message(kEstablishmentNotInDatabase, entity, names.table_shown(p->registry_table)));
    return 1;
  }
  Evaluator evaluator(*p, data, pass);
  if (!evaluator.prepare(years, diags)) {
    print_diagnostics(context, diags);
    return 1;
  }
  std::vector<ExplainNode> roots;
  for (int i : indicators)
    for (int y : years) {
      ExplainNode node;
      if (!evaluator.explain(i, it->second, y, node, diags)) {
        print_diagnostics(context, diags);
        return 1;
      }
      roots.push_back(std::move(node));
    }
  evaluator.missing_years(diags);
  if (!report_warnings(context, diags, strict)) return 1;
  std::string text = format == "json" ? render_explain_json(roots, context.language) : render_explain_text(roots, context.language);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

// Both versions run on the same data and years, their results compared. False on an error in the data.
// From a database, both versions read one snapshot; the mapping file describes the new version (entries only the
// old one lacks are skipped for it).
bool data_impact(const OutputContext& context, const CheckedProgram& a, const CheckedProgram& b, const DataPlace& place,
                 const std::vector<int>& years, DataImpact& impact) {
  Diagnostics diags;
  Dataset da, db;
  std::vector<IndicatorResult> ra, rb;
  PassOptions pa, pb;
  DatabaseData database;
  if (place.db_url.empty()) {
    if (!load_dataset(a, place.dir, da, diags) || !load_dataset(b, place.dir, db, diags)) {
      print_diagnostics(context, diags);
      return false;
    }
  } else {
    TableMapping na, nb;
    if (!table_mapping(context, b, place.mapping, nb) || !table_mapping(context, a, place.mapping, na, true))
      return false;
    if (!database.connect(place.db_url, diags) || !(pa.source = database.read(a, na, da, diags)) ||
        !(pb.source = database.read(b, nb, db, diags))) {
      print_diagnostics(context, diags);
      return false;
    }
  }
  if (!run_all(a, da, years, ra, diags, pa) || !run_all(b, db, years, rb, diags, pb)) {
    print_diagnostics(context, diags);
    return false;
  }
  impact = compare_results({a, da, ra}, {b, db, rb}, years);
  return true;
}

// Exit 0: equivalent, 1: different, 2: an error (in either version or in the data).
int cmd_diff(const OutputContext& context, const std::string& old_rules, const std::string& new_rules,
             const std::string& format, const DataPlace& place, int year) {
  auto a = load_and_check(context, old_rules);
  auto b = load_and_check(context, new_rules);
  if (!a || !b) return 2;
  DiffReport report = diff_programs(*a, *b);
  report.old_path = old_rules;
  report.new_path = new_rules;
  if (!place.dir.empty() || !place.db_url.empty()) {
    bool ok = true;
    std::vector<int> years = contract_years(context, *b, year, ok);
    if (!ok) return 2;
    DataImpact impact;
    if (!data_impact(context, *a, *b, place, years, impact)) return 2;
    report.impact = std::move(impact);
  }
  std::string text = format == "html"       ? render_diff_html(report)
                     : format == "json"     ? render_diff_json(report)
                     : format == "markdown" ? render_diff_markdown(report, context.language)
                                            : render_diff_text(report, context);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return report.changes.empty() ? 0 : 1;
}

// Under `caqes test --strict`, a test whose expectations read a year its rows do not hold fails, with the
// located errors.
void fail_on_missing_years(std::vector<RuleTestOutcome>& outcomes) {
  for (RuleTestOutcome& o : outcomes) {
    if (o.missing_years.items().empty()) continue;
    Diagnostics errors;
    for (Diagnostic d : o.missing_years.items()) {
      d.severity = Severity::Error;
      errors.add(std::move(d));
    }
    o.passed = false;
    o.failures.push_back({Message(), std::move(errors), Message()});
    o.missing_years = Diagnostics();
  }
}

// The contracts under RULES when it is a folder of contracts (`caqes test rules`): no rules file directly in it,
// and subfolders that hold some, sorted by name. Empty when RULES is a file or a contract's folder.
std::vector<std::string> contracts_under(const std::string& rules) {
  namespace fs = std::filesystem;
  auto holds_rules = [](const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.is_regular_file() && entry.path().extension() == ".caqes") return true;
    return false;
  };
  std::vector<std::string> contracts;
  std::error_code ec;
  if (!fs::is_directory(rules, ec) || holds_rules(rules)) return contracts;
  for (const auto& entry : fs::directory_iterator(rules, ec))
    if (entry.is_directory() && holds_rules(entry.path())) contracts.push_back(entry.path().string());
  std::sort(contracts.begin(), contracts.end());
  return contracts;
}

// Every contract of a folder of contracts in turn, under a heading each, then the summary of them all. A contract
// that does not check counts as one failed test, as it does alone.
int cmd_test_contracts(const OutputContext& context, const std::vector<std::string>& contracts,
                       const std::string& filter, const PassOptions& pass, bool strict, bool own) {
  int passed = 0, failed = 0;
  bool any_test = false;
  for (std::size_t i = 0; i < contracts.size(); ++i) {
    std::string text = (i ? "\n" : "") + render_contract_heading(contracts[i], context.language);
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);  // the heading before the diagnostics of its contract, when both go to a terminal
    auto p = load_and_check(context, contracts[i]);
    if (!p) {
      ++failed;
      continue;
    }
    auto outcomes = run_rule_tests(*p, filter, pass, own);
    if (strict) fail_on_missing_years(outcomes);
    any_test = any_test || !outcomes.empty();
    std::fputs(render_rule_test_lines(outcomes, context.language, passed, failed).c_str(), stdout);
  }
  if (!any_test && !filter.empty() && failed == 0) print_error(context, Message(kNoTestLabel, filter));
  std::fputs(("\n" + render_test_summary(passed, failed, context.language)).c_str(), stdout);
  return failed == 0 && (any_test || filter.empty()) ? 0 : 1;
}

int cmd_test(const OutputContext& context, const std::string& rules, const std::string& filter, const PassOptions& pass,
             bool strict, bool own) {
  auto contracts = contracts_under(rules);
  if (!contracts.empty()) return cmd_test_contracts(context, contracts, filter, pass, strict, own);
  auto p = load_and_check(context, rules);
  if (!p) {
    std::fputs(render_test_summary(0, 1, context.language).c_str(), stdout);
    return 1;
  }
  auto outcomes = run_rule_tests(*p, filter, pass, own);
  if (outcomes.empty() && !filter.empty()) {
    print_error(context, Message(kNoTestLabel, filter));
    std::fputs(render_test_summary(0, 0, context.language).c_str(), stdout);
    return 1;
  }
  if (strict) fail_on_missing_years(outcomes);
  std::fputs(render_rule_tests(outcomes, context.language).c_str(), stdout);
  bool all_passed = std::all_of(outcomes.begin(), outcomes.end(), [](const RuleTestOutcome& o) { return o.passed; });
  return all_passed ? 0 : 1;
}

// The canonical form of a file's declarations without comments or blank lines: equal before and after
// formatting if and only if formatting changed nothing but layout.
std::string fingerprint(const ast::Program& program, const SourceFile& file) {
  std::string text = format_file(program, file);
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    std::size_t first = line.find_first_not_of(' ');
    bool comment = first != std::string::npos && (line.compare(first, 2, "//") == 0 || line[first] == '#' ||
                                                  line.compare(first, 2, "/*") == 0);
    if (first != std::string::npos && !comment) out += line + "\n";
    start = end + 1;
  }
  return out;
}

void collect_rules(const std::string& path, std::vector<std::string>& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(path, ec))
      if (entry.is_regular_file() && entry.path().extension() == ".caqes") out.push_back(entry.path().string());
  } else {
    out.push_back(path);
  }
}

int cmd_fmt(const OutputContext& context, const std::vector<std::string>& paths, bool check_only) {
  std::vector<std::string> files;
  for (const auto& p : paths) collect_rules(p, files);
  std::sort(files.begin(), files.end());
  int status = 0;
  for (const auto& path : files) {
    std::string text;
    Message read_error;
    if (!read_rules_file(path, text, read_error)) {
      print_error(context, read_error);
      status = 1;
      continue;
    }
    SourceFile original(path, text);
    ast::Program program;
    Diagnostics diags;
    if (!parse_file(original, program, diags)) {
      print_diagnostics(context, diags);
      status = 1;
      continue;
    }
    std::string formatted = format_file(program, original);
    // Safety: the formatted text must parse to the same declarations, and formatting it again changes nothing.
    SourceFile again(path, formatted);
    ast::Program reparsed;
    Diagnostics diags2;
    bool same = parse_file(again, reparsed, diags2) && fingerprint(program, original) == fingerprint(reparsed, again) &&
                format_file(reparsed, again) == formatted;
    if (!same) {
      if (std::getenv("CAQES_FMT_KEEP_REJECTED")) emit(context, formatted, path + ".rejected");  // to see why
      print_error(context, Message(kFormattingUnsafe, path));
      status = 1;
      continue;
    }
    if (formatted == text) continue;
    if (check_only) {
      std::printf("%s\n", path.c_str());
      status = 1;
      continue;
    }
    if (!emit(context, formatted, path)) status = 1;
  }
  return status;
}

// The language --lang asks for, read from the arguments as they are (`--lang fr` or `--lang=fr`, anywhere).
std::optional<Language> language_in_arguments(int argc, char** argv) {
  std::optional<Language> found;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) found = language_from_name(argv[i + 1]);
    else if (arg.rfind("--lang=", 0) == 0) found = language_from_name(arg.substr(7));
  }
  return found;
}

// CLI11's own words (Usage, OPTIONS, REQUIRED...) and the help flag in the language of the messages.
void localise_help(CLI::App& app, Language lang) {
  using namespace help_messages;
  auto h = [&](const MessageText& text) { return Message(text).in(lang); };
  app.option_defaults()->group(h(kOptionsGroup));
  app.set_help_flag("-h,--help", h(kHelp));
  auto formatter = std::make_shared<CLI::Formatter>();
  formatter->label("Usage", h(kUsageLabel));
  formatter->label("Positionals", h(kPositionalsLabel));
  formatter->label("OPTIONS", h(kOptionsLabel));
  formatter->label("SUBCOMMAND", h(kSubcommandLabel));
  formatter->label("SUBCOMMANDS", h(kSubcommandLabel));
  formatter->label("REQUIRED", h(kRequiredLabel));
  formatter->label("TEXT", h(kTextLabel));
  formatter->label("INT", h(kIntLabel));
  formatter->label("Excludes", h(kExcludesLabel));
  formatter->label("Needs", h(kNeedsLabel));
  app.formatter(formatter);
}

}  // namespace
}  // namespace caqes

int main(int argc, char** argv) try {
  using namespace caqes;
  // First, before any thread exists: a run stopped by SIGINT, SIGTERM or SIGHUP removes its temporary files.
  remove_temporary_files_on_signal();
  out_of_memory_text();  // made now, while memory is there
  // Decided once, before the arguments are read (an unknown command is reported in the environment's language).
  OutputContext context{language_from_environment(), color_allowed(1), color_allowed(2)};
  // --lang is read before the help is built, so that `caqes --lang fr --help` is in French (CLI11 parses later).
  if (auto asked = language_in_arguments(argc, argv)) context.language = *asked;
  using namespace help_messages;
  auto h = [&](const MessageText& text) { return Message(text).in(context.language); };
  CLI::App app{h(kCaqes)};
  localise_help(app, context.language);
  app.require_subcommand(1);
  std::string lang;
  app.add_option("--lang", lang, h(kLang))->check(CLI::IsMember({"fr", "en"}));
  app.fallthrough();  // --lang is accepted after the command too
  std::string rules, data_dir, format = "table", output, filter;
  int year = 0;
  // Each subcommand prints its own help in the same language, under the same labels.
  auto subcommand = [&](const char* name, const MessageText& description) {
    CLI::App* cmd = app.add_subcommand(name, h(description));
    cmd->group(h(kSubcommandsGroup));
    localise_help(*cmd, context.language);
    return cmd;
  };

  auto* check = subcommand("check", kCheck);
  check->add_option("RULES", rules, h(kRules))->required();

  auto* run = subcommand("run", kRun);
  run->add_option("RULES", rules, h(kRules))->required();
  std::string db_url, mapping;
  auto* run_data = run->add_option("--data", data_dir, h(kData));
  auto* run_db = run->add_option("--db", db_url, h(kDb))->excludes(run_data);
  run->add_option("--mapping", mapping, h(kMapping))->needs(run_db);
  run->add_option("--year", year, h(kYear))->check(CLI::Range(1, 9999));
  RunOutputRequest run_output;
  run->add_option("--format", run_output.format, h(kRunFormat))
      ->check(CLI::IsMember({"table", "csv", "json", "xlsx", "html"}));
  run->add_option("--output,-o", run_output.output, h(kOutput));
  run->add_flag("--par-signataire", run_output.by_signatory, h(kBySignatory));
  run->add_flag("--detail,--détail", run_output.detail, h(kDetail));
  run->add_option("--encoding", run_output.encoding, h(kEncoding))
      ->check(CLI::IsMember({"utf-8", "utf-8-sans-bom", "windows-1252"}));

  // How the pass over the rows uses the machine (the figures do not change): for measuring and for the tests.
  PassOptions pass;
  auto pass_options = [&](CLI::App* cmd) {
    cmd->add_option("--threads", pass.threads, h(kThreads))->check(CLI::Range(1, 64));
    cmd->add_option("--partitions", pass.partitions, h(kPartitions))->check(CLI::Range(1, 4096));
    cmd->add_option("--parts", pass.parts, h(kParts))->check(CLI::Range(1, 64));
  };
  pass_options(run);
  // A year the rules read and the data do not hold is a warning (the rules are valid; only the data decide);
  // --strict makes it an error, for runs whose results are paid.
  bool strict = false;
  auto strict_option = [&](CLI::App* cmd) { cmd->add_flag("--strict", strict, h(kStrict)); };
  strict_option(run);

  auto* list = subcommand("list", kList);
  list->add_option("RULES", rules, h(kRules))->required();
  list->add_option("--format", format, h(kTableFormat))->check(CLI::IsMember({"table", "csv", "json"}));

  auto* schema = subcommand("schema", kSchema);
  schema->add_option("RULES", rules, h(kRules))->required();
  schema->add_option("--format", format, h(kSchemaFormat))->check(CLI::IsMember({"table", "csv", "json", "mapping"}));

  auto* test = subcommand("test", kTest);
  test->add_option("RULES", rules, h(kRules))->required();
  test->add_option("--filter", filter, h(kFilter));
  bool own_tests = false;
  test->add_flag("--own", own_tests, h(kOwnTests));
  pass_options(test);
  strict_option(test);

  std::string entity, indicator;
  auto* explain = subcommand("explain", kExplain);
  explain->add_option("RULES", rules, h(kRules))->required();
  auto* explain_data = explain->add_option("--data", data_dir, h(kData));
  auto* explain_db = explain->add_option("--db", db_url, h(kDb))->excludes(explain_data);
  explain->add_option("--mapping", mapping, h(kMapping))->needs(explain_db);
  explain->add_option("--entity", entity, h(kEntity))->required();
  explain->add_option("--indicator", indicator, h(kIndicator));
  explain->add_option("--year", year, h(kYear))->check(CLI::Range(1, 9999));
  explain->add_option("--format", format, h(kExplainFormat))->check(CLI::IsMember({"text", "json", "table"}));
  strict_option(explain);

  std::string old_rules, new_rules;
  auto* diff = subcommand("diff", kDiff);
  diff->add_option("OLD", old_rules, h(kOld))->required();
  diff->add_option("NEW", new_rules, h(kNew))->required();
  diff->add_option("--format", format, h(kDiffFormat))->check(CLI::IsMember({"text", "markdown", "json", "table", "html"}));
  auto* diff_data = diff->add_option("--data", data_dir, h(kDiffData));
  auto* diff_db = diff->add_option("--db", db_url, h(kDb))->excludes(diff_data);
  diff->add_option("--mapping", mapping, h(kMapping))->needs(diff_db);
  diff->add_option("--year", year, h(kDiffYear))->check(CLI::Range(1, 9999));

  auto* functions = subcommand("fonctions", kFunctions);

  DocRequest doc_request;
  doc_request.format = "html";
  auto* doc = subcommand("doc", kDoc);
  doc->add_option("RULES", doc_request.rules, h(kRules))->required();
  doc->add_option("--output,-o", doc_request.output, h(kDocOutput));
  doc->add_option("--format", doc_request.format, h(kDocFormat))->check(CLI::IsMember({"html", "markdown"}));
  doc->add_option("--indicator", doc_request.indicator, h(kDocIndicator));

  // National references: a national run writes them for regional runs (render_references.h).
  std::string references_output;
  auto* references = subcommand("références", kReferences);
  references->alias("references");
  references->add_option("RULES", rules, h(kRules))->required();
  auto* references_data = references->add_option("--data", data_dir, h(kData));
  references->add_option("--db", db_url, h(kDb))->excludes(references_data);
  references->add_option("--mapping", mapping, h(kMapping));
  references->add_option("--year", year, h(kYear))->check(CLI::Range(1, 9999));
  references->add_option("--output,-o", references_output, h(kReferencesOutput));
  pass_options(references);
  strict_option(references);

  auto* sql = subcommand("sql", kSql);
  sql->add_option("RULES", rules, h(kRules))->required();
  sql->add_option("--year", year, h(kYear))->check(CLI::Range(1, 9999));
  sql->add_option("--mapping", mapping, h(kMapping));
  auto* load = subcommand("load", kLoad);
  load->add_option("RULES", rules, h(kRules))->required();
  load->add_option("--data", data_dir, h(kData))->required();
  load->add_option("--db", db_url, h(kDb))->required();
  load->add_option("--mapping", mapping, h(kMapping));

  std::vector<std::string> fmt_paths;
  bool fmt_check = false;
  auto* fmt_cmd = subcommand("fmt", kFmt);
  fmt_cmd->add_option("PATHS", fmt_paths, h(kPaths))->required();
  fmt_cmd->add_flag("--check", fmt_check, h(kFmtCheck));

  auto* lsp = subcommand("lsp", kLsp);

  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) known |= sub->check_name(argv[1]);
    if (!known) {
      std::string names;
      for (const auto* sub : app.get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
      print_error(context, Message(kUnknownCommand, argv[1], names));
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!lang.empty()) context.language = language_from_name(lang).value_or(context.language);
  if (lsp->parsed()) return lsp::run_language_server(std::cin, std::cout);
  if (check->parsed()) return cmd_check(context, rules);
  DataPlace place{data_dir, db_url, mapping};
  if ((run->parsed() || explain->parsed()) && data_dir.empty() == db_url.empty()) {
    print_error(context, Message(db_messages::kDataOrDatabase));
    return 2;
  }
  if (references->parsed()) {
    if (data_dir.empty() == db_url.empty()) {
      print_error(context, Message(db_messages::kDataOrDatabase));
      return 2;
    }
    return cmd_references(context, rules, place, year, references_output, pass, strict);
  }
  if (run->parsed()) return cmd_run(context, rules, place, year, run_output, pass, strict);
  if (sql->parsed() || load->parsed()) return cmd_database(context, rules, sql->parsed(), year, place);
  if (test->parsed()) return cmd_test(context, rules, filter, pass, strict, own_tests);
  if (diff->parsed()) return cmd_diff(context, old_rules, new_rules, format, place, year);
  if (explain->parsed()) return cmd_explain(context, rules, place, entity, indicator, year, format, strict);
  if (fmt_cmd->parsed()) return cmd_fmt(context, fmt_paths, fmt_check);
  if (doc->parsed()) {
    auto p = load_and_check(context, doc_request.rules);
    if (!p) return 1;
    std::string printed;
    std::size_t pages = 0;
    Message error;
    if (!run_doc(*p, doc_request, printed, pages, error)) {
      print_error(context, error);
      return 1;
    }
    std::fputs(printed.c_str(), stdout);
    if (pages) std::fprintf(stderr, "%s\n", Message(doc_messages::kDocWritten, pages, doc_request.output).in(context.language).c_str());
    return 0;
  }
  if (functions->parsed()) {
    std::fputs(render_functions().c_str(), stdout);
    return 0;
  }
  auto p = load_and_check(context, rules);
  if (!p) return 1;
  if (list->parsed()) std::fputs(render_indicators(*p, parse_format(format)).c_str(), stdout);
  if (schema->parsed())
    std::fputs(
        (format == "mapping" ? render_mapping_skeleton(*p, context.language) : render_schema(*p, parse_format(format)))
            .c_str(),
        stdout);
  return 0;
}
// Running out of memory is reported, not an abort: the stack unwinds (so temporary files are removed) and no partial
// result is written.
catch (const std::bad_alloc&) {
  std::fputs(caqes::out_of_memory_text().c_str(), stderr);
  return 1;
}
