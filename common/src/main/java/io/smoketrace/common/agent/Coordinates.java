package io.smoketrace.common.agent;

/**
 * A site's position, for maps.
 *
 * @param latitude degrees north
 * @param longitude degrees east
 */
public record Coordinates(double latitude, double longitude) {
}
