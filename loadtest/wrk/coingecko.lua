-- GET /api/v3/simple/price?ids=…&vs_currencies=usd with <size> distinct coins per request, drawn by tier weight
-- exactly as batch.lua draws its symbols, so the two compare per price. Coins are asked by CoinGecko id, which the
-- universe CSV (rank,symbol,name,id,…) maps each payload symbol to.
--   wrk -t2 -c64 -d20s -s loadtest/wrk/coingecko.lua http://127.0.0.1:8080 -- <payload-dir> <tiers> <size> <universe.csv>
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(here .. "common.lua")

local requests = {}

-- symbol → id from the universe CSV (no field of it is quoted or holds a comma)
local function ids_by_symbol(path)
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  local ids = {}
  for line in f:lines() do
    local symbol, id = line:match("^%d+,([%w]+),[^,]*,([^,]+),")
    if symbol then
      ids[symbol] = id
    end
  end
  f:close()
  return ids
end

function init(args)
  local dir, spec, size, universe = args[1], args[2], tonumber(args[3] or "50"), args[4]
  assert(dir and spec and size and size >= 1 and universe,
    "usage: coingecko.lua -- <payload-dir> <tiers> <size> <universe.csv>")
  common.seed()
  local ids = ids_by_symbol(universe)
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
        list[#list + 1] = assert(ids[s], "no id for " .. s .. " in " .. universe)
      end
    end
    requests[i] = wrk.format("GET", "/api/v3/simple/price?vs_currencies=usd&ids=" .. table.concat(list, ","))
  end
end

function request()
  return requests[math.random(#requests)]
end

done = common.done
