// `caqes run --format html`: one self-contained HTML file (styles inline, charts as inline SVG written by the
// tool, no script, nothing fetched): a table of contents; per indicator and year, the distribution of the values
// across establishments with the targeting threshold and the target marked, counts targeted and reached, the
// incentive total; per establishment, a fiche with each indicator's figures and the short derivation that
// `explain` gives (the first level of its tree); the run's manifest.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "cli/render_run.h"
#include "eval/explain.h"

namespace caqes {

// The derivations shown in the fiches: per (establishment, indicator, year), the explanation's tree.
using Derivations = std::map<std::tuple<int, int, int>, ExplainNode>;

// The explanation of every result of the run, by the evaluator's `explain` (a second pass over the data).
bool derive_all(const CheckedProgram& program, const Dataset& data, const std::vector<int>& years,
                const PassOptions& pass, Derivations& out, Diagnostics& diags);

std::string render_html(const RunResults& run, const Derivations& derivations, Language language);

}  // namespace caqes
