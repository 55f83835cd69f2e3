-- bench/mixed.lua — one endpoint of the mixed workload per wrk process
-- (EP=login|chat|explore|dash|svg). Counts statuses per thread and, at the
-- end, writes "status <code> <n>", "err <kind> <n>", "req <n>", "dur <us>"
-- and latency quantiles ("q <per-mille> <us>") to $OUT.
local ep = os.getenv("EP")
local cookie = "dm_session=" .. (os.getenv("COOKIE") or "")
local csrf = os.getenv("CSRF") or ""
local conn = os.getenv("CONN") or ""
local dash = os.getenv("DASH") or ""
local wids = {}
for w in string.gmatch(os.getenv("WIDS") or "", "[^,]+") do wids[#wids + 1] = w end

local function urlenc(s)
  return (string.gsub(s, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local questions = {
  "revenue by region", "how many orders are there", "top 5 customers by number of orders",
  "orders by channel", "revenue by month this year", "average order value by region",
  "revenue by category", "how many customers are there",
}
local sqls = {
  "SELECT count(*) FROM orders",
  "SELECT status, count(*) FROM orders GROUP BY 1 ORDER BY 2 DESC",
  "SELECT date_trunc('month', ordered_at)::date AS month, count(*) FROM orders GROUP BY 1 ORDER BY 1",
  "SELECT * FROM products ORDER BY id LIMIT 50",
}

local threads = {}
function setup(thread) table.insert(threads, thread) end

local n = 0
counts = {}
function init(args) n = math.random(1, 1000) end

local hdr = {["Cookie"] = cookie}
local form = {["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded"}

function request()
  n = n + 1
  if ep == "login" then
    return wrk.format("GET", "/login", {})
  elseif ep == "chat" then
    local q = questions[n % #questions + 1]
    return wrk.format("POST", "/chat", form,
      "_csrf=" .. urlenc(csrf) .. "&connection_id=" .. conn .. "&message=" .. urlenc(q))
  elseif ep == "explore" then
    local s = sqls[n % #sqls + 1]
    return wrk.format("POST", "/explore/run", form,
      "_csrf=" .. urlenc(csrf) .. "&connection_id=" .. conn .. "&sql=" .. urlenc(s))
  elseif ep == "dash" then
    return wrk.format("GET", "/dashboards/" .. dash, hdr)
  elseif ep == "svg" then
    return wrk.format("GET", "/dashboards/" .. dash .. "/widgets/" .. wids[n % #wids + 1] .. ".svg", hdr)
  else
    return wrk.format("GET", os.getenv("PATH_") or "/", hdr)
  end
end

function response(status, headers, body)
  -- a signed-in request sent to the sign-in page counts as a failure (9303)
  if status == 303 and ep ~= "chat" and headers["Location"] and string.find(headers["Location"], "/login", 1, true) then
    status = 9303
  end
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local f = io.open(os.getenv("OUT"), "w")
  local agg = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do agg[k] = (agg[k] or 0) + v end
  end
  for k, v in pairs(agg) do f:write(string.format("status %d %d\n", k, v)) end
  local e = summary.errors
  f:write(string.format("err connect %d\nerr read %d\nerr write %d\nerr timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
  f:write(string.format("req %d\ndur %d\n", summary.requests, summary.duration))
  -- this wrk's stats object cannot be indexed as a histogram: write 1,000
  -- quantiles (each stands for 1/1000 of the requests) for merging
  if summary.requests > 0 then
    for i = 1, 1000 do
      f:write(string.format("q %d %d\n", i, latency:percentile(i / 10.0)))
    end
  end
  f:close()
end
