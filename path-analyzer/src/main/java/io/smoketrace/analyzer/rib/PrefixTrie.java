package io.smoketrace.analyzer.rib;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * A longest-prefix-match table for one address family: a tree bitmap (Eatherton, Varghese and
 * Dittia) of 6-bit strides below directly indexed first bits (16 for a full table), laid out in one
 * {@code long[]}, holding one value per prefix.
 *
 * <p>Layout. A node is three longs: {@code internal} marks the prefixes ending inside the node
 * (relative lengths 0..5, 63 positions), {@code external} the children (64 positions), and the third
 * holds where its children and its values start. A node's children are contiguous node records and
 * its values contiguous slots of one {@code Object[]}, each found by counting set bits, so a walk
 * costs one memory load per 6 bits, siblings share cache lines, and no object is spent per node. The
 * first 2^16 longs of the node array are the roots, one per /16 (a /24 is then two nodes down); one
 * more long roots a small tree for the prefixes shorter than /16, walked only when nothing of /16 or
 * longer matched. A small table (a few special ranges) uses 8 root bits instead, so that its roots
 * stay in the cache.
 *
 * <p>Concurrency: lookups take no lock. They read optimistically under a {@link StampedLock} stamp and
 * keep the answer only if no write happened meanwhile, else look again under the read lock. The single
 * writer changes nodes in place under the write lock. A reader that raced a writer may see a mix of
 * old and new fields, so the layout makes such a walk harmless: it can only follow offsets that were
 * valid in the arrays it holds (both arrays are replaced together when either grows, and every block
 * ends at least {@code SLACK} slots before the array's end, more than any rank within a node), and
 * it is bounded by the address width, so it ends, out of bounds never, and its answer is thrown away.
 *
 * @param <V> the value held per prefix; immutable, since readers get it without a lock
 */
public final class PrefixTrie<V> {

    /** Root bits for a full routing table: a /16 per root, 512 KiB of roots. */
    public static final int FULL_TABLE_ROOT_BITS = 16;
    /** Root bits for a table of a few prefixes looked up on every hop: 2 KiB of roots. */
    public static final int SMALL_TABLE_ROOT_BITS = 8;
    private static final int STRIDE = 6;
    private static final int CHUNK_MASK = (1 << STRIDE) - 1;
    /** Longs per node record. */
    private static final int NODE = 3;
    /** Spare records (and value slots) past the used area: more than a garbled rank can reach. */
    private static final int SLACK = 64;

    /** For each 6-bit chunk, the internal-map positions of the prefixes (relative length 0..5) that contain it. */
    private static final long[] CANDIDATES = new long[1 << STRIDE];

    static {
        for (int chunk = 0; chunk < CANDIDATES.length; chunk++) {
            for (int length = 0; length < STRIDE; length++) {
                CANDIDATES[chunk] |= 1L << position(length, chunk);
            }
        }
    }

    private final int width;
    private final int rootBits;
    /** Where the root of the prefixes shorter than the root bits is kept; the longs before it are the roots. */
    private final int shortRoot;
    private final StampedLock lock = new StampedLock();
    /** The arrays, replaced together so that a reader's pair always agrees on offsets. */
    private Storage storage;
    private int nodesUsed;
    private int valuesUsed;
    /** Freed node blocks by record count, and value blocks by slot count: offsets to reuse. */
    private final FreeBlocks freeNodes = new FreeBlocks(64);
    private final FreeBlocks freeValues = new FreeBlocks(63);
    private int size;

    /** An empty table for addresses of {@code width} bits (32 or 128), sized for a full routing table. */
    public PrefixTrie(int width) {
        this(width, FULL_TABLE_ROOT_BITS);
    }

    /** An empty table for addresses of {@code width} bits whose first {@code rootBits} bits are indexed directly. */
    public PrefixTrie(int width, int rootBits) {
        this.width = width;
        this.rootBits = rootBits;
        this.shortRoot = 1 << rootBits;
        this.nodesUsed = shortRoot + NODE;
        this.storage = new Storage(new long[nodesUsed + NODE * 1024], new Object[1024]);
    }

    /** The longest prefix that contains the address, as its length and value, or null. */
    public Match<V> match(IpAddress address) {
        return match(address.hi(), address.lo());
    }

    /** The longest prefix that contains the address given as its two halves, or null. */
    public Match<V> match(long hi, long lo) {
        // The walk allocates nothing and answers (value index, length) packed in a long, so that this
        // small method inlines into its caller and the Match usually never reaches the heap.
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            Storage arrays = storage;
            long found = width == 32 ? find32(arrays.nodes, (int) (hi >>> 32)) : find(arrays.nodes, hi, lo);
            V value = found < 0 ? null : value(arrays.values, (int) (found >>> 8));
            if (lock.validate(stamp)) {
                return found < 0 ? null : new Match<>((int) found & 0xFF, value);
            }
        }
        stamp = lock.readLock();
        try {
            Storage arrays = storage;
            long found = width == 32 ? find32(arrays.nodes, (int) (hi >>> 32)) : find(arrays.nodes, hi, lo);
            return found < 0 ? null : new Match<>((int) found & 0xFF, value(arrays.values, (int) (found >>> 8)));
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The value of the longest prefix that contains the address, or null. */
    public V lookup(IpAddress address) {
        Match<V> match = match(address.hi(), address.lo());
        return match == null ? null : match.value();
    }

    /** The value stored for exactly this prefix, or null. */
    public V get(IpPrefix prefix) {
        long stamp = lock.readLock();
        try {
            int index = valueIndex(prefix);
            return index < 0 ? null : value(storage.values, index);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The number of prefixes held. */
    public int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Stores the value for the prefix, replacing any value it had. */
    public void put(IpPrefix prefix, V value) {
        check(prefix);
        if (value == null) {
            throw new IllegalArgumentException("a prefix's value must not be null");
        }
        long stamp = lock.writeLock();
        try {
            int existing = valueIndex(prefix);
            if (existing >= 0) {
                storage.values[existing] = value;
                return;
            }
            long hi = prefix.network().hi();
            long lo = prefix.network().lo();
            int length = prefix.length();
            int slot = length < rootBits ? shortRoot : rootIndex(hi);
            int depth = length < rootBits ? 0 : rootBits;
            int node = (int) storage.nodes[slot];
            if (node == 0) {
                node = allocateNodes(1);
                storage.nodes[slot] = node;
            }
            while (length - depth >= STRIDE) {
                node = childFor(node, chunk(hi, lo, depth));
                depth += STRIDE;
            }
            addValue(node, 1L << position(length - depth, chunk(hi, lo, depth)), value);
            size++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes the prefix; nothing happens when it is absent. */
    public void remove(IpPrefix prefix) {
        check(prefix);
        long stamp = lock.writeLock();
        try {
            long hi = prefix.network().hi();
            long lo = prefix.network().lo();
            int length = prefix.length();
            int slot = length < rootBits ? shortRoot : rootIndex(hi);
            int depth = length < rootBits ? 0 : rootBits;
            int root = (int) storage.nodes[slot];
            if (root != 0 && remove(root, depth, hi, lo, length)) {
                freeNodes.add(root, 1);
                storage.nodes[slot] = 0;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void check(IpPrefix prefix) {
        if (prefix.network().width() != width) {
            throw new IllegalArgumentException(prefix + " does not belong in a table of " + width + "-bit addresses");
        }
    }

    /**
     * The walk of a lookup: the longest match as {@code valueIndex << 8 | length}, or -1. On torn data it
     * may answer wrongly (the caller then discards it) but stays in bounds and ends.
     */
    private long find(long[] nodes, long hi, long lo) {
        int valueIndex = -1;
        int length = 0;
        for (int pass = 0; pass < 2 && valueIndex < 0; pass++) {
            // First the /16 root's tree; only if nothing matched there, the tree of shorter prefixes.
            int node = (int) nodes[pass == 0 ? rootIndex(hi) : shortRoot];
            for (int depth = pass == 0 ? rootBits : 0; node != 0 && depth <= width; depth += STRIDE) {
                long internal = nodes[node];
                long external = nodes[node + 1];
                long bases = nodes[node + 2];
                int chunk = chunk(hi, lo, depth);
                long matches = internal & CANDIDATES[chunk];
                if (matches != 0) {
                    int position = 63 - Long.numberOfLeadingZeros(matches);
                    valueIndex = (int) bases + Long.bitCount(internal & ((1L << position) - 1));
                    length = depth + 31 - Integer.numberOfLeadingZeros(position + 1);
                }
                long childBit = 1L << chunk;
                node = (external & childBit) == 0 ? 0 : (int) (bases >>> 32) + NODE * Long.bitCount(external & (childBit - 1));
            }
        }
        return valueIndex < 0 ? -1 : (long) valueIndex << 8 | length;
    }

    /** {@link #find} for 32-bit addresses: the chunks come from one int, with no 128-bit arithmetic. */
    private long find32(long[] nodes, int address) {
        int valueIndex = -1;
        int length = 0;
        for (int pass = 0; pass < 2 && valueIndex < 0; pass++) {
            int node = (int) nodes[pass == 0 ? address >>> (32 - rootBits) : shortRoot];
            for (int depth = pass == 0 ? rootBits : 0; node != 0 && depth <= 32; depth += STRIDE) {
                long internal = nodes[node];
                long external = nodes[node + 1];
                long bases = nodes[node + 2];
                int shift = 32 - STRIDE - depth;
                int chunk = (shift >= 0 ? address >>> shift : address << -shift) & CHUNK_MASK;
                long matches = internal & CANDIDATES[chunk];
                if (matches != 0) {
                    int position = 63 - Long.numberOfLeadingZeros(matches);
                    valueIndex = (int) bases + Long.bitCount(internal & ((1L << position) - 1));
                    length = depth + 31 - Integer.numberOfLeadingZeros(position + 1);
                }
                long childBit = 1L << chunk;
                node = (external & childBit) == 0 ? 0 : (int) (bases >>> 32) + NODE * Long.bitCount(external & (childBit - 1));
            }
        }
        return valueIndex < 0 ? -1 : (long) valueIndex << 8 | length;
    }

    @SuppressWarnings("unchecked")
    private V value(Object[] values, int index) {
        return (V) values[index];
    }

    /** Where exactly this prefix's value is, or -1; under a lock. */
    private int valueIndex(IpPrefix prefix) {
        long[] nodes = storage.nodes;
        long hi = prefix.network().hi();
        long lo = prefix.network().lo();
        int length = prefix.length();
        int depth = length < rootBits ? 0 : rootBits;
        int node = (int) nodes[length < rootBits ? shortRoot : rootIndex(hi)];
        while (node != 0) {
            int chunk = chunk(hi, lo, depth);
            if (length - depth < STRIDE) {
                long bit = 1L << position(length - depth, chunk);
                return (nodes[node] & bit) == 0 ? -1 : valueBase(node) + Long.bitCount(nodes[node] & (bit - 1));
            }
            node = child(node, chunk);
            depth += STRIDE;
        }
        return -1;
    }

    /** The node's child for the chunk, created (the node's child block grown by one) when missing. */
    private int childFor(int node, int chunk) {
        int existing = child(node, chunk);
        if (existing != 0) {
            return existing;
        }
        long external = storage.nodes[node + 1];
        int count = Long.bitCount(external);
        int rank = Long.bitCount(external & ((1L << chunk) - 1));
        int oldBlock = childBase(node);
        int block = allocateNodes(count + 1);
        long[] nodes = storage.nodes;
        System.arraycopy(nodes, oldBlock, nodes, block, rank * NODE);
        System.arraycopy(nodes, oldBlock + rank * NODE, nodes, block + (rank + 1) * NODE, (count - rank) * NODE);
        setBases(node, block, valueBase(node));
        nodes[node + 1] = external | 1L << chunk;
        if (count > 0) {
            freeNodes.add(oldBlock, count);
        }
        return block + rank * NODE;
    }

    /** Adds a value at an internal position the node does not have yet (its value block grown by one). */
    private void addValue(int node, long bit, Object value) {
        long internal = storage.nodes[node];
        int count = Long.bitCount(internal);
        int rank = Long.bitCount(internal & (bit - 1));
        int oldBlock = valueBase(node);
        int block = allocateValues(count + 1);
        Object[] values = storage.values;
        System.arraycopy(values, oldBlock, values, block, rank);
        System.arraycopy(values, oldBlock + rank, values, block + rank + 1, count - rank);
        values[block + rank] = value;
        setBases(node, childBase(node), block);
        storage.nodes[node] = internal | bit;
        if (count > 0) {
            freeValue(oldBlock, count);
        }
    }

    /**
     * Removes the prefix below the node; true when the node is left empty (the caller unlinks and
     * frees it). Allocation may replace the arrays, so every access goes through {@code storage}.
     */
    private boolean remove(int node, int depth, long hi, long lo, int length) {
        int chunk = chunk(hi, lo, depth);
        if (length - depth < STRIDE) {
            long bit = 1L << position(length - depth, chunk);
            long internal = storage.nodes[node];
            if ((internal & bit) == 0) {
                return false;
            }
            int count = Long.bitCount(internal);
            int rank = Long.bitCount(internal & (bit - 1));
            int oldBlock = valueBase(node);
            int block = count == 1 ? 0 : allocateValues(count - 1);
            Object[] values = storage.values;
            System.arraycopy(values, oldBlock, values, block, rank);
            System.arraycopy(values, oldBlock + rank + 1, values, block + rank, count - rank - 1);
            setBases(node, childBase(node), block);
            storage.nodes[node] = internal & ~bit;
            freeValue(oldBlock, count);
            size--;
            return isEmpty(node);
        }
        int child = child(node, chunk);
        if (child == 0 || !remove(child, depth + STRIDE, hi, lo, length)) {
            return false;
        }
        long external = storage.nodes[node + 1];
        int count = Long.bitCount(external);
        int rank = Long.bitCount(external & ((1L << chunk) - 1));
        int oldBlock = childBase(node);
        int block = count == 1 ? 0 : allocateNodes(count - 1);
        long[] nodes = storage.nodes;
        System.arraycopy(nodes, oldBlock, nodes, block, rank * NODE);
        System.arraycopy(nodes, oldBlock + (rank + 1) * NODE, nodes, block + rank * NODE, (count - rank - 1) * NODE);
        setBases(node, block, valueBase(node));
        nodes[node + 1] = external & ~(1L << chunk);
        freeNodes.add(oldBlock, count);
        return isEmpty(node);
    }

    private boolean isEmpty(int node) {
        return storage.nodes[node] == 0 && storage.nodes[node + 1] == 0;
    }

    private int child(int node, int chunk) {
        long external = storage.nodes[node + 1];
        long bit = 1L << chunk;
        return (external & bit) == 0 ? 0 : childBase(node) + NODE * Long.bitCount(external & (bit - 1));
    }

    private int childBase(int node) {
        return (int) (storage.nodes[node + 2] >>> 32);
    }

    private int valueBase(int node) {
        return (int) storage.nodes[node + 2];
    }

    private void setBases(int node, int childBlock, int valueBlock) {
        storage.nodes[node + 2] = (long) childBlock << 32 | valueBlock & 0xFFFF_FFFFL;
    }

    /** A block of {@code count} zeroed node records (a freed one of that size when there is one); returns its offset. */
    private int allocateNodes(int count) {
        int block = freeNodes.take(count);
        if (block < 0) {
            block = nodesUsed;
            nodesUsed += count * NODE;
            ensureCapacity();
        }
        Arrays.fill(storage.nodes, block, block + count * NODE, 0L);
        return block;
    }

    private int allocateValues(int count) {
        int block = freeValues.take(count);
        if (block < 0) {
            block = valuesUsed;
            valuesUsed += count;
            ensureCapacity();
        }
        return block;
    }

    /** Frees a value block, dropping its references so that what it held can be collected. */
    private void freeValue(int block, int count) {
        Arrays.fill(storage.values, block, block + count, null);
        freeValues.add(block, count);
    }

    /** Grows both arrays (by a quarter: a full table should not carry much spare) when either lacks room for its used area plus the slack. */
    private void ensureCapacity() {
        Storage current = storage;
        boolean nodesFull = nodesUsed + SLACK * NODE > current.nodes.length;
        boolean valuesFull = valuesUsed + SLACK > current.values.length;
        if (nodesFull || valuesFull) {
            int nodeLength = nodesFull ? current.nodes.length + Math.max(current.nodes.length / 4, SLACK * NODE) : current.nodes.length;
            int valueLength = valuesFull ? current.values.length + Math.max(current.values.length / 4, SLACK) : current.values.length;
            storage = new Storage(Arrays.copyOf(current.nodes, nodeLength), Arrays.copyOf(current.values, valueLength));
        }
    }

    private int rootIndex(long hi) {
        return (int) (hi >>> (64 - rootBits));
    }

    /** Internal-map position of the prefix of relative length {@code length} (0..5) that contains the chunk. */
    private static int position(int length, int chunk) {
        return (1 << length) - 1 + (chunk >>> (STRIDE - length));
    }

    /** Address bits {@code [depth, depth + 6)} of the 128-bit value, zero beyond bit 127. */
    private static int chunk(long hi, long lo, int depth) {
        if (depth + STRIDE <= 64) {
            return (int) (hi >>> (64 - STRIDE - depth)) & CHUNK_MASK;
        }
        if (depth >= 64) {
            int shift = 128 - STRIDE - depth;
            return (int) (shift >= 0 ? lo >>> shift : lo << -shift) & CHUNK_MASK;
        }
        return (int) (hi << (depth + STRIDE - 64) | lo >>> (128 - STRIDE - depth)) & CHUNK_MASK;
    }

    /**
     * The longest prefix matching an address.
     *
     * @param length the prefix length
     * @param value the prefix's value
     */
    public record Match<V>(int length, V value) {
    }

    /** The node records and value slots; a new pair whenever either grows. */
    private record Storage(long[] nodes, Object[] values) {
    }

    /** Freed blocks by size (1 to {@code maxSize}), as stacks of offsets, so churn reuses space instead of growing. */
    private static final class FreeBlocks {

        private final int[][] offsets;
        private final int[] counts;

        FreeBlocks(int maxSize) {
            offsets = new int[maxSize + 1][];
            counts = new int[maxSize + 1];
        }

        void add(int offset, int size) {
            int[] stack = offsets[size];
            if (stack == null || counts[size] == stack.length) {
                offsets[size] = stack = Arrays.copyOf(stack == null ? new int[0] : stack, Math.max(8, counts[size] * 2));
            }
            stack[counts[size]++] = offset;
        }

        /** A freed block of exactly this size, or -1. */
        int take(int size) {
            return counts[size] == 0 ? -1 : offsets[size][--counts[size]];
        }
    }
}
