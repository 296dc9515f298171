package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.Nlri;
import io.smoketrace.bgp.codec.bgp.NlriCodec;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * MP_UNREACH_NLRI (RFC 4760): withdrawn routes of any address family; an empty one is the family's
 * End-of-RIB marker (RFC 4724).
 */
public record MpUnreachNlri(AfiSafi afiSafi, List<Nlri> withdrawnRoutes, Octets unparsedNlri) implements PathAttribute {

    public static final int TYPE = 15;

    static final AttributeCodec<MpUnreachNlri> CODEC = new AttributeCodec<>(TYPE, "MP_UNREACH_NLRI", OPTIONAL_NON_TRANSITIVE,
            ErrorAction.SESSION_RESET, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            MpUnreachNlri::decode, MpUnreachNlri::encode);

    public MpUnreachNlri {
        withdrawnRoutes = List.copyOf(withdrawnRoutes);
    }

    public static MpUnreachNlri of(AfiSafi afiSafi, List<Nlri> withdrawnRoutes) {
        return new MpUnreachNlri(afiSafi, withdrawnRoutes, Octets.EMPTY);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    private static MpUnreachNlri decode(WireReader value, DecodeContext context)
            throws MalformedAttributeException, WireUnderflowException {
        AfiSafi family = new AfiSafi(value.u16(), value.u8());
        if (!family.carriesIpPrefixes()) {
            return new MpUnreachNlri(family, List.of(), value.rest());
        }
        List<Nlri> withdrawn = new ArrayList<>();
        try {
            NlriCodec.decode(value, family.afi(), context.addPath(family),
                    NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR, withdrawn);
        } catch (BgpDecodeException malformed) {
            throw MalformedAttributeException.value(malformed.getMessage());
        }
        return new MpUnreachNlri(family, withdrawn, Octets.EMPTY);
    }

    private static void encode(MpUnreachNlri unreach, WireWriter out, DecodeContext context) {
        out.u16(unreach.afiSafi.afi()).u8(unreach.afiSafi.safi());
        NlriCodec.encode(unreach.withdrawnRoutes, context.addPath(unreach.afiSafi), out);
        out.octets(unreach.unparsedNlri);
    }
}
