package io.smoketrace.analyzer.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last N values of a metric and their median: a baseline that one outlier cannot move. */
final class RollingWindow {

    private final double[] values;
    private int size;
    private int next;
    private double median = Double.NaN;

    /** A window of {@code capacity} values, starting with the restored ones (oldest first). */
    RollingWindow(int capacity, List<Double> restored) {
        values = new double[capacity];
        int skip = Math.max(0, restored.size() - capacity);
        for (int i = skip; i < restored.size(); i++) {
            add(restored.get(i));
        }
    }

    void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
        median = Double.NaN;
    }

    int size() {
        return size;
    }

    /** The median, or NaN when empty; kept until the next value arrives. */
    double median() {
        if (Double.isNaN(median) && size > 0) {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            median = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
        }
        return median;
    }

    /** The values, oldest first. */
    List<Double> toList() {
        List<Double> list = new ArrayList<>(size);
        int start = size < values.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            list.add(values[(start + i) % values.length]);
        }
        return list;
    }

    /** The median of a list, or null when it is empty. */
    static Double median(List<Double> list) {
        if (list.isEmpty()) {
            return null;
        }
        RollingWindow window = new RollingWindow(list.size(), list);
        return window.median();
    }
}
