package io.smoketrace.bgp.codec.mrt;

/**
 * One MRT record (RFC 6396) of a type this codec decodes.
 */
public sealed interface MrtRecord permits TableDumpEntry, PeerIndexTable, RibRecord, RibGenericRecord, Bgp4mpMessage,
        Bgp4mpStateChange {

    MrtHeader header();
}
