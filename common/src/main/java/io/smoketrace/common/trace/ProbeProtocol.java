package io.smoketrace.common.trace;

/** The protocol of the probe packets. */
public enum ProbeProtocol { ICMP, UDP, TCP }
