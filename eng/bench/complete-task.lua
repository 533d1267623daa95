-- wrk script: each request changes the status of a task (a real write) with the session's antiforgery token.
-- BENCH_TASKS: a file of "engagementId,taskId,version,completed" lines (/bench/tasks); BENCH_COOKIE, BENCH_TOKEN: the
-- signed-in session. The first pass over the list completes each open task and reopens (In progress) each completed
-- one; a run that gets through the list turns them back on the second pass, and so on, with the version each change
-- leaves: every request is a change, never a conflict, and half of them complete a task. A response other than the
-- redirect of a saved change counts as an error (done()).
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  tasks = {}
  for line in io.lines(os.getenv("BENCH_TASKS")) do
    local e, t, v, c = line:match("(%d+),(%d+),(%d+),(%d)")
    if e then table.insert(tasks, { e, t, v, c == "1" and 1 or 0 }) end
  end
  step = tonumber(os.getenv("BENCH_THREADS") or "2")
  counter = tid or 0
  -- wrk calls request() once on the first thread's script to verify it (script_verify_request) and never sends that
  -- request: the first thread starts one step early, so the task at position 0 is not skipped on every pass.
  if counter == 0 then counter = -step end
  cookie = os.getenv("BENCH_COOKIE")
  token = os.getenv("BENCH_TOKEN")
  pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
end

function request()
  local x = tasks[(counter % #tasks) + 1]
  local pass = math.max(0, math.floor(counter / #tasks))
  counter = counter + step
  local status = ((pass + x[4]) % 2 == 0) and "Completed" or "InProgress"
  local body = "__RequestVerificationToken=" .. token .. "&Data.TaskId=" .. x[2] .. "&Data.Version=" .. (x[3] + pass)
    .. "&Data.Status=" .. status .. "&Data.Reason=&Data.Note=bench"
  return wrk.format("POST", "/Engagements/" .. x[1] .. "?handler=Task",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie, ["X-Forwarded-Proto"] = "https" }, body)
end

function delay()
  return pause
end

-- A browser keeps the cookie the app renews (sliding expiry, security-stamp revalidation every minute);
-- so does the benchmark, or every request after the first minute would revalidate and re-issue it.
refused = 0
function response(status, headers, body)
  if status ~= 302 then refused = refused + 1 end
  local set = headers["Set-Cookie"]
  if set then
    local auth = string.match(set, "(FastTrack%.Auth=[^;]+)")
    if auth then cookie = string.gsub(cookie, "FastTrack%.Auth=[^;]*", function() return auth end) end
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do n = n + (thread:get("refused") or 0) end
  io.write(string.format("Not saved (no redirect): %d\n", n))
end
