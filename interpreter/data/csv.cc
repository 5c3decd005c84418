// The CSV reader: block reads into one buffer that holds the current record, a byte-class scan per field,
// and copies only for fields that need unescaping or re-encoding.
#include "data/csv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "data/data_messages.h"

namespace caqes {

using namespace data_messages;

namespace {

constexpr std::size_t kBlockSize = std::size_t{1} << 20;
constexpr std::size_t kEncodingSampleSize = 64 * 1024;
// A record can only be this long when a quote was left open; past it we report that instead of reading the whole
// file into memory.
constexpr std::size_t kMaxRecordSize = std::size_t{64} << 20;
constexpr const char* kMaxRecordText = "64 MiB";

// Length of the UTF-8 sequence that starts at p (p[0] >= 0x80): 2 to 4, 0 if invalid, -1 if it is a valid prefix
// cut by `end`. Overlong forms, surrogates and code points above U+10FFFF are invalid.
int utf8_sequence_length(const unsigned char* p, const unsigned char* end) {
  unsigned lead = p[0];
  int length;
  unsigned second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3;
    second_min = 0xA0;
  } else if (lead >= 0xE1 && lead <= 0xEC) {
    length = 3;
  } else if (lead == 0xED) {
    length = 3;
    second_max = 0x9F;
  } else if (lead == 0xEE || lead == 0xEF) {
    length = 3;
  } else if (lead == 0xF0) {
    length = 4;
    second_min = 0x90;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = 4;
  } else if (lead == 0xF4) {
    length = 4;
    second_max = 0x8F;
  } else {
    return 0;
  }
  for (int i = 1; i < length; ++i) {
    if (p + i >= end) return -1;
    unsigned byte = p[i];
    unsigned low = i == 1 ? second_min : 0x80;
    unsigned high = i == 1 ? second_max : 0xBF;
    if (byte < low || byte > high) return 0;
  }
  return length;
}

bool is_valid_utf8(const unsigned char* p, std::size_t size, bool may_be_cut) {
  const unsigned char* end = p + size;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int length = utf8_sequence_length(p, end);
    if (length < 0) return may_be_cut;
    if (length == 0) return false;
    p += length;
  }
  return true;
}

// Windows-1252 code points of bytes 0x80-0x9F; its five unassigned bytes keep their Latin-1 value.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void append_latin1_as_utf8(std::string& out, unsigned char byte) {
  unsigned code = byte >= 0x80 && byte < 0xA0 ? kWindows1252High[byte - 0x80] : byte;
  if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::string_view trimmed(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string hex_byte(unsigned char byte) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", byte);
  return text;
}

}  // namespace

Message CsvError::located_message() const {
  if (line <= 0) return message;
  if (column > 0) return Message(kAtLineAndColumn, line, column, message);
  return Message(kAtLine, line, message);
}

namespace {

// The accented Latin letters a column name may hold, precomposed (NFC), from a base letter followed by a combining
// mark (NFD, as macOS and some exports write them): "e" + U+0301 becomes "é". The name then matches the one the
// rules declare, which looks the same and is written with other bytes.
std::string precomposed(std::string_view name) {
  struct Mark {
    char32_t code;
    std::string_view bases;
    std::u32string_view composed;
  };
  static constexpr Mark kMarks[] = {
      {0x300, "AEIOUaeiou", U"\u00C0\u00C8\u00CC\u00D2\u00D9\u00E0\u00E8\u00EC\u00F2\u00F9"},
      {0x301, "AEIOUYaeiouy", U"\u00C1\u00C9\u00CD\u00D3\u00DA\u00DD\u00E1\u00E9\u00ED\u00F3\u00FA\u00FD"},
      {0x302, "AEIOUaeiou", U"\u00C2\u00CA\u00CE\u00D4\u00DB\u00E2\u00EA\u00EE\u00F4\u00FB"},
      {0x303, "ANOano", U"\u00C3\u00D1\u00D5\u00E3\u00F1\u00F5"},
      {0x308, "AEIOUaeiouy", U"\u00C4\u00CB\u00CF\u00D6\u00DC\u00E4\u00EB\u00EF\u00F6\u00FC\u00FF"},
      {0x327, "Cc", U"\u00C7\u00E7"},
  };
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    // A combining mark in U+0300..U+036F is two bytes: 0xCC or 0xCD, then a continuation byte.
    if (i + 2 < name.size() && (name[i + 1] == '\xCC' || name[i + 1] == '\xCD')) {
      auto high = static_cast<unsigned char>(name[i + 1]), low = static_cast<unsigned char>(name[i + 2]);
      char32_t mark = ((high & 0x1F) << 6) | (low & 0x3F);
      bool done = false;
      for (const Mark& m : kMarks) {
        std::size_t at = m.code == mark ? m.bases.find(name[i]) : std::string_view::npos;
        if (at == std::string_view::npos) continue;
        char32_t c = m.composed[at];  // U+00C0..U+00FF: two bytes
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
        i += 2;
        done = true;
        break;
      }
      if (done) continue;
    }
    out += name[i];
  }
  return out;
}

}  // namespace

std::variant<std::unique_ptr<CsvReader>, CsvError> CsvReader::open(const std::string& path) {
  // Opened without blocking (a named pipe would wait for a writer for ever), then checked through the descriptor,
  // so that the file checked is the one read: a regular file of at most kMaxDataFileBytes (not /dev/zero).
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return CsvError{Message(kCannotOpen, path, std::strerror(errno))};
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return CsvError{Message(kDataFileNotRegular, path)};
  }
  if (static_cast<unsigned long long>(st.st_size) > kMaxDataFileBytes) {
    ::close(fd);
    return CsvError{Message(kDataFileTooLarge, path, kMaxDataFileBytes >> 30)};
  }
  std::FILE* file = ::fdopen(fd, "rb");
  if (file == nullptr) {
    ::close(fd);
    return CsvError{Message(kCannotOpen, path, std::strerror(errno))};
  }
  std::unique_ptr<CsvReader> reader(new CsvReader(file, path));
  if (std::optional<CsvError> error = reader->start()) return *std::move(error);
  return reader;
}

CsvReader::CsvReader(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {
  buffer_.resize(kBlockSize + 1);
  buffer_[0] = '\0';
}

CsvReader::~CsvReader() {
  std::fclose(file_);
}

// Keeps the current record [pos_, end_), moved to the front, and reads as much as the buffer holds after it.
bool CsvReader::fill() {
  if (end_ - pos_ >= kMaxRecordSize) {
    if (open_quote_ != std::string::npos) {
      fail(open_quote_, Message(kQuoteNotClosedWithin, kMaxRecordText));
    } else {
      fail(pos_, Message(kRecordTooLong, kMaxRecordText));
    }
    return false;
  }
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    file_offset_ += pos_;
    pos_ = 0;
  }
  std::size_t capacity = buffer_.size() - 1;
  if (end_ == capacity) {
    capacity *= 2;
    buffer_.resize(capacity + 1);
  }
  std::size_t wanted = capacity - end_;
  std::size_t got = std::fread(buffer_.data() + end_, 1, wanted, file_);
  end_ += got;
  buffer_[end_] = '\0';  // the sentinel that ends every scan
  if (got < wanted) {
    if (std::ferror(file_)) {
      error_ = CsvError{Message(kCannotRead, path_, std::strerror(errno))};
      return false;
    }
    at_eof_ = true;
  }
  return true;
}

std::optional<CsvError> CsvReader::start() {
  if (!fill()) return error_;
  const auto* data = reinterpret_cast<const unsigned char*>(buffer_.data());
  if (end_ >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
    return CsvError{Message(kUtf16)};
  }
  if (end_ >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
    encoding_ = Encoding::Utf8Bom;
    pos_ = record_end_ = 3;
  } else {
    std::size_t sample = std::min(end_, kEncodingSampleSize);
    bool may_be_cut = sample < end_ || !at_eof_;
    encoding_ = is_valid_utf8(data, sample, may_be_cut) ? Encoding::Utf8 : Encoding::Latin1;
  }
  const CsvError empty_file{Message(kEmptyFile)};
  if (pos_ == end_ && at_eof_) return empty_file;
  // Lines ended by CR alone (old Mac OS exports): the whole file would read as one line, too long or with too many
  // fields; say what it is instead.
  if (std::memchr(data + pos_, '\n', end_ - pos_) == nullptr && std::memchr(data + pos_, '\r', end_ - pos_) != nullptr)
    return CsvError{Message(kCarriageReturnOnly), 1, 0};
  if (!detect_delimiter()) return error_;
  classify_bytes();

  Step step = read_record();
  if (step == Step::Failed) return error_;
  if (step == Step::End) return empty_file;
  if (is_blank_record()) {
    do {
      advance();
      step = read_record();
    } while (step == Step::Record && is_blank_record());
    if (step == Step::End) return empty_file;
    return CsvError{Message(kFirstLineEmpty), 1, 0};
  }
  header_.reserve(spans_.size());
  for (const FieldSpan& span : spans_) header_.emplace_back(precomposed(trimmed(view(span))));
  return std::nullopt;
}

// The header decides: ';' if it has one outside quotes, otherwise ','.
bool CsvReader::detect_delimiter() {
  for (;;) {
    const auto* base = reinterpret_cast<const unsigned char*>(buffer_.data());
    const unsigned char* p = base + pos_;
    const unsigned char* const end = base + end_;
    bool in_quotes = false;
    bool complete = false;
    std::size_t semicolons = 0, commas = 0, tabs = 0;
    open_quote_ = std::string::npos;
    for (; p < end; ++p) {
      if (*p == '"') {
        in_quotes = !in_quotes;
        if (in_quotes) open_quote_ = static_cast<std::size_t>(p - base);
      } else if (!in_quotes) {
        if (*p == '\n') {
          complete = true;
          break;
        }
        semicolons += *p == ';';
        commas += *p == ',';
        tabs += *p == '\t';
      }
    }
    if (complete || at_eof_) {
      open_quote_ = std::string::npos;
      if (semicolons == 0 && commas == 0 && tabs > 0) {
        error_ = CsvError{Message(kTabSeparated), 1, 0};
        return false;
      }
      delimiter_ = semicolons > 0 ? ';' : ',';
      return true;
    }
    if (!in_quotes) open_quote_ = std::string::npos;
    if (!fill()) return false;
  }
}

void CsvReader::classify_bytes() {
  for (int byte = 0x80; byte < 0x100; ++byte) stops_unquoted_[byte] = stops_quoted_[byte] = 1;
  for (unsigned char byte : {'\0', '\n', '"'}) stops_unquoted_[byte] = stops_quoted_[byte] = 1;
  stops_unquoted_[static_cast<unsigned char>('\r')] = 1;
  stops_unquoted_[static_cast<unsigned char>(delimiter_)] = 1;
}

void CsvReader::advance() {
  pos_ = record_end_;
  line_ += record_newlines_;
  record_newlines_ = 0;
}

CsvReader::Step CsvReader::read_record() {
  for (;;) {
    Step step = parse_record();
    if (step != Step::NeedMore) return step;
    if (!fill()) return Step::Failed;
  }
}

// Parses the record at pos_ from its start; when the buffer ends before the record does (and the file does not),
// returns NeedMore and is called again once more input is in.
CsvReader::Step CsvReader::parse_record() {
  spans_.clear();
  scratch_.clear();
  open_quote_ = std::string::npos;
  const auto* base = reinterpret_cast<const unsigned char*>(buffer_.data());
  const unsigned char* p = base + pos_;
  const unsigned char* const end = base + end_;
  if (p == end) return at_eof_ ? Step::End : Step::NeedMore;
  const unsigned char delimiter = static_cast<unsigned char>(delimiter_);
  const bool latin1 = encoding_ == Encoding::Latin1;
  const unsigned char* const stops_unquoted = stops_unquoted_;
  const unsigned char* const stops_quoted = stops_quoted_;
  long newlines = 0;

  enum class HighByte { Ok, NeedMore, Invalid, Mixed };
  auto take_high_byte = [&](bool& needs_decoding) {
    if (latin1) {
      // A valid UTF-8 sequence in a file read as Latin-1 means the file mixes encodings ("é" written as C3 A9
      // would silently become "Ã©"): such pairs of bytes practically never occur in Latin-1 text.
      int length = utf8_sequence_length(p, end);
      if (length >= 2) return HighByte::Mixed;
      needs_decoding = true;
      ++p;
      return HighByte::Ok;
    }
    int length = utf8_sequence_length(p, end);
    if (length < 0 && !at_eof_) return HighByte::NeedMore;
    if (length <= 0) return HighByte::Invalid;
    p += length;
    return HighByte::Ok;
  };
  auto invalid_utf8 = [&]() {
    const MessageText& why = encoding_ == Encoding::Utf8Bom ? kInvalidUtf8AfterBom : kInvalidUtf8AfterSample;
    return fail(static_cast<std::size_t>(p - base), Message(why, hex_byte(*p)));
  };
  auto mixed_encoding = [&]() { return fail(static_cast<std::size_t>(p - base), Message(kMixedEncodings)); };
  auto nul_byte = [&]() { return fail(static_cast<std::size_t>(p - base), Message(kNulByteInCsv)); };

  for (;;) {
    const unsigned char* const raw = p;
    const unsigned char* content = p;
    const unsigned char* content_end;
    const bool quoted = *p == '"';
    bool needs_decoding = false;
    if (!quoted) {
      for (;;) {
        while (!stops_unquoted[*p]) ++p;
        const unsigned char c = *p;
        if (p == end) {
          if (!at_eof_) return Step::NeedMore;
          break;
        }
        if (c == delimiter || c == '\n') break;
        if (c == '\r') {
          if (p + 1 == end && !at_eof_) return Step::NeedMore;
          if (p + 1 == end || p[1] == '\n') break;
          ++p;  // a lone CR is data
        } else if (c == '"') {
          return fail(static_cast<std::size_t>(p - base), Message(kQuoteInUnquotedField));
        } else if (c == '\0') {
          return nul_byte();
        } else {
          HighByte taken = take_high_byte(needs_decoding);
          if (taken == HighByte::NeedMore) return Step::NeedMore;
          if (taken == HighByte::Invalid) return invalid_utf8();
          if (taken == HighByte::Mixed) return mixed_encoding();
        }
      }
      content_end = p;
    } else {
      open_quote_ = static_cast<std::size_t>(raw - base);
      content = ++p;
      for (;;) {
        while (!stops_quoted[*p]) ++p;
        const unsigned char c = *p;
        if (p == end) {
          if (!at_eof_) return Step::NeedMore;
          return fail(static_cast<std::size_t>(raw - base), Message(kQuoteNeverClosed));
        }
        if (c == '"') {
          if (p + 1 == end && !at_eof_) return Step::NeedMore;
          if (p[1] != '"') break;
          needs_decoding = true;
          p += 2;
        } else if (c == '\n') {
          ++newlines;
          ++p;
        } else if (c == '\0') {
          return nul_byte();
        } else {
          HighByte taken = take_high_byte(needs_decoding);
          if (taken == HighByte::NeedMore) return Step::NeedMore;
          if (taken == HighByte::Invalid) return invalid_utf8();
          if (taken == HighByte::Mixed) return mixed_encoding();
        }
      }
      content_end = p++;
      open_quote_ = std::string::npos;
      if (p != end) {
        bool well_ended;
        if (*p == '\r') {
          if (p + 1 == end && !at_eof_) return Step::NeedMore;
          well_ended = p + 1 == end || p[1] == '\n';
        } else {
          well_ended = *p == delimiter || *p == '\n';
        }
        if (!well_ended) {
          return fail(static_cast<std::size_t>(p - base), Message(kTextAfterClosingQuote, std::string(1, delimiter_)));
        }
      }
    }
    add_field(raw, content, content_end, quoted, needs_decoding);

    if (p == end) {
      record_end_ = end_;
      break;
    }
    if (*p == delimiter) {
      ++p;
      continue;
    }
    if (*p == '\r') ++p;
    if (p != end) ++p;  // the '\n'
    ++newlines;
    record_end_ = static_cast<std::size_t>(p - base);
    break;
  }
  record_newlines_ = newlines;
  return Step::Record;
}

// Inline: it runs for every field, and most need nothing more than their place in the buffer.
inline void CsvReader::add_field(const unsigned char* raw, const unsigned char* content,
                                 const unsigned char* content_end, bool quoted, bool needs_decoding) {
  const auto* base = reinterpret_cast<const unsigned char*>(buffer_.data());
  // Filled in place: a span built on the stack then copied in was read back as a whole right after its flags
  // were written byte by byte, a store-forwarding stall that cost more than the rest of the function.
  FieldSpan& span = spans_.emplace_back();
  span.raw_begin = static_cast<std::size_t>(raw - base);
  span.quoted = quoted;
  if (!needs_decoding) {
    span.begin = static_cast<std::size_t>(content - base);
    span.size = static_cast<std::size_t>(content_end - content);
  } else {
    decode_field(span, content, content_end);
  }
}

void CsvReader::decode_field(FieldSpan& span, const unsigned char* content, const unsigned char* content_end) {
  const bool latin1 = encoding_ == Encoding::Latin1;
  span.in_scratch = true;
  span.begin = scratch_.size();
  for (const unsigned char* q = content; q < content_end; ++q) {
    if (*q < 0x80 || !latin1) {
      scratch_ += static_cast<char>(*q);
      if (*q == '"') ++q;  // only "" pairs are left inside a quoted field
    } else {
      append_latin1_as_utf8(scratch_, *q);
    }
  }
  span.size = scratch_.size() - span.begin;
}

std::string_view CsvReader::view(const FieldSpan& span) const {
  const char* data = span.in_scratch ? scratch_.data() : buffer_.data();
  return std::string_view(data + span.begin, span.size);
}

bool CsvReader::is_blank_record() const {
  return spans_.size() == 1 && !spans_[0].quoted && trimmed(view(spans_[0])).empty();
}

bool CsvReader::restrict_to(unsigned long long begin, unsigned long long end, long first_line) {
  if (std::fseek(file_, static_cast<long>(begin), SEEK_SET) != 0) {
    error_ = CsvError{Message(kCannotRead, path_, std::strerror(errno))};
    finished_ = true;
    return false;
  }
  file_offset_ = begin;
  range_end_ = end;
  pos_ = end_ = record_end_ = 0;
  record_newlines_ = 0;
  line_ = first_line;
  at_eof_ = finished_ = false;
  buffer_[0] = '\0';
  return true;
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
  if (finished_) return false;
  advance();
  if (file_offset_ + pos_ >= range_end_) {  // the next record belongs to the next range (restrict_to)
    finished_ = true;
    return false;
  }
  Step step = read_record();
  long first_blank_line = 0;
  while (step == Step::Record && is_blank_record()) {
    if (first_blank_line == 0) first_blank_line = line_;
    advance();
    step = read_record();
  }
  if (step == Step::End) {
    finished_ = true;  // blank lines at the end of the file are tolerated
    return false;
  }
  if (first_blank_line != 0) {
    error_ = CsvError{Message(kEmptyLine), first_blank_line, 0};
    finished_ = true;
    return false;
  }
  if (step == Step::Failed) {
    finished_ = true;
    return false;
  }
  if (spans_.size() != header_.size()) {
    error_ = CsvError{Message(spans_.size() == 1 ? kOneField : kFields, spans_.size(), header_.size()), line_, 0};
    finished_ = true;
    return false;
  }
  fields.resize(spans_.size());
  for (std::size_t i = 0; i < spans_.size(); ++i) fields[i] = view(spans_[i]);
  return true;
}

long CsvReader::field_line(std::size_t i) const {
  return i < spans_.size() ? locate(spans_[i].raw_begin).line : 0;
}

long CsvReader::field_column(std::size_t i) const {
  return i < spans_.size() ? locate(spans_[i].raw_begin).column : 0;
}

CsvReader::Step CsvReader::fail(std::size_t offset, Message message) {
  Location location = locate(offset);
  error_ = CsvError{std::move(message), location.line, location.column};
  return Step::Failed;
}

// Counts lines and characters from the start of the current record, which is still in the buffer.
CsvReader::Location CsvReader::locate(std::size_t offset) const {
  const bool latin1 = encoding_ == Encoding::Latin1;
  Location location{line_, 1};
  const auto* base = reinterpret_cast<const unsigned char*>(buffer_.data());
  for (const unsigned char* p = base + pos_; p < base + offset; ++p) {
    if (*p == '\n') {
      ++location.line;
      location.column = 1;
    } else if (latin1 || (*p & 0xC0) != 0x80) {
      ++location.column;
    }
  }
  return location;
}

}  // namespace caqes
