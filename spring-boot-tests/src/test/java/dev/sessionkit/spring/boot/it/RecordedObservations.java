package dev.sessionkit.spring.boot.it;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An observation handler Boot adds to its ObservationRegistry, keeping every finished sessionkit observation. */
final class RecordedObservations implements ObservationHandler<Observation.Context> {

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context.getName() != null && context.getName().startsWith("sessionkit.");
    }

    @Override
    public void onStop(Observation.Context context) {
        stopped.add(context);
    }

    /** @return the observations finished since the last call, and forgets them */
    List<Observation.Context> drain() {
        List<Observation.Context> all = List.copyOf(stopped);
        stopped.removeAll(all);
        return all;
    }
}
