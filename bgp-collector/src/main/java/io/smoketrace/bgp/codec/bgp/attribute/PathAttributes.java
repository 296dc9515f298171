package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.AttributeError;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.OpenMessage;

import java.util.List;
import java.util.Optional;

/**
 * The path attributes of an UPDATE or an MRT RIB entry as they came off the wire, the RFC 7606 errors
 * found while reading them, and the views a RIB wants, such as the RFC 6793 merged AS path.
 *
 * @param attributes  the well-formed attributes, in wire order
 * @param errors      what was wrong with the others, with the action each calls for
 * @param fourOctetAs whether AS_PATH and AGGREGATOR were encoded with 4-octet AS numbers
 */
public record PathAttributes(List<PathAttribute> attributes, List<AttributeError> errors, boolean fourOctetAs) {

    public static final PathAttributes NONE = new PathAttributes(List.of(), List.of(), true);

    public PathAttributes {
        attributes = List.copyOf(attributes);
        errors = List.copyOf(errors);
    }

    public static PathAttributes of(List<PathAttribute> attributes) {
        return new PathAttributes(attributes, List.of(), true);
    }

    public <A extends PathAttribute> Optional<A> get(Class<A> kind) {
        for (PathAttribute attribute : attributes) {
            if (kind.isInstance(attribute)) {
                return Optional.of(kind.cast(attribute));
            }
        }
        return Optional.empty();
    }

    public boolean contains(int typeCode) {
        for (PathAttribute attribute : attributes) {
            if (attribute.typeCode() == typeCode) {
                return true;
            }
        }
        return false;
    }

    /** The most severe RFC 7606 action among the errors, if there were any. */
    public Optional<ErrorAction> errorAction() {
        return errors.stream().map(AttributeError::action).max(Enum::compareTo);
    }

    public Optional<Origin> origin() {
        return get(Origin.class);
    }

    /**
     * The route's real AS path. On a 2-octet session this merges AS_PATH with AS4_PATH (RFC 6793 4.2.3),
     * unless an AGGREGATOR with a real 2-octet AS says the AS4 attributes are stale.
     */
    public Optional<AsPath> asPath() {
        Optional<AsPath> asPath = get(AsPath.class);
        if (fourOctetAs || asPath.isEmpty()) {
            return asPath;
        }
        Optional<As4Path> as4Path = get(As4Path.class);
        if (as4Path.isEmpty() || aggregatorHidesAs4Attributes()) {
            return asPath;
        }
        return Optional.of(asPath.get().mergedWith(as4Path.get()));
    }

    /** The aggregator, with the AS4_AGGREGATOR's AS number when a 2-octet session sent AS_TRANS. */
    public Optional<Aggregator> aggregator() {
        Optional<Aggregator> aggregator = get(Aggregator.class);
        if (fourOctetAs || aggregator.isEmpty() || aggregator.get().asNumber() != OpenMessage.AS_TRANS) {
            return aggregator;
        }
        return get(As4Aggregator.class)
                .map(as4 -> new Aggregator(as4.asNumber(), as4.address()))
                .or(() -> aggregator);
    }

    /**
     * RFC 6793 4.2.3: when AGGREGATOR and AS4_AGGREGATOR both came, an AGGREGATOR other than AS_TRANS
     * means an old speaker aggregated after the AS4 attributes were added, so both are ignored.
     */
    private boolean aggregatorHidesAs4Attributes() {
        return contains(As4Aggregator.TYPE)
                && get(Aggregator.class).filter(aggregator -> aggregator.asNumber() != OpenMessage.AS_TRANS).isPresent();
    }

    public Optional<NextHop> nextHop() {
        return get(NextHop.class);
    }

    public Optional<MultiExitDisc> multiExitDisc() {
        return get(MultiExitDisc.class);
    }

    public Optional<LocalPref> localPref() {
        return get(LocalPref.class);
    }

    public boolean atomicAggregate() {
        return contains(AtomicAggregate.TYPE);
    }

    public Optional<Communities> communities() {
        return get(Communities.class);
    }

    public Optional<ExtendedCommunities> extendedCommunities() {
        return get(ExtendedCommunities.class);
    }

    public Optional<LargeCommunities> largeCommunities() {
        return get(LargeCommunities.class);
    }

    public Optional<MpReachNlri> mpReachNlri() {
        return get(MpReachNlri.class);
    }

    public Optional<MpUnreachNlri> mpUnreachNlri() {
        return get(MpUnreachNlri.class);
    }
}
