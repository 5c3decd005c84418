// The workbook of `caqes run --format xlsx` (see render_xlsx.h), by libxlsxwriter, which writes to a file: the
// workbook is made in a private temporary folder, read back, and handed to the command's one writer of outputs.
#include "cli/render_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "cli/cli_messages.h"
#include "cli/run_summary.h"
#include "eval/format.h"
#include "format/printer.h"

namespace caqes {
namespace {

using namespace cli_messages;

// A decimal as the nearest double: the workbook's numbers are binary (see render_xlsx.h).
double as_double(const Decimal& d) {
  return std::strtod(d.to_string(0, 17).c_str(), nullptr);
}

struct Formats {
  lxw_format *header, *money, *rate, *count, *text, *title;
};

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDE4EE);
  format_set_text_wrap(f.header);
  f.money = workbook_add_format(wb);
  format_set_num_format(f.money, "#,##0.00\\ \"€\"");
  f.rate = workbook_add_format(wb);
  format_set_num_format(f.rate, "0.00%");
  f.count = workbook_add_format(wb);
  format_set_num_format(f.count, "0");
  f.text = workbook_add_format(wb);
  format_set_num_format(f.text, "@");
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  return f;
}

// One sheet written row by row.
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, const Formats& f) : ws_(workbook_add_worksheet(wb, name)), f_(f) {}
  lxw_worksheet* ws() const { return ws_; }
  int row() const { return row_; }
  void header(const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c)
      worksheet_write_string(ws_, row_, col(c), cells[c].c_str(), f_.header);
    ++row_;
  }
  void title(const std::string& text) { worksheet_write_string(ws_, row_++, 0, text.c_str(), f_.title); }
  void skip() { ++row_; }
  // Text from the data (names, codes) or from the rules, neutralised (text_table.h); FINESS as text.
  void text(std::size_t c, const std::string& s) {
    if (!s.empty()) worksheet_write_string(ws_, row_, col(c), spreadsheet_text(s).c_str(), f_.text);
  }
  void number(std::size_t c, const Decimal& d, lxw_format* format) {
    worksheet_write_number(ws_, row_, col(c), as_double(d), format);
  }
  void integer(std::size_t c, long long n) {
    worksheet_write_number(ws_, row_, col(c), static_cast<double>(n), f_.count);
  }
  void boolean(std::size_t c, bool b) { worksheet_write_boolean(ws_, row_, col(c), b, nullptr); }
  // A computed value in its unit: € and % as numbers with their format, booleans, dates and text as they are.
  void value(std::size_t c, const Value& v, const Type& t) {
    if (v.absent()) return;
    if (v.is_number()) {
      lxw_format* format = t.unit == Unit::Money ? f_.money : t.unit == Unit::Rate ? f_.rate : nullptr;
      number(c, v.number(), format);
    } else if (v.is_bool()) {
      boolean(c, v.boolean());
    } else {
      text(c, format_french(v, t));
    }
  }
  void next() { ++row_; }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }
  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_row_t row_ = 0;
};

Type binding_type(const IndicatorInfo& info, int b) {
  return b < 0 ? Type::error() : info.binding_types[b];
}

void summary_sheet(lxw_workbook* wb, const Formats& f, const RunResults& run, const RunSummary& s) {
  Sheet sh(wb, "Synthèse", f);
  sh.title(run.program.contract_label.empty() ? run.program.contract_name : run.program.contract_label);
  sh.skip();
  std::vector<std::string> header = {"indicateur",
                                     "libellé",
                                     "année",
                                     "établissements",
                                     "ciblés",
                                     "atteints",
                                     "intéressement total",
                                     "intéressements absents"};
  for (const auto& g : s.group_names) header.push_back("ciblés " + g);
  lxw_row_t first = static_cast<lxw_row_t>(sh.row());
  sh.header(header);
  for (const auto& x : s.indicators) {
    const IndicatorInfo& ind = run.program.indicators[x.indicator];
    sh.text(0, ind.name);
    sh.text(1, ind.label);
    sh.integer(2, x.year);
    sh.integer(3, x.establishments);
    sh.integer(4, x.targeted);
    if (x.has_target) sh.integer(5, x.reached);
    if (x.pays) {
      sh.number(6, x.incentive, f.money);
      sh.integer(7, x.missing);
    }
    for (std::size_t g = 0; g < s.group_names.size(); ++g) sh.integer(8 + g, x.targeted_by_group.at(s.group_names[g]));
    sh.next();
  }
  worksheet_autofilter(sh.ws(), first, 0, static_cast<lxw_row_t>(sh.row() - 1),
                       static_cast<lxw_col_t>(header.size() - 1));
  worksheet_freeze_panes(sh.ws(), first + 1, 0);
  worksheet_set_column(sh.ws(), 0, 0, 28, nullptr);
  worksheet_set_column(sh.ws(), 1, 1, 50, nullptr);
  worksheet_set_column(sh.ws(), 2, static_cast<lxw_col_t>(header.size() - 1), 14, nullptr);
}

void results_sheet(lxw_workbook* wb, const Formats& f, const RunResults& run, const RunSummary& s) {
  Sheet sh(wb, "Résultats", f);
  std::vector<std::string> header = {"FINESS", "nom",    "indicateur", "libellé", "année",
                                     "ciblé",  "valeur", "cible",      "atteint", "intéressement"};
  sh.header(header);
  Type money = Type::number(Unit::Money);
  for (const auto& r : run.results) {
    const IndicatorInfo& ind = run.program.indicators[r.indicator];
    sh.text(0, run.data.entities[r.entity]);
    sh.text(1, s.names[r.entity]);
    sh.text(2, ind.name);
    sh.text(3, ind.label);
    sh.integer(4, r.year);
    sh.boolean(5, r.targeted);
    sh.value(6, r.value, binding_type(ind, ind.value));
    sh.value(7, r.target, binding_type(ind, ind.target));
    sh.value(8, r.achieved, Type::boolean());
    sh.value(9, r.incentive, money);
    sh.next();
  }
  worksheet_autofilter(sh.ws(), 0, 0, static_cast<lxw_row_t>(std::max(0, sh.row() - 1)), 9);
  worksheet_freeze_panes(sh.ws(), 1, 0);
  worksheet_set_column(sh.ws(), 0, 0, 12, nullptr);
  worksheet_set_column(sh.ws(), 1, 1, 34, nullptr);
  worksheet_set_column(sh.ws(), 2, 2, 28, nullptr);
  worksheet_set_column(sh.ws(), 3, 3, 44, nullptr);
  worksheet_set_column(sh.ws(), 4, 9, 13, nullptr);
}

void signatories_sheet(lxw_workbook* wb, const Formats& f, const RunResults& run, const RunSummary& s) {
  Sheet sh(wb, "Signataires", f);
  sh.title("Montant notifié par entité signataire et année (tous indicateurs)");
  sh.header({"signataire", "nom", "année", "établissements", "ciblages (EG × indicateur)", "montant notifié",
             "intéressements absents"});
  lxw_row_t first = static_cast<lxw_row_t>(sh.row() - 1);
  for (const auto& t : s.signatory_totals) {
    sh.text(0, t.signatory);
    sh.text(1, t.name);
    sh.integer(2, t.year);
    sh.integer(3, t.establishments);
    sh.integer(4, t.targeted_lines);
    sh.number(5, t.incentive, f.money);
    sh.integer(6, t.missing);
    sh.next();
  }
  worksheet_autofilter(sh.ws(), first, 0, static_cast<lxw_row_t>(sh.row() - 1), 6);
  worksheet_freeze_panes(sh.ws(), first + 1, 0);
  sh.skip();
  sh.title("Détail par entité signataire, indicateur et année");
  sh.header(
      {"signataire", "indicateur", "année", "établissements", "ciblés", "intéressement", "intéressements absents"});
  for (const auto& l : s.signatory_lines) {
    bool pays = run.program.indicators[l.indicator].incentive >= 0;
    sh.text(0, l.signatory);
    sh.text(1, run.program.indicators[l.indicator].name);
    sh.integer(2, l.year);
    sh.integer(3, l.establishments);
    sh.integer(4, l.targeted);
    if (pays) {
      sh.number(5, l.incentive, f.money);
      sh.integer(6, l.missing);
    }
    sh.next();
  }
  worksheet_set_column(sh.ws(), 0, 0, 28, nullptr);
  worksheet_set_column(sh.ws(), 1, 1, 34, nullptr);
  worksheet_set_column(sh.ws(), 2, 6, 16, nullptr);
}

void parameters_sheet(lxw_workbook* wb, const Formats& f, const RunResults& run) {
  Sheet sh(wb, "Paramètres", f);
  sh.header({"paramètre", "libellé", "années", "valeur (règle)"});
  for (const auto& decl : run.program.ast->parameters) {
    sh.text(0, decl.name);
    sh.text(1, decl.label);
    sh.text(2, decl.first_year ? std::to_string(decl.first_year) + ".." + std::to_string(decl.last_year) : "toutes");
    if (decl.value) sh.text(3, print_expr(*decl.value));
    sh.next();
  }
  worksheet_freeze_panes(sh.ws(), 1, 0);
  worksheet_set_column(sh.ws(), 0, 0, 28, nullptr);
  worksheet_set_column(sh.ws(), 1, 1, 44, nullptr);
  worksheet_set_column(sh.ws(), 2, 2, 12, nullptr);
  worksheet_set_column(sh.ws(), 3, 3, 80, nullptr);
}

void about_sheet(lxw_workbook* wb, const Formats& f, const RunResults& run) {
  Sheet sh(wb, "À propos", f);
  sh.title("Manifeste du calcul");
  sh.header({"rubrique", "nom", "valeur"});
  for (const auto& row : manifest_rows(run.manifest)) {
    for (std::size_t c = 0; c < row.size(); ++c) sh.text(c, row[c]);
    sh.next();
  }
  worksheet_set_column(sh.ws(), 0, 0, 14, nullptr);
  worksheet_set_column(sh.ws(), 1, 1, 50, nullptr);
  worksheet_set_column(sh.ws(), 2, 2, 76, nullptr);
}

}  // namespace

bool render_xlsx(const RunResults& run, std::string& bytes, Message& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "caqes-xlsx-XXXXXX").string();
  if (ec) pattern = "/tmp/caqes-xlsx-XXXXXX";
  std::vector<char> dir(pattern.begin(), pattern.end());
  dir.push_back('\0');
  if (!mkdtemp(dir.data())) {
    error = Message(kCannotWriteWorkbook, pattern, std::strerror(errno));
    return false;
  }
  std::string folder = dir.data();
  std::string path = folder + "/classeur.xlsx";
  lxw_workbook_options options = {};
  options.tmpdir = dir.data();
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  bool ok = wb != nullptr;
  if (ok) {
    Formats f = make_formats(wb);
    RunSummary s = summarise(run);
    summary_sheet(wb, f, run, s);
    results_sheet(wb, f, run, s);
    if (!run.signatories.empty()) signatories_sheet(wb, f, run, s);
    parameters_sheet(wb, f, run);
    about_sheet(wb, f, run);
    lxw_error closed = workbook_close(wb);
    if (closed != LXW_NO_ERROR) {
      error = Message(kCannotWriteWorkbook, path, lxw_strerror(closed));
      ok = false;
    }
  } else {
    error = Message(kCannotWriteWorkbook, path, "workbook_new");
  }
  if (ok) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
    ok = static_cast<bool>(in) || in.eof();
  }
  fs::remove_all(folder, ec);
  return ok;
}

}  // namespace caqes
