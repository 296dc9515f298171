package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.TestData;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.BgpMessageCodec;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.KeepaliveMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Malformed BMP input: what loses the stream's framing for good, and what only costs one message.
 */
class BmpErrorTest {

    private static final byte[] INITIATION = HexFormat.of().parseHex("03 0000000e 04 0002 0004 72747231".replace(" ", ""));

    private static BmpStreamDecoder fed(byte[]... chunks) {
        BmpStreamDecoder decoder = new BmpStreamDecoder();
        for (byte[] chunk : chunks) {
            decoder.feed(chunk, 0, chunk.length);
        }
        return decoder;
    }

    @Test
    void initiationDecodes() throws BmpDecodeException {
        InitiationMessage initiation = (InitiationMessage) fed(INITIATION).next().orElseThrow();

        assertThat(initiation.sysName()).contains("rtr1");
    }

    @Test
    void badVersionLosesTheFramingForGood() {
        byte[] version2 = INITIATION.clone();
        version2[0] = 2;
        BmpStreamDecoder decoder = fed(version2, INITIATION);

        BmpDecodeException error = catchThrowableOfType(BmpDecodeException.class, decoder::next);

        assertThat(error.framingLost()).isTrue();
        assertThat(error.streamOffset()).isZero();
        assertThat(catchThrowableOfType(BmpDecodeException.class, decoder::next)).isSameAs(error);
    }

    @Test
    void lengthShorterThanTheCommonHeaderLosesTheFraming() {
        byte[] tooShort = INITIATION.clone();
        tooShort[4] = 5;

        assertThat(catchThrowableOfType(BmpDecodeException.class, fed(tooShort)::next).framingLost()).isTrue();
    }

    @Test
    void truncatedMessageWaitsForTheRest() throws BmpDecodeException {
        BmpStreamDecoder decoder = fed(java.util.Arrays.copyOf(INITIATION, 9));

        assertThat(decoder.next()).isEmpty();
        assertThat(decoder.buffered()).isEqualTo(9);
        decoder.feed(INITIATION, 9, INITIATION.length - 9);
        assertThat(decoder.next()).containsInstanceOf(InitiationMessage.class);
        assertThat(decoder.buffered()).isZero();
    }

    @Test
    void tlvOverrunningItsMessageCostsOnlyThatMessage() throws BmpDecodeException {
        byte[] overrun = INITIATION.clone();
        overrun[9] = 9;
        BmpStreamDecoder decoder = fed(overrun, INITIATION);

        BmpDecodeException error = catchThrowableOfType(BmpDecodeException.class, decoder::next);

        assertThat(error.framingLost()).isFalse();
        assertThat(decoder.next()).containsInstanceOf(InitiationMessage.class);
        assertThat(decoder.streamOffset()).isEqualTo(2L * INITIATION.length);
    }

    @Test
    void unknownMessageTypeCostsOnlyThatMessage() throws BmpDecodeException {
        byte[] type9 = INITIATION.clone();
        type9[5] = 9;
        BmpStreamDecoder decoder = fed(type9, INITIATION);

        assertThat(catchThrowableOfType(BmpDecodeException.class, decoder::next).framingLost()).isFalse();
        assertThat(decoder.next()).containsInstanceOf(InitiationMessage.class);
    }

    @Test
    void routeMonitoringMustCarryAnUpdate() {
        WireWriter message = new WireWriter();
        message.u8(BmpMessage.VERSION).i32(0).u8(RouteMonitoring.TYPE).bytes(new byte[PeerHeader.LENGTH])
                .bytes(BgpMessageCodec.encode(KeepaliveMessage.INSTANCE, DecodeContext.INITIAL));
        byte[] octets = message.toByteArray();
        octets[4] = (byte) octets.length;

        BmpDecodeException error = catchThrowableOfType(BmpDecodeException.class, fed(octets)::next);

        assertThat(error.framingLost()).isFalse();
        assertThat(error).hasMessageContaining("UpdateMessage");
    }

    @Test
    void aCaptureFedOneOctetAtATimeDecodesTheSame() throws BmpDecodeException {
        byte[] stream = TestData.capture("bmp/pmacct/200-BMP-HUAWEI-locrib_instance.pcap").streamsTo(BmpCaptures.BMP_PORT)
                .getFirst().payload();
        List<BmpMessage> whole = drain(fed(stream));
        BmpStreamDecoder trickle = new BmpStreamDecoder();
        List<BmpMessage> pieces = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            trickle.feed(stream, i, 1);
            pieces.addAll(drain(trickle));
        }

        assertThat(whole).hasSize(103);
        assertThat(pieces).isEqualTo(whole);
    }

    private static List<BmpMessage> drain(BmpStreamDecoder decoder) throws BmpDecodeException {
        List<BmpMessage> messages = new ArrayList<>();
        for (Optional<BmpMessage> message = decoder.next(); message.isPresent(); message = decoder.next()) {
            messages.add(message.get());
        }
        return messages;
    }
}
