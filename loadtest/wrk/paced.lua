-- GET /v1/prices/{symbol} like tier.lua, each connection pausing between requests: a steady load that leaves the
-- machine's cores to what is being measured (loadtest/fleet: instances restarting, SSE clients).
--   wrk -t1 -c16 -d30s -s loadtest/wrk/paced.lua http://127.0.0.1:8080 -- <payload-dir> <tiers> <pause-ms>
-- <tiers> as in tier.lua; <pause-ms> 0 = no pause (then it is tier.lua). Per connection at most 1000 / pause-ms req/s.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")

local requests = {}
local pause = 0

function init(args)
  local dir, spec = args[1], args[2]
  assert(dir and spec, "usage: paced.lua -- <payload-dir> <tiers> [pause-ms]")
  pause = tonumber(args[3] or "0") or 0
  common.seed()
  local picks = common.tiers(dir, spec)
  for i = 1, 20000 do
    requests[i] = wrk.format("GET", "/v1/prices/" .. common.draw(picks))
  end
end

function request()
  return requests[math.random(#requests)]
end

function delay()
  return pause
end

done = common.done
