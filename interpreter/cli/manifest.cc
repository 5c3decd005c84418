// The run's manifest (see manifest.h). SHA-256 by OpenSSL's EVP interface (Debian's libssl-dev), not our own.
#include "cli/manifest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/cli_messages.h"

#ifndef CAQES_VERSION
#define CAQES_VERSION "unknown"
#endif

namespace caqes {
namespace {

using namespace cli_messages;

struct DigestContext {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
  DigestContext() { EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr); }
  void add(const char* data, std::size_t n) { EVP_DigestUpdate(ctx.get(), data, n); }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &n);
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
      out += digits[digest[i] >> 4];
      out += digits[digest[i] & 15];
    }
    return out;
  }
};

// A data file's path as the rules files' paths are shown: relative to the current folder when under it, so that
// the manifest of the same run does not depend on where the checkout is.
std::string display_path(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  fs::path normal = path.lexically_normal();
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec && normal.is_absolute()) {
    fs::path rel = normal.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
  }
  return normal.string();
}

}  // namespace

std::string sha256_of(const std::string& bytes) {
  DigestContext d;
  d.add(bytes.data(), bytes.size());
  return d.hex();
}

namespace {

// The digest of a file; nullopt if it cannot be read, or (with `abandoned` set) when `abandon` says, between blocks
// of 64 KiB, that it is no longer wanted.
template <class Abandon>
std::optional<std::string> sha256_of_file_unless(const std::string& path, Abandon abandon, bool& abandoned) {
  abandoned = false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  DigestContext d;
  char buffer[1 << 16];
  while (in) {
    if (abandon()) {
      abandoned = true;
      return std::nullopt;
    }
    in.read(buffer, sizeof buffer);
    d.add(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return d.hex();
}

}  // namespace

std::optional<std::string> sha256_of_file(const std::string& path) {
  bool abandoned;
  return sha256_of_file_unless(path, [] { return false; }, abandoned);
}

FileDigests::~FileDigests() {
  stop_ = true;
  if (result_.valid()) result_.wait();
}

void FileDigests::start(std::vector<std::string> paths, Timeline* timeline) {
  result_ = std::async(std::launch::async, [this, paths = std::move(paths), timeline] {
    std::map<std::string, std::optional<std::string>> out;
    for (const auto& path : paths) {
      // A file the run does not read (once the rules say so) is dropped, even half-way: the manifest waits for
      // this thread, and the folder may hold other big files.
      auto unwanted = [&] {
        if (stop_) return true;
        std::lock_guard<std::mutex> lock(mutex_);
        return wanted_ && !wanted_->count(path);
      };
      if (unwanted()) continue;
      Timeline::Step step(timeline, "sha256 " + std::filesystem::path(path).filename().string());
      bool abandoned;
      auto digest = sha256_of_file_unless(path, unwanted, abandoned);
      if (!abandoned) out[path] = std::move(digest);
    }
    return out;
  });
}

void FileDigests::keep(const std::vector<std::string>& paths) {
  std::lock_guard<std::mutex> lock(mutex_);
  wanted_.emplace(paths.begin(), paths.end());
}

std::optional<std::string> FileDigests::digest(const std::string& path) {
  if (result_.valid()) digests_ = result_.get();
  auto it = digests_.find(path);
  return it != digests_.end() ? it->second : sha256_of_file(path);
}

std::vector<std::string> csv_files_in(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".csv" && it->is_regular_file(ec))
      out.push_back((std::filesystem::path(dir) / it->path().filename()).string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> data_files(const CheckedProgram& program, const std::string& data_dir) {
  std::vector<std::string> out;
  if (data_dir.empty()) return out;  // from a database (caqes run --db): no CSV file is read
  for (const auto& table : program.tables) out.push_back((std::filesystem::path(data_dir) / (table.name + ".csv")).string());
  return out;
}

bool run_date(std::string& date, Message& error) {
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    errno = 0;
    long long seconds = std::strtoll(epoch, &end, 10);
    if (*epoch == '\0' || *end != '\0' || errno != 0 || seconds < 0 || seconds > 253402300799LL) {
      error = Message(kBadSourceDateEpoch, epoch);
      return false;
    }
    t = static_cast<std::time_t>(seconds);
  }
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  date = text;
  return true;
}

bool make_manifest(const CheckedProgram& program, const std::string& data_dir, const std::vector<int>& years,
                   std::vector<std::pair<std::string, std::string>> options, Manifest& out, Message& error,
                   const std::string& mapping, FileDigests* digests) {
  out.version = CAQES_VERSION;
  out.contract = program.contract_name;
  out.contract_label = program.contract_label;
  out.years = years;
  out.options = std::move(options);
  if (!run_date(out.date, error)) return false;
  auto add = [&](const std::string& path, std::vector<ManifestFile>& to, FileDigests* from) {
    // Read again: the bytes as they are on disk, byte-order mark included.
    auto digest = from ? from->digest(path) : sha256_of_file(path);
    if (!digest) {
      error = Message(kCannotRead, path);
      return false;
    }
    to.push_back({display_path(path), *digest});
    return true;
  };
  if (program.ast)
    for (const auto& file : program.ast->files)
      if (!add(file->path(), out.rules, nullptr)) return false;
  for (const auto& path : data_files(program, data_dir))
    if (!add(path, out.data, digests)) return false;
  if (!mapping.empty() && !add(mapping, out.data, nullptr)) return false;
  return true;
}

}  // namespace caqes
