-- bench/mixed.lua — one endpoint of the mixed workload per wrk process
-- (EP=login|chat|explore|dash|svg). Counts statuses per thread and, at the
-- end, writes "status <code> <n>", "err <kind> <n>", "req <n>", "dur <us>"
-- and the latency histogram ("lat <us> <count>") to $OUT.
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
  if summary.requests > 0 then
    for i = latency.min, latency.max do
      local c = latency[i + 1]
      if c > 0 then f:write(string.format("lat %d %d\n", i, c)) end
    end
  end
  f:close()
end
