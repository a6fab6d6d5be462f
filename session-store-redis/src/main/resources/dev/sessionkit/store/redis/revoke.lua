-- Revokes the cookies of a lineage or a principal issued before an instant. The instant only grows (a
-- rotation recorded after a logout must not bring the lineage back), and so does the entry's lifetime.
-- Called by RedisRevocationList.java:
--   KEYS[1] the entry (a string: the issued-before instant, ms)
--   ARGV[1] issued before (ms); ARGV[2] expires at (ms); ARGV[3] now (ms, the caller's clock)
local key = KEYS[1]
local before, expiresAt, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local current = tonumber(redis.call('GET', key) or '0') or 0
if current > before then
  before = current
end
local value = string.format('%d', before)
local ttl = redis.call('PTTL', key)
if ttl > 0 and now + ttl >= expiresAt then
  redis.call('SET', key, value, 'KEEPTTL')
else
  redis.call('SET', key, value, 'PX', string.format('%d', math.max(expiresAt - now, 1)))
end
return 1
