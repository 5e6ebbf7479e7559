-- wrk script: every request asks for one random byte range inside the file.
-- Usage: wrk ... -s range.lua URL -- FILE_SIZE RANGE_SIZE [count]
-- With "count", response() tallies answers that are not 206 (this makes wrk copy
-- each body into Lua, so it is left off for the throughput run).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

local file_size, range_size
non206 = 0

function init(args)
  file_size = tonumber(args[1])
  range_size = tonumber(args[2])
  math.randomseed(os.time() * 100 + seed)
  if args[3] == "count" then
    function response(status)
      if status ~= 206 then non206 = non206 + 1 end
    end
  end
end

function request()
  local first = math.random(0, file_size - range_size)
  local range = string.format("bytes=%d-%d", first, first + range_size - 1)
  return wrk.format(nil, nil, { Range = range })
end

-- One machine-readable line for run.sh.
function done(summary, latency, requests)
  local non = 0
  for _, t in ipairs(threads) do non = non + t:get("non206") end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d bytes=%d duration_us=%d non206=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.bytes, summary.duration, non, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
