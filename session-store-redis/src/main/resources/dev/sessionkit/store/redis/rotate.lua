-- Moves a session to a new ID. Both keys share the lineage hash tag, so they live in one Cluster slot.
-- KEYS[1] old session hash, KEYS[2] new session hash.
-- Returns nil when the old session is gone, -1 when the new key is taken, else {principal ('' = none),
-- creation time ('' when unreadable)}.
if not isHash(KEYS[1]) then
  return false
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return -1
end
-- RENAME keeps the time-to-live.
redis.call('RENAME', KEYS[1], KEYS[2])
local meta = redis.call('HMGET', KEYS[2], 'm:principal', 'm:created')
return { meta[1] or '', meta[2] or '' }
