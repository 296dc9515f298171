package io.smoketrace.analyzer.rib;

import io.smoketrace.common.event.PathSnapshot.AddressClass;

/**
 * What the analyzer knows about one responder address: its class and, for public addresses, the
 * longest matching prefix in the RIB and that prefix's origin AS.
 *
 * @param addressClass the kind of address; special ones are marked, never looked up
 * @param prefix the longest matching RIB prefix, for PUBLIC addresses
 * @param originAs the origin AS of that prefix's best route, when known
 * @param ixpName the exchange's name, for IXP addresses
 */
public record AddressAnnotation(AddressClass addressClass, String prefix, Long originAs, String ixpName) {

    /** The annotation of {@code *}. */
    public static final AddressAnnotation NO_REPLY = new AddressAnnotation(AddressClass.NO_REPLY, null, null, null);

    /** The annotation of a public-looking address no RIB prefix covers (or of text that is no address). */
    public static final AddressAnnotation UNROUTED = new AddressAnnotation(AddressClass.UNROUTED, null, null, null);

    /** A special (non-public) class, with no prefix or AS. */
    public static AddressAnnotation special(AddressClass addressClass) {
        return new AddressAnnotation(addressClass, null, null, null);
    }
}
