// What `caqes run` prints: one result per establishment × indicator × year, as a table for people (followed by
// the totals per indicator, per group and per signatory), CSV for French spreadsheets or JSON for programs.
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "cli/output_context.h"
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
};

// `rollup_only`: only the totals per signatory (table and CSV; JSON always has both).
std::string render_results(const RunResults& run, Format format, bool rollup_only);

}  // namespace caqes
