// What `caqes run` prints or writes: one result per establishment × indicator × year with the establishment's
// name and the indicator's label, the summaries (run_summary.h) and the run's manifest (manifest.h), as
//   - a table for people: the summaries first, the detail with --detail, the totals per signing entity with
//     --par-signataire, the manifest last;
//   - CSV for French spreadsheets: the results (or, with --par-signataire, the lines per signing entity); written
//     to a file, with a byte-order mark and the companion files F-synthese.csv, F-signataires.csv,
//     F-signataires-detail.csv and F-manifeste.csv beside it;
//   - JSON for programs: everything in one document.
// The workbook and the HTML report have renderers of their own (render_xlsx.h, render_html.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "check/program.h"
#include "cli/manifest.h"
#include "cli/output_context.h"
#include "cli/text_table.h"
#include "data/dataset.h"
#include "eval/evaluator.h"

namespace caqes {

// The results of one run and what they are reported by.
struct RunResults {
  const CheckedProgram& program;
  const Dataset& data;
  const std::vector<IndicatorResult>& results;
  const std::vector<int>& years;
  bool single_year = false;                     // --year was given: JSON names it
  const std::vector<std::string>& signatories;  // each establishment's signing entity (may be empty): rolled up
  const std::vector<std::string>& groups;       // each establishment's summary group (may be empty)
  const Manifest& manifest;
};

// The encodings of the CSV (--encoding).
enum class Encoding { Utf8, Utf8NoBom, Windows1252 };

struct RunOutputOptions {
  Format format = Format::Table;
  bool by_signatory = false;  // --par-signataire
  bool detail = false;        // --detail: the table also shows each establishment's results
  Encoding encoding = Encoding::Utf8;
  bool to_file = false;  // --output FILE: the CSV gets its byte-order mark and companion files
  Language language = Language::En;
};

// A rendered output: the main text, and the companion files (suffix added to the output's stem, text).
struct RenderedRun {
  std::string main;
  std::vector<std::pair<std::string, std::string>> companions;  // e.g. {"-synthese", "..."}
};

// False, with `error` set, when the CSV cannot be written in the encoding asked for.
bool render_results(const RunResults& run, const RunOutputOptions& options, RenderedRun& out, Message& error);

// The manifest as rows of three cells (what, name, value): read by every renderer.
std::vector<Cells> manifest_rows(const Manifest& manifest);

}  // namespace caqes
