/**
 * The analyzer's copy of the BGP RIB: which prefix, origin AS and AS paths an address belongs to.
 *
 * <p>{@link io.smoketrace.analyzer.rib.Rib} is fed {@code RibRoute} upserts and withdraws (by topic key)
 * and answers longest-prefix matches from one {@link io.smoketrace.analyzer.rib.PrefixTrie} per address
 * family: a tree bitmap over a {@code long[]}, read lock-free (optimistic {@code StampedLock} reads,
 * validated) while a single writer changes it in place. Route attributes, per-peer routes and
 * per-prefix route sets are interned with reference counts, so the table costs little more than its
 * trie; {@code bench/RibMemory} measures bytes per prefix and {@code bench/LpmBenchmark} lookups per second.
 *
 * <p>Decisions a reader should know:
 * <ul>
 * <li>Best route: the origin AS most peers agree on, then the shortest AS path, then the lowest peer
 * id and path id ({@link io.smoketrace.analyzer.rib.RouteSet}); deterministic, so every analyzer
 * instance annotates alike.</li>
 * <li>Special addresses (RFC 1918 and ULA, shared 100.64/10, link-local, loopback, configured exchange
 * LANs) are classified before any lookup and never get an AS. Documentation ranges count as public by
 * default ({@link io.smoketrace.analyzer.rib.RibConfig#documentationIsSpecial()}), since our lab and
 * many others route them as if they were.</li>
 * <li>Address text is parsed by hand ({@link io.smoketrace.analyzer.rib.IpAddress}), as it runs for every
 * hop of every trace; the tests check it against the ipaddress library.</li>
 * </ul>
 */
package io.smoketrace.analyzer.rib;
