// What `caqes run`, `list` and `schema` print: results, indicators and the data dictionary, as a table for
// people, CSV for French spreadsheets (';' and decimal comma) or JSON for programs.
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/evaluator.h"

namespace caqes {

enum class Format { Table, Csv, Json, Markdown };

// `signatories` (may be empty): each establishment's signing entity; results are then also rolled up to it.
std::string render_results(const CheckedProgram& p, const Dataset& data, const std::vector<IndicatorResult>& results,
                           const std::vector<int>& years, bool single_year, Format format,
                           const std::vector<std::string>& signatories = {}, bool rollup_only = false,
                           const std::vector<std::string>& groups = {});
std::string render_indicators(const CheckedProgram& p, Format format);
std::string render_schema(const CheckedProgram& p, Format format);
std::string render_functions();

}  // namespace caqes
