-- Shared by the wrk scripts: payload loading, weighted tier choice and the one-line JSON result.
-- Each wrk thread runs the scripts in its own Lua state, so everything here is per thread.
local common = {}

-- Symbols of one tier from loadtest's payload CSV (header `symbol`, one symbol a line).
function common.load(dir, tier)
  local path = dir .. "/" .. tier .. ".csv"
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  local symbols = {}
  for line in f:lines() do
    local s = line:match("^%s*([%w]+)%s*$")
    if s and s ~= "symbol" then
      symbols[#symbols + 1] = s
    end
  end
  f:close()
  assert(#symbols > 0, path .. " has no symbols")
  return symbols
end

-- "hot" or "hot:70,medium:20,cold:10" → { {tier=, symbols=, upto=cumulative share}, … }
function common.tiers(dir, spec)
  local picks, total = {}, 0
  for part in spec:gmatch("[^,]+") do
    local tier, weight = part:match("^(%a+):?(%d*)$")
    assert(tier, "bad tier spec " .. spec)
    weight = tonumber(weight) or 1
    total = total + weight
    picks[#picks + 1] = { tier = tier, symbols = common.load(dir, tier), weight = weight }
  end
  local upto = 0
  for _, p in ipairs(picks) do
    upto = upto + p.weight / total
    p.upto = upto
  end
  picks[#picks].upto = 1.0
  return picks
end

-- A symbol drawn by tier weight, then uniformly within the tier.
function common.draw(picks)
  local r = math.random()
  for _, p in ipairs(picks) do
    if r <= p.upto then
      return p.symbols[math.random(#p.symbols)]
    end
  end
end

function common.seed()
  -- threads start in the same second: mix in this state's table address
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
  for _ = 1, 10 do math.random() end
end

-- The percentiles written in "quantiles_us": fine enough in the tail that the bench can pool rounds
-- of one workload into one latency distribution (P99 over all rounds, not the worst round's P99).
local GRID = {}
for i = 0, 90 do GRID[#GRID + 1] = i end
for i = 901, 990 do GRID[#GRID + 1] = i / 10 end
for i = 9901, 9990 do GRID[#GRID + 1] = i / 100 end
for i = 99901, 99999 do GRID[#GRID + 1] = i / 1000 end

-- One line the bench parses: counts, errors (socket errors and status > 399) and latency in µs.
function common.done(summary, latency)
  local e = summary.errors
  local q = {}
  for i, p in ipairs(GRID) do
    q[i] = string.format("[%s,%d]", p, latency:percentile(p))
  end
  q[#q + 1] = string.format("[100,%d]", latency.max) -- percentile(100) answers 0
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p99.9":%d},' ..
    '"quantiles_us":[%s]}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    table.concat(q, ",")))
end

return common
