// Unit tests of the partitioned spill (data/spill.h) and of what it is for: a run gives the same figures whether
// the rows are held at once or split into partitions, on one thread or two.
#include "data/spill.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "check/checker.h"
#include "eval/evaluator.h"
#include "syntax/program_loader.h"

namespace caqes {
namespace {

Value number(std::string_view text) { return Value(*Decimal::parse_plain(text)); }

bool same(const Value& a, const Value& b) { return a.absent() ? b.absent() : !b.absent() && a.equals(b); }

TEST_CASE("spilled rows come back as written, in the partition of their key, in order") {
  Message error;
  auto folder = SpillFolder::create(error);
  REQUIRE_MESSAGE(folder, error.in(Language::En));
  std::string path = folder->path();
  // Column 1 is not kept: it comes back absent.
  std::vector<bool> kept = {true, false, true, true, true};
  std::vector<std::pair<int, Row>> rows = {
      {0, {Value(std::string("é€ patient")), number("1"), number("12.5"), Value(Date::from_civil(2024, 2, 29)), Value(true)}},
      {1, {Value(std::string()), number("2"), number("-0.001"), Value(), Value(false)}},
      {2, {Value(std::string(300, 'x')), number("3"), Value(Decimal::from_fraction(1, 3)), Value(Date::from_civil(1969, 12, 31)), Value()}},
      {0, {Value(std::string("é€ patient")), number("4"), number("-92233720368547758.07"), Value(), Value(true)}},
      {1, {Value(), number("5"), Value(), Value(), Value()}},
  };
  const int partitions = 3;
  {
    SpillWriter writer(path, "t", partitions, kept);
    for (const auto& [entity, row] : rows) writer.write(partition_of(row[0], entity, partitions), entity, row);
    REQUIRE(writer.close(error));
    std::size_t read = 0;
    for (int part = 0; part < partitions; ++part) {
      auto source = read_spilled(writer, part, kept.size(), error);
      REQUIRE_MESSAGE(source, error.in(Language::En));
      Diagnostics diags;
      std::size_t next_expected = 0;  // rows of this partition come back in the order they were written
      while (const Row* row = source->next(diags)) {
        while (next_expected < rows.size() &&
               partition_of(rows[next_expected].second[0], rows[next_expected].first, partitions) != part)
          ++next_expected;
        REQUIRE(next_expected < rows.size());
        const auto& [entity, original] = rows[next_expected++];
        CHECK(source->entity() == entity);
        REQUIRE(row->size() == kept.size());
        for (std::size_t c = 0; c < kept.size(); ++c) {
          CAPTURE(c);
          if (kept[c]) CHECK(same((*row)[c], original[c]));
          else CHECK((*row)[c].absent());
        }
        ++read;
      }
    }
    CHECK(read == rows.size());
  }
  folder.reset();
  CHECK_FALSE(std::filesystem::exists(path));  // the folder goes with its files
}

TEST_CASE("equal keys share a partition; keys spread over the partitions") {
  const int partitions = 8;
  std::vector<int> per_partition(partitions, 0);
  for (int i = 0; i < 1000; ++i) {
    Value key(std::string("p") + std::to_string(i));
    int part = partition_of(key, 5, partitions);
    REQUIRE(part >= 0);
    REQUIRE(part < partitions);
    CHECK(part == partition_of(Value(std::string(key.text())), 5, partitions));
    ++per_partition[part];
  }
  for (int n : per_partition) CHECK(n > 60);  // 125 each on average
}

TEST_CASE("the example region's figures do not depend on partitions or threads") {
  Diagnostics diags;
  auto program = check_program(load_program(CAQES_SOURCE_DIR "/rules/caqes-2022", diags), diags);
  REQUIRE_MESSAGE(program, render_all(diags));
  Dataset data;
  REQUIRE_MESSAGE(load_dataset(*program, CAQES_SOURCE_DIR "/examples/occitanie", data, diags), render_all(diags));
  std::vector<int> years = {2022, 2023, 2024};
  std::vector<IndicatorResult> reference;
  REQUIRE(run_all(*program, data, years, reference, diags, PassOptions{1, 1, 0}));
  REQUIRE(reference.size() == program->indicators.size() * data.entities.size() * years.size());
  // {threads, partitions, partition bytes, parts}: the tables read whole, or in 2, 3 or 7 parts (byte ranges of
  // the files), with their correlated aggregations held in memory or spilled in partitions.
  for (PassOptions options : {PassOptions{}, PassOptions{2, 5, 0}, PassOptions{1, 64, 0}, PassOptions{2, 0, 1024},
                              PassOptions{2, 0, 2u << 20, 2}, PassOptions{2, 5, 0, 3}, PassOptions{1, 3, 0, 7},
                              PassOptions{2, 0, 1024, 7}}) {
    CAPTURE(options.threads);
    CAPTURE(options.partitions);
    CAPTURE(options.parts);
    std::vector<IndicatorResult> results;
    REQUIRE(run_all(*program, data, years, results, diags, options));
    REQUIRE(results.size() == reference.size());
    int differences = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const IndicatorResult& a = reference[i];
      const IndicatorResult& b = results[i];
      bool equal = a.indicator == b.indicator && a.entity == b.entity && a.year == b.year && a.targeted == b.targeted &&
                   same(a.value, b.value) && same(a.target, b.target) && same(a.achieved, b.achieved) &&
                   same(a.incentive, b.incentive);
      if (!equal && ++differences <= 3)
        FAIL_CHECK("differs: ", program->indicators[a.indicator].name, " for ", data.entities[a.entity], " in ", a.year);
    }
    CHECK(differences == 0);
  }
}

}  // namespace
}  // namespace caqes
