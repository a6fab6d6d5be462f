-- Deletes a session, telling the caller whose it was so the per-user index can drop it.
-- KEYS[1] session hash; ARGV[1] the principal the session must have ('' = any).
-- Returns nil when nothing was deleted, else the session's principal ('' = none).
local key = KEYS[1]
local principal = ''
if isHash(key) then
  principal = redis.call('HGET', key, 'm:principal') or ''
end
if ARGV[1] ~= '' and principal ~= ARGV[1] then
  return false
end
if redis.call('DEL', key) == 0 then
  return false
end
return principal
