// A rules text written to its own temporary folder for a test, and removed at the end of it.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace caqes {

class RulesFile {
 public:
  explicit RulesFile(const std::string& text) {
    std::string pattern = (std::filesystem::temp_directory_path() / "caqes_unit_test_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    path_ = (dir_ / "règles.caqes").string();
    std::ofstream out(path_, std::ios::binary);
    out << text;
    REQUIRE(out.good());
  }
  ~RulesFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  RulesFile(const RulesFile&) = delete;
  RulesFile& operator=(const RulesFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace caqes
