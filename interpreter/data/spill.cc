// The spill files' format: per row, the establishment (varint), then each kept cell as a tag byte and its payload:
// absent, false, true (no payload); a number in its small exact form (scale byte, 8 bytes of units) or, if it
// has none, its rational as text; a text (varint length, bytes); a date (4 bytes of days). The files are read by
// the process that wrote them, so the byte order is the machine's. The records of distinct counts are the counter
// (varint) then the value's key, each framed by its length (varint).
#include "data/spill.h"

#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>

#include "data/data_messages.h"
#include "data/temporary_files.h"

namespace caqes {

using namespace data_messages;

namespace {

// Unsigned numbers: 7 bits a byte, the high bit set on all but the last.
void append_varint(std::string& out, unsigned long long v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

unsigned long long read_varint(std::string_view bytes, std::size_t& at) {
  unsigned long long v = 0;
  for (int shift = 0;; shift += 7) {
    auto b = static_cast<unsigned char>(bytes[at++]);
    v |= static_cast<unsigned long long>(b & 0x7F) << shift;
    if (b < 0x80) return v;
  }
}

enum Tag : unsigned char { kAbsent, kFalse, kTrue, kSmall, kRational, kText, kDate };
// The write buffers of one table's partitions share this much memory (each between 4 and 64 KiB).
constexpr std::size_t kBuffersBytes = 4u << 20;

template <class T>
void put_raw(std::string& out, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  out.append(bytes, sizeof(T));
}

void put_value(std::string& out, const Value& v) {
  if (v.absent()) {
    out.push_back(static_cast<char>(kAbsent));
  } else if (v.is_bool()) {
    out.push_back(static_cast<char>(v.boolean() ? kTrue : kFalse));
  } else if (v.is_number()) {
    long long units;
    int scale;
    if (v.number().small_form(units, scale)) {
      out.push_back(static_cast<char>(kSmall));
      out.push_back(static_cast<char>(scale));
      put_raw(out, units);
    } else {
      std::string text = v.number().rational().get_str();
      out.push_back(static_cast<char>(kRational));
      append_varint(out, text.size());
      out += text;
    }
  } else if (v.is_text()) {
    out.push_back(static_cast<char>(kText));
    append_varint(out, v.text().size());
    out += v.text();
  } else if (v.is_date()) {
    out.push_back(static_cast<char>(kDate));
    put_raw(out, static_cast<int>(v.date().days));
  } else {
    out.push_back(static_cast<char>(kAbsent));  // lists never stand in a table
  }
}

class SpilledRows final : public RowSource {
 public:
  SpilledRows(std::string bytes, std::vector<bool> columns, std::size_t width)
      : bytes_(std::move(bytes)), columns_(std::move(columns)), row_(width) {}

  const Row* next(Diagnostics& diags) override { return next_into(row_, diags) ? &row_ : nullptr; }
  bool next_into(Row& out, Diagnostics&) override {
    if (at_ >= bytes_.size()) return false;
    entity_ = static_cast<int>(varint());
    out.resize(columns_.size());
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (columns_[c]) read_value(out[c]);
      else out[c] = Value();
    return true;
  }
  int entity() const override { return entity_; }

 private:
  unsigned long long varint() { return read_varint(bytes_, at_); }
  template <class T>
  T raw() {
    T v;
    std::memcpy(&v, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  void read_value(Value& out) {
    auto tag = static_cast<Tag>(bytes_[at_++]);
    switch (tag) {
      case kAbsent: out = Value(); break;
      case kFalse: out = Value(false); break;
      case kTrue: out = Value(true); break;
      case kSmall: {
        int scale = static_cast<unsigned char>(bytes_[at_++]);
        out = Value(Decimal::from_small_form(raw<long long>(), scale));
        break;
      }
      case kRational: {
        std::size_t n = varint();
        out = Value(Decimal::from_rational(mpq_class(bytes_.substr(at_, n))));
        at_ += n;
        break;
      }
      case kText: {
        std::size_t n = varint();
        out = Value(std::string(bytes_.data() + at_, n));
        at_ += n;
        break;
      }
      case kDate: out = Value(Date{raw<int>()}); break;
    }
  }

  std::string bytes_;
  std::vector<bool> columns_;
  Row row_;
  std::size_t at_ = 0;
  int entity_ = -1;
};

}  // namespace

std::unique_ptr<SpillFolder> SpillFolder::create(Message& error) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / "caqes-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    error = Message(kCannotCreateSpillFolder, base.string(), std::strerror(errno));
    return nullptr;
  }
  // mkdtemp made it 0700: only this user can list or read the rows written in it.
  remove_on_signal(pattern);
  return std::unique_ptr<SpillFolder>(new SpillFolder(pattern));
}

SpillFolder::~SpillFolder() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
  keep_after_signal(path_);
}

int partition_of(const Value& key, int entity, int partitions) {
  std::size_t h = key.is_text() ? std::hash<std::string_view>()(key.text()) : std::hash<std::string>()(key.key());
  h ^= static_cast<std::size_t>(entity) * 0x9E3779B97F4A7C15ull;
  h ^= h >> 29;
  return static_cast<int>(h % static_cast<std::size_t>(partitions));
}

SpillWriter::SpillWriter(std::string folder, std::string name, int partitions, std::vector<bool> columns)
    : folder_(std::move(folder)), name_(std::move(name)), columns_(std::move(columns)),
      files_(static_cast<std::size_t>(partitions), nullptr), buffers_(static_cast<std::size_t>(partitions)),
      buffer_bytes_(std::clamp<std::size_t>(kBuffersBytes / static_cast<std::size_t>(partitions), 4096, 65536)) {}

SpillWriter::~SpillWriter() {
  for (std::FILE* f : files_)
    if (f) std::fclose(f);
}

void SpillWriter::remove(int partition) const {
  std::remove(fmt::format("{}/{}.{}", folder_, name_, partition).c_str());
}

void SpillWriter::write(int partition, int entity, const Row& row) {
  std::string& out = buffers_[partition];
  append_varint(out, static_cast<unsigned long long>(entity));
  for (std::size_t c = 0; c < columns_.size(); ++c)
    if (columns_[c]) put_value(out, row[c]);
  if (out.size() >= buffer_bytes_) flush(partition);
}

void SpillWriter::write_counted(int partition, std::size_t counter, std::string_view key) {
  // The record: the counter, then the key (what a partition's set of counted values holds).
  record_.clear();
  append_varint(record_, counter);
  record_ += key;
  write_record(partition, record_);
}

void SpillWriter::write_record(int partition, std::string_view record) {
  std::string& out = buffers_[partition];
  append_varint(out, record.size());
  out += record;
  if (out.size() >= buffer_bytes_) flush(partition);
}

bool SpillWriter::flush(int partition) {
  std::string& out = buffers_[partition];
  if (out.empty() || !error_.empty()) return error_.empty();
  std::string path = fmt::format("{}/{}.{}", folder_, name_, partition);
  std::FILE*& f = files_[partition];
  if (!f) f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(out.data(), 1, out.size(), f) != out.size()) {
    error_ = Message(kCannotWriteSpillFile, path, std::strerror(errno));
    return false;
  }
  out.clear();
  return true;
}

bool SpillWriter::close(Message& error) {
  for (std::size_t i = 0; i < files_.size(); ++i) {
    flush(static_cast<int>(i));
    if (files_[i] && std::fclose(files_[i]) != 0 && error_.empty())
      error_ = Message(kCannotWriteSpillFile, fmt::format("{}/{}.{}", folder_, name_, i), std::strerror(errno));
    files_[i] = nullptr;
    std::string().swap(buffers_[i]);
  }
  error = error_;
  return error_.empty();
}

namespace {

bool read_spilled_bytes(const SpillWriter& written, int partition, std::string& bytes, Message& error) {
  std::string path = fmt::format("{}/{}.{}", written.folder(), written.name(), partition);
  bytes.clear();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (errno == ENOENT) return true;  // no file: nothing fell in this partition
    error = Message(kCannotReadSpillFile, path, std::strerror(errno));
    return false;
  }
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) error = Message(kCannotReadSpillFile, path, std::strerror(errno));
  return !failed;
}

}  // namespace

bool for_each_counted(const SpillWriter& written, int partition, std::string& bytes, Message& error,
                      const std::function<void(std::size_t counter, std::string_view record)>& each) {
  if (!read_spilled_bytes(written, partition, bytes, error)) return false;
  for (std::size_t at = 0; at < bytes.size();) {
    std::size_t length = read_varint(bytes, at);
    std::string_view record(bytes.data() + at, length);
    std::size_t counter_at = 0;
    each(read_varint(record, counter_at), record);
    at += length;
  }
  return true;
}

std::unique_ptr<RowSource> read_spilled(const SpillWriter& written, int partition, std::size_t width, Message& error) {
  std::string bytes;
  if (!read_spilled_bytes(written, partition, bytes, error)) return nullptr;
  return std::make_unique<SpilledRows>(std::move(bytes), written.columns(), width);
}

}  // namespace caqes
