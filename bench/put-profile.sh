#!/usr/bin/env bash
# Profiles small WebDAV PUTs and GETs (W5/W6 of BENCHMARKS.md) on the packaged jar: how many SQL
# statements and commits one 4 KiB PUT of a new file and one GET issue (H2's statement trace,
# TRACE_LEVEL_FILE=3, switched on only here), and where the CPU goes while curl --parallel 8 runs
# $SMALL PUTs and GETs (a JFR recording of the server, summarised by bench/JfrTop.java).
#
# Usage: bench/put-profile.sh               (the jar in target/, built if missing)
#        JAR=... SMALL=2000 PORT_BASE=18180 KEEP=1 bench/put-profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
SMALL=${SMALL:-2000}
P=${PORT_BASE:-18180}; K=$P; S=$((P - 55))
jar=$(kluis_jar)
work=$(mktemp -d /var/tmp/kluis-profile.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/small"; head -c $((SMALL * 4096)) /dev/urandom | split -b 4096 -a 4 -d - "$work/small/f"  # f0000, f0001, ...
python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
db="jdbc:h2:file:$work/kluis/db/kluis;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;AUTO_SERVER=TRUE;QUERY_CACHE_SIZE=128"
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --spring.datasource.url="$db" --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN \
  >"$work/kluis.log" 2>&1 & kpid=$!; pids+=($kpid)
wait_http http://127.0.0.1:$K/actuator/health 600
customer $K; auth=(-u "$CUSTOMER_EMAIL:$CUSTOMER_SECRET"); KD="http://127.0.0.1:$K/dav/bench"

echo "== warm-up: $SMALL PUTs and GETs"
curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/warm/"
curl_many "$(curl_config put "$KD/warm/")" '201|204' "${auth[@]}" >/dev/null
curl_many "$(curl_config get "$KD/warm/")" 200 "${auth[@]}" >/dev/null

echo "== statements per request (H2 trace, 100 sequential requests each)"
trace() { jcmd_sql "SET TRACE_LEVEL_FILE $1"; }
# H2's trace level is a database setting; the application's own connection sets it (AUTO_SERVER
# lets a second process in). The Shell of the jar's H2 runs one statement.
h2=$(unzip -l "$jar" | awk '{print $4}' | grep -E '(^|/)h2-[0-9.]+\.jar$')
mkdir -p "$work/h2"; unzip -q -o "$(realpath "$jar")" "$h2" -d "$work/h2"
jcmd_sql() { java -cp "$work/h2/$h2" org.h2.tools.Shell -url "$db" -user sa -password "" -sql "$1" >/dev/null; }
curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/seq/"
count() { # label, then the requests run by "$@"
  local label=$1; shift
  local tracefile="$work/kluis/db/kluis.trace.db"
  trace 3; : >"$tracefile"; "$@"; trace 0
  # every statement the application ran (the Shell's own SET is not counted)
  local statements commits
  statements=$(grep -c '^/\*SQL' "$tracefile" || true)
  commits=$(grep -ci 'commit' "$tracefile" || true)
  cp "$tracefile" "$work/trace-$label.txt"
  echo "$label: $(awk -v s="$statements" 'BEGIN {printf "%.1f", s / 100}') statements per request ($statements in all), commit lines $commits"
  grep '^/\*SQL' "$tracefile" | sed 's/^\/\*SQL[^*]*\*\///; s/ \(where\|values\|set\) .*//I' | sort | uniq -c | sort -rn | head -25
}
seq_put() { for i in $(seq 0 99); do curl -sf -o /dev/null "${auth[@]}" -T "$work/small/$(printf 'f%04d' "$i")" "$KD/seq/$(printf 'f%04d' "$i")"; done; }
seq_get() { for i in $(seq 0 99); do curl -sf -o /dev/null "${auth[@]}" "$KD/seq/$(printf 'f%04d' "$i")"; done; }
count put seq_put
count get seq_get

echo "== JFR while curl --parallel 8 runs $SMALL PUTs, then $SMALL GETs"
curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/jfr/"
cput=$(curl_config put "$KD/jfr/"); cget=$(curl_config get "$KD/jfr/")
jcmd $kpid JFR.start name=put settings=profile filename="$work/put.jfr" >/dev/null
echo "PUT files/s: $(curl_many "$cput" '201|204' "${auth[@]}")"
jcmd $kpid JFR.stop name=put >/dev/null
jcmd $kpid JFR.start name=get settings=profile filename="$work/get.jfr" >/dev/null
echo "GET files/s: $(curl_many "$cget" 200 "${auth[@]}")"
jcmd $kpid JFR.stop name=get >/dev/null
for r in put get; do
  echo "== $r: where the server's CPU samples are"
  java bench/JfrTop.java "$work/$r.jfr"
done
echo "== recordings and traces in $work (kept with KEEP=1)"
