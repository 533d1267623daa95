#!/usr/bin/env bash
# The standard scanners against the app on loopback (issue 20 item 5; not part of eng/test.sh: they are slow).
# Installs Debian's sqlmap, wapiti and ffuf when missing (apt-get, as root or through sudo), builds in Release, starts the
# app in Production on a free loopback port over a throw-away SQLite database with demo data (seed-demo), signs in as
# the demo FM and a demo partner (curl cookie jars), then runs:
#   sqlmap  on the search, filter, sort and paging parameters of /Engagements (signed in) and of /api/v1/engagements (token);
#   wapiti  signed in, time-boxed (SSRF is left out: it asks a server on the internet);
#   ffuf    hidden paths from eng/security-paths.txt;
#   guess   60 wrong passwords for a demo account from one address: must be slowed down (429), and the owner's
#           correct password from the owner's known browser must still sign in.
# Prints one summary line per tool; exits non-zero on any finding. Usage: eng/security.sh [--quick] (shorter wapiti run)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# wapiti: the crawl's time box, then each of its 8 attack modules' (so at most crawl + 8 × attack seconds).
wapiti_seconds=180; attack_seconds=30; [ "${1:-}" = --quick ] && { wapiti_seconds=60; attack_seconds=10; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
for tool in sqlmap wapiti ffuf; do command -v $tool >/dev/null 2>&1 || missing+=($tool); done
command -v jq >/dev/null 2>&1 || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== build"
dotnet build src/FastTrack.Web -c Release --nologo -clp:ErrorsOnly

work=$(mktemp -d /tmp/fasttrack-security.XXXXXX)
logs="$root/artifacts/security"; rm -rf "$logs"; mkdir -p "$logs"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Production answers as it would behind its TLS-terminating proxy (docs/deployment.md): every request says
# "X-Forwarded-Proto: https" from a known proxy (loopback), so Secure cookies and antiforgery work as deployed. (Plain
# HTTP in Production gets a 400 saying HTTPS is needed: Infrastructure/HttpsOnly.cs.) curl keeps Secure cookies for http://localhost.
base="http://localhost:$port"
proto="X-Forwarded-Proto: https"
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Database__Provider=Sqlite Database__DataFolder="$work/data"
export ReverseProxy__KnownProxies__0=127.0.0.1
export DOTNET_hostBuilder__reloadConfigOnChange=false
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; wait 2>/dev/null || true; cp -r "$work"/*.log "$work"/*.json "$work"/sqlmap-* "$logs"/ 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
dll="$root/src/FastTrack.Web/bin/Release/net10.0/FastTrack.Web.dll"

echo "== demo data ($work)"
(cd src/FastTrack.Web && dotnet "$dll" seed-demo --engagements 30 >"$work/seed.log" 2>&1) || { cat "$work/seed.log"; exit 1; }
(cd src/FastTrack.Web && exec dotnet "$dll" >"$work/app.log" 2>&1) & app_pid=$!
for _ in $(seq 1 120); do curl -fsS "$base/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "$base/health/live" >/dev/null || { echo "the app did not start"; tail -n 30 "$work/app.log"; exit 1; }

password=demo-password-2026
# sign_in JAR EMAIL PASSWORD → prints the HTTP status of the sign-in POST (302 = signed in)
sign_in() {
  local jar=$1 token
  token=$(curl -sS -H "$proto" -c "$jar" -b "$jar" "$base/Account/SignIn" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -n 1)
  curl -sS -H "$proto" -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$base/Account/SignIn" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Data.Email=$2" --data-urlencode "Data.Password=$3"
}
cookie_header() { awk -F'\t' 'NF>=7 && $6 ~ /^FastTrack|^\.AspNetCore/ {printf "%s%s=%s", (n++?"; ":""), $6, $7}' "$1" | sed 's/^#HttpOnly_//'; }

fm=fm1@demo.fasttrack.example; partner=partner1-1@demo.fasttrack.example
[ "$(sign_in "$work/fm.jar" $fm $password)" = 302 ] || { echo "the demo FM cannot sign in"; exit 1; }
[ "$(sign_in "$work/partner.jar" $partner $password)" = 302 ] || { echo "the demo partner cannot sign in"; exit 1; }
fm_cookie=$(cookie_header "$work/fm.jar"); partner_cookie=$(cookie_header "$work/partner.jar")
[ "$(curl -sS -o /dev/null -w '%{http_code}' -H "$proto" -H "Cookie: $fm_cookie" "$base/Engagements")" = 200 ] || { echo "the FM's cookie does not open /Engagements"; exit 1; }
findings=0
summary=()

# An API token of the demo partner, issued by the demo admin on the tokens page.
[ "$(sign_in "$work/admin.jar" admin@demo.fasttrack.example $password)" = 302 ] || { echo "the demo admin cannot sign in"; exit 1; }
tokens_page=$(curl -sS -H "$proto" -b "$work/admin.jar" "$base/Admin/Tokens")
partner_id=$(grep -o "<option value=\"[^\"]*\"[^>]*>[^<]*$partner" <<<"$tokens_page" | sed 's/<option value="//; s/".*//' | head -n 1)
csrf=$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' <<<"$tokens_page" | sed 's/.*value="//; s/"$//' | head -n 1)
api_token=$(curl -sS -H "$proto" -b "$work/admin.jar" -c "$work/admin.jar" -L "$base/Admin/Tokens" --data-urlencode "__RequestVerificationToken=$csrf" \
  --data-urlencode "Data.UserId=$partner_id" --data-urlencode "Data.Name=security scan" --data-urlencode "Data.Scope=Read" --data-urlencode "Data.ExpiresOn=$(date -u -d "+30 days" +%F)" \
  | grep -o 'ftk_[A-Za-z0-9_-]*' | head -n 1 || true)

echo "== sqlmap $(sqlmap --version 2>/dev/null | head -n 1)"
start=$SECONDS
sql_findings=0; sql_params=0
run_sqlmap() { # name url [extra args]
  local name=$1 url=$2; shift 2
  local out="$work/sqlmap-$name"
  timeout 240 sqlmap -u "$url" --batch --level=2 --risk=1 --technique=BEUST --time-sec=2 --threads=2 \
    --output-dir="$out" --disable-coloring --flush-session "$@" >"$out.log" 2>&1 || true
  if grep -qiE "is vulnerable|appears to be .*injectable|identified the following injection point" "$out.log"; then
    sql_findings=$((sql_findings + 1)); echo "   sqlmap: $name: injectable"; grep -iE "Parameter:|Type:" "$out.log" | head -n 6
  fi
  sql_params=$((sql_params + $(grep -c "testing for SQL injection on" "$out.log" || true)))
  grep -q "all tested parameters do not appear to be injectable\|is vulnerable\|injectable" "$out.log" || { sql_findings=$((sql_findings + 1)); echo "   sqlmap: $name did not finish (see $out.log)"; }
}
run_sqlmap engagements-fm "$base/Engagements?Search=contoso&Sort=customer&Page=1&Service=Teams&State=Active&Motion=CustomerHealth" --cookie="$fm_cookie" --headers="$proto" -p "Search,Sort,Page,Service,State,Motion"
run_sqlmap engagements-partner "$base/Engagements?Search=a&Sort=phase&Page=2&ManagerId=x&PhaseId=1&PartnerId=1" --cookie="$partner_cookie" --headers="$proto" -p "Search,Sort,Page,ManagerId,PhaseId,PartnerId"
if [ -n "$api_token" ]; then
  run_sqlmap api "$base/api/v1/engagements?search=a&sort=customer&page=1&service=Teams" --headers="$(printf 'Authorization: Bearer %s\n%s' "$api_token" "$proto")" -p "search,sort,page,service"
else
  echo "   sqlmap: no API token could be issued; the API is not scanned"; sql_findings=$((sql_findings + 1))
fi
findings=$((findings + sql_findings))
summary+=("sqlmap $(sqlmap --version 2>/dev/null | head -n 1): /Engagements as FM and partner, /api/v1/engagements with a token, level 2 risk 1, techniques BEUST: $sql_params parameters tested, $sql_findings findings, $((SECONDS - start)) s")

echo "== wapiti $(dpkg-query -W -f='${Version}' wapiti 2>/dev/null)"
start=$SECONDS
# Sign-out links, the culture switch and session-ending forms would end the scan's session.
timeout $((wapiti_seconds + 8 * attack_seconds + 180)) /usr/bin/python3 eng/wapiti.py -u "$base/" --scope folder -H "Cookie: $fm_cookie" -H "$proto" --max-scan-time "$wapiti_seconds" \
  --max-attack-time "$attack_seconds" --store-session "$work/wapiti-session" -x "$base/Account/SignOut" -x "$base/Account/Profile?handler=EndAll" \
  -x "$base/Account/Profile?handler=EndSession" -x "$base/Culture" -f json -o "$work/wapiti.json" --flush-session \
  -m "sql,blindsql,xss,permanentxss,exec,file,redirect,crlf" >"$work/wapiti.log" 2>&1 || true
wapiti_findings=$(jq '[.vulnerabilities[] | length] | add // 0' "$work/wapiti.json" 2>/dev/null || echo "no report")
if [ "$wapiti_findings" != 0 ]; then
  findings=$((findings + 1)); echo "   wapiti: $wapiti_findings"
  jq -r '.vulnerabilities | to_entries[] | select(.value | length > 0) | "\(.key): \(.value | map(.path + " " + (.parameter // "")) | join(", "))"' "$work/wapiti.json" 2>/dev/null || tail -n 20 "$work/wapiti.log"
fi
wapiti_urls=$(grep -o 'found [0-9]* URLs and forms' "$work/wapiti.log" | grep -o '[0-9]*' || echo 0)
# Still signed in afterwards: the scan ran as the FM throughout (nothing it followed ended the session).
still=$(curl -sS -o /dev/null -w '%{http_code}' -H "$proto" -H "Cookie: $fm_cookie" "$base/Engagements")
[ "$still" = 200 ] || { findings=$((findings + 1)); echo "   wapiti: the FM's session ended during the scan ($still): the scan was not signed in throughout"; }
summary+=("wapiti $(dpkg-query -W -f='${Version}' wapiti 2>/dev/null): signed in as FM, modules sql blindsql xss permanentxss exec file redirect crlf, ${wapiti_seconds} s crawl and ${attack_seconds} s per module: $wapiti_urls URLs and forms, still signed in after: $still; $wapiti_findings findings, $((SECONDS - start)) s")

echo "== ffuf"
start=$SECONDS
ffuf -u "$base/FUZZ" -w eng/security-paths.txt -H "Cookie: $partner_cookie" -H "$proto" -mc 200,204,301,302,307,401,403,500 -t 4 \
  -of json -o "$work/ffuf.json" -s >"$work/ffuf.log" 2>&1 || true
# Served on purpose: the health probes and the API root answers 401/404 without a token.
ffuf_hits=$(jq -r '.results[] | "\(.status) /\(.input.FUZZ)"' "$work/ffuf.json" 2>/dev/null | grep -vE '^(200 /health(z)?|401 /api.*|302 /admin.*|403 /admin.*|403 /Admin.*|302 /Admin.*)$' || true)
ffuf_tried=$(wc -l <eng/security-paths.txt)
ffuf_findings=$(grep -c . <<<"$ffuf_hits" || true)
if [ "$ffuf_findings" != 0 ]; then findings=$((findings + 1)); echo "   ffuf: unexpected paths:"; sed 's/^/     /' <<<"$ffuf_hits"; fi
summary+=("ffuf $(dpkg-query -W -f='${Version}' ffuf 2>/dev/null): $ffuf_tried hidden paths as a partner: $ffuf_findings served unexpectedly, $((SECONDS - start)) s")

echo "== password guessing"
start=$SECONDS
victim=fm2@demo.fasttrack.example
# The owner's browser, known to the app from an earlier sign-in.
[ "$(sign_in "$work/owner.jar" $victim $password)" = 302 ] || { echo "the owner cannot sign in before the run"; exit 1; }
codes=()
for i in $(seq 1 60); do codes+=("$(sign_in "$work/guess.jar" $victim "wrong-password-$i")"); done
checked=$(printf '%s\n' "${codes[@]}" | grep -c '^200$' || true)
throttled=$(printf '%s\n' "${codes[@]}" | grep -c '^429$' || true)
signed=$(printf '%s\n' "${codes[@]}" | grep -c '^302$' || true)
owner=$(sign_in "$work/owner.jar" $victim $password)
guess_findings=0
[ "$throttled" -gt 0 ] || { guess_findings=$((guess_findings + 1)); echo "   guess: 60 wrong passwords and no 429"; }
[ "$signed" = 0 ] || { guess_findings=$((guess_findings + 1)); echo "   guess: a wrong password signed in"; }
[ "$owner" = 302 ] || { guess_findings=$((guess_findings + 1)); echo "   guess: the owner's known browser got $owner"; }
findings=$((findings + guess_findings))
summary+=("password guessing: 60 wrong passwords for one account from one address: $checked checked, $throttled answered 429, $signed signed in; the owner's known browser: $owner; $guess_findings findings, $((SECONDS - start)) s")

server_errors=$(grep -c 'responded 5[0-9][0-9]' "$work/app.log" || true)
[ "$server_errors" = 0 ] || { findings=$((findings + 1)); echo "   the app answered 5xx $server_errors times during the scans:"; grep 'responded 5[0-9][0-9]' "$work/app.log" | head -n 10; }
summary+=("app: $server_errors answers 5xx during the run")
echo "== summary"
printf '   %s\n' "${summary[@]}"
echo "   findings: $findings"
[ "$findings" = 0 ]
