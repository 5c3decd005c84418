// What `caqes list`, `schema` and `fonctions` print: what a contract declares (its indicators, the data
// dictionary of the CSV files it expects) and the built-in functions, as a table, CSV or JSON.
#pragma once

#include <string>

#include "check/program.h"
#include "cli/output_context.h"

namespace caqes {

std::string render_indicators(const CheckedProgram& p, Format format);
std::string render_schema(const CheckedProgram& p, Format format);
std::string render_functions();

}  // namespace caqes
