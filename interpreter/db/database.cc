// The rules' tables in PostgreSQL (database.h): the DDL and COPY of `caqes load`, the schema check and the reading
// of the per-establishment tables, and the aggregates computed by the generated SQL.
#include "db/database.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "db/db_messages.h"
#include "sql/sql_compiler.h"

namespace caqes {
namespace {

using namespace db_messages;

// The key of a table (FINESS, and the year of the per-year tables), as the database names its columns.
std::string key_columns(const TableInfo& t, int table, const TableMapping& names) {
  return names.column_sql(table, t.finess_column) + (t.has_year() ? ", " + names.column_sql(table, t.year_column) : "");
}

std::string column_list(const TableInfo& t, int table, const TableMapping& names) {
  std::string columns;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    columns += (columns.empty() ? "" : ", ") + names.column_sql(table, static_cast<int>(c));
  return columns;
}

// A value as COPY's text format reads it for its column's SQL type; \N for an absent one.
std::string copy_value(const Value& v) {
  if (v.absent()) return "\\N";
  if (v.is_bool()) return v.boolean() ? "t" : "f";
  if (v.is_number()) return decimal_text(v.number());
  if (v.is_date()) return v.date().iso();
  return copy_escaped(v.text());
}

void append_row(std::string& buffer, const Row& row) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (c) buffer += '\t';
    buffer += copy_value(row[c]);
  }
  buffer += '\n';
}

std::string create_table(const TableInfo& t, int table, const TableMapping& names) {
  std::string sql = "CREATE TABLE " + names.table_sql(table) + " (\n";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const ColumnInfo& c = t.columns[i];
    bool key = &c == &t.columns[t.finess_column] || (t.has_year() && &c == &t.columns[t.year_column]);
    sql += fmt::format("  {} {}{},\n", names.column_sql(table, static_cast<int>(i)), sql_type(c.type),
                       key ? " NOT NULL" : "");
  }
  std::string key = key_columns(t, table, names);
  if (t.per_entity()) {
    sql += "  PRIMARY KEY (" + key + ")\n)";
  } else {
    sql.resize(sql.size() - 2);
    sql += "\n)";
  }
  return sql;
}

// The indexes of a row-level table: by establishment and year (every query), and by the key its correlated
// lookups equate (the patient of the EPA's lab acts).
std::vector<std::string> indexes(const CheckedProgram& p, int table, const std::set<int>& lookup_columns,
                                 const TableMapping& names) {
  const TableInfo& t = p.tables[table];
  std::string key = key_columns(t, table, names);
  std::vector<std::string> out = {fmt::format("CREATE INDEX ON {} ({})", names.table_sql(table), key)};
  for (int c : lookup_columns)
    out.push_back(fmt::format("CREATE INDEX ON {} ({}, {})", names.table_sql(table), key, names.column_sql(table, c)));
  return out;
}

// The columns that correlated lookups equate, per table, over every year of the contract.
std::map<int, std::set<int>> lookup_columns(const CheckedProgram& p) {
  std::vector<int> years;
  for (int y = p.first_year; y <= p.last_year; ++y) years.push_back(y);
  Plan plan = make_plan(p, years);
  std::map<int, std::set<int>> out;
  plan.correlation.for_each([&](int id, const Correlation& c) {
    if (c.inner_column < 0) return;
    // The call's table: found through the program's calls.
    if (const auto* info = p.calls.find(id)) out[info->second.table].insert(c.inner_column);
  });
  return out;
}

// A value of the database, read as text, into the column's type; false if it is not one.
bool read_value(ColumnType type, const QueryResult& r, int row, int column, Value& out) {
  if (r.null(row, column)) {
    out = Value();
    return true;
  }
  std::string text = r.text(row, column);
  switch (type) {
    case ColumnType::Text:
    case ColumnType::Code:
      out = text.empty() ? Value() : Value(text);  // an empty cell of a CSV file is absent too
      return true;
    case ColumnType::Boolean:
      if (text != "t" && text != "f") return false;
      out = Value(text == "t");
      return true;
    case ColumnType::Date: {
      int y = 0, m = 0, d = 0;
      char a = 0, b = 0;
      if (text.size() != 10 || std::sscanf(text.c_str(), "%4d%c%2d%c%2d", &y, &a, &m, &b, &d) != 5 || a != '-' || b != '-')
        return false;
      out = Value(Date::from_civil(y, m, d));
      return true;
    }
    default: {
      auto d = Decimal::parse_plain(text);
      if (!d) return false;
      if ((type == ColumnType::Year || type == ColumnType::Integer || type == ColumnType::Count) && !d->is_integer())
        return false;
      out = Value(*d);
      return true;
    }
  }
}

// The types of the database that hold a declared column's values exactly.
bool type_fits(ColumnType type, const std::string& db_type) {
  const auto& fit = database_types(type);
  return std::find(fit.begin(), fit.end(), db_type) != fit.end();
}

bool read_rows(const TableInfo& t, int table, const TableMapping& names, Connection& db, std::vector<Row>& rows,
               Diagnostics& diags) {
  QueryResult r;
  if (!db.query("SELECT " + column_list(t, table, names) + " FROM " + names.table_sql(table), r, diags)) return false;
  rows.assign(static_cast<std::size_t>(r.rows()), Row(t.columns.size()));
  for (int i = 0; i < r.rows(); ++i)
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      if (!read_value(t.columns[c].type, r, i, static_cast<int>(c), rows[i][c])) {
        diags.error_at("", Message(kBadValue, names.described(table), names.described(table, static_cast<int>(c)),
                                   r.text(i, static_cast<int>(c))));
        return false;
      }
  return true;
}

// Every declared table and column in the database, of a type that holds its values; errors name the database's
// table and column and, when the mapping renames them, the declared ones they stand for.
bool check_schema(const CheckedProgram& p, const TableMapping& names, Connection& db, Diagnostics& diags) {
  std::set<std::string> schemas;
  for (std::size_t t = 0; t < p.tables.size(); ++t)
    if (!names.schema(static_cast<int>(t)).empty()) schemas.insert(names.schema(static_cast<int>(t)));
  std::string others;
  for (const std::string& s : schemas) others += (others.empty() ? "" : ", ") + quote_text(s);
  QueryResult columns;
  if (!db.query("SELECT table_schema, table_name, column_name, data_type, table_schema = current_schema() "
                "FROM information_schema.columns WHERE table_schema = current_schema()" +
                    (others.empty() ? std::string() : " OR table_schema IN (" + others + ")"),
                columns, diags))
    return false;
  // (schema, table) → column → type; the connection's own schema also under "".
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> present;
  for (int i = 0; i < columns.rows(); ++i) {
    present[{columns.text(i, 0), columns.text(i, 1)}][columns.text(i, 2)] = columns.text(i, 3);
    if (columns.text(i, 4) == "t") present[{"", columns.text(i, 1)}][columns.text(i, 2)] = columns.text(i, 3);
  }
  int before = diags.error_count();
  for (std::size_t ti = 0; ti < p.tables.size(); ++ti) {
    int t = static_cast<int>(ti);
    const TableInfo& table = p.tables[ti];
    const Span& declared = table.decl->name_span;
    auto it = present.find({names.schema(t), names.table(t)});
    if (it == present.end()) {
      if (names.renamed(t))
        diags.error(names.where(t), Message(kMissingMappedTable, names.table_shown(t), table.name, declared.where()));
      else
        diags.error(declared, Message(kMissingTable, table.name, declared.where()));
      continue;
    }
    for (std::size_t ci = 0; ci < table.columns.size(); ++ci) {
      int c = static_cast<int>(ci);
      const ColumnInfo& column = table.columns[ci];
      Span at = column.span.known() ? column.span : declared;
      auto col = it->second.find(names.column(t, c));
      bool mapped = names.renamed(t) || names.renamed(t, c);
      // Where to mend it: the mapping's line for the column, else for its table, else the declaration.
      Span mend = names.where(t, c).known() ? names.where(t, c) : names.renamed(t) ? names.where(t) : at;
      if (col == it->second.end()) {
        if (mapped)
          diags.error(mend, Message(kMissingMappedColumn, names.column(t, c), names.table_shown(t), column.name,
                                    table.name, at.where()));
        else
          diags.error(at, Message(kMissingColumn, column.name, table.name, at.where()));
      } else if (!type_fits(column.type, col->second)) {
        if (mapped)
          diags.error(mend, Message(kWrongMappedType, names.column(t, c), names.table_shown(t), col->second,
                                    sql_type(column.type), column.name, table.name));
        else
          diags.error(at, Message(kWrongType, column.name, table.name, col->second, sql_type(column.type)));
      }
    }
  }
  return diags.error_count() == before;
}

}  // namespace

bool load_database(const CheckedProgram& p, const std::string& dir, const TableMapping& names, Connection& db,
                   long long& rows, int& tables, Diagnostics& diags) {
  rows = 0;
  tables = 0;
  Dataset data;
  if (!load_dataset(p, dir, data, diags)) return false;  // the registry and per-establishment tables, validated
  if (!db.command("BEGIN", diags)) return false;
  auto lookups = lookup_columns(p);
  bool ok = true;
  for (std::size_t t = 0; ok && t < p.tables.size(); ++t) {
    const TableInfo& table = p.tables[t];
    int ti = static_cast<int>(t);
    ok = db.command(create_table(table, ti, names), diags);
    if (!ok) break;
    std::string copy = "COPY " + names.table_sql(ti) + " (" + column_list(table, ti, names) + ") FROM STDIN";
    if (table.per_entity()) {
      std::vector<std::pair<long long, const Row*>> keyed;
      for (const auto& [k, row] : data.keyed_rows[t]) keyed.push_back({k, &row});
      std::sort(keyed.begin(), keyed.end());
      std::size_t next = 0;
      ok = db.copy_in(copy, [&](std::string& buffer, bool&) {
        for (; next < keyed.size() && buffer.size() < (1u << 20); ++next) append_row(buffer, *keyed[next].second);
        return next < keyed.size();
      }, diags);
      rows += static_cast<long long>(keyed.size());
    } else {
      // The rows streamed from the CSV file with every column converted: the validation of a run.
      auto source = data.open_rows(static_cast<int>(t));
      ok = db.copy_in(copy, [&](std::string& buffer, bool& failed) {
        while (buffer.size() < (1u << 20)) {
          const Row* row = source->next(diags);
          if (!row) {
            failed = diags.has_errors();
            return false;
          }
          append_row(buffer, *row);
          ++rows;
        }
        return true;
      }, diags);
      for (const std::string& sql : indexes(p, ti, lookups[ti], names))
        if (ok) ok = db.command(sql, diags);
    }
    if (ok) ++tables;
  }
  if (ok) ok = db.command("ANALYZE", diags) && db.command("COMMIT", diags);
  if (!ok) {
    Diagnostics ignored;  // the first error says why; the connection closes anyway
    db.command("ROLLBACK", ignored);
    diags.error_at("", Message(kNothingLoaded));
  }
  return ok;
}

bool read_database(const CheckedProgram& p, const TableMapping& names, Connection& db, Dataset& data,
                   Diagnostics& diags) {
  if (!check_schema(p, names, db, diags)) return false;

  std::size_t n = p.tables.size();
  data = Dataset();
  data.program = &p;
  data.keyed_rows.assign(n, {});
  data.row_files.assign(n, "");
  data.memory_rows.assign(n, {});
  if (p.registry_table >= 0) {
    const TableInfo& reg = p.tables[p.registry_table];
    std::vector<Row> rows;
    if (!read_rows(reg, p.registry_table, names, db, rows, diags)) return false;
    // Sorted as load_dataset sorts them, byte by byte: the order of the establishments in every output.
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      return a[reg.finess_column].text() < b[reg.finess_column].text();
    });
    for (Row& row : rows) {
      int e = data.add_entity(row[reg.finess_column].text());
      data.keyed_rows[p.registry_table][e] = std::move(row);
    }
  }
  for (std::size_t t = 0; t < n; ++t) {
    const TableInfo& table = p.tables[t];
    if (static_cast<int>(t) == p.registry_table || !table.per_entity()) continue;
    std::vector<Row> rows;
    if (!read_rows(table, static_cast<int>(t), names, db, rows, diags)) return false;
    for (Row& row : rows) {
      const std::string& f = row[table.finess_column].text();
      auto it = data.entity_index.find(f);
      if (it == data.entity_index.end()) {
        diags.error_at("", Message(kUnknownEstablishment, names.described(static_cast<int>(t)), f,
                                   names.described(p.registry_table)));
        return false;
      }
      long long k = it->second;
      std::string year;
      if (table.has_year()) {
        int y = static_cast<int>(row[table.year_column].number().to_int().value_or(0));
        k = Dataset::key(it->second, y);
        year = std::to_string(y);
      }
      if (!data.keyed_rows[t].emplace(k, std::move(row)).second) {
        diags.error_at("", Message(kTwoRows, names.described(static_cast<int>(t)), f, year));
        return false;
      }
    }
  }
  return true;
}

bool SqlAggregates::fill(const CheckedProgram& p, const Dataset& data, const Plan& plan, const ConstantParameter& constant,
                         RowAggregates& aggregates, std::map<int, std::set<int>>& row_years, Diagnostics& diags) {
  std::vector<SqlQuery> queries;
  if (!compile_queries(p, plan, constant, queries, diags, &names_, count_kept_rows_)) return false;
  // A table whose rows look up others is joined by row identity: a view (or materialized view) has none.
  for (const SqlQuery& query : queries) {
    if (query.looked_up.empty()) continue;
    QueryResult kind;
    if (!db_.query("SELECT relkind FROM pg_class WHERE oid = to_regclass(" + quote_text(names_.table_sql(query.table)) + ")",
                   kind, diags))
      return false;
    if (kind.rows() == 1 && (kind.text(0, 0) == "v" || kind.text(0, 0) == "m")) {
      std::string looked;
      for (int t : query.looked_up) looked += (looked.empty() ? "" : ", ") + names_.described(t);
      diags.error_at("", Message(kLookingUpTableIsView, names_.described(query.table), looked), Message(kMaterializeTheView));
      return false;
    }
  }
  for (const SqlQuery& query : queries) {
    const TableInfo& t = p.tables[query.table];
    QueryResult r;
    if (!db_.query(query.text, r, diags)) return false;
    int first = t.has_year() ? 2 : 1;
    for (int i = 0; i < r.rows(); ++i) {
      std::string f = r.text(i, 0);
      auto it = data.entity_index.find(f);
      if (it == data.entity_index.end()) {
        diags.error_at(
            "", Message(kUnknownEstablishment, names_.described(query.table), f, names_.described(p.registry_table)));
        return false;
      }
      int entity = it->second;
      int year = t.has_year() ? std::stoi(r.text(i, 1)) : 0;
      for (std::size_t o = 0; o < query.outputs.size(); ++o) {
        const SqlOutput& out = query.outputs[o];
        if (t.has_year() && out.rows_year != year) continue;
        int column = first + out.column - 1;
        if (r.null(i, column)) continue;  // no row counted: the accumulator stays empty
        Accumulator& acc = aggregates[out.slot][out.year][entity];
        std::string text = r.text(i, column);
        const CallInfo& info = p.calls.at(p.row_aggregations[out.slot]->id);
        bool read = true;
        if (out.field == SqlField::Min || out.field == SqlField::Max) {
          Kind k = p.type_of(*info.value).kind;
          ColumnType as = k == Kind::Date ? ColumnType::Date : k == Kind::Text ? ColumnType::Text : ColumnType::Decimal;
          read = read_value(as, r, i, column, out.field == SqlField::Min ? acc.min : acc.max);
        } else {
          auto d = Decimal::parse_plain(text);
          read = d.has_value();
          if (read && out.field == SqlField::Sum) acc.sum = *d;
          if (read && out.field != SqlField::Sum) {
            long long n = d->to_int().value_or(-1);
            read = n >= 0;
            (out.field == SqlField::Distinct ? acc.distinct_counted : acc.count) = n;
          }
        }
        if (!read) {
          diags.error_at("", Message(kBadValue, names_.described(query.table), fmt::format("c{}", out.column), text));
          return false;
        }
      }
    }
  }
  // The years each per-year table read holds, for the warnings of years the rules read and the data lack.
  std::set<int> read_tables;
  for (const PlannedGroup& g : plan.groups) {
    read_tables.insert(g.table);
    read_tables.insert(g.inner.begin(), g.inner.end());
  }
  for (int t : read_tables) {
    const TableInfo& table = p.tables[t];
    if (!table.has_year()) continue;
    // Grouped by establishment first: on a table partitioned by FINESS over other servers (tests/db/cluster.py),
    // that grouping is done by each server and only its (FINESS, year) pairs travel, where a plain DISTINCT of the
    // years would fetch every row.
    std::string year = names_.column_sql(t, table.year_column);
    QueryResult r;
    if (!db_.query("SELECT DISTINCT y FROM (SELECT " + year + " AS y FROM " + names_.table_sql(t) + " GROUP BY " +
                       names_.column_sql(t, table.finess_column) + ", " + year + ") AS years",
                   r, diags))
      return false;
    auto& years = row_years[t];
    for (int i = 0; i < r.rows(); ++i)
      if (!r.null(i, 0)) years.insert(std::stoi(r.text(i, 0)));
  }
  return true;
}

}  // namespace caqes
