#!/bin/sh
# A real run stopped by SIGTERM while its rows are spilled (ctest signal-cleanup): it must end by the signal (status
# 143) and leave nothing in its $TMPDIR. Then the same with SIGINT (130). Usage: signal_cleanup_test.sh CAQES
set -eu
caqes="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data" "$work/tmp"
cat >"$work/rules.caqes" <<'RULES'
// Un comptage distinct : ses lignes sont découpées en partitions écrites sous $TMPDIR.
contrat c "Signal" {
  années 2022..2022;
  établissements établissements;
}

table établissements "Établissements" par établissement {
  statut: code "Statut";
}

table séjours "Séjours" par ligne et année {
  patient: texte "Patient";
}

indicateur patients "Patients" {
  volet pertinence;
  niveau régional;
  source "fait main";
  valeur = compte_distinct(patient de séjours);
  ciblage = vrai;
}
RULES
printf 'finess;statut\n310000001;public\n310000002;privé\n' >"$work/data/établissements.csv"
# 1.5 million stays: long enough for the spill folder to be seen before the run ends.
awk 'BEGIN { print "finess;année;patient"; for (i = 0; i < 1500000; i++) printf "31000000%d;2022;P%d\n", 1 + i % 2, i }' \
  >"$work/data/séjours.csv"

# A background job of a script starts with SIGINT ignored, which caqes keeps ignoring (as `nohup` expects):
# `env --default-signal` gives the run the signals' default actions, as a terminal would. A third run keeps SIGINT
# ignored: it must then finish, and still leave nothing.
stop_with() {
  signal="$1"
  expected="$2"
  default="$3"
  TMPDIR="$work/tmp" env "$default" "$caqes" run "$work/rules.caqes" --data "$work/data" --partitions 64 --threads 1 >/dev/null 2>&1 &
  pid=$!
  seen=0
  for _ in $(seq 1 2000); do
    if ls "$work/tmp" | grep -q '^caqes-'; then
      seen=1
      break
    fi
    sleep 0.005
  done
  if [ "$seen" -ne 1 ]; then
    echo "FAIL: no spill folder seen under \$TMPDIR"
    exit 1
  fi
  kill -s "$signal" "$pid"
  status=0
  wait "$pid" || status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL: SIG$signal gave exit status $status, expected $expected (ended by the signal)"
    exit 1
  fi
  left=$(ls -A "$work/tmp")
  if [ -n "$left" ]; then
    echo "FAIL: after SIG$signal, left in \$TMPDIR: $left"
    exit 1
  fi
  echo "ok: SIG$signal ($default) while spilling: status $status, \$TMPDIR empty"
}
stop_with TERM 143 --default-signal=TERM
stop_with INT 130 --default-signal=INT
stop_with INT 0 --ignore-signal=INT
