// The libpq connection (connection.h).
#include "db/connection.h"

#include <libpq-fe.h>

#include <regex>

#include "db/db_messages.h"

namespace caqes {

using namespace db_messages;

std::string redacted(const std::string& url) {
  // URI form: scheme://user:password@host…, and ?password=… among its parameters; key=value form: password=….
  static const std::regex uri_password(R"(^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@?]*):[^@/?]*@)");
  static const std::regex parameter(R"((password\s*=\s*)('([^'\\]|\\.)*'|[^\s&]*))", std::regex::icase);
  std::string out = std::regex_replace(url, uri_password, "$1:***@");
  return std::regex_replace(out, parameter, "$1***");
}

QueryResult::QueryResult(pg_result* r) : r_(r) {}
QueryResult::~QueryResult() {
  if (r_) PQclear(r_);
}
QueryResult& QueryResult::operator=(QueryResult&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}
int QueryResult::rows() const { return r_ ? PQntuples(r_) : 0; }
int QueryResult::columns() const { return r_ ? PQnfields(r_) : 0; }
bool QueryResult::null(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }
std::string QueryResult::text(int row, int column) const {
  return std::string(PQgetvalue(r_, row, column), static_cast<std::size_t>(PQgetlength(r_, row, column)));
}

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The server's message without the libpq decorations, on one line; never the connection string.
std::string server_message(pg_conn* c, const std::string& url) {
  std::string m = trimmed(PQerrorMessage(c));
  // libpq does not repeat the password, but a message quoting the string it was given must not show it.
  for (std::size_t at; !url.empty() && (at = m.find(url)) != std::string::npos;) m.replace(at, url.size(), redacted(url));
  for (char& ch : m)
    if (ch == '\n') ch = ' ';
  return m;
}

}  // namespace

std::unique_ptr<Connection> Connection::open(const std::string& url, Diagnostics& diags) {
  // Only the connection string's own settings: no password file or service file read unless it names one.
  pg_conn* c = PQconnectdb(url.c_str());
  if (!c || PQstatus(c) != CONNECTION_OK) {
    std::string why = c ? server_message(c, url) : std::string("out of memory");
    if (c) PQfinish(c);
    diags.error_at("", Message(kCannotConnect, redacted(url), why));
    return nullptr;
  }
  std::unique_ptr<Connection> out(new Connection(c, url));
  // The generated queries are wide (one column per aggregation and year, subqueries in their filters): compiling
  // them with JIT took a minute where running them takes a second on the example region, so JIT is off.
  if (!out->command("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO'; SET standard_conforming_strings = on; "
                    "SET client_min_messages = warning; SET jit = off",
                    diags))
    return nullptr;
  return out;
}

Connection::~Connection() { PQfinish(c_); }

void Connection::report(const std::string& sql, Diagnostics& diags) {
  std::string first = sql.substr(0, sql.find('\n'));
  // The server gone (stopped, restarted, the backend terminated, the network cut): not a refusal of the query.
  if (PQstatus(c_) == CONNECTION_BAD)
    diags.error_at("", Message(kConnectionLost, server_message(c_, url_)), Message(kConnectionLostHint, first));
  else
    diags.error_at("", Message(kQueryFailed, server_message(c_, url_)), Message(kQueryWas, first));
}

bool Connection::command(const std::string& sql, Diagnostics& diags) {
  pg_result* r = PQexec(c_, sql.c_str());
  bool ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
  if (r) PQclear(r);
  if (!ok) report(sql, diags);
  return ok;
}

bool Connection::query(const std::string& sql, QueryResult& out, Diagnostics& diags) {
  pg_result* r = PQexec(c_, sql.c_str());
  if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
    if (r) PQclear(r);
    report(sql, diags);
    return false;
  }
  out = QueryResult(r);
  return true;
}

bool Connection::copy_in(const std::string& sql, const std::function<bool(std::string& buffer, bool& failed)>& produce,
                         Diagnostics& diags) {
  pg_result* r = PQexec(c_, sql.c_str());
  bool started = r && PQresultStatus(r) == PGRES_COPY_IN;
  if (r) PQclear(r);
  if (!started) {
    report(sql, diags);
    return false;
  }
  std::string buffer;
  bool failed = false, more = true, sent = true;
  while (more && sent) {
    buffer.clear();
    more = produce(buffer, failed);
    if (failed) break;
    if (!buffer.empty()) sent = PQputCopyData(c_, buffer.data(), static_cast<int>(buffer.size())) == 1;
  }
  PQputCopyEnd(c_, failed ? "caqes: the data were refused" : nullptr);
  bool ok = !failed && sent;
  while (pg_result* end = PQgetResult(c_)) {
    if (PQresultStatus(end) != PGRES_COMMAND_OK) ok = false;
    PQclear(end);
  }
  if (!ok && !failed) report(sql, diags);
  return ok;
}

std::string copy_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace caqes
