-- Adds a session to its user's index (a sorted set scored by login time), in place of the ID it replaces.
-- Called by IndexScript.java, which documents the arguments:
--   KEYS[1] the index
--   ARGV[1] now (ms); ARGV[2] absolute timeout (ms, 0 = none); ARGV[3] session ID to add;
--   ARGV[4] session ID it replaces after a rotation ('' = none).
-- Returns {how many IDs the index holds, the type the key had when it was not a sorted set ('' if it was)}.
local index = KEYS[1]
local score = ARGV[1]
local foreign = ''
local type = redis.call('TYPE', index)['ok']
if type ~= 'zset' and type ~= 'none' then
  -- Not an index this store wrote: replaced, so the login works; the caller logs which key it was.
  redis.call('DEL', index)
  foreign = type
end
if ARGV[4] ~= '' then
  -- A rotated session keeps its login time, so the per-user cap still sees it as old as it is.
  score = redis.call('ZSCORE', index, ARGV[4]) or score
  redis.call('ZREM', index, ARGV[4])
end
redis.call('ZADD', index, score, ARGV[3])
local absolute = tonumber(ARGV[2])
if absolute > 0 then
  -- A session logged in before now - absolute was created even earlier, so it has ended: drop it. The
  -- newest session ends by now + absolute at the latest, so the index needs to live no longer than that.
  redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. string.format('%d', tonumber(ARGV[1]) - absolute))
  redis.call('PEXPIRE', index, ARGV[2])
end
return { redis.call('ZCARD', index), foreign }
