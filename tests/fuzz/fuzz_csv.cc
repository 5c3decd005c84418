// libFuzzer target: any bytes as a CSV extract go through the reader (encodings, quoting, line tracking) and
// every cell through the parsers of every column type.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "data/csv.h"
#include "data/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace caqes;
  static const std::string path = "/tmp/caqes_fuzz_" + std::to_string(getpid()) + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto opened = CsvReader::open(path);
  if (auto* reader = std::get_if<std::unique_ptr<CsvReader>>(&opened)) {
    std::vector<std::string_view> fields;
    const ColumnType types[] = {ColumnType::Text,  ColumnType::Code, ColumnType::Integer, ColumnType::Count,
                                ColumnType::Decimal, ColumnType::Money, ColumnType::Rate, ColumnType::Boolean,
                                ColumnType::Date,  ColumnType::Year};
    int records = 0;
    while ((*reader)->next(fields) && records++ < 10000) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        (*reader)->field_line(i);
        (*reader)->field_column(i);
        for (ColumnType t : types) {
          Value v;
          Message error;
          parse_cell(t, fields[i], v, error, true);
          parse_cell(t, fields[i], v, error, false);
        }
      }
    }
  }
  return 0;
}
