# shellcheck shell=bash
# What the storage benchmarks (webdav.sh, webdav-s3.sh) share. Sourced from the repository root,
# after ROOT is set; the functions that write files use $work, the script's scratch directory.

# The password of every benchmark customer.
BENCH_PASSWORD="violet harbour glacier tulip 42"

# The Kluis jar in target/, built first if there is none; prints its path.
kluis_jar() {
  if [[ -n "${JAR:-}" ]]; then echo "$JAR"; return; fi
  local jar; jar=$(ls target/kluis-*.jar 2>/dev/null | grep -v plain | head -1 || true)
  if [[ -z "$jar" ]]; then
    echo "== building the Kluis jar" >&2; ./mvnw -q -DskipTests package >&2; jar=$(ls target/kluis-*.jar | grep -v plain | head -1)
  fi
  echo "$jar"
}

# DavLoad's failed requests are reported on standard error (a figure from a run with failures is not one).
load() {
  local out; out=$(java -Xmx512m "$ROOT/bench/DavLoad.java" "$@") || return 1
  grep -q 'failures=[1-9]' <<<"$out" && echo "DavLoad $1 ${2:-}: $(grep -o 'failures=[0-9]*' <<<"$out") - this figure is not valid" >&2
  echo "$out"
}
# Numbers on standard input -> "median min max".
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f %.1f %.1f", m, a[1], a[NR]}'; }
# The value of name=value in DavLoad's output.
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
ratio() { echo "$1 $2" | awk '{ if ($2 == 0) print "n/a"; else printf "%.2f", $1/$2 }'; }
# Waits for an answer from a URL: tries (default 120) half a second apart, else ends the script.
wait_http() { for _ in $(seq 1 "${2:-120}"); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }
# W5/W6 with a standard client: curl --parallel --parallel-max 8 over the files of $work/small, one
# transfer per file from a -K config, connections kept alive as sync clients keep them.
# curl_config put|get BASE -> the path of the config (BASE ends in a slash; the files keep their names).
curl_config() {
  local mode=$1 base=$2 cfg="$work/curl-$1-$RANDOM.cfg" f
  for f in "$work"/small/*; do
    if [[ $mode == put ]]; then printf 'url = "%s%s"\nupload-file = "%s"\noutput = "/dev/null"\n' "$base" "${f##*/}" "$f"
    else printf 'url = "%s%s"\noutput = "/dev/null"\n' "$base" "${f##*/}"; fi
  done >"$cfg"
  echo "$cfg"
}
# curl_many CONFIG EXPECTED_STATUS_REGEX [curl-args...] -> files/s; failures (another status, or a GET
# of another length than 4096) go to standard error and end the script.
curl_many() {
  local cfg=$1 ok=$2; shift 2
  local s e out bad
  s=$(date +%s.%N)
  out=$(curl -s --no-progress-meter --parallel --parallel-max 8 -K "$cfg" -w '%{http_code} %{size_download}\n' "$@" || true)
  e=$(date +%s.%N)
  bad=$(awk -v ok="$ok" '$1 !~ ("^(" ok ")$") || (ok == "200" && $2 != 4096)' <<<"$out" | wc -l)
  (( bad == 0 )) || { echo "curl: $bad of $(wc -l <<<"$out") transfers failed: $(awk '{print $1}' <<<"$out" | sort | uniq -c | tr '\n' ' ')" >&2; exit 1; }
  echo "$(wc -l <<<"$out") $s $e" | awk '{printf "%.1f\n", $1 / ($3 - $2)}'
}
# PUT of $work/big.bin: url curl-args... -> MB/s
put_big() {
  local url=$1; shift
  curl -sf -o /dev/null -w '%{speed_upload}\n' "$@" -T "$work/big.bin" "$url" | awk '{printf "%.1f\n", $1/1e6}'
}

# A verified customer with an app password and a space "bench" on the Kluis at port $1 (registration
# through the API, the token from the mail sink's $work/mail.txt). Sets CUSTOMER_EMAIL and
# CUSTOMER_SECRET (the app password); runs in the script's own shell, so a failing step ends it.
customer() {
  local port=$1 email="bench-$RANDOM@example.org" password=$BENCH_PASSWORD token=""
  curl -sf -o /dev/null -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$port/api/v1/accounts" -d "{\"email\":\"$email\",\"password\":\"$password\",\"firstName\":\"Bench\",\"lastName\":\"Mark\",\"street\":\"Damrak 1\",\"postalCode\":\"1012 LG\",\"city\":\"Amsterdam\",\"country\":\"NL\",\"dateOfBirth\":\"1980-01-01\",\"language\":\"en\"}"
  for _ in $(seq 1 240); do
    token=$(python3 - "$work/mail.txt" "$port" <<'PY' 2>/dev/null || true
import quopri, re, sys
raw = open(sys.argv[1], 'rb').read()
# only quoted-printable mail is decoded: a 7bit token such as "=43_..." would otherwise be mangled
text = (quopri.decodestring(raw) if b'quoted-printable' in raw.lower() else raw).decode(errors='replace')
m = re.findall(r'127\.0\.0\.1:' + sys.argv[2] + r'/[^\s"]*verify\?token=([A-Za-z0-9_\-%]+)', text)
print(m[-1] if m else '')
PY
)
    [[ -n "$token" ]] && break; sleep 0.5
  done
  [[ -n "$token" ]] || { echo "no verification mail arrived from :$port" >&2; exit 1; }
  curl -sf -o /dev/null -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$port/api/v1/accounts/verification" -d "{\"token\":\"$token\"}"
  local secret; secret=$(curl -sf -u "$email:$password" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$port/api/v1/app-passwords" -d '{"name":"bench","scopes":["files","api:write"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
  curl -sf -o /dev/null -u "$email:$secret" -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$port/api/v1/spaces" -d '{"name":"bench"}'
  CUSTOMER_EMAIL=$email; CUSTOMER_SECRET=$secret
}

# Replaces the section headed "## $1" of docs/benchmarks.md (or adds it) with the file $2.
write_section() {
  python3 - "$ROOT/docs/benchmarks.md" "$1" "$2" <<'PY'
import re, sys
path, heading, section = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
try:
    doc = open(path).read()
except FileNotFoundError:
    doc = "# Benchmarks\n\nFigures from the scripts in `bench/`, measured side by side with real peers on one machine (see `../shared/design/BENCHMARKS.md` for the targets).\n\n"
doc = re.sub(r"## " + re.escape(heading) + r".*?(?=\n## |\Z)", "", doc, flags=re.S).rstrip() + "\n\n" + section
open(path, "w").write(doc)
PY
  echo "== written to docs/benchmarks.md"
}

# Apache mod_dav (mod_dav_fs) on 127.0.0.1:$1, the way a provider would run it, without
# authentication, serving $work/apache/root; stopped by the script's cleanup through its pid file.
start_apache() {
  local A=$1
  mkdir -p "$work/apache/root" "$work/apache/lock"; chown -R www-data: "$work/apache"
  cat >"$work/apache/httpd.conf" <<EOF
ServerRoot /etc/apache2
Listen 127.0.0.1:$A
ServerName 127.0.0.1
PidFile $work/apache/httpd.pid
ErrorLog $work/apache/error.log
Mutex file:$work/apache default
User www-data
Group www-data
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dav_module /usr/lib/apache2/modules/mod_dav.so
LoadModule dav_fs_module /usr/lib/apache2/modules/mod_dav_fs.so
DocumentRoot $work/apache/root
DavLockDB $work/apache/lock/DavLock
LimitRequestBody 0
<Directory $work/apache/root>
  Dav On
  Require all granted
</Directory>
EOF
  apache2 -f "$work/apache/httpd.conf" -k start
}
