-- Records a logged-in cookie session in its user's hash (lineage -> "expiresAt|description"). The hash lives
-- until the latest session in it ends; past ARGV[5] fields, the expired ones are dropped.
-- Called by RedisRevocationList.java:
--   KEYS[1] the user's hash
--   ARGV[1] lineage; ARGV[2] "expiresAt|description"; ARGV[3] expires at (ms); ARGV[4] now (ms); ARGV[5] fields kept before pruning
local key = KEYS[1]
local expiresAt, now = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('HSET', key, ARGV[1], ARGV[2])
local ttl = redis.call('PTTL', key)
if ttl < 0 or now + ttl < expiresAt then
  redis.call('PEXPIRE', key, string.format('%d', math.max(expiresAt - now, 1)))
end
if redis.call('HLEN', key) > tonumber(ARGV[5]) then
  local all = redis.call('HGETALL', key)
  for i = 1, #all, 2 do
    local bar = string.find(all[i + 1], '|', 1, true)
    local at = bar and tonumber(string.sub(all[i + 1], 1, bar - 1))
    if at == nil or at <= now then
      redis.call('HDEL', key, all[i])
    end
  end
end
return 1
