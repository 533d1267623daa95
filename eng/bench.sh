#!/usr/bin/env bash
# The benchmark (docs/performance.md): builds the app in Release with its baseline pages (-p:FastTrackBenchmark=true),
# seeds N demo engagements into a fresh data folder, starts it on Kestrel, signs in, and loads each page with wrk.
#
# Usage: eng/bench.sh [--engagements N (10000)] [--provider sqlite|postgres] [--duration 20s] [--connections 16]
#                     [--data DIR (reuse a seeded folder)] [--half-minutes M (then M minutes at half load, memory sampled)]
#                     [--warmup 30s (unmeasured load on each page first)] [--rounds R (1)] [--reads-only] [--keep]
#                     [--usage-upload (only the bulk usage upload: 10,000 CSV rows through the API, eng/bench/usage_upload.py)]
# --rounds R measures every page R times, round after round (each round: the baselines, every page, the write), and
# reports each page's median: this machine's speed drifts by ±20 % over minutes, and a ratio is only as good as the
# baseline measured next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

engagements=10000; provider=sqlite; duration=20s; warmup=30s; connections=16; threads=2; data=""; half_minutes=0; reads_only=0; keep=0; rounds=1; usage_upload=0
while [ $# -gt 0 ]; do
  case "$1" in
    --engagements) engagements=$2; shift ;;
    --provider) provider=$2; shift ;;
    --duration) duration=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --connections) connections=$2; shift ;;
    --data) data=$2; shift ;;
    --half-minutes) half_minutes=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --reads-only) reads_only=1 ;;
    --keep) keep=1 ;;
    --usage-upload) usage_upload=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ "$provider" = postgres ] && [ -z "$(pg_bin)" ] && missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

app="$root/artifacts/bench/app"
echo "== build (Release, benchmark baselines included)"
dotnet build src/FastTrack.Web -c Release -p:FastTrackBenchmark=true -o "$app" --nologo -clp:ErrorsOnly >/dev/null

if [ -z "$data" ]; then data=$(mktemp -d /tmp/fasttrack-bench.XXXXXX); fresh=1; else mkdir -p "$data"; fresh=0; fi
out="$root/artifacts/bench/results/$(date +%Y%m%d-%H%M%S)-$provider-$engagements"; mkdir -p "$out"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$provider" = postgres ] && [ -n "${pgdir:-}" ]; then
    run_pg "$(pg_bin)/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    [ $keep = 1 ] || rm -rf "$pgdir"
  fi
  if [ $keep = 0 ] && [ $fresh = 1 ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production
# Production cookies are Secure: the load comes "through" a TLS-terminating proxy on 127.0.0.1 (X-Forwarded-Proto),
# as in docs/deployment.md, so no certificate is needed and the app runs exactly as configured for production.
export ReverseProxy__KnownProxies__0=127.0.0.1
export Database__DataFolder="$data"
if [ "$provider" = postgres ]; then
  run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  pgdir=$(mktemp -d /tmp/fasttrack-bench-pg.XXXXXX); [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
  pgport=$(free_port)
  run_pg "$(pg_bin)/initdb" -D "$pgdir/data" -U fasttrack --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Durable settings (fsync on): the numbers are those of a real server, only smaller.
  run_pg "$(pg_bin)/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pgport -c unix_socket_directories=$pgdir -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
  export Database__Provider=Postgres
  export ConnectionStrings__FastTrack="Host=127.0.0.1;Port=$pgport;Username=fasttrack;Database=fasttrack_bench;Maximum Pool Size=64"
fi

echo "== seed $engagements engagements into $data ($provider)"
set +e
(cd "$app" && dotnet FastTrack.Web.dll seed-demo --engagements "$engagements") > "$out/seed.txt" 2> "$out/seed.err"
seeded=$?
set -e
if [ $seeded = 2 ]; then echo "   (the database already holds engagements: reused)"; elif [ $seeded != 0 ]; then cat "$out/seed.err" >&2; exit 1; else grep '^Added' "$out/seed.txt"; fi

port=$(free_port)
base="http://127.0.0.1:$port"
# Run from the app's folder: its content root (appsettings.json, wwwroot) is the published one.
(cd "$app" && ASPNETCORE_URLS="$base" exec dotnet FastTrack.Web.dll) > "$out/app.log" 2>&1 &
app_pid=$!; pids+=("$app_pid")
for _ in $(seq 1 120); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/health/ready" >/dev/null || { echo "the app did not start; see $out/app.log" >&2; exit 1; }

password=demo-password-2026
eval "$(python3 eng/bench/session.py "$base" fm1@demo.fasttrack.example "$password" FM)"
eval "$(python3 eng/bench/session.py "$base" admin@demo.fasttrack.example "$password" ADMIN)"
if [ $usage_upload = 1 ]; then
  echo "== usage upload: a partner's 10,000-row usage file through /api/v1/usage/import ($provider)"
  python3 eng/bench/usage_upload.py "$base" admin@demo.fasttrack.example "$password" | tee "$out/usage-upload.txt"
  exit "${PIPESTATUS[0]}"
fi
# The tasks the writers change, with their current versions and states; fetched again before each write run (an
# earlier run changed them).
# (A second's pause first: changes wrk had in flight when the previous run stopped are still being saved.)
fetch_tasks() { sleep 1; curl -fs -H "X-Forwarded-Proto: https" "$base/bench/tasks?count=60000" > "$out/tasks.csv"; }
fetch_tasks
echo "   signed in as fm1 (reads) and admin (task changes); $(wc -l < "$out/tasks.csv") tasks to change; detail page /Engagements/$FM_ENGAGEMENT"

pages=(
  "raw|/bench/raw"
  "ef|/bench/ef"
  "portfolio|/"
  "list|/Engagements?State=Active&Page=3"
  "detail|/Engagements/$FM_ENGAGEMENT"
  "catalogue|/Catalogue"
)

# run NAME DELAY_MS SCRIPT_ARGS... -> $out/NAME.txt
run_wrk() {
  local name=$1 delay=$2 dur=$3; shift 3
  BENCH_DELAY_MS=$delay BENCH_THREADS=$threads BENCH_COOKIE="$cookie" BENCH_PATHS="$paths" BENCH_TOKEN="$ADMIN_TOKEN" BENCH_TASKS="$out/tasks.csv" \
    wrk -t$threads -c$connections -d"$dur" --timeout 10s --latency "$@" "$base" > "$out/$name.txt"
}
# parse FILE -> "rps p50ms p99ms errors"
parse() {
  python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def ms(v):
    n, u = re.match(r"([\d.]+)(\w+)", v).groups(); return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", t).group(1)); p99 = ms(re.search(r"\s99%\s+(\S+)", t).group(1))
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
m = re.search(r"Non-2xx or 3xx responses: (\d+)", t); errors += int(m.group(1)) if m else 0
# The write script counts every response that is not the redirect of a saved change (this includes non-2xx/3xx).
m = re.search(r"Not saved \(no redirect\): (\d+)", t)
if m: errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t)) + int(m.group(1))
total = int(re.search(r"(\d+) requests in", t).group(1))
print(f"{rps:.1f} {p50:.2f} {p99:.2f} {errors} {total}")
PY
}

echo "== load: wrk -t$threads -c$connections -d$duration per page, $rounds round(s), each page first after $warmup unmeasured (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
# Each page is measured in the steady state: .NET compiles hot code again (tiered, profile-guided) during the first
# 20-30 seconds of load, so every page (and the write) first gets $warmup of unmeasured load (in the first round).
declare -A path_of; names=()
for entry in "${pages[@]}"; do names+=("${entry%%|*}"); path_of[${entry%%|*}]=${entry#*|}; done
path_of[complete-task]="POST /Engagements/{id}?handler=Task"
[ $reads_only = 0 ] && names+=(complete-task)
for round in $(seq 1 "$rounds"); do
  for entry in "${pages[@]}"; do
    name=${entry%%|*}; path=${entry#*|}
    # A fresh session per page: its cookie is inside the minute before the security stamp is revalidated.
    eval "$(python3 eng/bench/session.py "$base" fm1@demo.fasttrack.example "$password" FM)"
    cookie="$FM_COOKIE"; paths="$path"
    [ "$round" = 1 ] && run_wrk "warmup-$name" 0 "$warmup" -s eng/bench/get.lua
    run_wrk "$name-r$round" 0 "$duration" -s eng/bench/get.lua
  done
  if [ $reads_only = 0 ]; then
    eval "$(python3 eng/bench/session.py "$base" admin@demo.fasttrack.example "$password" ADMIN)"
    cookie="$ADMIN_COOKIE"; paths=""
    [ "$round" = 1 ] && run_wrk warmup-complete-task 0 "$warmup" -s eng/bench/complete-task.lua
    fetch_tasks
    run_wrk "complete-task-r$round" 0 "$duration" -s eng/bench/complete-task.lua
  fi
done
# Each page's median round (by req/s; its latencies with it), errors over all rounds, and the median of its per-round
# ratios to the EF baseline.
declare -A rps ratio rounds_of
results=()
for name in "${names[@]}"; do
  path=${path_of[$name]}
  rows=(); all=""
  for round in $(seq 1 "$rounds"); do
    read -r r p50 p99 err total < <(parse "$out/$name-r$round.txt")
    read -r e _ < <(parse "$out/ef-r$round.txt")
    rows+=("$r $p50 $p99 $err $total $e")
  done
  read -r r p50 p99 err total med all < <(printf '%s\n' "${rows[@]}" | python3 -c '
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
mid = sorted(rows, key=lambda x: x[0])[(len(rows) - 1) // 2]
ratios = [x[0] / x[5] for x in rows]
print(f"{mid[0]:.1f} {mid[1]:.2f} {mid[2]:.2f} {int(sum(x[3] for x in rows))} {int(sum(x[4] for x in rows))} {statistics.median(ratios):.2f} " + ",".join(f"{q:.2f}" for q in ratios))')
  rps[$name]=$r; ratio[$name]=$med; rounds_of[$name]=$all
  results+=("$name|$path|$r|$p50|$p99|$err|$total")
done
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg); app RSS $(awk '/VmRSS/ {print int($2/1024) " MB"}' /proc/$app_pid/status)"

printf '\n%-14s %-40s %10s %9s %9s %7s %8s  %s\n' page path "req/s" "p50 ms" "p99 ms" errors "÷ EF" "÷ EF per round"
for row in "${results[@]}"; do
  IFS='|' read -r name path r p50 p99 err total <<< "$row"
  printf '%-14s %-40s %10s %9s %9s %7s %8s  %s\n' "$name" "$path" "$r" "$p50" "$p99" "$err" "${ratio[$name]}" "${rounds_of[$name]}"
done | tee "$out/summary.txt"

if [ "$half_minutes" != 0 ]; then
  echo
  echo "== half load: each page at half its maximum rate for 30 s (wrk paced by a per-connection delay)"
  printf '%-14s %10s %10s %9s %9s %7s\n' page "target/s" "req/s" "p50 ms" "p99 ms" errors | tee "$out/half.txt"
  for row in "${results[@]}"; do
    IFS='|' read -r name path r p50 p99 err total <<< "$row"
    # A connection sends one request per (delay + latency); latency at half load is small beside the delay.
    delay=$(python3 -c "print(max(1, int($connections * 1000 / ($r / 2))))")
    if [ "$name" = complete-task ]; then fetch_tasks; cookie="$ADMIN_COOKIE"; run_wrk "half-$name" "$delay" 30s -s eng/bench/complete-task.lua
    else cookie="$FM_COOKIE"; paths="$path"; run_wrk "half-$name" "$delay" 30s -s eng/bench/get.lua; fi
    read -r hr hp50 hp99 herr htotal < <(parse "$out/half-$name.txt")
    printf '%-14s %10.0f %10s %9s %9s %7s\n' "$name" "$(python3 -c "print($r / 2)")" "$hr" "$hp50" "$hp99" "$herr"
  done | tee -a "$out/half.txt"

  echo
  echo "== memory: $half_minutes minutes of mixed reads at half load, RSS sampled every 10 s"
  mixed="/ /Engagements?State=Active&Page=3 /Engagements/$FM_ENGAGEMENT /Catalogue"
  slowest=$(python3 -c "print(min(${rps[portfolio]}, ${rps[list]}, ${rps[detail]}, ${rps[catalogue]}))")
  delay=$(python3 -c "print(max(1, int($connections * 1000 / ($slowest / 2))))")
  cookie="$FM_COOKIE"; paths="$mixed"
  run_wrk memory "$delay" "${half_minutes}m" -s eng/bench/get.lua &
  wrk_pid=$!; pids+=("$wrk_pid")
  : > "$out/rss.txt"
  while kill -0 "$wrk_pid" 2>/dev/null; do
    awk -v t="$(date +%s)" '/VmRSS/ {print t, int($2/1024)}' "/proc/$app_pid/status" >> "$out/rss.txt"; sleep 10
  done
  read -r mr mp50 mp99 merr mtotal < <(parse "$out/memory.txt")
  python3 - "$out/rss.txt" "$mr" "$mp50" "$mp99" "$merr" <<'PY'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
t0 = rows[0][0]
after2 = [mb for t, mb in rows if t - t0 >= 120]
print(f"mixed reads: {sys.argv[2]} req/s, p50 {sys.argv[3]} ms, p99 {sys.argv[4]} ms, errors {sys.argv[5]}")
print(f"RSS: start {rows[0][1]} MB, max {max(mb for _, mb in rows)} MB; after minute 2: min {min(after2)} MB, max {max(after2)} MB, last {rows[-1][1]} MB")
PY
fi
echo
echo "raw wrk output, the seed summary and the app log: $out"
