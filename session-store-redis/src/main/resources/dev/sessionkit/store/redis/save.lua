-- Writes one request's delta to a session atomically.
-- Called by SaveScript.java, which documents the arguments:
--   KEYS[1] the session hash
--   ARGV[1..4] the hash's field names: creation time, last access, max inactive, principal (Keys.java)
--   ARGV[5] '1' for a new session; ARGV[6] last access (ms); ARGV[7] absolute timeout (ms, 0 = none);
--   ARGV[8] creation time (ms); ARGV[9] max inactive (s); ARGV[10] '1' when metadata changed;
--   ARGV[11] principal ('' = none); ARGV[12] n, the number of attributes set;
--   ARGV[13] the channel of write markers; ARGV[14] this write's marker ('' = none, see writes.lua);
--   ARGV[15 .. 14+2n] field, value pairs to set; the remaining ARGV: fields to delete.
-- Returns -1 when a new session's key is taken, 0 when an existing session is gone (nothing written),
-- the previous principal ('' = none) when metadata changed, else 1.
local key = KEYS[1]
local CREATED, ACCESSED, MAX_INACTIVE, PRINCIPAL = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local isNew = ARGV[5] == '1'
local now = tonumber(ARGV[6])
local absolute = tonumber(ARGV[7])
local principal = ARGV[11]
local firstPair = 15
local lastPair = 14 + 2 * tonumber(ARGV[12])

-- HSET/HDEL in batches: unpack() of thousands of values would overflow Lua's C stack.
local function batched(command, first, last)
  local batch = {}
  for i = first, last do
    batch[#batch + 1] = ARGV[i]
    if #batch == 200 then
      redis.call(command, key, unpack(batch))
      batch = {}
    end
  end
  if #batch > 0 then
    redis.call(command, key, unpack(batch))
  end
end

local function save()
  local reply = 1
  if isNew then
    -- IDs hold 256 random bits, so a taken key means a bug; never overwrite another session.
    if redis.call('EXISTS', key) == 1 then
      return -1
    end
    local meta = { CREATED, ARGV[8], ACCESSED, ARGV[6], MAX_INACTIVE, ARGV[9] }
    if principal ~= '' then
      meta[#meta + 1] = PRINCIPAL
      meta[#meta + 1] = principal
    end
    redis.call('HSET', key, unpack(meta))
  else
    -- Never resurrect: a session deleted, rotated away or expired meanwhile stays gone.
    if redis.call('TYPE', key)['ok'] ~= 'hash' then
      return 0
    end
    local accessed = tonumber(redis.call('HGET', key, ACCESSED))
    if accessed == nil or now > accessed then
      redis.call('HSET', key, ACCESSED, ARGV[6])
    end
    if ARGV[10] == '1' then
      reply = redis.call('HGET', key, PRINCIPAL) or ''
      redis.call('HSET', key, MAX_INACTIVE, ARGV[9])
      if principal ~= '' then
        redis.call('HSET', key, PRINCIPAL, principal)
      else
        redis.call('HDEL', key, PRINCIPAL)
      end
    end
  end
  batched('HSET', firstPair, lastPair)
  batched('HDEL', lastPair + 1, #ARGV)

  local meta = redis.call('HMGET', key, CREATED, MAX_INACTIVE)
  expire(key, tonumber(meta[1]) or now, tonumber(meta[2]) or 0, now, absolute)
  return reply
end

return marked(ARGV[13], ARGV[14], save)
