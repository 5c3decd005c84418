// A connection to PostgreSQL through libpq: queries whose results are read as text (NUMERIC read back exactly),
// commands, and COPY … FROM STDIN. Every error is a diagnostic that never shows the password of the connection
// string (redacted()).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "syntax/diagnostic.h"

struct pg_conn;
struct pg_result;

namespace caqes {

// The connection string with its password replaced by *** (postgresql://user:***@host/db, password=***).
std::string redacted(const std::string& url);

class QueryResult {
 public:
  QueryResult() = default;
  explicit QueryResult(pg_result* r);
  ~QueryResult();
  QueryResult(QueryResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  QueryResult& operator=(QueryResult&& o) noexcept;
  int rows() const;
  int columns() const;
  bool null(int row, int column) const;
  std::string text(int row, int column) const;

 private:
  pg_result* r_ = nullptr;
};

class Connection {
 public:
  // Opens the connection and sets the session as caqes reads it (UTF-8, ISO dates, standard strings); null on
  // an error, reported in diags.
  static std::unique_ptr<Connection> open(const std::string& url, Diagnostics& diags);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool command(const std::string& sql, Diagnostics& diags);
  bool query(const std::string& sql, QueryResult& out, Diagnostics& diags);
  // COPY … FROM STDIN (text format): `produce` appends lines to its buffer and returns false at the end; `failed`
  // tells it stopped on an error of its own (the COPY is then aborted).
  bool copy_in(const std::string& sql, const std::function<bool(std::string& buffer, bool& failed)>& produce,
               Diagnostics& diags);
  const std::string& url() const { return url_; }

 private:
  Connection(pg_conn* c, std::string url) : c_(c), url_(std::move(url)) {}
  void report(const std::string& sql, Diagnostics& diags);
  pg_conn* c_;
  std::string url_;
};

// A value as COPY's text format writes it (backslash, tab, newline and carriage return escaped).
std::string copy_escaped(const std::string& text);

}  // namespace caqes
