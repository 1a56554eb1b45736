#!/usr/bin/env bash
# The server's CPU time per small WebDAV request (W5/W6 of BENCHMARKS.md): on a shared machine wall
# time moves with the neighbours' load, the CPU a request costs the server much less, so this is the
# figure to compare two builds or settings by when no quiet machine is at hand. Starts the jar (H2,
# filesystem blobs), makes a customer, warms up, then ROUNDS times: curl --parallel 8 PUTs $SMALL
# 4 KiB files into a new folder and GETs them back, reading the server's user+system CPU ticks from
# /proc before and after each. Prints CPU-ms per PUT and per GET and the files/s of each round.
#
# Usage: bench/put-cpu.sh
#        JAR=... H2_OPTS=";PAGE_SIZE=4096" KLUIS_ARGS="--kluis.storage.small-file-limit=0" ROUNDS=3 bench/put-cpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
SMALL=${SMALL:-2000}; ROUNDS=${ROUNDS:-3}
P=${PORT_BASE:-18280}; K=$P; S=$((P - 55))
jar=$(kluis_jar)
work=$(mktemp -d /var/tmp/kluis-cpu.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/small"; head -c $((SMALL * 4096)) /dev/urandom | split -b 4096 -a 4 -d - "$work/small/f"
python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
db="jdbc:h2:file:$work/kluis/db/kluis;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=${WRITE_DELAY:-0};AUTO_SERVER=TRUE;QUERY_CACHE_SIZE=128${H2_OPTS:-}"
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --spring.datasource.url="$db" --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN ${KLUIS_ARGS:-} \
  >"$work/kluis.log" 2>&1 & kpid=$!; pids+=($kpid)
wait_http http://127.0.0.1:$K/actuator/health 600
customer $K; auth=(-u "$CUSTOMER_EMAIL:$CUSTOMER_SECRET"); KD="http://127.0.0.1:$K/dav/bench"
ticks() { awk '{print $14 + $15}' /proc/$kpid/stat; }
hz=$(getconf CLK_TCK)
for w in 1 2; do
  curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/warm$w/"
  curl_many "$(curl_config put "$KD/warm$w/")" '201|204' "${auth[@]}" >/dev/null
  curl_many "$(curl_config get "$KD/warm$w/")" 200 "${auth[@]}" >/dev/null
done
echo "jar $(basename "$jar") H2_OPTS='${H2_OPTS:-}' KLUIS_ARGS='${KLUIS_ARGS:-}' load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  curl -sf -o /dev/null "${auth[@]}" -X MKCOL "$KD/r$r/"
  cput=$(curl_config put "$KD/r$r/"); cget=$(curl_config get "$KD/r$r/")
  t0=$(ticks); pf=$(curl_many "$cput" '201|204' "${auth[@]}"); t1=$(ticks)
  gf=$(curl_many "$cget" 200 "${auth[@]}"); t2=$(ticks)
  awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$SMALL" -v hz="$hz" -v pf="$pf" -v gf="$gf" -v r="$r" \
    'BEGIN {printf "round %d: PUT %.3f CPU-ms each, %s files/s; GET %.3f CPU-ms each, %s files/s\n", r, (b-a)*1000/hz/n, pf, (c-b)*1000/hz/n, gf}'
done
