-- wrk script: each request completes a different open task (a real write) with the session's antiforgery token.
-- BENCH_TASKS: a file of "engagementId,taskId,version" lines; BENCH_COOKIE, BENCH_TOKEN: the signed-in session.
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  tasks = {}
  for line in io.lines(os.getenv("BENCH_TASKS")) do
    local e, t, v = line:match("(%d+),(%d+),(%d+)")
    if e then table.insert(tasks, { e, t, v }) end
  end
  step = tonumber(os.getenv("BENCH_THREADS") or "2")
  counter = tid or 0
  cookie = os.getenv("BENCH_COOKIE")
  token = os.getenv("BENCH_TOKEN")
  pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
end

function request()
  local x = tasks[(counter % #tasks) + 1]
  counter = counter + step
  local body = "__RequestVerificationToken=" .. token .. "&Data.TaskId=" .. x[2] .. "&Data.Version=" .. x[3]
    .. "&Data.Status=Completed&Data.Reason=&Data.Note=bench"
  return wrk.format("POST", "/Engagements/" .. x[1] .. "?handler=Task",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie, ["X-Forwarded-Proto"] = "https" }, body)
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
