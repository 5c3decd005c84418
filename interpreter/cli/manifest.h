// The run's manifest: what produced a set of results, so that a figure paid can be traced to exactly the rules, the
// data and the options behind it. Written in every output of `caqes run` (the end of the table, a companion file
// of the CSV, a member of the JSON, a sheet of the workbook, a section of the HTML report).
#pragma once

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "check/program.h"
#include "eval/timeline.h"
#include "syntax/message.h"

namespace caqes {

struct ManifestFile {
  std::string path;    // as the run read it (relative to the current folder when given so)
  std::string sha256;  // lower-case hexadecimal
};

struct Manifest {
  std::string tool = "caqes", version;
  std::string contract, contract_label;
  std::vector<ManifestFile> rules, data;
  std::vector<int> years;
  std::vector<std::pair<std::string, std::string>> options;  // name → value, in the order of the command line's help
  std::string date;                                          // UTC, ISO 8601: 2026-01-01T00:00:00Z
};

// The SHA-256 of a file's bytes, in hexadecimal; nullopt if it cannot be read.
std::optional<std::string> sha256_of_file(const std::string& path);
// The SHA-256 of bytes, in hexadecimal.
std::string sha256_of(const std::string& bytes);

// The SHA-256 of some files computed on a thread of its own, started before the run computes and read by the
// manifest after, so that hashing the data (hundreds of MB for a region) overlaps the loading of the rules and the
// pass over the rows instead of adding to them. Started before the rules say which files are read (every CSV file
// of the data folder), it drops, once told (keep), those the run does not read, even half-way (the manifest waits
// for the thread, and the folder may hold other big files); a file not hashed is hashed when asked for. Each file
// is read once more either way, as the manifest always did.
class FileDigests {
 public:
  FileDigests() = default;
  ~FileDigests();  // stops the hashing early when the run ends before the manifest (an error)
  FileDigests(const FileDigests&) = delete;
  FileDigests& operator=(const FileDigests&) = delete;

  // Each file's hashing recorded in `timeline` when not null (bench/timeline).
  void start(std::vector<std::string> paths, Timeline* timeline = nullptr);
  // Only these files are wanted: the others not hashed yet are skipped.
  void keep(const std::vector<std::string>& paths);
  // The digest of `path` (waiting for the thread if it hashes it); nullopt if the file cannot be read.
  std::optional<std::string> digest(const std::string& path);

 private:
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::optional<std::set<std::string>> wanted_;
  std::future<std::map<std::string, std::optional<std::string>>> result_;
  std::map<std::string, std::optional<std::string>> digests_;
};

// The CSV files of a folder (none if it cannot be read: the run reports that when it opens the data), sorted.
std::vector<std::string> csv_files_in(const std::string& dir);

// The data files of `program` in `data_dir` that a run reads (one per declared table), as make_manifest lists them.
std::vector<std::string> data_files(const CheckedProgram& program, const std::string& data_dir);

// The date of the run in UTC: now, or SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention)
// when it is set, so that outputs compared byte for byte (golden cases) are stable. False, with `error` set, when
// SOURCE_DATE_EPOCH is not a number of seconds.
bool run_date(std::string& date, Message& error);

// The manifest of a run of `program` on the CSV files of `data_dir`: every rules file the program was loaded from
// (imports and extended contracts included) and every data file read, and with a database, its `mapping` file (the
// names the rows were read under), listed with the data; the data files' digests from `digests` when given. False, with `error` set, if a file cannot be read again to
// be hashed.
bool make_manifest(const CheckedProgram& program, const std::string& data_dir, const std::vector<int>& years,
                   std::vector<std::pair<std::string, std::string>> options, Manifest& out, Message& error,
                   const std::string& mapping = "", FileDigests* digests = nullptr);

}  // namespace caqes
