-- GET /v1/prices?symbols=… with <size> distinct symbols per request, drawn by tier weight.
--   wrk -t2 -c64 -d20s -s loadtest/wrk/batch.lua http://127.0.0.1:8080 -- <payload-dir> <tiers> <size>
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")

local requests = {}

function init(args)
  local dir, spec, size = args[1], args[2], tonumber(args[3] or "50")
  assert(dir and spec and size and size >= 1 and size <= 100, "usage: batch.lua -- <payload-dir> <tiers> <size 1-100>")
  common.seed()
  local picks = common.tiers(dir, spec)
  local distinct = 0
  for _, p in ipairs(picks) do distinct = distinct + #p.symbols end
  assert(distinct >= size, "fewer than " .. size .. " symbols in the payloads")
  for i = 1, 2000 do
    local chosen, list = {}, {}
    while #list < size do
      local s = common.draw(picks)
      if not chosen[s] then
        chosen[s] = true
        list[#list + 1] = s
      end
    end
    requests[i] = wrk.format("GET", "/v1/prices?symbols=" .. table.concat(list, ","))
  end
end

function request()
  return requests[math.random(#requests)]
end

done = common.done
