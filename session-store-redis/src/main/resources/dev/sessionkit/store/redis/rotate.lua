-- Moves a session to a new ID. Both keys share the lineage hash tag, so they live in one Cluster slot.
-- Called by RotateScript.java, which documents the arguments:
--   KEYS[1] the old session hash, KEYS[2] the new one, KEYS[3] the old ID's rotation marker
--   ARGV[1..2] the hash's field names: principal, creation time (Keys.java)
--   ARGV[3] the time of the rotation (epoch ms), ARGV[4] how long the marker lives (ms)
-- Returns nil when the old session is gone, -1 when the new key is taken, else {principal ('' = none),
-- creation time ('' when unreadable)}.
local PRINCIPAL, CREATED = ARGV[1], ARGV[2]
if redis.call('TYPE', KEYS[1])['ok'] ~= 'hash' then
  return false
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return -1
end
-- RENAME keeps the time-to-live.
redis.call('RENAME', KEYS[1], KEYS[2])
-- The marker lets a request still carrying the old ID learn that it was rotated, not deleted.
redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
local meta = redis.call('HMGET', KEYS[2], PRINCIPAL, CREATED)
return { meta[1] or '', meta[2] or '' }
