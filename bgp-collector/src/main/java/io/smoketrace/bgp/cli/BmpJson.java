package io.smoketrace.bgp.cli;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.BgpMessage;
import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.OptionalParameter;
import io.smoketrace.bgp.codec.bgp.attribute.AsPathSegment;
import io.smoketrace.bgp.codec.bgp.attribute.Communities;
import io.smoketrace.bgp.codec.bgp.attribute.ExtendedCommunities;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttribute;
import io.smoketrace.bgp.codec.bgp.capability.Capability;
import io.smoketrace.bgp.codec.bmp.BmpMessage;
import io.smoketrace.bgp.codec.bmp.InformationTlv;
import io.smoketrace.bgp.codec.bmp.Statistic;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The JSON form of decoded BMP messages: records as objects, each variant of a sealed type tagged with
 * {@code "kind"}, addresses as text, AS numbers unsigned, raw octets as hex.
 */
final class BmpJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    private interface Tagged {
    }

    private final ObjectMapper mapper;

    BmpJson() {
        SimpleModule wire = new SimpleModule("bgp-wire");
        wire.addSerializer(Octets.class, text(Octets::toHex));
        wire.addSerializer(InetAddress.class, text(IpAddresses::format));
        wire.addSerializer(IpPrefix.class, text(IpPrefix::toString));
        wire.addSerializer(Communities.Community.class, text(Communities.Community::toString));
        wire.addSerializer(ExtendedCommunities.ExtendedCommunity.class, text(ExtendedCommunities.ExtendedCommunity::toString));
        wire.addSerializer(AsPathSegment.class, new JsonSerializer<>() {
            @Override
            public void serialize(AsPathSegment segment, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeStartObject();
                json.writeStringField("type", segment.type().name());
                json.writeArrayFieldStart("asNumbers");
                for (int i = 0; i < segment.size(); i++) {
                    json.writeNumber(segment.asNumber(i));
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        });
        wire.addSerializer(InformationTlv.class, new JsonSerializer<>() {
            @Override
            public void serialize(InformationTlv tlv, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeStartObject();
                json.writeNumberField("type", tlv.type());
                json.writeStringField("value", tlv.value().toHex());
                json.writeStringField("text", tlv.text());
                json.writeEndObject();
            }
        });
        for (Class<?> sealed : new Class<?>[] {BmpMessage.class, BgpMessage.class, PathAttribute.class, Capability.class,
                OptionalParameter.class, Statistic.class}) {
            wire.setMixInAnnotation(sealed, Tagged.class);
        }
        mapper = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(wire);
    }

    private static <T> JsonSerializer<T> text(java.util.function.Function<T, String> toText) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(toText.apply(value));
            }
        };
    }

    String message(long offset, BmpMessage message) throws IOException {
        ObjectNode line = mapper.createObjectNode().put("offset", offset);
        line.setAll((ObjectNode) mapper.valueToTree(message));
        return mapper.writeValueAsString(line);
    }

    String error(long offset, String reason) throws IOException {
        return mapper.writeValueAsString(mapper.createObjectNode().put("offset", offset).put("error", reason));
    }
}
