-- wrk script for reads: BENCH_PATHS (space-separated) are requested in turn with the session cookie;
-- BENCH_DELAY_MS paces each connection (the half-load runs: plain wrk has no rate control).
function init(args)
  paths = {}
  for p in string.gmatch(os.getenv("BENCH_PATHS"), "%S+") do table.insert(paths, p) end
  i = 0
  cookie = os.getenv("BENCH_COOKIE") or ""
  pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = cookie, ["X-Forwarded-Proto"] = "https" })
end

function delay()
  return pause
end

-- A browser keeps the cookie the app renews (sliding expiry, security-stamp revalidation every minute);
-- so does the benchmark, or every request after the first minute would revalidate and re-issue it.
function response(status, headers, body)
  local set = headers["Set-Cookie"]
  if set then
    local auth = string.match(set, "(FastTrack%.Auth=[^;]+)")
    if auth then cookie = string.gsub(cookie, "FastTrack%.Auth=[^;]*", function() return auth end) end
  end
end
