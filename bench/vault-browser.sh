#!/usr/bin/env bash
# C2 and C3 alone, quickly: the browser vault's upload (C3) and download + decrypt (C2) of
# bench/crypto.sh in headless Chromium (bench/crypto-browser.mjs), without C1 and C4. Prints the
# JSON lines and a summary (median, min, max per figure). Writes nothing.
# Usage: bench/vault-browser.sh   (BIG_MB=256 RUNS=3 JAR=target/kluis-….jar PORT=18190)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source bench/lib.sh
BIG_MB=${BIG_MB:-256}
RUNS=${RUNS:-3}
PUPPETEER=${PUPPETEER:-puppeteer-core@24.40.0}
K=${PORT:-18190}; S=$((K + 5))
jar=${JAR:-$(kluis_jar)}
nodedir=$ROOT/target/bench-node
if [[ ! -d $nodedir/node_modules/puppeteer-core ]]; then
  mkdir -p "$nodedir"; (cd "$nodedir" && npm install --no-audit --no-fund --silent "$PUPPETEER" >/dev/null)
fi
work=$(mktemp -d /var/tmp/kluis-vbench.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; [[ -n "${KEEP:-}" ]] || rm -rf "$work"; }
trap cleanup EXIT

python3 bench/smtp_sink.py $S "$work/mail.txt" & pids+=($!)
java -Xmx256m -jar "$jar" --server.port=$K --kluis.data-dir="$work/kluis" --kluis.base-url=http://127.0.0.1:$K \
  --kluis.storage.default-quota=1000GB \
  --spring.mail.host=127.0.0.1 --spring.mail.port=$S --logging.level.root=WARN >"$work/kluis.log" 2>&1 & pids+=($!)
(openssl enc -aes-256-ctr -pass pass:kluis -nosalt -pbkdf2 </dev/zero 2>/dev/null || true) | head -c $((BIG_MB * 1024 * 1024)) >"$work/big.bin"
wait_http http://127.0.0.1:$K/actuator/health 600
customer $K
curl -sf -o /dev/null -u "$CUSTOMER_EMAIL:$CUSTOMER_SECRET" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$K/api/v1/spaces" -d '{"name":"c3","kind":"VAULT"}'
cp bench/crypto-browser.mjs "$nodedir/"
KLUIS=http://127.0.0.1:$K EMAIL=$CUSTOMER_EMAIL PASSWORD=$BENCH_PASSWORD API_USER=$CUSTOMER_EMAIL API_SECRET=$CUSTOMER_SECRET \
  SPACE=c3 FILE="$work/big.bin" RUNS=$RUNS node "$nodedir/crypto-browser.mjs" | tee "$work/browser.jsonl"
python3 - "$work/browser.jsonl" <<'PY'
import json, statistics, sys
by = {}
for line in open(sys.argv[1]):
    o = json.loads(line)
    for k, v in o.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool) and k != "run":
            by.setdefault((o["kind"], k), []).append(v)
for (kind, key), vs in by.items():
    print(f"{kind:14} {key:22} median {statistics.median(vs):8.1f}  min {min(vs):8.1f}  max {max(vs):8.1f}  (n={len(vs)})")
PY
echo "load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
