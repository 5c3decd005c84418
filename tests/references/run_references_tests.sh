#!/bin/sh
# National references of the shipped contracts (README, "National reference statistics"): the example region stands
# in for the nation. For rules/caqes-2021 and rules/caqes-2022: `caqes références` writes the file; a regional
# contract that extends the national one and holds that file checks, and the file is in the canonical layout; run on
# the same data, the regional contract gives the national run's results byte for byte (the statistics it reads from
# the file are those the national run computes). Usage: run_references_tests.sh CAQES SOURCE_ROOT
set -eu
caqes=$1
root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caqes-references-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$root"
fail=0
for contract in caqes-2021 caqes-2022; do
  regional="$tmp/$contract-regional"
  mkdir -p "$regional"
  printf 'contrat %s_régional "Calcul régional" {\n  étend "%s";\n}\n' "$(echo "$contract" | tr - _)" \
    "$root/rules/$contract" > "$regional/contrat.caqes"
  "$caqes" références "rules/$contract" --data examples/occitanie --output "$regional/references_nationales.caqes" \
    2> "$tmp/write.err" || { echo "FAIL $contract: caqes références"; cat "$tmp/write.err"; fail=1; continue; }
  grep -q "^références_nationales $(echo "$contract" | tr - _) pour 2019;" "$regional/references_nationales.caqes" ||
    { echo "FAIL $contract: no références_nationales line"; fail=1; }
  "$caqes" check "$regional" 2> "$tmp/check.err" || { echo "FAIL $contract: check"; cat "$tmp/check.err"; fail=1; }
  "$caqes" fmt --check "$regional/references_nationales.caqes" ||
    { echo "FAIL $contract: fmt --check"; fail=1; }
  "$caqes" run "rules/$contract" --data examples/occitanie --format csv > "$tmp/national.csv" 2> "$tmp/national.err"
  "$caqes" run "$regional" --data examples/occitanie --format csv > "$tmp/regional.csv" 2> "$tmp/regional.err"
  if cmp -s "$tmp/national.csv" "$tmp/regional.csv"; then
    echo "ok $contract: $(grep -c '^remplace' "$regional/references_nationales.caqes") references, the same results"
  else
    echo "FAIL $contract: the regional run with the national references differs from the national run"
    diff "$tmp/national.csv" "$tmp/regional.csv" | head -20
    fail=1
  fi
done
exit $fail
