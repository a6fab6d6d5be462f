-- Records an access that a read found due, or ends a session the read found idle-expired: reads are a
-- plain HGETALL, and this runs only when the caller's clock says one of the two is needed.
-- Called by TouchScript.java, which documents the arguments:
--   KEYS[1] the session hash
--   ARGV[1..3] the hash's field names: creation time, last access, max inactive (Keys.java)
--   ARGV[4] now (ms); ARGV[5] absolute timeout (ms, 0 = none)
--   ARGV[6] the channel of write markers; ARGV[7] this write's marker ('' = none, see writes.lua)
-- Returns nil when the session is gone or unreadable (nothing written), 0 when it was idle-expired (and is
-- now deleted), else 1.
local key = KEYS[1]
local CREATED, ACCESSED, MAX_INACTIVE = ARGV[1], ARGV[2], ARGV[3]
local now, absolute = tonumber(ARGV[4]), tonumber(ARGV[5])

local function touch()
  if redis.call('TYPE', key)['ok'] ~= 'hash' then
    -- Never resurrect: deleted, rotated away or expired since the read.
    return false
  end
  local meta = redis.call('HMGET', key, CREATED, ACCESSED, MAX_INACTIVE)
  local created, accessed, maxInactive = tonumber(meta[1]), tonumber(meta[2]), tonumber(meta[3])
  if created == nil or accessed == nil or maxInactive == nil then
    -- Unreadable: never touched, so it does not live longer.
    return false
  end
  if maxInactive > 0 and now - accessed > maxInactive * 1000 then
    -- Redis' own expiry may lag the caller's clock; the session is dead either way, so no save revives it.
    redis.call('DEL', key)
    return 0
  end
  if now > accessed then
    redis.call('HSET', key, ACCESSED, ARGV[4])
    expire(key, created, maxInactive, now, absolute)
  end
  return 1
end

return marked(ARGV[6], ARGV[7], touch)
