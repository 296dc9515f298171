package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.capability.Capabilities;
import io.smoketrace.bgp.codec.bgp.capability.Capability;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;
import io.smoketrace.bgp.codec.bgp.capability.MalformedCapabilityException;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OPEN: the first message of a session, with the speaker's AS, hold time, BGP identifier and capabilities.
 */
public record OpenMessage(int version, int myAs, int holdTime, Inet4Address bgpIdentifier,
                          List<OptionalParameter> optionalParameters) implements BgpMessage {

    public static final int TYPE = 1;
    public static final int BGP_VERSION = 4;
    /** The 2-octet placeholder a 4-octet AS number travels behind (RFC 6793). */
    public static final int AS_TRANS = 23456;
    /** RFC 9072: a non-extended length of 255 followed by this parameter type announces extended lengths. */
    private static final int EXTENDED_PARAMETERS = 255;

    static final MessageBodyCodec<OpenMessage> CODEC = new MessageBodyCodec<>(TYPE, 10, MessageBodyCodec.UNBOUNDED,
            NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.OpenError.UNSPECIFIC,
            OpenMessage::decode, OpenMessage::encode);

    public OpenMessage {
        optionalParameters = List.copyOf(optionalParameters);
    }

    /** An OPEN carrying one Capabilities parameter, as modern speakers send it. */
    public static OpenMessage of(int myAs, int holdTime, Inet4Address bgpIdentifier, List<Capability> capabilities) {
        return new OpenMessage(BGP_VERSION, myAs, holdTime, bgpIdentifier,
                List.of(new OptionalParameter.Capabilities(capabilities)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** Every capability from every Capabilities parameter, in wire order. */
    public List<Capability> capabilities() {
        List<Capability> all = new ArrayList<>();
        for (OptionalParameter parameter : optionalParameters) {
            if (parameter instanceof OptionalParameter.Capabilities capabilities) {
                all.addAll(capabilities.capabilities());
            }
        }
        return all;
    }

    public <C extends Capability> List<C> capabilities(Class<C> kind) {
        return capabilities().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public <C extends Capability> Optional<C> capability(Class<C> kind) {
        return capabilities(kind).stream().findFirst();
    }

    /** The speaker's AS: the 4-octet AS capability's value if present, else the 2-octet My AS field. */
    public long asNumber() {
        return capability(FourOctetAsCapability.class).map(FourOctetAsCapability::asNumber).orElse((long) myAs);
    }

    private static OpenMessage decode(WireReader body, DecodeContext context) throws BgpDecodeException, WireUnderflowException {
        int version = body.u8();
        if (version != BGP_VERSION) {
            throw new BgpDecodeException(NotificationMessage.OPEN_MESSAGE_ERROR,
                    NotificationMessage.OpenError.UNSUPPORTED_VERSION_NUMBER, Octets.fromHex("0004"),
                    "BGP version " + version + " is not 4");
        }
        int myAs = body.u16();
        int holdTime = body.u16();
        if (holdTime == 1 || holdTime == 2) {
            throw new BgpDecodeException(NotificationMessage.OPEN_MESSAGE_ERROR,
                    NotificationMessage.OpenError.UNACCEPTABLE_HOLD_TIME, "hold time " + holdTime + " is neither 0 nor at least 3");
        }
        Inet4Address bgpIdentifier = IpAddresses.ipv4(body.i32());
        int parametersLength = body.u8();
        boolean extended = parametersLength > 0 && body.peekU8() == EXTENDED_PARAMETERS;
        if (extended) {
            body.u8();
            parametersLength = body.u16();
        }
        if (parametersLength != body.remaining()) {
            throw openError("optional parameters length " + parametersLength + " but " + body.remaining() + " octets follow");
        }
        List<OptionalParameter> parameters = new ArrayList<>();
        while (body.hasRemaining()) {
            int type = body.u8();
            int length = extended ? body.u16() : body.u8();
            if (length > body.remaining()) {
                throw openError("optional parameter " + type + " length " + length + " overruns the message");
            }
            WireReader value = body.slice(length);
            if (type == OptionalParameter.Capabilities.TYPE) {
                try {
                    parameters.add(new OptionalParameter.Capabilities(Capabilities.decode(value)));
                } catch (MalformedCapabilityException malformed) {
                    throw openError(malformed.getMessage());
                }
            } else {
                parameters.add(new OptionalParameter.Unknown(type, value.rest()));
            }
        }
        return new OpenMessage(version, myAs, holdTime, bgpIdentifier, parameters);
    }

    private static BgpDecodeException openError(String reason) {
        return new BgpDecodeException(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.OpenError.UNSPECIFIC, reason);
    }

    private static void encode(OpenMessage open, WireWriter out, DecodeContext context) {
        List<byte[]> values = new ArrayList<>();
        int shortFormLength = 0;
        boolean extended = false;
        for (OptionalParameter parameter : open.optionalParameters) {
            WireWriter value = new WireWriter();
            switch (parameter) {
                case OptionalParameter.Capabilities capabilities -> Capabilities.encode(capabilities.capabilities(), value);
                case OptionalParameter.Unknown unknown -> value.octets(unknown.value());
            }
            byte[] bytes = value.toByteArray();
            values.add(bytes);
            shortFormLength += 2 + bytes.length;
            extended |= bytes.length > 255;
        }
        // RFC 9072: the extended form only when the classic one-octet lengths cannot hold the parameters.
        extended |= shortFormLength > 255;
        out.u8(open.version).u16(open.myAs).u16(open.holdTime).bytes(open.bgpIdentifier.getAddress());
        if (extended) {
            out.u8(EXTENDED_PARAMETERS).u8(EXTENDED_PARAMETERS).u16(shortFormLength + values.size());
        } else {
            out.u8(shortFormLength);
        }
        for (int i = 0; i < values.size(); i++) {
            out.u8(open.optionalParameters.get(i).type());
            if (extended) {
                out.u16(values.get(i).length);
            } else {
                out.u8(values.get(i).length);
            }
            out.bytes(values.get(i));
        }
    }
}
