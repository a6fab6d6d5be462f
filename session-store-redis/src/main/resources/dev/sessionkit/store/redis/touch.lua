-- Records an access that a read found due, or ends a session the read found idle-expired: reads are a
-- plain HGETALL, and this runs only when the caller's clock says one of the two is needed.
-- KEYS[1] session hash; ARGV[1] now (ms), ARGV[2] absolute timeout (ms, 0 = none).
-- Returns nil when the session is gone or unreadable (nothing written), 0 when it was idle-expired (and is
-- now deleted), else 1.
local key = KEYS[1]
if not isHash(key) then
  -- Never resurrect: deleted, rotated away or expired since the read.
  return false
end
local meta = redis.call('HMGET', key, 'm:created', 'm:accessed', 'm:maxInactive')
local created, accessed, maxInactive = tonumber(meta[1]), tonumber(meta[2]), tonumber(meta[3])
if created == nil or accessed == nil or maxInactive == nil then
  -- Unreadable: never touched, so it does not live longer.
  return false
end
local now = tonumber(ARGV[1])
if maxInactive > 0 and now - accessed > maxInactive * 1000 then
  -- Redis' own expiry may lag the caller's clock; the session is dead either way, so no save revives it.
  redis.call('DEL', key)
  return 0
end
if now > accessed then
  redis.call('HSET', key, 'm:accessed', ARGV[1])
  expire(key, lifetime(created, maxInactive, now, tonumber(ARGV[2])))
end
return 1
