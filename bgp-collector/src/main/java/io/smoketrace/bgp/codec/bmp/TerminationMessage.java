package io.smoketrace.bgp.codec.bmp;

import java.util.List;
import java.util.OptionalInt;

/**
 * Termination: the router is closing the BMP session, and why.
 */
public record TerminationMessage(List<InformationTlv> information) implements BmpMessage {

    public static final int TYPE = 5;

    public static final int ADMINISTRATIVELY_CLOSED = 0;
    public static final int UNSPECIFIED_REASON = 1;
    public static final int OUT_OF_RESOURCES = 2;
    public static final int REDUNDANT_CONNECTION = 3;
    public static final int PERMANENTLY_ADMINISTRATIVELY_CLOSED = 4;

    static final BmpMessageCodec<TerminationMessage> CODEC = new BmpMessageCodec<>(TYPE,
            (body, peers) -> new TerminationMessage(InformationTlv.decodeAll(body)),
            (message, out) -> InformationTlv.encodeAll(message.information, out));

    public TerminationMessage {
        information = List.copyOf(information);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** The reason code from the Reason TLV, when present. */
    public OptionalInt reason() {
        return information.stream().filter(tlv -> tlv.type() == InformationTlv.TERMINATION_REASON)
                .mapToInt(tlv -> tlv.code().orElse(-1)).filter(code -> code >= 0).findFirst();
    }
}
