package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.AttributeError;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.NotificationMessage.UpdateError;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of path attribute codecs, keyed by type code, and the reading and writing of a whole
 * path attributes field with RFC 7606 error handling: a bad attribute becomes an {@link AttributeError}
 * with its action, never an exception.
 */
public final class PathAttributeCodec {

    private static final AttributeCodec<?>[] BY_TYPE = new AttributeCodec<?>[256];

    static {
        register(Origin.CODEC);
        register(AsPath.CODEC);
        register(NextHop.CODEC);
        register(MultiExitDisc.CODEC);
        register(LocalPref.CODEC);
        register(AtomicAggregate.CODEC);
        register(Aggregator.CODEC);
        register(Communities.CODEC);
        register(OriginatorId.CODEC);
        register(ClusterList.CODEC);
        register(MpReachNlri.CODEC);
        register(MpUnreachNlri.CODEC);
        register(ExtendedCommunities.CODEC);
        register(As4Path.CODEC);
        register(As4Aggregator.CODEC);
        register(LargeCommunities.CODEC);
    }

    private PathAttributeCodec() {
    }

    private static void register(AttributeCodec<?> codec) {
        if (BY_TYPE[codec.typeCode()] != null) {
            throw new IllegalStateException("attribute type " + codec.typeCode() + " registered twice");
        }
        BY_TYPE[codec.typeCode()] = codec;
    }

    /** Whether this codec interprets the attribute type (others are kept as {@link UnknownAttribute}). */
    public static boolean isKnown(int typeCode) {
        return typeCode >= 0 && typeCode < 256 && BY_TYPE[typeCode] != null;
    }

    /** Decodes a path attributes field; the result holds what could be decoded and every error found. */
    public static PathAttributes decode(WireReader field, DecodeContext context) {
        List<PathAttribute> attributes = new ArrayList<>(8);
        List<AttributeError> errors = new ArrayList<>(0);
        boolean[] seen = new boolean[256];
        while (field.hasRemaining()) {
            int start = field.consumed();
            try {
                int flags = field.u8();
                int type = field.u8();
                int length = (flags & PathAttribute.EXTENDED_LENGTH) != 0 ? field.u16() : field.u8();
                if (length > field.remaining()) {
                    // RFC 7606 section 4: the attribute overruns the field; nothing after it can be trusted.
                    errors.add(error(type, ErrorAction.TREAT_AS_WITHDRAW, UpdateError.ATTRIBUTE_LENGTH_ERROR,
                            field.consumedSince(start), "attribute length " + length + " overruns the path attributes ("
                                    + field.remaining() + " octets left)"));
                    break;
                }
                WireReader value = field.slice(length);
                decodeOne(flags, type, value, field.consumedSince(start), seen, context, attributes, errors);
            } catch (WireUnderflowException truncated) {
                // RFC 7606 section 4: fewer octets left than an attribute header needs.
                errors.add(error(0, ErrorAction.TREAT_AS_WITHDRAW, UpdateError.MALFORMED_ATTRIBUTE_LIST,
                        field.consumedSince(start), "path attributes end inside an attribute header"));
                break;
            }
        }
        return new PathAttributes(attributes, errors, context.fourOctetAs());
    }

    private static void decodeOne(int flags, int type, WireReader value, Octets raw, boolean[] seen, DecodeContext context,
                                  List<PathAttribute> attributes, List<AttributeError> errors) {
        if (seen[type]) {
            // RFC 7606 3(g): a repeated MP attribute resets the session, any other repeat is dropped.
            boolean multiprotocol = type == MpReachNlri.TYPE || type == MpUnreachNlri.TYPE;
            errors.add(error(type, multiprotocol ? ErrorAction.SESSION_RESET : ErrorAction.ATTRIBUTE_DISCARD,
                    UpdateError.MALFORMED_ATTRIBUTE_LIST, Octets.EMPTY, "attribute " + type + " appears more than once"));
            return;
        }
        seen[type] = true;
        AttributeCodec<?> codec = BY_TYPE[type];
        if (codec == null) {
            if ((flags & PathAttribute.OPTIONAL) == 0) {
                errors.add(error(type, ErrorAction.SESSION_RESET, UpdateError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, raw,
                        "unrecognized well-known attribute " + type));
            } else {
                attributes.add(new UnknownAttribute(flags, type, valueOf(value)));
            }
            return;
        }
        // RFC 7606 3(c): Optional or Transitive bits that contradict the attribute's definition make it malformed.
        if ((flags & (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE)) != codec.flags()) {
            errors.add(error(type, codec.malformedAction(), UpdateError.ATTRIBUTE_FLAGS_ERROR, raw,
                    codec.name() + " flags 0x" + Integer.toHexString(flags) + " conflict with its definition"));
            return;
        }
        try {
            attributes.add(codec.decoder().decode(value, context));
            if (value.hasRemaining()) {
                errors.add(error(type, codec.malformedAction(), UpdateError.ATTRIBUTE_LENGTH_ERROR, raw,
                        codec.name() + " has " + value.remaining() + " octets past its value"));
                attributes.removeLast();
            }
        } catch (MalformedAttributeException malformed) {
            errors.add(error(type, codec.malformedAction(), malformed.subcode().orElse(codec.malformedSubcode()), raw,
                    codec.name() + ": " + malformed.getMessage()));
        } catch (WireUnderflowException truncated) {
            errors.add(error(type, codec.malformedAction(), UpdateError.ATTRIBUTE_LENGTH_ERROR, raw,
                    codec.name() + " is too short: " + truncated.getMessage()));
        }
    }

    private static Octets valueOf(WireReader value) {
        try {
            return value.rest();
        } catch (WireUnderflowException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static AttributeError error(int type, ErrorAction action, int subcode, Octets data, String reason) {
        return new AttributeError(type, action,
                new NotificationMessage(NotificationMessage.UPDATE_MESSAGE_ERROR, subcode, data), reason);
    }

    /** Writes attributes in list order, each with its defined flags and the shortest length field. */
    public static void encode(List<PathAttribute> attributes, WireWriter out, DecodeContext context) {
        for (PathAttribute attribute : attributes) {
            encode(attribute, out, context);
        }
    }

    public static void encode(PathAttribute attribute, WireWriter out, DecodeContext context) {
        WireWriter value = new WireWriter(64);
        int flags;
        if (attribute instanceof UnknownAttribute unknown) {
            value.octets(unknown.value());
            flags = unknown.flags() & ~PathAttribute.EXTENDED_LENGTH;
        } else {
            AttributeCodec<?> codec = BY_TYPE[attribute.typeCode()];
            encodeValue(codec, attribute, value, context);
            flags = codec.flags();
        }
        int length = value.size();
        if (length > 255) {
            out.u8(flags | PathAttribute.EXTENDED_LENGTH).u8(attribute.typeCode()).u16(length);
        } else {
            out.u8(flags).u8(attribute.typeCode()).u8(length);
        }
        out.bytes(value.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static <A extends PathAttribute> void encodeValue(AttributeCodec<?> codec, A attribute, WireWriter out,
                                                              DecodeContext context) {
        ((AttributeCodec<A>) codec).encoder().encode(attribute, out, context);
    }
}
