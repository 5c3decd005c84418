"""`bench/run --engine postgresql`: rules/caqes-2022 run inside PostgreSQL, on the synthetic extract of bench/run.

Measured, each K times (interleaved), on one throw-away server (tests/db/cluster.py, started for the bench):
  - `caqes load` (once): the CSV files validated and copied into the server, indexes, ANALYZE;
  - `caqes run --db` (the whole process: rules, per-establishment tables, the generated queries, evaluation);
  - the generated SQL alone (`caqes sql`, run by psql) and the SQL written by hand for the same aggregations
    (bench/postgresql_hand.sql), on the same server: the ratio generated / hand (goal ≤ 1.2);
  - `caqes run --data` on the same CSV files (caqes's own path);
and then on a cluster of a coordinator and two workers (row tables hash-partitioned by FINESS): the load, each
generated query on the coordinator (with a time limit) and `caqes run --db` (same limit), and what each worker did
(pg_stat_statements: its remote queries, rows sent and time).
Agreement: `caqes run --db` gives byte for byte the CSV output of `caqes run --data` (one server, and the cluster when
it finishes), and every value of the hand-written queries equals the generated column of the same aggregation,
establishment and year.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "db"))
import cluster as pgcluster  # noqa: E402

SERVER_SETTINGS = ["shared_buffers=512MB", "work_mem=256MB", "maintenance_work_mem=512MB", "max_wal_size=4GB",
                   "checkpoint_timeout=30min"]


def say(*a):
    print(*a, flush=True)


def generated_queries(text):
    """The queries of `caqes sql`: per query its table, the years it reads and, per result column cK, the index of
    its aggregation in the query and the years of the rows that hold it (the result rows of those years)."""
    out = []
    for chunk in text.split(";\n"):
        if "SELECT" not in chunk:
            continue
        table = re.search(r"^-- Table (\S+)", chunk, re.M).group(1)
        years = re.search(r'^WHERE r\."[^"]+" IN \(([^)]*)\)', chunk, re.M)
        columns = {}
        agg = -1
        for line in chunk.splitlines():
            if line.startswith("  -- "):
                agg += 1
            m = re.search(r'AS "c(\d+)"', line)
            if m and line.startswith("  , "):
                y = re.search(r'FILTER \(WHERE r\."[^"]+" (?:= (\d+)|IN \(([\d, ]+)\))', line)
                columns[int(m.group(1))] = (agg, {int(v) for v in re.findall(r"\d+", y.group(1) or y.group(2))}
                                            if y else None)
        out.append({"table": table, "years": years.group(1) if years else "", "columns": columns,
                    "sql": chunk[chunk.index("SELECT"):] + ";"})
    return out


def hand_queries(years):
    text = open(os.path.join(HERE, "postgresql_hand.sql"), encoding="utf-8").read()
    out = {}
    for part in re.split(r"^-- table: ", text, flags=re.M)[1:]:
        name, sql = part.split("\n", 1)
        out[name.strip()] = sql.replace("{years}", years.get(name.strip(), "0"))
    return out


def psql_rows(server, sql):
    return [line.split("|") for line in server.psql(0, sql).splitlines() if line]


def agree_hand(server, generated, hand):
    """Compares each generated column with the hand-written one; returns (cells compared, differences)."""
    compared, diffs = 0, []
    for q in generated:
        if q["table"] not in hand:
            diffs.append((q["table"], "no hand-written query"))
            continue
        gen = {(r[0], r[1]): r[2:] for r in psql_rows(server, q["sql"])}
        own = {(r[0], r[1]): r[2:] for r in psql_rows(server, hand[q["table"]])}
        for (f, y), values in gen.items():
            for k, (agg, rows_year) in q["columns"].items():
                if rows_year is not None and int(y) not in rows_year:
                    continue
                mine = own.get((f, y))
                a = values[k - 1]
                b = mine[agg] if mine and agg < len(mine) else None
                compared += 1
                if not ((a == "" and b in ("", None)) or (a != "" and b not in ("", None) and Decimal(a) == Decimal(b))):
                    diffs.append((q["table"], f, y, "c%d" % k, a, b))
    return compared, diffs


def timed(cmd, timeout=None):
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - start, ""
    return r, time.monotonic() - start, r.stdout


def run_sql_file(server, i, path, timeout=None):
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-f", path, server.url(i)]
    r, seconds, _ = timed(cmd, timeout)
    if r is None:
        return None
    if r.returncode != 0:
        raise RuntimeError("psql -f %s: %s" % (path, r.stderr[-2000:]))
    return seconds


def med(xs):
    return round(statistics.median(xs), 3) if xs else None


def run(args, caqes, rules, data, manifest, outdir):
    """bench/run --engine postgresql; returns the exit status (0 agree, 1 differ, 2 a tool failed)."""
    pgcluster.stop_on_signals()
    runs = args.runs
    env_out = os.path.join(outdir, "postgresql")
    os.makedirs(env_out, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    gen_text = subprocess.run([caqes, "sql", rules], capture_output=True, text=True, check=True).stdout
    generated = generated_queries(gen_text)
    hand = hand_queries({q["table"]: q["years"] for q in generated})
    gen_file = os.path.join(env_out, "generated.sql")
    hand_file = os.path.join(env_out, "hand.sql")
    with open(gen_file, "w", encoding="utf-8") as f:
        f.write("SET jit = off;\n" + "\n".join(q["sql"] for q in generated) + "\n")
    with open(hand_file, "w", encoding="utf-8") as f:
        f.write("SET jit = off;\n" + "\n".join(hand[q["table"]] for q in generated if q["table"] in hand) + "\n")
    result = {"rows": args.rows, "engine": "postgresql", "runs": runs, "lines": manifest["total_generated_lines"]}
    agree = True

    # ---- one server ------------------------------------------------------------------------------------------------
    say("postgresql: one server (%s)" % ", ".join(SERVER_SETTINGS))
    single = pgcluster.Cluster(workers=0, settings=SERVER_SETTINGS)
    try:
        single.start()
        r, seconds, _ = timed([caqes, "load", rules, "--data", data, "--db", single.url(0)])
        if r.returncode != 0:
            say("caqes load failed: " + r.stderr[-2000:])
            return 2
        result["load_s"] = round(seconds, 3)
        say("  caqes load: %.2f s (%s)" % (seconds, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""))
        times = {"caqes_db": [], "generated_sql": [], "hand_sql": [], "caqes_csv": []}
        outputs = {}
        for k in range(runs):
            for tool in ("caqes_db", "generated_sql", "hand_sql", "caqes_csv"):
                if tool in ("generated_sql", "hand_sql"):
                    seconds = run_sql_file(single, 0, gen_file if tool == "generated_sql" else hand_file)
                else:
                    out = os.path.join(env_out, "%s-%d.csv" % (tool, k + 1))
                    source = ["--db", single.url(0)] if tool == "caqes_db" else ["--data", data]
                    r, seconds, _ = timed([caqes, "run", rules, "--format", "csv", "--output", out] + source)
                    if r.returncode != 0:
                        say("  %s failed: %s" % (tool, r.stderr[-2000:]))
                        return 2
                    outputs.setdefault(tool, []).append(out)
                times[tool].append(seconds)
                say("  run %d  %-14s %8.2f s" % (k + 1, tool, seconds))
        reference = open(outputs["caqes_csv"][0], "rb").read()
        same = all(open(p, "rb").read() == reference for t in outputs for p in outputs[t])
        say("  caqes run --db and --data: %s" % ("identical CSV outputs" if same else "DIFFERENT outputs"))
        agree &= same
        compared, diffs = agree_hand(single, generated, hand)
        say("  hand-written vs generated SQL: %d values compared, %s" % (
            compared, "all equal" if not diffs else "%d differ, e.g. %s" % (len(diffs), diffs[:3])))
        agree &= not diffs and compared > 0
        for t, xs in times.items():
            result[t + "_s"] = med(xs)
            result[t + "_min_max_s"] = [round(min(xs), 3), round(max(xs), 3)]
        result["generated_over_hand"] = round(result["generated_sql_s"] / result["hand_sql_s"], 2)
        result["compared_values"] = compared
        # Per table, the generated and the hand-written query once more, for where the time goes.
        per_table = {}
        for q in generated:
            g = os.path.join(env_out, "g-%s.sql" % q["table"])
            h = os.path.join(env_out, "h-%s.sql" % q["table"])
            open(g, "w", encoding="utf-8").write("SET jit = off;\n" + q["sql"] + "\n")
            open(h, "w", encoding="utf-8").write("SET jit = off;\n" + hand.get(q["table"], "SELECT 1;") + "\n")
            per_table[q["table"]] = [round(run_sql_file(single, 0, g), 3), round(run_sql_file(single, 0, h), 3)]
        result["per_table_generated_hand_s"] = per_table
        say("  per table, generated / hand-written (s): %s" % per_table)
    finally:
        single.stop()

    # ---- the cluster -----------------------------------------------------------------------------------------------
    if "cluster" not in args.skip:
        say("postgresql: a coordinator and two workers, row tables hash-partitioned by FINESS (limit %d s per step)"
            % args.cluster_timeout)
        cl = pgcluster.Cluster(workers=2, settings=["shared_buffers=256MB", "work_mem=128MB",
                                                    "maintenance_work_mem=256MB", "max_wal_size=4GB"])
        try:
            cl.start()
            start = time.monotonic()
            timings = cl.load(caqes, rules, data)
            result["cluster_load_s"] = round(time.monotonic() - start, 3)
            say("  load: %.2f s (%s)" % (result["cluster_load_s"], ", ".join("%s %.2f" % kv for kv in timings.items())))
            cl.reset_statements()
            per_table = {}
            for q in generated:
                g = os.path.join(env_out, "g-%s.sql" % q["table"])
                seconds = run_sql_file(cl, 0, g, timeout=args.cluster_timeout)
                per_table[q["table"]] = round(seconds, 3) if seconds is not None else None
                say("  generated query on %s: %s" % (q["table"], "%.2f s" % seconds if seconds is not None else
                                                     "stopped after %d s" % args.cluster_timeout))
            result["cluster_per_table_s"] = per_table
            if all(v is not None for v in per_table.values()):
                out = os.path.join(env_out, "cluster.csv")
                r, seconds, _ = timed([caqes, "run", rules, "--format", "csv", "--output", out, "--db", cl.url(0)],
                                      timeout=args.cluster_timeout)
                if r is None or r.returncode != 0:
                    say("  caqes run --db on the cluster: %s" % ("stopped" if r is None else r.stderr[-1000:]))
                    result["cluster_caqes_db_s"] = None
                else:
                    result["cluster_caqes_db_s"] = round(seconds, 3)
                    same = open(out, "rb").read() == reference
                    say("  caqes run --db on the cluster: %.2f s, %s" % (seconds, "identical to --data" if same
                                                                         else "DIFFERENT from --data"))
                    agree &= same
            else:
                result["cluster_caqes_db_s"] = None
                say("  caqes run --db on the cluster: not run (a query reached the limit)")
            stats = cl.worker_statements()
            result["cluster_workers"] = {w: {"queries": s["queries"], "rows_sent": s["rows"], "ms": s["ms"]}
                                         for w, s in stats.items()}
            for w, s in stats.items():
                say("  %s: %d remote queries, %d rows sent, %.1f ms" % (w, s["queries"], s["rows"], s["ms"]))
        finally:
            cl.stop()

    result["agree"] = agree
    say("figures agree: %s" % ("yes" if agree else "NO"))
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if agree else 1
