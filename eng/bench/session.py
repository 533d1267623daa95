#!/usr/bin/env python3
"""Signs in to the app like a browser and prints what eng/bench.sh needs, as shell assignments.

Cookies are kept by hand: in Production the app marks them Secure, and curl will not keep Secure cookies
over plain http; wrk just sends the Cookie header it is given.
Usage: session.py BASE_URL EMAIL PASSWORD PREFIX  ->  PREFIX_COOKIE='...' PREFIX_TOKEN='...' PREFIX_ENGAGEMENT=123
"""
import http.client, re, sys, urllib.parse

base, email, password, prefix = sys.argv[1:5]
u = urllib.parse.urlparse(base)
jar = {}

def request(method, path, body=None):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()), "X-Forwarded-Proto": "https"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body)
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    for k, v in r.getheaders():
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            jar[name] = rest.split(";", 1)[0]
    return r.status, r.read().decode("utf-8", "replace")

def token(html):
    m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html) or \
        re.search(r'value="([^"]+)" name="__RequestVerificationToken"', html) or \
        re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', html)
    if not m: sys.exit("no antiforgery token on the page")
    return m.group(1)

status, html = request("GET", "/Account/SignIn")
status, _ = request("POST", "/Account/SignIn", {"Data.Email": email, "Data.Password": password, "__RequestVerificationToken": token(html)})
if status != 302: sys.exit(f"sign-in as {email} answered {status}")
status, html = request("GET", "/Engagements?State=Active")
if status != 200: sys.exit(f"/Engagements answered {status} after sign-in")
engagement = re.search(r'href="/Engagements/(\d+)"', html).group(1)
status, html = request("GET", f"/Engagements/{engagement}")
if status != 200: sys.exit(f"/Engagements/{engagement} answered {status}")
cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
print(f"{prefix}_COOKIE='{cookie}'")
print(f"{prefix}_TOKEN='{urllib.parse.quote(token(html), safe='')}'")
print(f"{prefix}_ENGAGEMENT={engagement}")
