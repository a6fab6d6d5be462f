-- Releases a session's lock only if the caller still holds it: a lock that lapsed may have been taken by
-- another request since, and deleting it would let a third one in beside that holder.
-- Called by UnlockScript.java, which documents the arguments:
--   KEYS[1] the lock key
--   ARGV[1] the owner token the caller locked with
-- Returns 1 when the lock was released, 0 when the caller no longer held it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
