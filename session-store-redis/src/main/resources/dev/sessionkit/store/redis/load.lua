-- Reads a session and, when due, records the access: one round trip for every read.
-- KEYS[1] session hash; ARGV[1] now (ms), ARGV[2] touch after (ms), ARGV[3] absolute timeout (ms, 0 = none).
-- Returns nil when absent, -1 when the key is not a hash, 0 when the session was idle-expired (and is now
-- deleted), else the fields as HGETALL gives them, before the touch.
local key = KEYS[1]
local kind = redis.call('TYPE', key)['ok']
if kind == 'none' then
  return false
end
if kind ~= 'hash' then
  return -1
end
local meta = redis.call('HMGET', key, 'm:created', 'm:accessed', 'm:maxInactive')
local created, accessed, maxInactive = tonumber(meta[1]), tonumber(meta[2]), tonumber(meta[3])
local fields = redis.call('HGETALL', key)
if created == nil or accessed == nil or maxInactive == nil then
  -- Unreadable: handed back for the caller to report, and never touched, so it does not live longer.
  return fields
end
local now = tonumber(ARGV[1])
if maxInactive > 0 and now - accessed > maxInactive * 1000 then
  -- Redis' own expiry may lag the caller's clock; the session is dead either way, so no save revives it.
  redis.call('DEL', key)
  return 0
end
if now - accessed >= tonumber(ARGV[2]) then
  redis.call('HSET', key, 'm:accessed', ARGV[1])
  expire(key, lifetime(created, maxInactive, now, tonumber(ARGV[3])))
end
return fields
