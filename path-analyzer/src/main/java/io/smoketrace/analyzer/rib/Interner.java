package io.smoketrace.analyzer.rib;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Keeps one shared instance of each distinct value with a count of its holders, so a million
 * prefixes announced with the same attributes hold one copy of them, and the copy goes when the last
 * holder lets go. Used by the single RIB writer only.
 */
final class Interner<T> {

    private final Map<T, Held<T>> held = new HashMap<>();
    private final Consumer<T> onEvict;

    /** @param onEvict called with a value when its last holder releases it (to release what it holds in turn) */
    Interner(Consumer<T> onEvict) {
        this.onEvict = onEvict;
    }

    /**
     * The shared instance equal to the candidate, counted once more; when there is none yet, the
     * candidate made canonical by {@code canonical} becomes the shared instance.
     */
    T acquire(T candidate, UnaryOperator<T> canonical) {
        Held<T> entry = held.get(candidate);
        if (entry == null) {
            T value = canonical.apply(candidate);
            entry = new Held<>(value);
            held.put(value, entry);
        }
        entry.count++;
        return entry.value;
    }

    /** Counts one holder less; the last release evicts the value. */
    void release(T value) {
        Held<T> entry = held.get(value);
        if (entry != null && --entry.count == 0) {
            held.remove(value);
            onEvict.accept(entry.value);
        }
    }

    /** The number of distinct values held. */
    int size() {
        return held.size();
    }

    private static final class Held<T> {
        final T value;
        int count;

        Held(T value) {
            this.value = value;
        }
    }
}
