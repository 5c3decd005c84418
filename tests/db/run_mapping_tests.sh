#!/bin/sh
# caqes on existing tables with other names, and a connection lost half-way (ctest -R db-mapping), against a
# throw-away PostgreSQL cluster (throwaway_server.sh). The example region is loaded for the 2022 contract, then renamed as a
# national base would name it (mapping/national.sql: schemas, capitals, spaces, accents, a column whose name holds
# `"` and `;`, other integer and text types); with mapping/national.yaml,
#   - `run --db --mapping` gives, byte for byte, the output and the warnings of `run --data` (table, CSV, JSON, but for
#     the manifest's data source), `explain` and `diff` too; the SQL `caqes sql --mapping` prints runs on the server
#     as it is; the quoted names harm nothing;
#   - `load --mapping` creates and fills the mapped names;
#   - a missing table, a missing column and a wrong type name the database's table and column and the declared ones
#     they stand for, located in the mapping file, the password never printed;
#   - a run whose backend is terminated (then one whose server is stopped) half-way, as a national analyst would see
#     it: a clear error, exit 1, the previous workbook left as it was, nothing else written.
# Usage: run_mapping_tests.sh CAQES SOURCE_DIR
set -u
CAQES=$(realpath "$1")
SRC=$(realpath "$2")
. "$SRC/tests/db/throwaway_server.sh"

RULES="$SRC/rules/caqes-2022"
DATA="$SRC/examples/occitanie"
MAPPING="$SRC/tests/db/mapping/national.yaml"
export SOURCE_DATE_EPOCH=1767225600

without_source() {  # FORMAT FILE: the output without the manifest's lines about the data source
  case "$1" in
    table) awk '/^rubrique +nom +valeur/ { skip = 1 } !skip { print } /^date +UTC/ { skip = 0 }' "$2" ;;
    json) python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
if isinstance(d, dict): d.pop("manifest", None)
print(json.dumps(d, ensure_ascii=False, sort_keys=True))' "$2" ;;
    *) cat "$2" ;;
  esac
}
same() {  # LABEL FORMAT: $WORK/csv.out and $WORK/db.out (and their .err) the same
  if ! { without_source "$2" "$WORK/csv.out" >"$WORK/csv.cmp" && without_source "$2" "$WORK/db.out" >"$WORK/db.cmp"; }; then
    fail "$1: an output does not parse"
  elif [ ! -s "$WORK/db.cmp" ]; then
    cat "$WORK/db.err"
    fail "$1: no output"
  elif ! cmp -s "$WORK/csv.cmp" "$WORK/db.cmp"; then
    diff "$WORK/csv.cmp" "$WORK/db.cmp" | head -20
    fail "$1: --db --mapping and --data differ"
  elif ! cmp -s "$WORK/csv.err" "$WORK/db.err"; then
    diff "$WORK/csv.err" "$WORK/db.err" | head -20
    fail "$1: the warnings differ"
  else
    echo "ok $1: $(wc -l <"$WORK/db.out") lines, identical"
  fi
}

# ---- a national base: the example renamed ---------------------------------------------------------------------------
createdb national
if ! "$CAQES" load "$RULES" --data "$DATA" --db "$(url national)" 2>"$WORK/err" ||
   ! psql -X -q -v ON_ERROR_STOP=1 "$(url national)" -f "$SRC/tests/db/mapping/national.sql" 2>>"$WORK/err"; then
  cat "$WORK/err"
  echo "FAIL: the national base could not be made"
  exit 1
fi
NATIONAL="$(url national) password=hunter2"

# Every year, every query of the contract run under the mapped names; the table format (whose manifest names the
# mapping file) renders every result: the JSON and CSV formats render the same ones (run_db_tests.sh compares them).
"$CAQES" run "$RULES" --data "$DATA" >"$WORK/csv.out" 2>"$WORK/csv.err"
"$CAQES" run "$RULES" --db "$NATIONAL" --mapping "$MAPPING" >"$WORK/db.out" 2>"$WORK/db.err"
same "run (table)" table
if ! grep -q "^option  *mapping  *$MAPPING$" "$WORK/db.out"; then
  fail "the manifest does not name the mapping file"
fi
if ! grep -q "$(sha256sum "$MAPPING" | cut -d' ' -f1)" "$WORK/db.out"; then
  fail "the manifest does not give the mapping file's SHA-256"
fi

# explain: the same derivation, the rows kept counted by the database (090476856: sums over the heart-failure stays
# and the PHEV lines of 2019, 2021 and 2022). The JSON format renders the same tree.
"$CAQES" explain "$RULES" --data "$DATA" --entity 090476856 --year 2022 >"$WORK/csv.out" 2>"$WORK/csv.err"
"$CAQES" explain "$RULES" --db "$NATIONAL" --mapping "$MAPPING" --entity 090476856 --year 2022 >"$WORK/db.out" 2>"$WORK/db.err"
same "explain" text
if "$CAQES" --lang en explain "$RULES" --db "$NATIONAL" --mapping "$MAPPING" --entity 999999999 >/dev/null 2>"$WORK/err" ||
   ! grep -q "establishment '999999999' is not in table ref.Établissements of the database" "$WORK/err"; then
  cat "$WORK/err"
  fail "explain --db of an unknown establishment"
fi

# diff: both versions on one snapshot, the 2021 contract reading what it declares of the mapping.
"$CAQES" diff "$SRC/rules/caqes-2021" "$RULES" --data "$DATA" --year 2022 --format json >"$WORK/csv.out" 2>"$WORK/csv.err"
"$CAQES" diff "$SRC/rules/caqes-2021" "$RULES" --db "$NATIONAL" --mapping "$MAPPING" --year 2022 --format json \
  >"$WORK/db.out" 2>"$WORK/db.err"
same "diff (json)" json

# The SQL printed for review runs as it is, and the column named 'montant"; DROP TABLE ref."Établissements"; --'
# dropped nothing.
if ! "$CAQES" sql "$RULES" --year 2022 --mapping "$MAPPING" >"$WORK/queries.sql" ||
   ! psql -X -q -v ON_ERROR_STOP=1 "$(url national)" -f "$WORK/queries.sql" >/dev/null 2>"$WORK/err"; then
  cat "$WORK/err"
  fail "the SQL of caqes sql --mapping does not run"
elif ! grep -q 'FROM "pmsi"."rsa_2022" AS r' "$WORK/queries.sql"; then
  fail "caqes sql --mapping does not read pmsi.rsa_2022"
elif [ "$(sql national 'SELECT count(*) FROM ref."Établissements"')" != "$(($(wc -l <"$DATA/établissements.csv") - 1))" ]; then
  fail "a quoted name of the mapping changed the database"
else
  echo "ok caqes sql --mapping runs on the renamed base; the names that look like SQL stay names"
fi

# ---- load --mapping: the mapped names created ------------------------------------------------------------------------
# On the golden cases' small contract, under the names of tests/golden/sql_mapping (a schema with a space, a table
# and a column whose names hold quotes, semicolons and a line break).
SHARED="$SRC/tests/golden/_shared"
SHARED_MAPPING="$SRC/tests/golden/sql_mapping/mapping.yaml"
createdb loaded
sql loaded 'CREATE SCHEMA "PMSI 2022"'
if ! "$CAQES" load "$SHARED/rules.caqes" --data "$SHARED/data" --db "$(url loaded)" --mapping "$SHARED_MAPPING" 2>"$WORK/err"; then
  cat "$WORK/err"
  fail "load --mapping"
elif [ "$(sql loaded "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'PMSI 2022' AND table_name = 'rsa\"; DROP TABLE x; --' AND column_name IN ('FINESS_GEO', 'ANNEE', 'Durée; \"jours\"' || chr(10) || 'DROP TABLE y;')")" != 3 ] ||
     [ "$(sql loaded "SELECT count(*) FROM pg_tables WHERE tablename = 'séjours'")" != 0 ]; then
  fail "load --mapping did not create the mapped table with its columns"
else
  "$CAQES" run "$SHARED/rules.caqes" --data "$SHARED/data" >"$WORK/csv.out" 2>"$WORK/csv.err"
  "$CAQES" run "$SHARED/rules.caqes" --db "$(url loaded)" --mapping "$SHARED_MAPPING" >"$WORK/db.out" 2>"$WORK/db.err"
  same "load --mapping, then run" table
fi

# ---- the database's errors name both names ---------------------------------------------------------------------------
psql -X -q "$(url postgres)" -c 'CREATE DATABASE broken TEMPLATE national' >/dev/null
sql broken 'ALTER TABLE dcir.bio RENAME TO bio_2022;
            ALTER TABLE pmsi.rsa_2022 RENAME COLUMN "FINESS_GEO" TO "FINESS";
            ALTER TABLE pmsi.rsa_2022 ALTER COLUMN "ANNEE" TYPE text'
"$CAQES" --lang en run "$RULES" --db "$(url broken) password=hunter2" --mapping "$MAPPING" >"$WORK/out" 2>"$WORK/err"
status=$?
for expected in \
  "national.yaml:17:12: error: table 'dcir.bio' is not in the database (the mapping gives it for table 'biologie' of the rules, declared at " \
  "national.yaml:7:15: error: column 'FINESS_GEO' of table 'pmsi.rsa_2022' is not in the database (it stands for column 'finess' of table 'séjours' of the rules, declared at " \
  "national.yaml:8:14: error: column 'ANNEE' of table 'pmsi.rsa_2022' is of type text in the database; column 'année' of table 'séjours' of the rules, which it stands for, needs INTEGER" \
  "3 errors"; do
  grep -q -F -- "$expected" "$WORK/err" || fail "no \"$expected\" in the errors"
done
if [ "$status" != 1 ] || [ -s "$WORK/out" ] || grep -q hunter2 "$WORK/err"; then
  cat "$WORK/err"
  fail "the errors of a renamed base: exit $status, or something on stdout, or the password printed"
else
  echo "ok the errors of a renamed base: $(head -n 1 "$WORK/err")"
fi

# ---- a table whose rows look up others, given as a view ----------------------------------------------------------------
# The EPA's interventions look up the lab acts: the query joins them by the row's identity (tableoid, ctid), which a
# view has not. Said before any query runs, with the way out.
psql -X -q "$(url postgres)" -c 'CREATE DATABASE viewed TEMPLATE national' >/dev/null
sql viewed 'ALTER TABLE pmsi."Interventions MCO" RENAME TO "Interventions MCO (table)";
            CREATE VIEW pmsi."Interventions MCO" AS SELECT * FROM pmsi."Interventions MCO (table)"'
"$CAQES" --lang en run "$RULES" --db "$(url viewed)" --mapping "$MAPPING" >"$WORK/out" 2>"$WORK/err"
status=$?
if [ "$status" != 1 ] || [ -s "$WORK/out" ] ||
   ! grep -q -F "error: table 'interventions → pmsi.Interventions MCO' is a view in the database, and its rows look up biologie → dcir.bio" "$WORK/err" ||
   ! grep -q -F "hint: give the mapping a table (ordinary, partitioned or foreign)" "$WORK/err"; then
  cat "$WORK/err"
  fail "a looking-up table given as a view: exit $status, or not the expected error"
else
  echo "ok a looking-up table given as a view: $(grep -m1 error: "$WORK/err")"
fi

# ---- a connection lost half-way --------------------------------------------------------------------------------------
# A deterministic half-way: a second session holds a lock on pmsi.rsa_2022, so that the run has connected, checked the
# schema and read the per-establishment tables, then waits on its query of the stays; its backend is terminated there.
# The previous workbook must be left as it was.
OUT="$WORK/resultats"
mkdir -p "$OUT"
printf 'les résultats de la veille\n' >"$OUT/r.xlsx"  # the previous workbook, which must stay as it is
cp "$OUT/r.xlsx" "$WORK/before.xlsx"
cut_run() {  # LABEL HOW: HOW is 'backend' or 'server'
  psql -X -q "$(url national)" -c "BEGIN; LOCK TABLE pmsi.rsa_2022 IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT" \
    >/dev/null 2>&1 &
  locker=$!
  # The lock held before the run starts.
  held=0
  while [ "$(sql national "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'rsa_2022' AND l.mode = 'AccessExclusiveLock' AND l.granted")" != 1 ]; do
    held=$((held + 1))
    if [ "$held" -gt 300 ]; then break; fi
    sleep 0.1
  done
  "$CAQES" --lang en run "$RULES" --db "$NATIONAL application_name=caqes_cut" --mapping "$MAPPING" --format xlsx \
    --output "$OUT/r.xlsx" >"$WORK/out" 2>"$WORK/err" &
  run=$!
  waited=0
  while [ "$(sql national "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'caqes_cut' AND wait_event_type = 'Lock'")" != 1 ]; do
    waited=$((waited + 1))
    if [ "$waited" -gt 300 ]; then break; fi
    sleep 0.1
  done
  if [ "$2" = backend ]; then
    sql national "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'caqes_cut'" >/dev/null
  else
    $AS "$BIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1
  fi
  wait "$run"
  status=$?
  kill "$locker" 2>/dev/null
  wait "$locker" 2>/dev/null
  if [ "$waited" -gt 300 ]; then
    fail "$1: the run never waited on the lock"
  elif [ "$status" != 1 ]; then
    cat "$WORK/err"
    fail "$1: exit $status"
  elif ! grep -q "error: the connection to the database was lost: " "$WORK/err" ||
       ! grep -q "no result written: the run did not complete" "$WORK/err"; then
    cat "$WORK/err"
    fail "$1: the error does not say the connection was lost and nothing was written"
  elif grep -q hunter2 "$WORK/err" "$WORK/out"; then
    fail "$1: the password is printed"
  elif ! cmp -s "$OUT/r.xlsx" "$WORK/before.xlsx" || [ "$(ls -A "$OUT")" != "r.xlsx" ]; then
    ls -la "$OUT"
    fail "$1: the previous workbook was changed, or something else was written beside it"
  else
    echo "ok $1: exit 1, $(grep -m 1 'lost' "$WORK/err")"
  fi
}
cut_run "backend terminated half-way" backend
sql national 'SELECT 1' >/dev/null  # the server still serves
cut_run "server stopped half-way" server

[ "$FAILED" = 0 ] && echo "all mapping and connection checks passed"
exit "$FAILED"
