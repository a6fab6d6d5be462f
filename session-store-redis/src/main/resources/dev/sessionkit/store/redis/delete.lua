-- Deletes a session, telling the caller whose it was so the per-user index can drop it.
-- Called by DeleteScript.java, which documents the arguments:
--   KEYS[1] the session hash
--   ARGV[1] the hash's principal field name (Keys.java); ARGV[2] the principal the session must have ('' = any)
-- Returns nil when nothing was deleted, else the session's principal ('' = none).
local key = KEYS[1]
local PRINCIPAL, required = ARGV[1], ARGV[2]
local principal = ''
if redis.call('TYPE', key)['ok'] == 'hash' then
  principal = redis.call('HGET', key, PRINCIPAL) or ''
end
if required ~= '' and principal ~= required then
  return false
end
if redis.call('DEL', key) == 0 then
  return false
end
return principal
