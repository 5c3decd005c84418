// CsvReader: a streaming reader of the ';' or ',' separated extracts that feed the indicators
// (RFC 4180 quoting, UTF-8 or Latin-1), reporting malformed input with its line and column.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "syntax/message.h"

namespace caqes {

struct CsvError {
  Message message;  // without the location
  long line = 0;    // 1-based; 0 when the error concerns the whole file
  long column = 0;  // 1-based, in characters; 0 when it concerns the whole line

  // "line 12: 5 fields, the header has 4", "line 3, column 7: NUL byte: ...", or the bare message.
  Message located_message() const;
};

enum class Encoding {
  Utf8,
  Utf8Bom,  // UTF-8 starting with a byte order mark, which is skipped
  // ISO-8859-1, except that bytes 0x80-0x9F are read as Windows-1252 (0x80 = '€', 0x92 = '’', 0x9C = 'œ'): those
  // bytes are C1 control codes in Latin-1, which never occur in text, while Windows exports use them.
  Latin1,
};

// The largest data file read: 64 GiB, about thirty times the 10-million-stay benchmark (bench/); row-level tables
// are streamed, so it bounds the time of a run, not its memory.
inline constexpr unsigned long long kMaxDataFileBytes = 64ull << 30;

class CsvReader {
 public:
  // Opens the file (a regular file only, of at most kMaxDataFileBytes), detects its encoding and delimiter and reads
  // the header line.
  static std::variant<std::unique_ptr<CsvReader>, CsvError> open(const std::string& path);

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Column names, UTF-8, trimmed of surrounding spaces and tabs.
  const std::vector<std::string>& header() const { return header_; }
  char delimiter() const { return delimiter_; }
  Encoding encoding() const { return encoding_; }

  // Reads the next record: true with `fields` filled (as many as the header), false at the end of the file or on
  // an error, which error() then holds. The views are UTF-8, unquoted, with "" unescaped, and stay valid until the
  // next call. Once next() has returned false it keeps returning false.
  bool next(std::vector<std::string_view>& fields);
  const std::optional<CsvError>& error() const { return error_; }

  // 1-based line where the current record starts.
  long record_line() const { return line_; }

  // Byte ranges of one file, for reading a table on several cores (row_pass.cc): right after open(), where the
  // first record after the header starts (byte offset and line); then restrict_to() makes this reader read only the
  // records that start in [begin, end), `begin` being the start of a record on line `first_line` (csv_split.h finds
  // such places). A record that starts before `end` is read to its end, and a run of blank lines that reaches `end`
  // is read on to the next record (an error, as for one file) or to the end of the file (tolerated).
  std::pair<unsigned long long, long> data_start() const {
    return {file_offset_ + record_end_, line_ + record_newlines_};
  }
  bool restrict_to(unsigned long long begin, unsigned long long end, long first_line);
  // 1-based line and column (in characters) where field i of the current record starts (its opening quote if
  // quoted); 0 when there is no such field. A field is on a later line than the record when a quoted field before
  // it spans lines.
  long field_line(std::size_t i) const;
  long field_column(std::size_t i) const;

 private:
  enum class Step { Record, NeedMore, End, Failed };
  struct FieldSpan {
    std::size_t begin = 0;  // into the buffer, or into scratch_ when in_scratch
    std::size_t size = 0;
    std::size_t raw_begin = 0;  // where the field starts in the buffer, for its location
    bool in_scratch = false;
    bool quoted = false;
  };
  struct Location {
    long line = 0;
    long column = 0;
  };

  CsvReader(std::FILE* file, std::string path);

  std::optional<CsvError> start();
  bool fill();
  bool detect_delimiter();
  void classify_bytes();
  void advance();
  Step read_record();
  Step parse_record();
  void add_field(const unsigned char* raw, const unsigned char* content, const unsigned char* content_end, bool quoted,
                 bool needs_decoding);
  // Unescapes or re-encodes the field into scratch_.
  void decode_field(FieldSpan& span, const unsigned char* content, const unsigned char* content_end);
  std::string_view view(const FieldSpan& span) const;
  bool is_blank_record() const;
  Step fail(std::size_t offset, Message message);
  Location locate(std::size_t offset) const;

  std::FILE* file_;
  std::string path_;
  std::vector<char> buffer_;  // holds [pos_, end_) unread data, then one sentinel byte
  std::size_t pos_ = 0;       // start of the current record
  std::size_t end_ = 0;
  unsigned long long file_offset_ = 0;  // the offset in the file of buffer_[0]
  unsigned long long range_end_ = ~0ull;  // restrict_to: no record starting at or after it is read
  bool at_eof_ = false;
  bool finished_ = false;

  Encoding encoding_ = Encoding::Utf8;
  char delimiter_ = ',';
  // Bytes that stop the scan of an unquoted / a quoted field: 0 for ordinary bytes.
  unsigned char stops_unquoted_[256] = {};
  unsigned char stops_quoted_[256] = {};

  std::vector<std::string> header_;
  std::vector<FieldSpan> spans_;  // fields of the current record
  std::string scratch_;           // its unescaped or re-encoded fields
  long line_ = 1;                 // line where the current record starts, at pos_
  std::size_t record_end_ = 0;    // where the next record starts
  long record_newlines_ = 0;      // line breaks in the current record, its terminator included
  // Where the quoted field being read when more input was needed opened, or npos: blamed if it never closes.
  std::size_t open_quote_ = std::string::npos;
  std::optional<CsvError> error_;
};

}  // namespace caqes
