package io.smoketrace.common.trace;

/**
 * The program that produced a trace and how its output was read.
 *
 * @param name the tool: mtr, traceroute, scamper, tcptraceroute, tracepath, ripe-atlas
 * @param version the tool's version as it reports it, if known
 * @param format the output format that was parsed, for example {@code mtr-json} or {@code traceroute-text}
 * @param command the command line that was run, if the agent ran it
 */
public record ToolInfo(String name, String version, String format, String command) {
}
