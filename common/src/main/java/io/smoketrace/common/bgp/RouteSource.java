package io.smoketrace.common.bgp;

/** How the collector learned a route. */
public enum RouteSource { BGP, BMP, MRT }
