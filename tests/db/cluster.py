#!/usr/bin/env python3
"""A sharded PostgreSQL cluster on this machine, for `caqes run --db` (ctest -R db-cluster, bench/postgresql.py).

    tests/db/cluster.py CAQES SOURCE_DIR [--rules R --data D ...] [--keep] [--explain]

Three throw-away servers in one temporary folder, listening on Unix sockets only (as the `postgres` user when run
as root: initdb refuses root): a coordinator and two workers. On the coordinator:
  - the per-establishment tables (registry, declarations, ...) are ordinary tables, loaded by `caqes load`: caqes
    reads them whole at the start of a run, they are small;
  - every row-level table (`par ligne`, `par ligne et année`) is a table PARTITIONED BY HASH on its FINESS column
    (the first declared column), whose two partitions are `postgres_fdw` foreign tables on the two workers; a given
    FINESS falls in the same partition of every table, so that an establishment's stays, lab acts and interventions
    all live on one worker;
  - `enable_partitionwise_aggregate` and `enable_partitionwise_join` are set for the database: since every generated
    query groups by FINESS (the partition key), PostgreSQL aggregates each partition on its own and postgres_fdw
    ships each partition's whole aggregation to its worker (a Foreign Scan whose remote SQL holds the GROUP BY);
    the servers are `async_capable`, so the two workers run at the same time.
Loading: each worker loads its own share with `caqes load` (the same validation as a run, one transaction each),
after this script has split the CSV files by FINESS with the partition PostgreSQL itself assigns
(satisfies_hash_partition on the coordinator's partitioned table). Not through the coordinator: in PostgreSQL 15 a
COPY into a partitioned table sends each row routed to a foreign partition as its own INSERT (postgres_fdw batches
only INSERT … SELECT, and COPY from 16 on), and the workers load in parallel this way.

As a test (the default): for each contract given (default: caqes-2022 on examples/occitanie), `caqes run --db` on the
coordinator must give, byte for byte, the CSV output of `caqes run --data`, and the table output but for the
manifest's lines about the data source. With --explain it prints, per generated query, the plan's foreign scans:
which worker, whether the aggregation was pushed down, the rows each returned and the time; and, from
pg_stat_statements on each worker, the queries the worker ran, their rows and time.
Exit 0 when identical, 1 when not, 77 (skipped) when the PostgreSQL server binaries are absent.
"""

import argparse
import glob
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def pg_bin():
    """The folder of initdb and pg_ctl (Debian: /usr/lib/postgresql/N/bin), or None."""
    found = None
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin")):
        if os.access(os.path.join(d, "initdb"), os.X_OK) and os.access(os.path.join(d, "pg_ctl"), os.X_OK):
            found = d
    if not found and shutil.which("initdb") and shutil.which("pg_ctl"):
        found = os.path.dirname(shutil.which("initdb"))
    return found


def schema(caqes, rules):
    out = subprocess.run([caqes, "schema", rules, "--format", "json"], capture_output=True, check=True)
    return json.loads(out.stdout)


def qi(name):
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def ql(text):
    """An SQL text literal."""
    return "'" + text.replace("'", "''") + "'"


class Cluster:
    """A coordinator (server 0) and `workers` workers, in one temporary folder; stop() removes everything."""

    def __init__(self, workers=2, settings=(), root=None):
        self.bin = pg_bin()
        if not self.bin:
            raise RuntimeError("no PostgreSQL server binaries (Debian: apt-get install postgresql)")
        self.dir = tempfile.mkdtemp(prefix="caqes_cluster.", dir=root)
        os.chmod(self.dir, 0o777)
        self.as_user = []
        if os.getuid() == 0:
            os.chown(self.dir, pwd.getpwnam("postgres").pw_uid, -1)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.n = workers + 1
        base = 41000 + (os.getpid() * 7) % 20000
        self.ports = [base + i for i in range(self.n)]
        self.settings = ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "jit=off",
                         "shared_preload_libraries=pg_stat_statements"] + list(settings)
        self.started = []

    def data(self, i):
        return os.path.join(self.dir, "server%d" % i)

    def url(self, i, db="caqes"):
        return "host=%s port=%d user=postgres dbname=%s" % (self.dir, self.ports[i], db)

    def name(self, i):
        return "coordinator" if i == 0 else "worker%d" % i

    def start(self):
        procs = []
        for i in range(self.n):
            log = open(os.path.join(self.dir, "initdb%d.log" % i), "w")
            procs.append((subprocess.Popen(self.as_user + [os.path.join(self.bin, "initdb"), "-D", self.data(i), "-U",
                                                           "postgres", "--auth=trust", "-E", "UTF8",
                                                           "--locale=C.UTF-8"], stdout=log, stderr=log), log))
        for i, (p, log) in enumerate(procs):
            if p.wait() != 0:
                log.close()
                raise RuntimeError("initdb failed: " + open(log.name).read())
            log.close()
        for i in range(self.n):
            opts = "-k %s -c listen_addresses='' -p %d %s" % (self.dir, self.ports[i],
                                                             " ".join("-c " + s for s in self.settings))
            r = subprocess.run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", self.data(i), "-l",
                                               os.path.join(self.dir, "server%d.log" % i), "-w", "-t", "60", "-o",
                                               opts, "start"], capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError("server %d did not start: %s%s" % (
                    i, r.stderr, open(os.path.join(self.dir, "server%d.log" % i)).read()))
            self.started.append(i)
            self.psql(i, "CREATE DATABASE caqes", db="postgres")

    def stop(self):
        for i in self.started:
            subprocess.run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", self.data(i), "-m", "immediate",
                                           "stop"], capture_output=True)
        self.started = []
        shutil.rmtree(self.dir, ignore_errors=True)

    def psql(self, i, sql, db="caqes"):
        r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", self.url(i, db)], input=sql,
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("psql on %s: %s\n%s" % (self.name(i), r.stderr, sql[:2000]))
        return r.stdout

    # ---- the schema and the data ---------------------------------------------------------------------------------

    def load(self, caqes, rules, data):
        """Creates the tables of `rules` (coordinator: partitioned row tables over the workers' foreign tables) and
        loads `data`, each worker its share. Returns the timings (seconds) of the steps."""
        timings = {}
        sch = schema(caqes, rules)
        row_tables = [t for t in sch["tables"] if t["key"].startswith("par ligne")]
        work = os.path.join(self.dir, "csv")
        shutil.rmtree(work, ignore_errors=True)
        folders = [os.path.join(work, self.name(i)) for i in range(self.n)]
        for f in folders:
            os.makedirs(f)
        os.chmod(work, 0o755)
        row_files = {t["file"] for t in row_tables}
        for name in os.listdir(data):
            if name.endswith(".csv") and name not in row_files:
                for f in folders:  # the per-establishment tables: every server has them (caqes load validates with them)
                    os.symlink(os.path.abspath(os.path.join(data, name)), os.path.join(f, name))

        # The coordinator: every table, the row-level ones empty (header only), then made partitioned.
        for t in row_tables:
            with open(os.path.join(data, t["file"]), "rb") as src, open(os.path.join(folders[0], t["file"]), "wb") as dst:
                dst.write(src.readline())
        start = time.monotonic()
        run_checked([caqes, "load", rules, "--data", folders[0], "--db", self.url(0)])
        timings["coordinator_load_s"] = time.monotonic() - start
        sql = ["CREATE EXTENSION postgres_fdw;"]
        for w in range(1, self.n):
            sql.append("CREATE SERVER %s FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %s, port '%d', dbname 'caqes', "
                       "async_capable 'true', fetch_size '10000', use_remote_estimate 'true');"
                       % (self.name(w), ql(self.dir), self.ports[w]))
            sql.append("CREATE USER MAPPING FOR postgres SERVER %s OPTIONS (user 'postgres');" % self.name(w))
        for t in row_tables:
            name, finess = t["name"], t["columns"][0]["name"]
            template = name + "_modèle"
            sql.append("ALTER TABLE %s RENAME TO %s;" % (qi(name), qi(template)))
            sql.append("CREATE TABLE %s (LIKE %s) PARTITION BY HASH (%s);" % (qi(name), qi(template), qi(finess)))
            sql.append("DROP TABLE %s;" % qi(template))
            for w in range(1, self.n):
                sql.append("CREATE FOREIGN TABLE %s PARTITION OF %s FOR VALUES WITH (MODULUS %d, REMAINDER %d) "
                           "SERVER %s OPTIONS (schema_name 'public', table_name %s);"
                           % (qi("%s_%s" % (name, self.name(w))), qi(name), self.n - 1, w - 1, self.name(w), ql(name)))
        sql.append("ALTER DATABASE caqes SET enable_partitionwise_aggregate = on;")
        sql.append("ALTER DATABASE caqes SET enable_partitionwise_join = on;")
        self.psql(0, "BEGIN;\n" + "\n".join(sql) + "\nCOMMIT;\n")

        # Which worker holds each FINESS: the partition PostgreSQL routes it to, for every row-level table.
        start = time.monotonic()
        entity_tables = [t for t in sch["tables"] if not t["key"].startswith("par ligne")]
        known = " UNION ".join("SELECT %s::text AS f FROM %s" % (qi(t["columns"][0]["name"]), qi(t["name"]))
                               for t in entity_tables)
        for t in row_tables:
            assign = {}

            def worker_of(values, table=t["name"]):
                cases = " ".join("WHEN satisfies_hash_partition(%s::regclass, %d, %d, f) THEN %d"
                                 % (ql(qi(table)), self.n - 1, w - 1, w) for w in range(1, self.n))
                return "SELECT f, CASE %s END FROM (%s) s" % (cases, values)

            for line in self.psql(0, worker_of(known)).splitlines():
                f, w = line.rsplit("|", 1)
                assign[f.encode()] = int(w)
            split_file(os.path.join(data, t["file"]), t["columns"][0]["name"],
                       [os.path.join(f, t["file"]) for f in folders[1:]], assign,
                       lambda f, table=t["name"]: int(self.psql(0, worker_of("SELECT %s AS f" % ql(f.decode()),
                                                                               table)).strip()))
        timings["split_s"] = time.monotonic() - start

        # The workers load their shares side by side.
        start = time.monotonic()
        procs = []
        for w in range(1, self.n):
            procs.append(subprocess.Popen([caqes, "load", rules, "--data", folders[w], "--db", self.url(w)],
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for w, p in enumerate(procs, 1):
            out, err = p.communicate()
            if p.returncode != 0:
                raise RuntimeError("caqes load on %s: %s" % (self.name(w), err))
            timings["%s_load_s" % self.name(w)] = time.monotonic() - start
        timings["workers_load_s"] = time.monotonic() - start
        for w in range(1, self.n):
            self.psql(w, "CREATE EXTENSION pg_stat_statements;")
        shutil.rmtree(work, ignore_errors=True)
        return timings

    # ---- the split of work ---------------------------------------------------------------------------------------

    def reset_statements(self):
        for w in range(1, self.n):
            self.psql(w, "SELECT pg_stat_statements_reset();")

    def worker_statements(self):
        """Per worker, from pg_stat_statements: the remote queries postgres_fdw opened (DECLARE … CURSOR, cursor
        names removed) with their count, and the totals: queries, rows sent back (FETCH) and execution time (the
        FETCHes run the queries)."""
        out = {}
        for w in range(1, self.n):
            totals = self.psql(w, "SELECT coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*DECLARE'), 0), "
                                  "coalesce(sum(rows) FILTER (WHERE query ~* '^\\s*FETCH'), 0), "
                                  "round(coalesce(sum(total_exec_time), 0)::numeric, 1) FROM pg_stat_statements "
                                  "WHERE query ~* '^\\s*(DECLARE|FETCH)'").strip().split("|")
            queries = self.psql(w, "SELECT sum(calls), q FROM (SELECT calls, left(regexp_replace(regexp_replace("
                                   "query, '^\\s*DECLARE c\\d+ CURSOR FOR\\s+', ''), '\\s+', ' ', 'g'), 110) AS q "
                                   "FROM pg_stat_statements WHERE query ~* '^\\s*DECLARE') s GROUP BY q ORDER BY 1 DESC")
            out[self.name(w)] = {"queries": int(totals[0]), "rows": int(totals[1]), "ms": float(totals[2]),
                                 "top": [line.split("|", 1) for line in queries.splitlines() if line]}
        return out

    def explain(self, caqes, rules, year):
        """EXPLAIN (ANALYZE, VERBOSE) of each generated query on the coordinator: its foreign scans."""
        text = subprocess.run([caqes, "sql", rules, "--year", str(year)], capture_output=True, text=True,
                              check=True).stdout
        report = []
        for query in [q.strip() for q in text.split(";\n") if "SELECT" in q]:
            table = re.search(r"-- Table (\S+)", query).group(1)
            body = query[query.index("SELECT"):]
            plan = json.loads(self.psql(0, "SET jit = off; EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) " + body))
            top = plan[0]
            scans = []

            def walk(node, in_subplan):
                if node.get("Node Type") == "Foreign Scan":
                    relations = node.get("Relations", node.get("Relation Name", ""))
                    worker = next((self.name(w) for w in range(1, self.n) if self.name(w) in relations), "?")
                    kind = "subplan" if in_subplan else "pushed" if "Aggregate on" in relations else "fetched"
                    scans.append({"worker": worker, "kind": kind, "rows": node.get("Actual Rows", 0) * node.get("Actual Loops", 1),
                                  "loops": node.get("Actual Loops", 1),
                                  "ms": round(node.get("Actual Total Time", 0) * node.get("Actual Loops", 1), 1)})
                for child in node.get("Plans", []):
                    walk(child, in_subplan or child.get("Parent Relationship") == "SubPlan")

            walk(top["Plan"], False)
            report.append({"table": table, "ms": round(top["Execution Time"], 1), "scans": scans})
        return report


def stop_on_signals():
    """SIGTERM and SIGHUP (ctest's timeout, timeout(1)) end the script through its `finally` blocks, which stop the
    servers and remove their folder."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda number, frame: sys.exit(1))


def run_checked(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("%s: exit %d\n%s" % (" ".join(cmd[:2]), r.returncode, r.stderr))
    return r


def split_file(src, finess_column, outs, assign, ask):
    """Writes each line of the CSV file `src` to the worker that holds its FINESS (1-based in `assign`; `ask` for a
    FINESS that no per-establishment table lists: caqes load on that worker will report it)."""
    files = [open(o, "wb") for o in outs]
    with open(src, "rb") as f:
        header = f.readline()
        for out in files:
            out.write(header)
        names = [c.strip().strip('"') for c in header.decode("utf-8-sig").rstrip("\r\n").split(";")]
        col = names.index(finess_column)
        for line in f:
            fields = line.split(b";", col + 1)
            value = fields[col].strip().strip(b'"').strip(b"=").strip(b'"') if col < len(fields) else b""
            if col + 1 == len(fields):
                value = value.rstrip(b"\r\n")
            w = assign.get(value)
            if w is None:
                w = assign[value] = ask(value) if value else 1
            files[w - 1].write(line)
    for out in files:
        out.close()


def sample(caqes, rules, data, k, out):
    """A copy of `data` with one establishment in `k` (every k-th FINESS of the registry, sorted) in every file."""
    os.makedirs(out)
    tables = schema(caqes, rules)["tables"]
    registry = next(t for t in tables if t["key"] == "par établissement")
    with open(os.path.join(data, registry["file"]), "rb") as f:
        f.readline()
        keep = sorted({line.split(b";", 1)[0].strip().strip(b'"') for line in f if line.strip()})[::k]
    for t in tables:
        path = os.path.join(data, t["file"])
        if os.path.exists(path):
            split_file(path, t["columns"][0]["name"], [os.path.join(out, t["file"]), os.devnull],
                       {f: 1 for f in keep}, lambda f: 2)
    return out


def without_source(fmt, text):
    """The output without the manifest's lines about the data source (the CSV files and their SHA-256 with --data,
    the connection with --db), as tests/db/run_db_tests.sh compares them."""
    if fmt != "table":
        return text
    out, skip = [], False
    for line in text.splitlines(True):
        if re.match(r"^rubrique +nom +valeur", line):
            skip = True
        if not skip:
            out.append(line)
        if re.match(r"^date +UTC", line):
            skip = False
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("caqes")
    ap.add_argument("source")
    ap.add_argument("--contract", action="append", default=[],
                    help="RULES:DATA, relative to SOURCE (default rules/caqes-2022:examples/occitanie); repeatable")
    ap.add_argument("--formats", default="csv table")
    ap.add_argument("--sample", type=int, default=1, metavar="K",
                    help="keep one establishment in K of the data (every K-th FINESS of the registry, in every file)")
    ap.add_argument("--explain", type=int, metavar="YEAR", help="show the split of work of the queries of YEAR")
    args = ap.parse_args()
    stop_on_signals()
    if not pg_bin() or not shutil.which("psql"):
        print("SKIPPED: PostgreSQL server binaries (initdb, pg_ctl, psql) not found; install Debian's postgresql")
        sys.exit(77)
    caqes = os.path.abspath(args.caqes)
    contracts = args.contract or ["rules/caqes-2022:examples/occitanie"]
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    failed = False
    for contract in contracts:
        rules, data = [os.path.join(args.source, p) for p in contract.split(":")]
        cluster = Cluster()
        try:
            cluster.start()
            if args.sample > 1:
                data = sample(caqes, rules, data, args.sample, os.path.join(cluster.dir, "sample"))
            timings = cluster.load(caqes, rules, data)
            print("cluster: %s loaded (%s)" % (contract, ", ".join("%s %.2f" % kv for kv in timings.items())))
            cluster.reset_statements()
            for fmt in args.formats.split():
                runs = {}
                for source in (["--data", data], ["--db", cluster.url(0)]):
                    start = time.monotonic()
                    r = subprocess.run([caqes, "run", rules, "--format", fmt] + source, capture_output=True, text=True)
                    runs[source[0]] = (r.returncode, r.stdout, r.stderr, time.monotonic() - start)
                (ce, cout, cerr, ct), (de, dout, derr, dt) = runs["--data"], runs["--db"]
                if ce != de or not dout:
                    print(derr[-3000:])
                    print("FAIL %s (%s): exit %d with --db, %d with --data" % (contract, fmt, de, ce))
                    failed = True
                elif without_source(fmt, cout) != without_source(fmt, dout):
                    import difflib
                    diff = difflib.unified_diff(without_source(fmt, cout).splitlines(),
                                                without_source(fmt, dout).splitlines(), "--data", "--db cluster",
                                                lineterm="")
                    print("\n".join(list(diff)[:30]))
                    print("FAIL %s (%s): the cluster and the CSV files differ" % (contract, fmt))
                    failed = True
                elif cerr != derr:
                    print("FAIL %s (%s): the warnings differ:\n--data: %s\n--db: %s" % (contract, fmt, cerr, derr))
                    failed = True
                else:
                    print("ok %s (%s): %d lines, identical (--data %.2f s, --db on the cluster %.2f s)"
                          % (contract, fmt, dout.count("\n"), ct, dt))
            stats = cluster.worker_statements()
            for w, st in stats.items():
                print("%s: %d remote queries, %d rows sent to the coordinator, %.1f ms executing them"
                      % (w, st["queries"], st["rows"], st["ms"]))
            if args.explain:
                for q in cluster.explain(caqes, rules, args.explain):
                    print("query on %s: %.1f ms on the coordinator" % (q["table"], q["ms"]))
                    for w in sorted({s["worker"] for s in q["scans"]}):
                        parts = []
                        for kind, label in (("pushed", "aggregation pushed down"), ("fetched", "rows fetched"),
                                            ("subplan", "correlated subquery")):
                            mine = [s for s in q["scans"] if s["worker"] == w and s["kind"] == kind]
                            if mine:
                                parts.append("%s: %d scan(s), %d execution(s), %d row(s), %.1f ms" % (
                                    label, len(mine), sum(s["loops"] for s in mine), sum(s["rows"] for s in mine),
                                    sum(s["ms"] for s in mine)))
                        print("  %s: %s" % (w, "; ".join(parts)))
                for w, st in stats.items():
                    print("%s, its remote queries (count | query):" % w)
                    for r in st["top"][:10]:
                        print("  " + " | ".join(r))
        except RuntimeError as e:
            print("FAIL %s: %s" % (contract, e))
            failed = True
        finally:
            cluster.stop()
    if not failed:
        print("the cluster gives the figures of the CSV files")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
