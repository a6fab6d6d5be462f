package dev.sessionkit.store;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A session's attributes as {@link SessionData} holds them: copied once, read-only, in insertion order. The
 * copies {@link SessionData#withId} and {@link SessionData#accessedAt} make share it instead of copying
 * again, which a hashed store ID's every load does.
 */
final class FrozenAttributes extends AbstractMap<String, byte[]> {

    private final Map<String, byte[]> map;

    private FrozenAttributes(Map<String, byte[]> source) {
        this.map = Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** @return {@code attributes} when already frozen, else a read-only copy */
    static Map<String, byte[]> of(Map<String, byte[]> attributes) {
        return attributes instanceof FrozenAttributes ? attributes : new FrozenAttributes(attributes);
    }

    @Override
    public Set<Entry<String, byte[]>> entrySet() {
        return map.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return map.keySet();
    }

    @Override
    public Collection<byte[]> values() {
        return map.values();
    }

    @Override
    public byte[] get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super byte[]> action) {
        map.forEach(action);
    }
}
