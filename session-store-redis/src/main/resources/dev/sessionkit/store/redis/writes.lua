-- Local functions of the scripts that write a session hash, put in front of them
-- (Script.load(name, "writes.lua")).

-- marked(channel, marker, write) runs write() between two PUBLISHes on channel: 'b' .. marker before and
-- 'e' .. marker after, also when write() fails, so a bracket never stays open. A script runs atomically,
-- so every keyspace event between the two on one server's subscription comes from this write: the
-- writing instance knows them for its own (WriteMarkers.java) and keeps the near-cache entry it has
-- updated itself. An empty marker publishes nothing.
local function marked(channel, marker, write)
  if marker == '' then
    return write()
  end
  redis.call('PUBLISH', channel, 'b' .. marker)
  local ok, result = pcall(write)
  redis.call('PUBLISH', channel, 'e' .. marker)
  if not ok then
    error(result)
  end
  return result
end

-- expire(key, created, maxInactive, now, absolute) sets a session's time to live: the idle timeout
-- (seconds; 0 or less: none), capped by what is left of the absolute lifetime (ms; 0: none).
local function expire(key, created, maxInactive, now, absolute)
  local ttl = nil
  if maxInactive > 0 then
    ttl = maxInactive * 1000
  end
  if absolute > 0 then
    -- At least 1 ms: a session past its absolute end must still expire (and notify), not live forever.
    local left = math.max(created + absolute - now, 1)
    if ttl == nil or left < ttl then
      ttl = left
    end
  end
  if ttl then
    redis.call('PEXPIRE', key, string.format('%d', ttl))
  else
    redis.call('PERSIST', key)
  end
end
