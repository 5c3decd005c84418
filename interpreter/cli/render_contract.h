// What `caqes list`, `schema` and `fonctions` print: what a contract declares (its indicators, the data
// dictionary of the CSV files it expects, or the skeleton of a mapping file to the database's names) and the
// built-in functions, as a table, CSV or JSON.
#pragma once

#include <string>

#include "check/program.h"
#include "cli/output_context.h"

namespace caqes {

std::string render_indicators(const CheckedProgram& p, Format format);
std::string render_schema(const CheckedProgram& p, Format format);
std::string render_functions();
// `caqes schema --format mapping`: the skeleton of a mapping file (sql/table_mapping.h) that a database team fills in:
// every declared table and column under its own name (the identity mapping), commented in `lang` with its kind, its
// type and the database types that hold its values.
std::string render_mapping_skeleton(const CheckedProgram& p, Language lang);

}  // namespace caqes
