// The tight scan of one table: a group of aggregations whose filters are made of conditions on one column each
// (champ = "MCO", domaine dans domaines_ciblés, durée ≥ 3) and whose values are plain columns reads each record's
// cells straight from the CSV reader, without building a row.
//
// Every distinct condition of the group is one bit. Per column, a small table remembers, for the cells seen (by
// their bytes, value/text_key.h), the value the cell converts to and the bits of the conditions on that column it
// makes true: a cell seen before costs one lookup, and a row's answers are the union of its cells' bits. A filter
// is a conjunction of conditions (`et`), true exactly when each of its conditions is true, so an aggregation counts
// the row when the row's bits hold the filter's. The FINESS cell maps to its establishment, the year cell to its
// year.
//
// A record with a cell not seen before (or longer than 16 bytes, or a table full) goes the general way: converted
// and checked as every row is (data/dataset.h, RawRows::convert), its errors located the same, run through the
// group's compiled code (row_code.h), and its cells then remembered. So what the scan computes is what the
// general way computes, by construction: a cell's value and answers are the general way's for the same bytes.
// When too many records go that way (codes that seldom repeat), the scan hands the rest of the table over.
//
// The columns `texte` and `monnaie` (patients, amounts: cells that seldom repeat) are converted in every record by
// parse_cell, the general way's conversion of one cell, not remembered; a cell that does not convert sends the
// record the general way. A distinct count whose values spill (GroupRun::distinct_values) gets each value as the
// general way writes it (row_pass.cc, run_row).
#pragma once

#include <functional>
#include <memory>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/row_code.h"

namespace caqes {

struct GroupRun;
class TableScan;

// The scan of a compiled group (after its slots are compiled), or null when its shape is not the scan's: nested
// aggregations, code left to the tree walker, a condition on two columns or inside an `ou` of two columns, a value
// that is not a plain column, more than 64 distinct conditions. `host` answers the constant parameters.
std::unique_ptr<TableScan> compile_table_scan(const CheckedProgram& program, GroupRun& g, RowCodeHost& host);

class TableScan {
 public:
  ~TableScan();
  enum class Outcome { Done, HandedOver };
  // Scans the records of `raw` (`rows` for the establishment of a converted record); each record converted the
  // general way goes to `general` with its establishment. Done: the table was read to its end or an error stopped
  // it (in g.diags); HandedOver: the rest of the table is for rows.next().
  Outcome run(GroupRun& g, RawRows& raw, RowSource& rows, const std::function<void(const Row&, int)>& general);

  // The records read without being converted (the rest went the general way).
  unsigned long long scanned() const;

  struct Impl;
  explicit TableScan(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace caqes
