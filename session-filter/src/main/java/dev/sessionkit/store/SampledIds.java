package dev.sessionkit.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The IDs of a store's sessions, kept so that a uniformly random sample costs O(1) whatever their number:
 * an array for picking, an index for removing by swapping with the last. Thread-safe.
 */
final class SampledIds {

    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();

    synchronized void add(String id) {
        if (positions.putIfAbsent(id, ids.size()) == null) {
            ids.add(id);
        }
    }

    synchronized void remove(String id) {
        Integer position = positions.remove(id);
        if (position == null) {
            return;
        }
        String last = ids.remove(ids.size() - 1);
        if (position < ids.size()) {
            ids.set(position, last);
            positions.put(last, position);
        }
    }

    /**
     * @param n how many IDs to draw
     * @return every ID when there are at most {@code n}, otherwise {@code n} drawn uniformly at random
     *         (with replacement)
     */
    synchronized List<String> sample(int n) {
        int size = ids.size();
        if (size <= n) {
            return new ArrayList<>(ids);
        }
        List<String> sample = new ArrayList<>(Math.min(n, size));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n && size > 0; i++) {
            sample.add(ids.get(random.nextInt(size)));
        }
        return sample;
    }
}
