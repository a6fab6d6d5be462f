-- Takes the sessions to evict out of a tenant's set, and only while the set is over the cap: each new
-- session's claim sees those of concurrent ones, so together they never evict more than they added.
-- Called by ClaimScript.java, which documents the arguments:
-- KEYS[1] the set; ARGV[1] the cap; ARGV[2] n, how many IDs of ended sessions follow (dropped first);
-- ARGV[3 .. 2+n] those IDs; the remaining ARGV: candidates to evict, least recently used first.
-- Returns the candidates taken out, for the caller to delete.
local set = KEYS[1]
local cap = tonumber(ARGV[1])
local lastEnded = 2 + tonumber(ARGV[2])
for i = 3, lastEnded do
  redis.call('ZREM', set, ARGV[i])
end
local claimed = {}
for i = lastEnded + 1, #ARGV do
  if redis.call('ZCARD', set) <= cap then
    break
  end
  -- 0 when a concurrent claim, delete or rotation took it out first.
  if redis.call('ZREM', set, ARGV[i]) == 1 then
    claimed[#claimed + 1] = ARGV[i]
  end
end
return claimed
