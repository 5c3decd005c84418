// The evaluator: a checked program and a dataset in, one result per establishment × indicator × year out.
// Evaluation is a plan, then a pass: it works out which aggregations are needed for which years (plan.h), reads
// every row-level table once to compute them (row_pass.h: its filters compiled, row_code.h and group_code.h; the
// tables that correlated aggregations look up and the distinct counts split by key into partitions spilled to
// temporary files, data/spill.h, so that memory does not grow with the rows; the tables side by side on the
// machine's cores), computes the population statistics (population.h), then evaluates each establishment with the
// tree walker (expression_evaluator.h), which records the derivation when explaining (explain_recorder.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/program.h"
#include "data/dataset.h"
#include "eval/explain.h"
#include "syntax/diagnostic.h"
#include "value/value.h"

namespace caqes {

struct IndicatorResult {
  int indicator = 0;
  int entity = 0;
  int year = 0;
  bool targeted = false;
  Value value, target, achieved, incentive;
};

class AggregateSource;
class Timeline;

// How the pass over the row-level tables uses the machine. The results do not depend on these.
struct PassOptions {
  int threads = 0;     // tables processed side by side; 0: one per core
  int partitions = 0;  // 0: from the size of the files; N: split every table that can be split into N (tests)
  std::uintmax_t partition_bytes = 2u << 20;  // CSV bytes per partition: bounds the rows held at once
  // Parts a table is read in, side by side (row_pass.h): 0: one per thread for a file of at least split_bytes;
  // N: every table that can be split, into N (tests).
  int parts = 0;
  std::uintmax_t split_bytes = 16u << 20;
  // The tight scan of a table whose filters and values have its shape (table_scan.h); false: every row converted
  // and run through the compiled code (tests compare the two).
  bool scan = true;
  // When set, counts the records the tight scan read without converting them (tests: that it ran).
  std::atomic<unsigned long long>* scanned_records = nullptr;
  // Where the aggregations over rows come from (aggregate_source.h): null, the pass over the dataset's files; else
  // that source (a database), the dataset holding the per-establishment tables only.
  AggregateSource* source = nullptr;
  // The steps of the pass recorded there (timeline.h; bench/timeline), when not null.
  Timeline* timeline = nullptr;
};

class Evaluator {
 public:
  Evaluator(const CheckedProgram& program, const Dataset& data, const PassOptions& options = {});
  ~Evaluator();

  // The plan and the streaming pass, for the years that will be asked for. `extra` adds expressions to evaluate
  // (test expectations) with their year. Errors (a malformed row, an unknown establishment) go to diags.
  bool prepare(const std::vector<int>& years, Diagnostics& diags,
               const std::vector<std::pair<const ast::Expr*, int>>& extra = {});

  // One indicator for one establishment and year. False if the rules' missing-data or division policy says error.
  bool indicator_result(int indicator, int entity, int year, IndicatorResult& out, Diagnostics& diags);

  // The derivation of one indicator's figures for one establishment and year.
  bool explain(int indicator, int entity, int year, ExplainNode& out, Diagnostics& diags);

  // A population statistic in `year` for each group of establishments holding a value (one group, keyed "", when
  // it has no `par`), with the value of the group expression: what `caqes références` writes. After prepare.
  struct GroupStatistic {
    Value group, value;
  };
  std::optional<std::vector<GroupStatistic>> statistic_by_group(const ast::Expr& call, int year, Diagnostics& diags);

  // A parameter's value in `year` when it is the same for every establishment (aggregate_source.h).
  std::optional<Value> constant_parameter(int parameter, int year);

  // A warning per (table, year) that the figures computed so far read and the data do not hold at all.
  void missing_years(Diagnostics& diags) const;
  // A warning per table holding rows for years outside the contract that nothing read (after every figure of every
  // year of the contract was computed: before, "not read yet" is no finding).
  void unread_years(Diagnostics& diags) const;

  // Any expression for one establishment and year (test expectations).
  std::optional<Value> evaluate(const ast::Expr& e, int entity, int year, Diagnostics& diags);

  // For tests only (tests/unit/row_code_test.cc checks the compiled row code against the tree walker): `e`, the
  // filter or value of one of the program's aggregations (nested ones included), evaluated in `year` on each of
  // `rows` both ways, the tables that its nested aggregations read held whole, as the pass holds them.
  struct ProbedRow {
    int entity = 0;
    const Row* row = nullptr;
    const Row* outer = nullptr;  // in an aggregation nested in another's filter: the other's row
  };
  struct ProbeResult {
    Value compiled, walked;
    std::string compiled_error, walked_error;  // the message when that evaluation stopped on an error
  };
  std::vector<ProbeResult> probe_row_code(const ast::Expr& e, int year, const std::vector<ProbedRow>& rows);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The signing entity of each establishment (index as in data.entities), from the contract's `signataire`
// parameter; empty if the contract declares none. An absent value means the establishment signs for itself.
bool signatories(const CheckedProgram& program, const Dataset& data, std::vector<std::string>& out, Diagnostics& diags,
                 const PassOptions& options = {});
// The summary group of each establishment (`synthèse p;`), "" where absent; empty if the contract declares none.
bool summary_groups(const CheckedProgram& program, const Dataset& data, std::vector<std::string>& out, Diagnostics& diags,
                    const PassOptions& options = {});

// Runs every indicator for every establishment and year, in that order (indicator, establishment, year). The
// years read that the data do not hold are warnings in diags (Evaluator::missing_years).
bool run_all(const CheckedProgram& program, const Dataset& data, const std::vector<int>& years,
             std::vector<IndicatorResult>& out, Diagnostics& diags, const PassOptions& options = {});

}  // namespace caqes
