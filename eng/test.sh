#!/usr/bin/env bash
# The whole suite: unit, integration (SQLite), the same again on a throw-away PostgreSQL server, and the
# browser journeys in Chromium. Installs Debian's chromium, fonts-noto-cjk, postgresql and python3-aiosmtpd when they are missing.
# SQL Server cannot run here: it is checked offline in every run (tests/FastTrack.Core.Tests/Data/SqlServerOfflineTests);
# with --sqlserver and FASTTRACK_SQLSERVER set to a connection string of a live server (a login that may create
# databases), the database tests run on it too.
# Usage: eng/test.sh [--no-postgres] [--no-browser] [--sqlserver] [--screenshots] [extra dotnet test args]
#   --screenshots: also refresh docs/screenshots/ (always written to artifacts/screenshots/)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

postgres=1; browser=1; sqlserver=0; extra=()
for a in "$@"; do
  case "$a" in
    --no-postgres) postgres=0 ;;
    --no-browser) browser=0 ;;
    --sqlserver) sqlserver=1 ;;
    --screenshots) export FASTTRACK_UPDATE_SCREENSHOTS=1 ;;
    *) extra+=("$a") ;;
  esac
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
[ $browser = 1 ] && ! command -v chromium >/dev/null 2>&1 && missing+=(chromium)
# Japanese and Chinese glyphs for the screenshots the browser tests write to docs/screenshots/.
[ $browser = 1 ] && ! fc-list :lang=ja 2>/dev/null | grep -q . && missing+=(fonts-noto-cjk)
[ $postgres = 1 ] && [ -z "$(pg_bin)" ] && missing+=(postgresql)
# The loopback SMTP server the alert mail tests start (eng/smtp-sink.py).
! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import aiosmtpd"; }  >/dev/null 2>&1 && missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Each test app would watch its appsettings files for changes: hundreds of test hosts exhaust the machine's inotify
# instances (128 per user by default), and a host that cannot watch fails its requests.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# The file providers (static files, Razor views) poll instead of taking an inotify instance each.
export DOTNET_USE_POLLING_FILE_WATCHER=true
[ "$(id -u)" = 0 ] && sysctl -q -w fs.inotify.max_user_instances=1024 >/dev/null 2>&1 || true

echo "== build"
dotnet build FastTrack.sln -c Release --nologo -clp:ErrorsOnly

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0

run_tests() { # name project [VAR=value...] [-- dotnet test args...]
  local name=$1 project=$2; shift 2
  local vars=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do vars+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; args=("$@"); }
  echo "== $name"
  env "${vars[@]}" dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" "${args[@]}" "${extra[@]}" || status=1
}

run_tests core-sqlite tests/FastTrack.Core.Tests
run_tests web-sqlite tests/FastTrack.Web.Tests

if [ $postgres = 1 ]; then
  bin=$(pg_bin)
  pgdir=$(mktemp -d /tmp/fasttrack-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
  cleanup() {
    run_pg "$bin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  }
  trap cleanup EXIT
  echo "== starting PostgreSQL on 127.0.0.1:$port"
  run_pg "$bin/initdb" -D "$pgdir/data" -U fasttrack --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pgdir -c fsync=off -c max_connections=300" start >/dev/null
  pg="Host=127.0.0.1;Port=$port;Username=fasttrack;Database=postgres;Pooling=true;Maximum Pool Size=20"
  run_tests core-postgres tests/FastTrack.Core.Tests FASTTRACK_TEST_POSTGRES="$pg"
  # Tests marked [Trait("Engine", "Independent")] measure what sits above the database (the read cache's bound): once, on SQLite.
  pg_filter=(); [[ " ${extra[*]} " == *" --filter "* ]] || pg_filter=(--filter "Engine!=Independent")
  run_tests web-postgres tests/FastTrack.Web.Tests FASTTRACK_TEST_POSTGRES="$pg" -- "${pg_filter[@]}"
fi

if [ $sqlserver = 1 ] && [ -n "${FASTTRACK_SQLSERVER:-}" ]; then
  run_tests core-sqlserver tests/FastTrack.Core.Tests FASTTRACK_TEST_SQLSERVER="$FASTTRACK_SQLSERVER"
else
  echo "== SQL Server: checked offline only; the live SQL Server run was not done (set FASTTRACK_SQLSERVER and pass --sqlserver)"
fi

if [ $browser = 1 ] && [ -d tests/FastTrack.Browser.Tests ]; then
  run_tests browser tests/FastTrack.Browser.Tests
fi

# The figures the tests print (lines "figure: ..." in their output: SQL Server statements parsed, ...), from the results.
echo "== figures"
grep -aho 'figure: [^<&]*' "$results"/*.trx 2>/dev/null | sed 's/^figure: /   /' | sort | uniq || true

if [ $status = 0 ]; then echo "== all tests passed"; else echo "== some tests FAILED (results in artifacts/test-results)"; fi
exit $status
