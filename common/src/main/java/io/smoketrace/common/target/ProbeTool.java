package io.smoketrace.common.target;

/** The external program that runs a probe. */
public enum ProbeTool { MTR, TRACEROUTE, SCAMPER, TCPTRACEROUTE, TRACEPATH }
