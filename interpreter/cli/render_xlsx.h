// `caqes run --format xlsx`: a workbook an agency can send as it is, written with Debian's libxlsxwriter:
//   - "Synthèse": per indicator and year, establishments, targeted, reached, incentive total, targeted per group;
//   - "Résultats": one row per establishment × indicator × year, name and label, numbers stored as numbers with
//     € and % formats, FINESS stored as text, an autofilter and a frozen header;
//   - "Signataires": per signing entity and year the notified amount, then its detail per indicator;
//   - "Paramètres": the contract's parameters as the rules write them;
//   - "À propos": the run's manifest.
// Text from the data is neutralised as in CSV (spreadsheet_text). Amounts and rates are exact decimals in the
// tool; a spreadsheet stores numbers as binary floating point, so the workbook holds each figure's nearest double
// (exact to the cent for any amount below 10^13 €), and the totals it shows are the tool's exact totals.
#pragma once

#include <string>

#include "cli/render_run.h"

namespace caqes {

// The workbook's bytes. False, with `error` set, if libxlsxwriter fails (a temporary file it cannot write).
bool render_xlsx(const RunResults& run, std::string& bytes, Message& error);

}  // namespace caqes
