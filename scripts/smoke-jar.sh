#!/usr/bin/env bash
# Smoke test of the packaged artifact, as an operator runs it: the jar, started from a shell in an
# empty directory, configured only with the environment variables the README documents.
#
# For each database (the embedded H2 default, then PostgreSQL through KLUIS_DB_URL):
#   1. start the server, wait for /actuator/health;
#   2. run every command of the README's commands block (between <!-- commands:begin --> and
#      <!-- commands:end -->) against the running server, then again after it stopped;
#   3. check that `help` lists exactly the commands the README shows (no drift either way).
# Then, on the embedded default: rotate the master key as the README says (append a key, restart,
# crypto rewrap) and check that the server starts again and its audit chain is intact; and start the
# prod profile behind a TLS proxy exactly as the README's Production section says (PostgreSQL, the
# master key in KLUIS_MASTER_KEY, SMTP, KLUIS_BEHIND_TLS_PROXY, KLUIS_FORWARD_HEADERS_STRATEGY): plain
# health probes get 200, other plain requests a redirect to HTTPS, forwarded HTTPS requests a page.
#
# Any non-zero exit, start-up failure or unexpected answer fails the script (exit 1) with the log.
# Usage: scripts/smoke-jar.sh [path/to/kluis.jar]   (PostgreSQL: PGHOST/PGPORT, user postgres)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$(ls "$root"/target/kluis-*.jar 2>/dev/null | grep -v plain | head -n1 || true)}
[[ -n "$jar" && -f "$jar" ]] || { echo "smoke: no jar (build it with ./mvnw -q package -DskipTests)" >&2; exit 1; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
pg_host=${PGHOST:-127.0.0.1}
pg_port=${PGPORT:-5432}
work=$(mktemp -d "${TMPDIR:-/tmp}/kluis-smoke.XXXXXX")
server=""
databases=()

cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  for db in "${databases[@]}"; do
    psql -h "$pg_host" -p "$pg_port" -U postgres -q -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  done
  [[ -n "${sink:-}" ]] && kill "$sink" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Failures are counted in a file, because several steps run in subshells (their own environment).
fail() { echo "smoke: FAILED: $*" >&2; echo "$*" >> "$work/failed"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The README's command lines, with `kluis.jar` standing for the jar and every example address made
# unique per run (admin create refuses an address that exists).
readme_commands() {
  local run=$1
  sed -n '/<!-- commands:begin/,/<!-- commands:end -->/p' "$root/README.md" \
    | sed -n '/^```bash$/,/^```$/p' | grep -v '^```' \
    | sed -e "s#java -jar kluis.jar#java -jar '$jar'#g" -e "s#\([a-z]*\)@example.org#\1-$run@example.org#g"
}

# Starts the server in directory $1 on port $2 (environment from the caller); sets $server.
start_server() {
  local dir=$1 port=$2
  ( cd "$dir" && exec java -Xmx384m -jar "$jar" --server.port="$port" >>server.log 2>&1 ) &
  server=$!
  for _ in $(seq 1 180); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health"; then
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health")
      [[ "$code" == 200 ]] && return 0
    fi
    if ! kill -0 "$server" 2>/dev/null; then
      echo "smoke: the server in $dir did not start:" >&2; grep -vE '^\s+at ' "$dir/server.log" | tail -n 25 >&2
      server=""; return 1
    fi
    sleep 1
  done
  echo "smoke: no healthy answer from :$port within 180 s" >&2; tail -n 25 "$dir/server.log" >&2; return 1
}

stop_server() {
  [[ -n "$server" ]] || return 0
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
}

# Runs the README's commands in directory $1 (label $2), each must exit 0.
run_commands() {
  local dir=$1 label=$2 line status
  # the bank statement the README's import line reads: the test fixture, a valid camt.053.001.02
  # whose references match no invoice here (the import reports them and changes nothing)
  cp "$root/src/test/resources/billing/bank/camt053-001-02.xml" "$dir/statement.xml"
  # the access log the README's hosting line reads: two page views in the combined log format
  printf '%s\n' \
    '203.0.113.7 - - [07/Dec/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "https://example.org/" "Mozilla/5.0 (X11; Linux x86_64)"' \
    '198.51.100.23 - - [07/Dec/2026:10:00:05 +0000] "GET /missing HTTP/1.1" 404 128 "-" "curl/8.0"' > "$dir/access.log"
  while IFS= read -r line; do
    [[ -z "$line" ]] && continue
    status=0
    ( cd "$dir" && bash -c "set -o pipefail; $line" >"$work/out" 2>"$work/err" ) || status=$?
    if [[ "$status" -ne 0 ]]; then
      fail "$label: '${line//$jar/kluis.jar}' exited $status"
      grep -vE '^\s+at ' "$work/err" | tail -n 8 >&2; tail -n 5 "$work/out" >&2
    else
      echo "   ok  $label: ${line//$jar/kluis.jar}" | cut -c1-150
      if [[ "$line" == *" help"* ]]; then cp "$work/out" "$work/help"; fi
    fi
  done < <(readme_commands "$RANDOM$RANDOM")
}

# `help` lists the commands the application has; the README must show each of them, and nothing else.
# Reads the output of the README's own `help` line, which run_commands keeps in $work/help.
check_command_list() {
  local listed documented
  listed=$(sed -n 's/^  \([a-z-]* [a-z-]*\)  .*/\1/p' "$work/help" | sort -u)
  documented=$(readme_commands 0 | sed -n "s#.*java -jar '[^']*' \([a-z-]* [a-z-]*\).*#\1#p" | grep -v '^help' | sort -u)
  if [[ "$listed" != "$documented" ]]; then
    fail "the README's commands block and 'help' disagree:"
    diff <(echo "$listed") <(echo "$documented") | sed 's/^/    /' >&2 || true
  else
    echo "   ok  README lists every command the jar has ($(echo "$listed" | wc -l))"
  fi
}

one_database() {
  local label=$1 dir=$2 port
  port=$(free_port)
  echo "== $label: server from an empty directory"
  start_server "$dir" "$port" || { fail "$label: start-up"; return; }
  run_commands "$dir" "$label (server running)"
  check_command_list
  stop_server
  run_commands "$dir" "$label (server stopped)"
  if grep -E ' ERROR ' "$dir/server.log" | grep -v 'LoggingFailureAnalysisReporter' >/dev/null; then
    fail "$label: the server logged errors:"; grep -E ' ERROR ' "$dir/server.log" | head -n 5 >&2
  fi
}

# --- 1. the embedded default (H2, generated master key, local mail viewer) ---
h2=$work/h2; mkdir -p "$h2"
( unset KLUIS_DB_URL KLUIS_MASTER_KEY KLUIS_MASTER_KEY_FILE KLUIS_KEY_STORE_DIR SPRING_PROFILES_ACTIVE; one_database "H2" "$h2" )

# Master-key rotation as the README describes it.
echo "== H2: master-key rotation (append, restart, rewrap)"
(
  cd "$h2"
  java -jar "$jar" crypto generate-master-key --id rotated >> data/master.key
) || fail "generate-master-key >> data/master.key"
port=$(free_port)
if start_server "$h2" "$port"; then
  out=$(cd "$h2" && java -jar "$jar" crypto rewrap 2>/dev/null) || fail "crypto rewrap after rotation"
  echo "   ok  $out"
  echo "$out" | grep -qE 'Re-wrapped [1-9]' || fail "crypto rewrap re-wrapped nothing after a new key was added"
  stop_server
  port=$(free_port)
  if start_server "$h2" "$port"; then
    (cd "$h2" && java -jar "$jar" audit verify >/dev/null 2>&1) || fail "audit verify after rotation"
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")
    [[ "$code" == 200 ]] || fail "GET /login after rotation answered $code"
    echo "   ok  restarted on the rotated key; audit chain intact; /login $code"
    stop_server
  else
    fail "start after rotation"
  fi
else
  fail "start before rewrap"
fi

# --- 2. PostgreSQL through the documented variables ---
if pg_isready -h "$pg_host" -p "$pg_port" -q 2>/dev/null; then
  db="kluis_smoke_$(date +%s)_$$"; databases+=("$db")
  psql -h "$pg_host" -p "$pg_port" -U postgres -q -c "create database $db"
  pg=$work/pg; mkdir -p "$pg"
  master_key=$(java -jar "$jar" crypto generate-master-key --id smoke)
  (
    export KLUIS_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$db" KLUIS_DB_USER=postgres KLUIS_DB_PASSWORD=
    export KLUIS_MASTER_KEY="$master_key"
    one_database "PostgreSQL" "$pg"
    [[ ! -e "$pg/data/master.key" ]] || { echo "smoke: FAILED: a master key file was generated although KLUIS_MASTER_KEY was set" >&2; exit 1; }
  ) || fail "PostgreSQL"

  # --- 3. the prod profile behind a TLS proxy, exactly as the README's Production section says ---
  echo "== prod profile behind a TLS proxy (PostgreSQL, SMTP)"
  db="kluis_smoke_prod_$(date +%s)_$$"; databases+=("$db")
  psql -h "$pg_host" -p "$pg_port" -U postgres -q -c "create database $db"
  prod=$work/prod; mkdir -p "$prod"
  smtp_port=$(free_port)
  python3 "$root/bench/smtp_sink.py" "$smtp_port" "$work/mail.txt" & sink=$!
  port=$(free_port)
  (
    export SPRING_PROFILES_ACTIVE=prod
    export KLUIS_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$db" KLUIS_DB_USER=postgres KLUIS_DB_PASSWORD=
    export KLUIS_MASTER_KEY="$master_key" KLUIS_BASE_URL=https://panel.example.nl KLUIS_KEY_STORE_DIR="$prod/keys"
    export KLUIS_BEHIND_TLS_PROXY=true KLUIS_FORWARD_HEADERS_STRATEGY=native
    export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$smtp_port
    export KLUIS_BILLING_MOLLIE_API_KEY=test_unusedInTheSmokeTestAAAAAAAAAAAA  # prod needs a payment provider
    start_server "$prod" "$port" || exit 1
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")
    [[ "$code" == 200 ]] || { echo "smoke: FAILED: plain-HTTP readiness probe answered $code" >&2; exit 1; }
    location=$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$port/login")
    [[ "$location" == https://* ]] || { echo "smoke: FAILED: plain HTTP /login was not redirected to HTTPS ($location)" >&2; exit 1; }
    headers=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/login")
    echo "$headers" | head -n1 | grep -q ' 200' || { echo "smoke: FAILED: /login over the proxy: $(echo "$headers" | head -n1)" >&2; exit 1; }
    echo "$headers" | grep -qi '^strict-transport-security:' || { echo "smoke: FAILED: no HSTS behind the proxy" >&2; exit 1; }
    (cd "$prod" && java -jar "$jar" audit verify >/dev/null 2>&1) || { echo "smoke: FAILED: audit verify in the prod profile" >&2; exit 1; }
    echo "   ok  started; plain health 200, plain /login -> $location, proxied /login 200 with HSTS; audit verify"
    kill "$server"; wait "$server" 2>/dev/null || true
    [[ ! -e "$prod/data/master.key" ]] || { echo "smoke: FAILED: the prod profile generated a master key file" >&2; exit 1; }
  ) || fail "prod profile behind a TLS proxy"
else
  if [[ "${CI:-}" == true ]]; then
    fail "PostgreSQL at $pg_host:$pg_port is not reachable (CI=true: nothing may be skipped)"
  else
    echo "== PostgreSQL at $pg_host:$pg_port not reachable: its part of the smoke test is skipped"
  fi
fi

if [[ -s "$work/failed" ]]; then
  echo "== smoke test of $(basename "$jar"): $(wc -l < "$work/failed") failure(s)" >&2
  exit 1
fi
echo "== smoke test of $(basename "$jar"): all green"
