-- Writes one request's delta atomically.
-- KEYS[1] session hash.
-- ARGV[1] '1' for a new session; ARGV[2] last access (ms); ARGV[3] absolute timeout (ms, 0 = none);
-- ARGV[4] creation time (ms); ARGV[5] max inactive (s); ARGV[6] '1' when metadata changed;
-- ARGV[7] principal ('' = none); ARGV[8] n, the number of attributes set; ARGV[9 .. 8+2n] field, value
-- pairs to set; the remaining ARGV are fields to delete.
-- Returns -1 when a new session's key is taken, 0 when an existing session is gone (nothing written),
-- the previous principal ('' = none) when metadata changed, else 1.
local key = KEYS[1]
local isNew = ARGV[1] == '1'
local now = tonumber(ARGV[2])
local absolute = tonumber(ARGV[3])
local lastPair = 8 + 2 * tonumber(ARGV[8])
local reply = 1

if isNew then
  -- IDs hold 256 random bits, so a taken key means a bug; never overwrite another session.
  if redis.call('EXISTS', key) == 1 then
    return -1
  end
  local meta = { 'm:created', ARGV[4], 'm:accessed', ARGV[2], 'm:maxInactive', ARGV[5] }
  if ARGV[7] ~= '' then
    meta[#meta + 1] = 'm:principal'
    meta[#meta + 1] = ARGV[7]
  end
  redis.call('HSET', key, unpack(meta))
else
  -- Never resurrect: a session deleted, rotated away or expired meanwhile stays gone.
  if not isHash(key) then
    return 0
  end
  local accessed = tonumber(redis.call('HGET', key, 'm:accessed'))
  if accessed == nil or now > accessed then
    redis.call('HSET', key, 'm:accessed', ARGV[2])
  end
  if ARGV[6] == '1' then
    reply = redis.call('HGET', key, 'm:principal') or ''
    redis.call('HSET', key, 'm:maxInactive', ARGV[5])
    if ARGV[7] ~= '' then
      redis.call('HSET', key, 'm:principal', ARGV[7])
    else
      redis.call('HDEL', key, 'm:principal')
    end
  end
end
batched('HSET', key, ARGV, 9, lastPair)
batched('HDEL', key, ARGV, lastPair + 1, #ARGV)

local meta = redis.call('HMGET', key, 'm:created', 'm:maxInactive')
expire(key, lifetime(tonumber(meta[1]) or now, tonumber(meta[2]) or 0, now, absolute))
return reply
