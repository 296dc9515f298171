package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.NotificationMessage.UpdateError;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.MpReachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.MpUnreachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.NextHop;
import io.smoketrace.bgp.codec.bgp.attribute.Origin;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributeCodec;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UPDATE: withdrawn IPv4 routes, path attributes (which may carry routes of other families in
 * MP_REACH_NLRI/MP_UNREACH_NLRI), and announced IPv4 routes. Attribute errors are kept as values
 * in {@link PathAttributes#errors()}, each with its RFC 7606 action.
 */
public record UpdateMessage(List<Nlri> withdrawnRoutes, PathAttributes pathAttributes, List<Nlri> nlri)
        implements BgpMessage {

    public static final int TYPE = 2;

    static final MessageBodyCodec<UpdateMessage> CODEC = new MessageBodyCodec<>(TYPE, 4, MessageBodyCodec.UNBOUNDED,
            NotificationMessage.UPDATE_MESSAGE_ERROR, UpdateError.MALFORMED_ATTRIBUTE_LIST,
            UpdateMessage::decode, UpdateMessage::encode);

    public UpdateMessage {
        withdrawnRoutes = List.copyOf(withdrawnRoutes);
        nlri = List.copyOf(nlri);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** The most severe RFC 7606 action this UPDATE calls for, if anything was wrong with it. */
    public Optional<ErrorAction> errorAction() {
        return pathAttributes.errorAction();
    }

    /** Every announced route: the IPv4 NLRI field followed by the MP_REACH_NLRI routes. */
    public List<Nlri> announcedRoutes() {
        Optional<MpReachNlri> reach = pathAttributes.mpReachNlri();
        if (reach.isEmpty()) {
            return nlri;
        }
        List<Nlri> all = new ArrayList<>(nlri);
        all.addAll(reach.get().nlri());
        return all;
    }

    /** Every withdrawn route: the IPv4 withdrawn routes field followed by the MP_UNREACH_NLRI routes. */
    public List<Nlri> allWithdrawnRoutes() {
        Optional<MpUnreachNlri> unreach = pathAttributes.mpUnreachNlri();
        if (unreach.isEmpty()) {
            return withdrawnRoutes;
        }
        List<Nlri> all = new ArrayList<>(withdrawnRoutes);
        all.addAll(unreach.get().withdrawnRoutes());
        return all;
    }

    /**
     * The End-of-RIB marker of RFC 4724: an empty UPDATE for IPv4 unicast, an UPDATE holding only an
     * empty MP_UNREACH_NLRI for other families.
     */
    public Optional<AfiSafi> endOfRib() {
        if (!withdrawnRoutes.isEmpty() || !nlri.isEmpty() || !pathAttributes.errors().isEmpty()) {
            return Optional.empty();
        }
        if (pathAttributes.attributes().isEmpty()) {
            return Optional.of(AfiSafi.IPV4_UNICAST);
        }
        if (pathAttributes.attributes().size() == 1
                && pathAttributes.attributes().getFirst() instanceof MpUnreachNlri unreach
                && unreach.withdrawnRoutes().isEmpty() && unreach.unparsedNlri().isEmpty()) {
            return Optional.of(unreach.afiSafi());
        }
        return Optional.empty();
    }

    private static UpdateMessage decode(WireReader body, DecodeContext context) throws BgpDecodeException, WireUnderflowException {
        int withdrawnLength = body.u16();
        if (withdrawnLength > body.remaining() - 2) {
            throw new BgpDecodeException(NotificationMessage.UPDATE_MESSAGE_ERROR, UpdateError.MALFORMED_ATTRIBUTE_LIST,
                    "withdrawn routes length " + withdrawnLength + " overruns the message");
        }
        boolean addPath = context.addPath(AfiSafi.IPV4_UNICAST);
        List<Nlri> withdrawn = new ArrayList<>();
        BgpDecodeException badRoutes = null;
        try {
            NlriCodec.decode(body.slice(withdrawnLength), AfiSafi.AFI_IPV4, addPath, UpdateError.INVALID_NETWORK_FIELD, withdrawn);
        } catch (BgpDecodeException malformed) {
            badRoutes = malformed;
        }
        int attributesLength = body.u16();
        if (attributesLength > body.remaining()) {
            throw new BgpDecodeException(NotificationMessage.UPDATE_MESSAGE_ERROR, UpdateError.MALFORMED_ATTRIBUTE_LIST,
                    "total path attribute length " + attributesLength + " overruns the message");
        }
        PathAttributes attributes = PathAttributeCodec.decode(body.slice(attributesLength), context);
        List<Nlri> nlri = new ArrayList<>();
        try {
            NlriCodec.decode(body, AfiSafi.AFI_IPV4, addPath, UpdateError.INVALID_NETWORK_FIELD, nlri);
        } catch (BgpDecodeException malformed) {
            badRoutes = badRoutes == null ? malformed : badRoutes;
        }
        UpdateMessage update = new UpdateMessage(withdrawn, withMissingAttributes(attributes, !nlri.isEmpty()), nlri);
        // RFC 7606 5.3: a route field that cannot be parsed resets the session; the part read so far rides along.
        if (badRoutes != null) {
            throw badRoutes.withPartial(update);
        }
        return update;
    }

    /**
     * RFC 7606 3(d): an UPDATE that announces routes without ORIGIN or AS_PATH, or IPv4 NLRI without
     * NEXT_HOP, is treated as a withdraw. An attribute that was present but malformed is not missing.
     */
    private static PathAttributes withMissingAttributes(PathAttributes attributes, boolean hasIpv4Nlri) {
        boolean announces = hasIpv4Nlri || attributes.mpReachNlri()
                .filter(reach -> !reach.nlri().isEmpty() || !reach.unparsedNlri().isEmpty()).isPresent();
        if (!announces) {
            return attributes;
        }
        List<AttributeError> errors = new ArrayList<>(attributes.errors());
        requirePresent(attributes, Origin.TYPE, errors);
        requirePresent(attributes, AsPath.TYPE, errors);
        if (hasIpv4Nlri) {
            requirePresent(attributes, NextHop.TYPE, errors);
        }
        return errors.size() == attributes.errors().size()
                ? attributes
                : new PathAttributes(attributes.attributes(), errors, attributes.fourOctetAs());
    }

    private static void requirePresent(PathAttributes attributes, int typeCode, List<AttributeError> errors) {
        boolean malformed = attributes.errors().stream().anyMatch(error -> error.typeCode() == typeCode);
        if (!attributes.contains(typeCode) && !malformed) {
            errors.add(new AttributeError(typeCode, ErrorAction.TREAT_AS_WITHDRAW,
                    new NotificationMessage(NotificationMessage.UPDATE_MESSAGE_ERROR, UpdateError.MISSING_WELL_KNOWN_ATTRIBUTE,
                            Octets.copyOf(new byte[] {(byte) typeCode})),
                    "missing well-known attribute " + typeCode));
        }
    }

    private static void encode(UpdateMessage update, WireWriter out, DecodeContext context) {
        boolean addPath = context.addPath(AfiSafi.IPV4_UNICAST);
        int withdrawnLengthAt = out.size();
        out.u16(0);
        NlriCodec.encode(update.withdrawnRoutes, addPath, out);
        out.patchU16(withdrawnLengthAt, out.size() - withdrawnLengthAt - 2);
        int attributesLengthAt = out.size();
        out.u16(0);
        PathAttributeCodec.encode(update.pathAttributes.attributes(), out, context);
        out.patchU16(attributesLengthAt, out.size() - attributesLengthAt - 2);
        NlriCodec.encode(update.nlri, addPath, out);
    }
}
