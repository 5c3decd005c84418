// Which national references a plan reads, and whether the imported references give them (national_references.h).
#include "eval/national_references.h"

#include <algorithm>
#include <string>

#include "eval/eval_messages.h"

namespace caqes {

std::vector<ReferenceNeed> reference_needs(const CheckedProgram& program, const std::vector<int>& years,
                                           const std::vector<std::pair<const ast::Expr*, int>>& extra) {
  std::vector<ReferenceNeed> out;
  if (program.national_references.empty()) return out;
  auto read = populations_read(program, years, extra);
  for (std::size_t r = 0; r < program.national_references.size(); ++r)
    for (const auto& [call, year] : read)
      if (call == program.national_references[r].statistic) out.push_back({static_cast<int>(r), year});
  std::sort(out.begin(), out.end(), [&](const ReferenceNeed& a, const ReferenceNeed& b) {
    int pa = program.national_references[a.reference].parameter, pb = program.national_references[b.reference].parameter;
    return pa != pb ? pa < pb : a.year < b.year;
  });
  return out;
}

bool check_reference_inputs(const CheckedProgram& program, const std::vector<int>& years,
                            const std::vector<std::pair<const ast::Expr*, int>>& extra, Diagnostics& diags) {
  const auto& given = program.ast->national_references;
  if (given.empty()) return true;
  bool ok = true;
  for (const ReferenceNeed& need : reference_needs(program, years, extra)) {
    const NationalReference& ref = program.national_references[need.reference];
    const ast::ParameterDecl& parameter = *program.parameters[ref.parameter].decl;
    // The declaration of the file that gives this parameter (its last `remplace paramètre`), else the first one.
    const ast::NationalReferencesDecl* in_file = nullptr;
    for (const auto& g : given)
      if (g.span.file && g.span.file == parameter.name_span.file) in_file = &g;
    const ast::NationalReferencesDecl& at = in_file ? *in_file : given.front();
    std::string years;
    for (int y : at.years) years += (years.empty() ? "" : ", ") + std::to_string(y);
    if (!in_file) {
      diags.error(at.span, Message(eval_messages::kReferenceNotGiven, parameter.name, need.year, ref.call->span.where()),
                  Message(eval_messages::kWriteReferencesAgain, at.contract));
      ok = false;
    } else if (std::find(at.years.begin(), at.years.end(), need.year) == at.years.end()) {
      diags.error(at.span,
                  Message(eval_messages::kReferenceYearNotGiven, parameter.name, need.year, ref.call->span.where(), years),
                  Message(eval_messages::kWriteReferencesAgain, at.contract));
      ok = false;
    }
  }
  return ok;
}

}  // namespace caqes
