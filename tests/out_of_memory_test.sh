#!/bin/sh
# Running out of memory is a diagnostic and exit 1, not an abort (ctest out-of-memory): a run whose table of
# establishments holds one record of 56 MB (under the 64 MiB a record may be), under a 100 MiB address-space limit.
# Usage: out_of_memory_test.sh CAQES GOLDEN_DIR
set -eu
caqes="$1"
golden="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$golden/_shared/data/transports.csv" "$golden/_shared/data/séjours.csv" "$work/"
{
  printf 'finess;raison_sociale;statut\n310000001;'
  awk 'BEGIN { s = sprintf("%94s", ""); gsub(/ /, "x", s); for (i = 0; i < 600000; i++) printf "%s", s }'
  printf ';public\n'
} >"$work/établissements.csv"
status=0
(ulimit -v 100000 && "$caqes" run "$golden/_shared/rules.caqes" --data "$work" --output "$work/out.csv") \
  >"$work/log" 2>&1 || status=$?
if [ "$status" -ne 1 ] || ! grep -q "^caqes: error: out of memory" "$work/log" || [ -e "$work/out.csv" ]; then
  echo "FAIL: exit status $status, expected 1 with 'caqes: error: out of memory' and no output file"
  tail -n 5 "$work/log"
  exit 1
fi
echo "ok: out of memory reported, exit 1, nothing written"
