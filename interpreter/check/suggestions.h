// "Did you mean": the name closest to a misspelt one, accents and case not counting, and the names the checker
// offers as candidates where a name is unknown.
#pragma once

#include <string>
#include <vector>

#include "check/program.h"
#include "syntax/diagnostic.h"

namespace caqes {

// The name in `candidates` closest to `name` (edit distance), for "did you mean"; empty if none is close.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

// Reports `message` at `span`, with "did you mean '…'?" as hint when one of `candidates` is close to `name`.
void report_unknown(Diagnostics& diags, const Span& span, Message message, const std::string& name,
                    const std::vector<std::string>& candidates);

// The same, with `otherwise` as hint when no candidate is close.
void report_unknown(Diagnostics& diags, const Span& span, Message message, const std::string& name,
                    const std::vector<std::string>& candidates, Message otherwise);

std::vector<std::string> table_names(const CheckedProgram& p);
std::vector<std::string> row_table_names(const CheckedProgram& p);
std::vector<std::string> column_names(const TableInfo& table);
// Every name an expression may use where it stands: the row's columns inside an aggregation (row_table ≥ 0), the
// indicator's definitions (indicator ≥ 0), the parameters, the columns of per-establishment tables, the tables
// and the indicators.
std::vector<std::string> visible_names(const CheckedProgram& p, int indicator, int row_table);

}  // namespace caqes
