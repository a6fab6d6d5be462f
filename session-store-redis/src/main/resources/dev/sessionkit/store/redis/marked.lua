-- Put in front of the scripts that write a session hash (Script.load(name, "marked.lua")).
-- marked(channel, marker, write) runs write() between two PUBLISHes on channel: 'b' .. marker before and
-- 'e' .. marker after, also when write() fails, so a bracket never stays open. A script runs atomically,
-- so every keyspace event between the two on one server's subscription comes from this write: the
-- writing instance knows them for its own (WriteMarkers.java) and keeps the near-cache entry it has
-- updated itself. An empty marker publishes nothing.
local function marked(channel, marker, write)
  if marker == '' then
    return write()
  end
  redis.call('PUBLISH', channel, 'b' .. marker)
  local ok, result = pcall(write)
  redis.call('PUBLISH', channel, 'e' .. marker)
  if not ok then
    error(result)
  end
  return result
end
