// Rows of a row-level table written to temporary files, split into partitions by the hash of a key column, and
// read back one partition at a time. This is how a run holds, in bounded memory, the tables that a correlated
// aggregation looks up (every lab act of a patient) or that a distinct count reads: each partition holds every row
// of its keys, so the evaluator can work on one partition after another (a partitioned hash join, as databases do
// when a join does not fit in memory).
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"

namespace caqes {

// A fresh folder for the temporary files of one run, under $TMPDIR (or /tmp), removed with its files when destroyed.
class SpillFolder {
 public:
  static std::unique_ptr<SpillFolder> create(Message& error);
  ~SpillFolder();
  SpillFolder(const SpillFolder&) = delete;
  SpillFolder& operator=(const SpillFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  explicit SpillFolder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// The partition of a row whose key column holds `key`, for an establishment: the same for equal keys of any table.
int partition_of(const Value& key, int entity, int partitions);

// Writes rows of one table into `partitions` files <folder>/<name>.<i>, keeping only the cells of `columns`.
class SpillWriter {
 public:
  SpillWriter(std::string folder, std::string name, int partitions, std::vector<bool> columns);
  ~SpillWriter();
  SpillWriter(const SpillWriter&) = delete;
  SpillWriter& operator=(const SpillWriter&) = delete;
  void write(int partition, int entity, const Row& row);
  // A value counted by a distinct count: the counter it counts for (an accumulator's id) and the value's key.
  // Read back by for_each_counted.
  void write_counted(int partition, std::size_t counter, std::string_view key);
  // Flushes and closes every file; false (with the reason) if one could not be written (a full disk).
  bool close(Message& error);
  // Removes the file of one partition once read back for the last time, so that the files go while the other
  // partitions are worked on, before the system writes them out, rather than all at once at the end (the folder's
  // removal takes whatever is left).
  void remove(int partition) const;
  const std::string& folder() const { return folder_; }
  const std::string& name() const { return name_; }
  const std::vector<bool>& columns() const { return columns_; }

 private:
  bool flush(int partition);
  void write_record(int partition, std::string_view record);
  std::string folder_, name_;
  std::vector<bool> columns_;
  std::vector<std::FILE*> files_;
  std::vector<std::string> buffers_;
  std::size_t buffer_bytes_;
  Message error_;
  std::string record_;  // write_counted's buffer
};

// The rows of one partition, in the order they were written, each as wide as the table (`width` cells) with the
// cells that were not kept absent. Null (with the reason in `error`) if the file cannot be read.
std::unique_ptr<RowSource> read_spilled(const SpillWriter& written, int partition, std::size_t width, Message& error);
// Calls `each` with every value that write_counted wrote to one partition: its counter, and a view of the
// record (into `bytes`) that is equal for equal (counter, key) pairs and only for them. False (with the reason) if
// the file cannot be read.
bool for_each_counted(const SpillWriter& written, int partition, std::string& bytes, Message& error,
                      const std::function<void(std::size_t counter, std::string_view record)>& each);

}  // namespace caqes
