/**
 * Paths as the analyzer understands them: a trace normalised into per-TTL responder sets annotated
 * from the RIB ({@link io.smoketrace.analyzer.model.ObservedPath}), its data-plane
 * {@link io.smoketrace.analyzer.model.AsPath}, and the distinct path versions an (agent, target) pair
 * has shown ({@link io.smoketrace.analyzer.model.PathVersion}, {@link io.smoketrace.analyzer.model.KnownPaths}).
 *
 * <p>What keeps noise out: {@code *} is unanswered probes, never an address, and matches anything;
 * several responders at a TTL are a set; a trace whose differing hops form short load-balanced
 * "diamonds" (rejoining a shared router, staying within the ASes where they split) is the same path
 * version and teaches it the new responders; gaps in an AS path may hide ASes, so an unanswered hop
 * never fakes an AS change. A path version's id is a name-based UUID of the pair and the first trace
 * that showed it, so it is stable across ECMP alternation and {@code *} hops and equal on replay.
 */
package io.smoketrace.analyzer.model;
