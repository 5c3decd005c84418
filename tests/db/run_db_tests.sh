#!/bin/sh
# caqes against a real PostgreSQL server (ctest -R db): starts a throw-away cluster in a temporary folder (as the
# `postgres` user when run as root: initdb refuses root), listening on a Unix socket only, then checks that
#   - `caqes load` then `caqes run --db` gives, byte for byte, the output (and the warnings) of `caqes run --data` for
#     every contract of rules/ on its example data (all years; the table and JSON formats, and CSV on the shared data), and on the golden
#     tests' shared data;
#   - a load that meets a bad value leaves no table behind;
#   - an unreachable server, a missing table, a missing column and a column of the wrong type give clear errors,
#     and a password given in the connection string is never printed;
#   - a text of the rules that looks like SQL stays a text (the tables are still there after the run).
# The server (tests/db/throwaway_server.sh) is stopped and the folder removed at the end, whatever happens (trap).
# Skipped (exit 77, which ctest reports as skipped) when the PostgreSQL server binaries are not installed:
# `apt-get install postgresql`.
# Usage: run_db_tests.sh CAQES SOURCE_DIR
set -u
CAQES=$(realpath "$1")
SRC=$(realpath "$2")

. "$SRC/tests/db/throwaway_server.sh"

# ---- the same figures from the database as from the CSV files --------------------------------------------------
# The outputs are compared whole but for the manifest's data source: the CSV files read (with their SHA-256) on one
# side, the database (with its password hidden) on the other. The date is fixed.
export SOURCE_DATE_EPOCH=1767225600
without_source() {  # FORMAT FILE: the output without the manifest's lines about the data source
  case "$1" in
    table) awk '/^rubrique +nom +valeur/ { skip = 1 } !skip { print } /^date +UTC/ { skip = 0 }' "$2" ;;
    json) python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
m = d.get("manifest", {})
m.pop("data", None)
m["options"] = [o for o in m.get("options", []) if not (isinstance(o, dict) and o.get("name") == "db") and not (isinstance(o, list) and o[0] == "db")] if isinstance(m.get("options"), list) else {k: v for k, v in m.get("options", {}).items() if k != "db"}
print(json.dumps(d, ensure_ascii=False, sort_keys=True))' "$2" ;;
    *) cat "$2" ;;
  esac
}
same_output() {  # NAME RULES DATA FORMATS
  name=$1
  rules=$2
  data=$3
  formats=$4
  createdb "$name"
  if ! "$CAQES" load "$rules" --data "$data" --db "$(url "$name")" 2>"$WORK/load.err"; then
    cat "$WORK/load.err"
    fail "$name: caqes load"
    return
  fi
  for format in $formats; do
    "$CAQES" run "$rules" --data "$data" --format "$format" >"$WORK/csv.out" 2>"$WORK/csv.err"
    csv_exit=$?
    "$CAQES" run "$rules" --db "$(url "$name")" --format "$format" >"$WORK/db.out" 2>"$WORK/db.err"
    db_exit=$?
    if [ "$csv_exit" != "$db_exit" ]; then
      cat "$WORK/db.err"
      fail "$name ($format): exit $db_exit with --db, $csv_exit with --data"
    elif without_source "$format" "$WORK/csv.out" >"$WORK/csv.cmp" && without_source "$format" "$WORK/db.out" >"$WORK/db.cmp" &&
         ! cmp -s "$WORK/csv.cmp" "$WORK/db.cmp"; then
      diff "$WORK/csv.cmp" "$WORK/db.cmp" | head -20
      fail "$name ($format): --db and --data differ"
    elif [ ! -s "$WORK/db.out" ]; then
      fail "$name ($format): no output"
    elif ! cmp -s "$WORK/csv.err" "$WORK/db.err"; then
      diff "$WORK/csv.err" "$WORK/db.err" | head -20
      fail "$name ($format): the warnings differ"
    else
      echo "ok $name ($format): $(wc -l <"$WORK/db.out") lines, identical"
    fi
  done
}

for contract in "$SRC"/rules/*/; do
  name=$(basename "$contract")
  case $name in
    rea-*) data="$SRC/examples/$name" ;;
    *) data="$SRC/examples/occitanie" ;;
  esac
  # The table and JSON formats: the CSV format renders the same results (checked on the shared data below).
  same_output "$name" "$contract" "$data" "table json"
done
same_output golden_shared "$SRC/tests/golden/_shared/rules.caqes" "$SRC/tests/golden/_shared/data" "table csv json"
# The edge cases of the SQL path (absent values, si, dans, sous_texte, negative amounts, means, correlated lookups).
same_output edge "$SRC/tests/db/edge/rules.caqes" "$SRC/tests/db/edge/data" "table json"

# ---- national references written from the database: the figures of the CSV path ---------------------------------
# (README, "National reference statistics"): every line but the comments, which name the data source.
for name in caqes-2021 caqes-2022; do
  if "$CAQES" références "$SRC/rules/$name" --data "$SRC/examples/occitanie" 2>"$WORK/err" | grep -v '^//' >"$WORK/refs-csv" &&
     "$CAQES" références "$SRC/rules/$name" --db "$(url "$name")" 2>>"$WORK/err" | grep -v '^//' >"$WORK/refs-db" &&
     grep -q '^remplace paramètre' "$WORK/refs-db" && cmp -s "$WORK/refs-csv" "$WORK/refs-db"; then
    echo "ok $name: national references from --db, identical"
  else
    cat "$WORK/err"
    diff "$WORK/refs-csv" "$WORK/refs-db" | head -20
    fail "$name: caqes références --db differs from --data"
  fi
done

# ---- a load that fails leaves nothing behind ---------------------------------------------------------------------
createdb bad_load
mkdir -p "$WORK/bad"
cp "$SRC"/tests/golden/_shared/data/*.csv "$WORK/bad/"
# A row of a row-level table (streamed after the other tables were created and filled) with a malformed number.
tail -n 1 "$WORK/bad/séjours.csv" | sed 's/;[0-9][0-9]*;/;douze;/' >>"$WORK/bad/séjours.csv"
if "$CAQES" load "$SRC/tests/golden/_shared/rules.caqes" --data "$WORK/bad" --db "$(url bad_load)" 2>"$WORK/err"; then
  fail "a load of malformed data succeeded"
elif [ "$(sql bad_load "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" != "0" ]; then
  fail "a failed load left tables behind"
elif ! grep -q "rien n'a été chargé\|nothing was loaded" "$WORK/err"; then
  cat "$WORK/err"
  fail "a failed load does not say that nothing was loaded"
else
  echo "ok a failed load leaves nothing: $(head -n 1 "$WORK/err")"
fi

# ---- clear errors, the password never printed --------------------------------------------------------------------
RULES="$SRC/tests/golden/_shared/rules.caqes"
expect_error() {  # LABEL EXPECTED URL
  label=$1
  expected=$2
  shift 2
  if "$CAQES" --lang en run "$RULES" --db "$1" >"$WORK/out" 2>"$WORK/err"; then
    fail "$label: exit 0"
  elif ! grep -q -- "$expected" "$WORK/err"; then
    cat "$WORK/err"
    fail "$label: no '$expected' in the error"
  elif grep -q "hunter2" "$WORK/err" "$WORK/out"; then
    fail "$label: the password is printed"
  elif [ -s "$WORK/out" ]; then
    fail "$label: something on stdout"
  else
    echo "ok $label: $(head -n 1 "$WORK/err")"
  fi
}
expect_error "unreachable server (key=value)" "cannot connect to the database" \
  "host=$WORK port=1 user=postgres password=hunter2 dbname=golden_shared"
expect_error "unreachable server (URI)" "postgresql://postgres:\*\*\*@" \
  "postgresql://postgres:hunter2@/golden_shared?host=$WORK&port=1"

createdb missing_table
"$CAQES" load "$RULES" --data "$SRC/tests/golden/_shared/data" --db "$(url missing_table)" 2>/dev/null
sql missing_table 'DROP TABLE "transports"'
expect_error "missing table" "table 'transports' is not in the database" "$(url missing_table) password=hunter2"

createdb missing_column
"$CAQES" load "$RULES" --data "$SRC/tests/golden/_shared/data" --db "$(url missing_column)" 2>/dev/null
sql missing_column 'ALTER TABLE "séjours" DROP COLUMN "durée"' 2>/dev/null ||
  sql missing_column "ALTER TABLE \"séjours\" DROP COLUMN \"$(sql missing_column "SELECT column_name FROM information_schema.columns WHERE table_name = 'séjours' AND column_name NOT IN ('finess', 'année') ORDER BY ordinal_position LIMIT 1")\""
expect_error "missing column" "of table 'séjours' is not in the database" "$(url missing_column)"

createdb wrong_type
"$CAQES" load "$RULES" --data "$SRC/tests/golden/_shared/data" --db "$(url wrong_type)" 2>/dev/null
sql wrong_type 'ALTER TABLE "séjours" ALTER COLUMN "année" TYPE text'
expect_error "wrong type" "is of type text in the database" "$(url wrong_type)"

# ---- a text that looks like SQL stays a text -----------------------------------------------------------------------
sed "s|compte(séjours où durée >= 3)|compte(séjours où durée >= 3 et \"a'); DROP TABLE établissements; --\" ≠ \"b\")|" \
  "$RULES" >"$WORK/injection.caqes"
if ! grep -q "DROP TABLE" "$WORK/injection.caqes" || ! "$CAQES" check "$WORK/injection.caqes" >"$WORK/err" 2>&1; then
  cat "$WORK/err"
  fail "the rules with a text that looks like SQL were not written"
else
  "$CAQES" run "$WORK/injection.caqes" --data "$SRC/tests/golden/_shared/data" >"$WORK/csv.out" 2>/dev/null
  "$CAQES" run "$WORK/injection.caqes" --db "$(url golden_shared)" >"$WORK/db.out" 2>"$WORK/err"
  if [ "$(sql golden_shared "SELECT count(*) FROM \"établissements\"")" != "2" ]; then
    fail "a text of the rules changed the database"
  elif ! { without_source table "$WORK/csv.out" >"$WORK/csv.cmp"; without_source table "$WORK/db.out" | cmp -s - "$WORK/csv.cmp"; }; then
    cat "$WORK/err"
    fail "a text that looks like SQL: --db and --data differ"
  else
    echo "ok a text that looks like SQL stays a text (and counts as in the CSV run)"
  fi
fi

[ "$FAILED" = 0 ] && echo "all database checks passed"
exit "$FAILED"
