// Look-ups in the checked program by name, for the stages that read it.
#include "check/program.h"

namespace caqes {

int TableInfo::column_index(const std::string& n) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == n) return static_cast<int>(i);
  return -1;
}

int CheckedProgram::table_index(const std::string& n) const {
  for (std::size_t i = 0; i < tables.size(); ++i)
    if (tables[i].name == n) return static_cast<int>(i);
  return -1;
}

int CheckedProgram::indicator_index(const std::string& n) const {
  for (std::size_t i = 0; i < indicators.size(); ++i)
    if (indicators[i].name == n) return static_cast<int>(i);
  return -1;
}

int CheckedProgram::parameter_index(const std::string& n) const {
  for (std::size_t i = 0; i < parameters.size(); ++i)
    if (parameters[i].decl->name == n) return static_cast<int>(i);
  return -1;
}

const Type& CheckedProgram::type_of(const ast::Expr& e) const {
  static const Type error;
  auto it = types.find(e.id);
  return it == types.end() ? error : it->second;
}

}  // namespace caqes
