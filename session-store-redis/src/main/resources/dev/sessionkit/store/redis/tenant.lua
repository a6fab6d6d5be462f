-- Keeps a tenant's set of session IDs for the session cap, scored by creation time: adds a new or rotated
-- session, drops IDs past the absolute timeout, and when the set is over the cap names a sample of it for
-- the caller to pick the least recently used from.
-- Called by TenantScript.java, which documents the arguments:
-- KEYS[1] the set; ARGV[1] now (ms); ARGV[2] absolute timeout (ms, 0 = none); ARGV[3] the session ID to add;
-- ARGV[4] its creation time (ms); ARGV[5] the ID it replaces after a rotation ('' = none); ARGV[6] the cap
-- (0 = add only); ARGV[7] the sample size; ARGV[8] a random whole number that places the sample.
-- Returns {size} within the cap, else {size, sampled IDs...}: all IDs when no more than the sample size,
-- else the oldest quarter of a sample, then a run of IDs from a random rank.
local set = KEYS[1]
if ARGV[5] ~= '' then
  redis.call('ZREM', set, ARGV[5])
end
redis.call('ZADD', set, ARGV[4], ARGV[3])
local absolute = tonumber(ARGV[2])
if absolute > 0 then
  -- A session created before now - absolute has ended. The newest one ends by now + absolute at the latest,
  -- so the set needs to live no longer than that.
  redis.call('ZREMRANGEBYSCORE', set, '-inf', '(' .. string.format('%d', tonumber(ARGV[1]) - absolute))
  redis.call('PEXPIRE', set, ARGV[2])
end
local size = redis.call('ZCARD', set)
local cap = tonumber(ARGV[6])
if cap == 0 or size <= cap then
  return { size }
end
local reply = { size }
local function add(ids)
  for _, id in ipairs(ids) do
    reply[#reply + 1] = id
  end
end
local sample = tonumber(ARGV[7])
if size <= sample then
  add(redis.call('ZRANGE', set, 0, -1))
  return reply
end
-- The oldest are the likeliest to have ended unseen; the random run is what a flood of new sessions fills.
local oldest = math.floor(sample / 4)
add(redis.call('ZRANGE', set, 0, oldest - 1))
local start = oldest + tonumber(ARGV[8]) % (size - sample + 1)
add(redis.call('ZRANGE', set, start, start + sample - oldest - 1))
return reply
