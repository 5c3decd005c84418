// National references (`référence_nationale(P, S)`, check/program.h): which population statistics a run reads as
// national references, and for which years, from the plan; and, for a regional contract that imports the file
// `caqes références` wrote (`références_nationales X pour 2019;`), whether that file gives every one of them.
#pragma once

#include <vector>

#include "check/program.h"
#include "eval/plan.h"
#include "syntax/diagnostic.h"

namespace caqes {

struct ReferenceNeed {
  int reference = -1;  // index in program.national_references
  int year = 0;
};

// The references that the figures of `years` (and the `extra` expressions, in their year) read, in the order of the
// parameters' declarations, then by year (plan.h, populations_read).
std::vector<ReferenceNeed> reference_needs(const CheckedProgram& program, const std::vector<int>& years,
                                           const std::vector<std::pair<const ast::Expr*, int>>& extra = {});

// When the program imports national references: every reference that the figures of `years` and `extra` read must
// be given by them, for the year it is read. False, with an error located at the `références_nationales`
// declaration, otherwise (a file written for other years, or by another version of the contract that lacks a
// statistic).
bool check_reference_inputs(const CheckedProgram& program, const std::vector<int>& years,
                            const std::vector<std::pair<const ast::Expr*, int>>& extra, Diagnostics& diags);

}  // namespace caqes
