-- Shared by every sessionkit script (prepended to each one). Field names: metadata lives under "m:",
-- attributes under "a:", so no attribute name can overwrite metadata.

-- Milliseconds the session may still live: its idle timeout, capped by what is left of its absolute
-- lifetime; nil when neither applies, so the key does not expire.
local function lifetime(created, maxInactive, now, absolute)
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
  return ttl
end

local function expire(key, ttl)
  if ttl then
    redis.call('PEXPIRE', key, string.format('%d', ttl))
  else
    redis.call('PERSIST', key)
  end
end

-- HSET/HDEL in batches: unpack() of thousands of values would overflow Lua's C stack.
local function batched(command, key, argv, first, last)
  local batch = {}
  for i = first, last do
    batch[#batch + 1] = argv[i]
    if #batch == 200 then
      redis.call(command, key, unpack(batch))
      batch = {}
    end
  end
  if #batch > 0 then
    redis.call(command, key, unpack(batch))
  end
end

local function isHash(key)
  return redis.call('TYPE', key)['ok'] == 'hash'
end
