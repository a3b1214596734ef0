-- GET /v1/prices/{symbol} with symbols drawn per tier from loadtest/payloads.
--   wrk -t2 -c64 -d20s -s loadtest/wrk/tier.lua http://127.0.0.1:8080 -- <payload-dir> <tiers>
-- <tiers>: one tier ("hot", "medium", "cold") or weights ("hot:70,medium:20,cold:10").
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")

local requests = {}

function init(args)
  local dir, spec = args[1], args[2]
  assert(dir and spec, "usage: tier.lua -- <payload-dir> <tiers>")
  common.seed()
  local picks = common.tiers(dir, spec)
  -- requests are formatted up front (wrk's advice): request() is then a table lookup
  for i = 1, 20000 do
    requests[i] = wrk.format("GET", "/v1/prices/" .. common.draw(picks))
  end
end

function request()
  return requests[math.random(#requests)]
end

done = common.done
