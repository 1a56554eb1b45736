#!/usr/bin/env bash
# H3 of BENCHMARKS.md: the p99 of an authenticated GET /api/v1/me (HTTP Basic with an app password)
# alone, and during a flood of wrong account passwords (POST /api/v1/app-passwords, each an Argon2id
# verification), Kluis on the embedded H2 database at -Xmx256m. Target: during / alone <= 3x.
# Prints the figures and the ratio and writes the H3 section of docs/benchmarks.md.
#
# Usage: bench/login-flood.sh     (DURATION=20 seconds per measurement, FLOOD=16 connections)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
DURATION=${DURATION:-20}
FLOOD=${FLOOD:-16}
K=18180; S=18125
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

jar=$(kluis_jar)
work=$(mktemp -d /var/tmp/kluis-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT

python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN >"$work/kluis.log" 2>&1 & pids+=($!)
wait_http http://127.0.0.1:$K/actuator/health
customer $K
auth="Authorization: Basic $(printf '%s:%s' "$CUSTOMER_EMAIL" "$CUSTOMER_SECRET" | base64 -w0)"
flood_auth="Authorization: Basic $(printf '%s' "flood-$RANDOM@example.org:Summer2026!guess" | base64 -w0)"
cat >"$work/flood.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"flood"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# wrk's "99%" latency line -> milliseconds
p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }'; }
me() { wrk -t2 -c4 -d"${DURATION}s" --latency -H "$auth" "http://127.0.0.1:$K/api/v1/me" >"$work/$1.txt"; }

echo "== warm-up"; wrk -t1 -c2 -d5s -H "$auth" "http://127.0.0.1:$K/api/v1/me" >/dev/null
echo "== GET /api/v1/me alone (${DURATION}s)"; me alone
echo "== GET /api/v1/me during a flood of wrong passwords ($FLOOD connections)"
wrk -t2 -c"$FLOOD" -d"$((DURATION + 6))s" -s "$work/flood.lua" -H "$flood_auth" \
  "http://127.0.0.1:$K/api/v1/app-passwords" >"$work/flood.txt" & flood=$!
sleep 3; me during; wait $flood

alone=$(p99 <"$work/alone.txt"); during=$(p99 <"$work/during.txt")
rps=$(awk '/Requests\/sec/ {print $2}' "$work/flood.txt")
r=$(ratio "$during" "$alone")
echo "H3: p99 alone ${alone} ms, during the flood ${during} ms, ratio ${r} (target <= 3); flood ${rps} answers/s"
cat >"$work/section.md" <<MD
## H3 login flood

\`bench/login-flood.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores shared with other work, $(java -version 2>&1 | head -1),
Kluis on H2 at -Xmx256m): the p99 of an authenticated \`GET /api/v1/me\` (app password, wrk 4
connections, ${DURATION} s) alone and during a flood of wrong account passwords from ${FLOOD} connections
(\`POST /api/v1/app-passwords\`, each an Argon2id verification of 19 MiB). Password hashes pass a gate
(half as many at once as there are processors, a bounded queue, 503 with Retry-After beyond it), so the
flood slows only logins.

| | p99 GET /api/v1/me |
|---|---|
| alone | ${alone} ms |
| during the flood (${rps} answers/s to the flood) | ${during} ms |
| ratio (target ≤ 3×) | ${r} |
MD
write_section "H3 login flood" "$work/section.md"
