package io.smoketrace.bgp.codec.bmp;

import java.util.List;
import java.util.Optional;

/**
 * Initiation: the first message of a BMP session, describing the monitored router.
 */
public record InitiationMessage(List<InformationTlv> information) implements BmpMessage {

    public static final int TYPE = 4;

    static final BmpMessageCodec<InitiationMessage> CODEC = new BmpMessageCodec<>(TYPE,
            (body, peers) -> new InitiationMessage(InformationTlv.decodeAll(body)),
            (message, out) -> InformationTlv.encodeAll(message.information, out));

    public InitiationMessage {
        information = List.copyOf(information);
    }

    @Override
    public int type() {
        return TYPE;
    }

    public Optional<String> sysName() {
        return text(InformationTlv.SYS_NAME);
    }

    public Optional<String> sysDescr() {
        return text(InformationTlv.SYS_DESCR);
    }

    private Optional<String> text(int type) {
        return information.stream().filter(tlv -> tlv.type() == type).findFirst().map(InformationTlv::text);
    }
}
