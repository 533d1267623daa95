#!/usr/bin/env python3
"""The bulk usage upload benchmark (issue 18; docs/performance.md, "Usage upload"), run by `eng/bench.sh --usage-upload`.

A partner's tool uploads its monthly usage export through the API: 10,000 rows over the engagements that partner is
assigned to. The admin issues the partner an API token on /Admin/Tokens (as in production), the script reads the
partner's engagements through the API, then measures, against the app already running at BASE_URL:
  - the baseline: the same kind of figure recorded one at a time (POST /api/v1/engagements/{id}/usage), per row;
  - the 10,000-row file as a dry run, then written;
  - the same file with one malformed row in the middle: it must be refused with that row's line number, and no row of
    the file may be written (the engagements' usage series are compared before and after).
Prints `figure:` lines and exits non-zero when a check fails.
Usage: usage_upload.py BASE_URL ADMIN_EMAIL PASSWORD [ROWS (10000)]
"""
import datetime, http.client, json, random, re, sys, time, urllib.parse

base, admin_email, password = sys.argv[1:4]
rows_wanted = int(sys.argv[4]) if len(sys.argv) > 4 else 10_000
u = urllib.parse.urlparse(base)
jar = {}
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=300)


def request(method, path, body=None, content_type=None, bearer=None):
    headers = {"X-Forwarded-Proto": "https"}
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    else:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    if isinstance(body, dict) and content_type is None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body)
    elif content_type:
        headers["Content-Type"] = content_type
    if isinstance(body, str):
        body = body.encode("utf-8")
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    for k, v in r.getheaders():
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            jar[name] = rest.split(";", 1)[0]
    return r.status, r.read().decode("utf-8", "replace")


def form_token(html):
    m = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', html) or \
        re.search(r'value="([^"]+)"[^>]*name="__RequestVerificationToken"', html)
    if not m:
        sys.exit("no antiforgery token on the page")
    return m.group(1)


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


# The admin signs in and issues the partner a read-and-write token, as an admin would on /Admin/Tokens.
status, html = request("GET", "/Account/SignIn")
status, _ = request("POST", "/Account/SignIn", {"Data.Email": admin_email, "Data.Password": password, "__RequestVerificationToken": form_token(html)})
if status != 302:
    fail(f"sign-in as {admin_email} answered {status}")
status, html = request("GET", "/Admin/Tokens")
partner = re.search(r'<option value="([^"]+)"[^>]*>[^<]*\((partner\d+-1@[^)]+)\)</option>', html)
if not partner:
    fail("no demo partner (partnerN-1@…) on /Admin/Tokens: seed the demo data first")
user_id, partner_email = partner.groups()
expires = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
status, html = request("POST", "/Admin/Tokens", {"Data.UserId": user_id, "Data.Name": "usage upload benchmark", "Data.Scope": "ReadWrite",
                                                 "Data.ExpiresOn": expires, "__RequestVerificationToken": form_token(html)})
secret = re.search(r'data-testid="token-secret">([^<]+)<', html)
if status != 200 or not secret:
    fail(f"issuing the token answered {status}")
token = secret.group(1).strip()


def api(method, path, body=None, content_type=None):
    status, text = request(method, path, body, content_type, bearer=token)
    return status, (json.loads(text) if text and text.lstrip()[:1] in "[{" else text)


# The engagements the partner may work on (assigned, active), with their services that have seats.
targets, page = [], 1
while len(targets) < 40:
    status, listing = api("GET", f"/api/v1/engagements?state=Active&page={page}")
    if status != 200:
        fail(f"the engagement list answered {status}")
    for item in listing["items"]:
        status, e = api("GET", f"/api/v1/engagements/{item['id']}")
        if status == 200 and e["canWork"]:
            services = [s for s in e["services"] if s["seats"] > 0]
            if services:
                targets.append((e["id"], datetime.date.fromisoformat(e["assignedOn"]), services))
        if len(targets) >= 40:
            break
    if page >= listing["pages"]:
        break
    page += 1
if not targets:
    fail(f"{partner_email} is assigned to no active engagement with seats")
pairs = [(eid, assigned, s["service"], s["seats"]) for eid, assigned, services in targets for s in services]
print(f"   {partner_email}: {len(targets)} assigned engagements, {len(pairs)} services; {rows_wanted:,} rows")


def usage_counts():
    counts = {}
    for eid, _, _ in targets:
        status, e = api("GET", f"/api/v1/engagements/{eid}")
        if status != 200:
            fail(f"reading engagement {eid} answered {status}")
        counts[eid] = len(e["usage"])
    return counts


today = datetime.date.today()
rng = random.Random(18)


def row(i):
    eid, assigned, service, seats = pairs[i % len(pairs)]
    span = max(0, (today - assigned).days)
    on = assigned + datetime.timedelta(days=rng.randint(0, span))
    return eid, service, on.isoformat(), rng.randint(0, seats)


# The baseline: one figure per request, through the single-point endpoint, as a tool without the bulk upload would.
singles = 100
started = time.perf_counter()
for i in range(singles):
    eid, service, on, users = row(i)
    status, body = api("POST", f"/api/v1/engagements/{eid}/usage", json.dumps({"service": service, "on": on, "activeUsers": users}), "application/json")
    if status not in (200, 201, 204):
        fail(f"recording one figure answered {status}: {body}")
single_ms = (time.perf_counter() - started) * 1000 / singles

rows = [row(i) for i in range(rows_wanted)]
csv = "EngagementId,Service,Date,ActiveUsers\n" + "".join(f"{e},{s},{d},{n}\n" for e, s, d, n in rows)
before = usage_counts()


def upload(content, dry_run):
    started = time.perf_counter()
    status, body = api("POST", f"/api/v1/usage/import?dryRun={'true' if dry_run else 'false'}", content, "text/csv")
    return status, body, time.perf_counter() - started


status, body, dry_s = upload(csv, True)
if status != 200 or body["written"] or body["refused"] != 0 or body["rows"] != rows_wanted:
    fail(f"the dry run answered {status}: {str(body)[:300]}")
if usage_counts() != before:
    fail("the dry run wrote figures")

status, body, write_s = upload(csv, False)
if status != 200 or not body["written"] or body["rows"] != rows_wanted:
    fail(f"the upload answered {status}: {str(body)[:300]}")
after = usage_counts()
written = sum(after.values()) - sum(before.values())
if written != rows_wanted:
    fail(f"{rows_wanted} rows uploaded, {written} figures more on the engagements")

# The same file with one row malformed in the middle (line 1 is the header): refused with its line, nothing written.
bad_line = rows_wanted // 2 + 1
lines = csv.split("\n")
e, s, d, n = rows[bad_line - 2]
lines[bad_line - 1] = f"{e},{s},{d},twelve"
status, body, bad_s = upload("\n".join(lines), False)
text = json.dumps(body, ensure_ascii=False)
if status not in (400, 422) or f"Line {bad_line}" not in text:
    fail(f"the malformed file answered {status} without naming line {bad_line}: {text[:300]}")
if usage_counts() != after:
    fail("the malformed file wrote figures")

per_row_ms = write_s * 1000 / rows_wanted
print(f"figure: usage upload, {rows_wanted:,} CSV rows written (SQLite unless --provider postgres) = {write_s:.2f} s (target 10 s)")
print(f"figure: usage upload, {rows_wanted:,} CSV rows dry run = {dry_s:.2f} s")
print(f"figure: usage upload baseline, one figure per request = {single_ms:.2f} ms per row ({single_ms * rows_wanted / 1000:.1f} s for {rows_wanted:,})")
print(f"figure: usage upload per row ÷ one figure per request = {per_row_ms / single_ms:.3f} ({per_row_ms:.3f} ms against {single_ms:.2f} ms)")
print(f"figure: usage upload with a malformed row = refused in {bad_s:.2f} s, naming line {bad_line}, 0 of {rows_wanted:,} rows written")
