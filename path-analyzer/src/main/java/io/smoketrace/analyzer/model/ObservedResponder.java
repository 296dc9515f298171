package io.smoketrace.analyzer.model;

import io.smoketrace.common.event.PathSnapshot.AddressClass;

/**
 * One address that answered at a TTL, with its own counts and what the RIB says about it.
 *
 * @param address the responder's address
 * @param hostname its reverse name as the tool printed it, if any
 * @param addressClass what kind of address it is
 * @param prefix the longest matching RIB prefix, for public addresses
 * @param asn the origin AS of that prefix, when known
 * @param ixpName the exchange's name, for exchange LAN addresses
 * @param sent probes attributed to this responder
 * @param received replies from it
 * @param rttAvgMs its average RTT, when it answered
 */
public record ObservedResponder(
        String address,
        String hostname,
        AddressClass addressClass,
        String prefix,
        Long asn,
        String ixpName,
        int sent,
        int received,
        Double rttAvgMs) {

    /** A short label for summaries: {@code 198.51.100.1, AS64501} or {@code 185.1.2.3, IXP LAB-IX}. */
    public String label() {
        if (asn != null) {
            return address + ", AS" + asn;
        }
        if (ixpName != null) {
            return address + ", IXP " + ixpName;
        }
        return addressClass == AddressClass.PUBLIC ? address : address + ", " + addressClass.name().toLowerCase().replace('_', '-');
    }
}
