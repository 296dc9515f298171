package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.NotificationMessage.HeaderError;
import io.smoketrace.bgp.codec.bgp.NotificationMessage.OpenError;
import io.smoketrace.bgp.codec.bgp.NotificationMessage.UpdateError;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.Communities;
import io.smoketrace.bgp.codec.bgp.attribute.UnknownAttribute;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.smoketrace.bgp.codec.bgp.WireBuilder.ONE_PREFIX;
import static io.smoketrace.bgp.codec.bgp.WireBuilder.VALID_ATTRIBUTES;
import static io.smoketrace.bgp.codec.bgp.WireBuilder.hex;
import static io.smoketrace.bgp.codec.bgp.WireBuilder.message;
import static io.smoketrace.bgp.codec.bgp.WireBuilder.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One test per malformed case: the NOTIFICATION (RFC 4271 6) a decode error carries, or the RFC 7606
 * action an attribute error calls for.
 */
class BgpMessageErrorTest {

    private static final DecodeContext CONTEXT = DecodeContext.FOUR_OCTET_AS;

    private static BgpDecodeException decodeError(byte[] message, DecodeContext context) {
        return catchThrowableOfType(BgpDecodeException.class, () -> BgpMessageCodec.decode(message, context));
    }

    private static UpdateMessage decodeUpdate(byte[] message) throws BgpDecodeException {
        return (UpdateMessage) BgpMessageCodec.decode(message, CONTEXT);
    }

    private static String onlyError(UpdateMessage update) {
        assertThat(update.pathAttributes().errors()).hasSize(1);
        AttributeError error = update.pathAttributes().errors().getFirst();
        return error.typeCode() + " " + error.action() + " " + error.notification().code() + "/" + error.notification().subcode();
    }

    @Test
    void badMarkerIsConnectionNotSynchronized() {
        byte[] keepalive = message(KeepaliveMessage.TYPE, new byte[0]);
        keepalive[3] = 0;

        BgpDecodeException error = decodeError(keepalive, CONTEXT);

        assertThat(error.code()).isEqualTo(NotificationMessage.MESSAGE_HEADER_ERROR);
        assertThat(error.subcode()).isEqualTo(HeaderError.CONNECTION_NOT_SYNCHRONIZED);
    }

    @Test
    void lengthBelow19IsBadMessageLengthWithTheLengthAsData() {
        byte[] keepalive = message(KeepaliveMessage.TYPE, new byte[0]);
        keepalive[17] = 18;

        BgpDecodeException error = catchThrowableOfType(BgpDecodeException.class,
                () -> BgpMessageCodec.messageLength(keepalive, 0, CONTEXT));

        assertThat(error.subcode()).isEqualTo(HeaderError.BAD_MESSAGE_LENGTH);
        assertThat(error.notification().data()).isEqualTo(Octets.fromHex("0012"));
    }

    @Test
    void lengthAbove4096IsBadMessageLengthUnlessExtendedMessagesWereNegotiated() throws BgpDecodeException {
        StringBuilder prefixes = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            prefixes.append(String.format("20 0a%02x%02x%02x", i >> 8, i & 0xFF, 1));
        }
        byte[] big = update("", VALID_ATTRIBUTES, prefixes.toString());
        assertThat(big.length).isGreaterThan(4096);

        BgpDecodeException error = decodeError(big, CONTEXT);
        UpdateMessage extended = (UpdateMessage) BgpMessageCodec.decode(big, CONTEXT.withExtendedMessage(true));

        assertThat(error.subcode()).isEqualTo(HeaderError.BAD_MESSAGE_LENGTH);
        assertThat(extended.nlri()).hasSize(1200);
    }

    @Test
    void keepaliveWithABodyIsBadMessageLength() {
        assertThat(decodeError(message(KeepaliveMessage.TYPE, new byte[1]), CONTEXT).subcode())
                .isEqualTo(HeaderError.BAD_MESSAGE_LENGTH);
    }

    @Test
    void unknownMessageTypeIsBadMessageTypeWithTheTypeAsData() {
        BgpDecodeException error = decodeError(message(9, new byte[0]), CONTEXT);

        assertThat(error.subcode()).isEqualTo(HeaderError.BAD_MESSAGE_TYPE);
        assertThat(error.notification().data()).isEqualTo(Octets.fromHex("09"));
    }

    @Test
    void openWithVersion3IsUnsupportedVersionNumberNaming4() {
        BgpDecodeException error = decodeError(message(OpenMessage.TYPE, hex("03 fde9 00b4 c0000201 00")), CONTEXT);

        assertThat(error.code()).isEqualTo(NotificationMessage.OPEN_MESSAGE_ERROR);
        assertThat(error.subcode()).isEqualTo(OpenError.UNSUPPORTED_VERSION_NUMBER);
        assertThat(error.notification().data()).isEqualTo(Octets.fromHex("0004"));
    }

    @Test
    void openWithHoldTimeOfTwoSecondsIsUnacceptable() {
        assertThat(decodeError(message(OpenMessage.TYPE, hex("04 fde9 0002 c0000201 00")), CONTEXT).subcode())
                .isEqualTo(OpenError.UNACCEPTABLE_HOLD_TIME);
    }

    @Test
    void openWhoseCapabilityOverrunsItsParameterIsAnOpenMessageError() {
        BgpDecodeException error = decodeError(message(OpenMessage.TYPE, hex("04 fde9 00b4 c0000201 04 02 02 41 04")), CONTEXT);

        assertThat(error.code()).isEqualTo(NotificationMessage.OPEN_MESSAGE_ERROR);
        assertThat(error.subcode()).isEqualTo(OpenError.UNSPECIFIC);
    }

    @Test
    void shortRouteRefreshIsInvalidMessageLength() {
        BgpDecodeException error = decodeError(message(RouteRefreshMessage.TYPE, hex("0001 00")), CONTEXT);

        assertThat(error.code()).isEqualTo(NotificationMessage.ROUTE_REFRESH_MESSAGE_ERROR);
        assertThat(error.subcode()).isEqualTo(NotificationMessage.RouteRefreshError.INVALID_MESSAGE_LENGTH);
    }

    @Test
    void withdrawnRoutesLengthOverrunIsMalformedAttributeList() {
        byte[] message = update("", "", "");
        message[19] = 0;
        message[20] = 9;

        assertThat(decodeError(message, CONTEXT).subcode()).isEqualTo(UpdateError.MALFORMED_ATTRIBUTE_LIST);
    }

    @Test
    void totalAttributeLengthOverrunIsMalformedAttributeList() {
        byte[] message = update("", "40 01 01 00", "");
        message[22] = 5;

        assertThat(decodeError(message, CONTEXT).subcode()).isEqualTo(UpdateError.MALFORMED_ATTRIBUTE_LIST);
    }

    @Test
    void attributeLengthOverrunIsTreatAsWithdraw() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", VALID_ATTRIBUTES + "c0 08 08 fde9 0001", ""));

        assertThat(onlyError(update)).isEqualTo("8 TREAT_AS_WITHDRAW 3/5");
        assertThat(update.pathAttributes().origin()).isPresent();
    }

    @Test
    void attributeHeaderCutShortIsTreatAsWithdraw() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", VALID_ATTRIBUTES + "c0 08", ""));

        assertThat(onlyError(update)).isEqualTo("0 TREAT_AS_WITHDRAW 3/1");
    }

    @Test
    void undefinedOriginValueIsTreatAsWithdrawWithInvalidOrigin() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", "40 01 01 03" + "40 02 06 02 01 0000fde9" + "40 03 04 c0000201", ONE_PREFIX));

        assertThat(onlyError(update)).isEqualTo("1 TREAT_AS_WITHDRAW 3/6");
        assertThat(update.pathAttributes().origin()).isEmpty();
        assertThat(update.nlri()).hasSize(1);
    }

    @Test
    void asPathSegmentOverrunIsTreatAsWithdrawWithMalformedAsPath() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", "40 01 01 00" + "40 02 06 02 02 0000fde9" + "40 03 04 c0000201", ONE_PREFIX));

        assertThat(onlyError(update)).isEqualTo("2 TREAT_AS_WITHDRAW 3/11");
        assertThat(update.pathAttributes().errors().getFirst().notification().data())
                .isEqualTo(Octets.fromHex("400206020200 00fde9".replace(" ", "")));
    }

    @Test
    void unknownAsPathSegmentTypeIsTreatAsWithdraw() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", "40 01 01 00" + "40 02 06 07 01 0000fde9" + "40 03 04 c0000201", ONE_PREFIX));

        assertThat(onlyError(update)).isEqualTo("2 TREAT_AS_WITHDRAW 3/11");
    }

    @Test
    void nextHopOfWrongLengthIsTreatAsWithdraw() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", "40 01 01 00" + "40 02 06 02 01 0000fde9" + "40 03 05 c000020100", ONE_PREFIX));

        assertThat(onlyError(update)).isEqualTo("3 TREAT_AS_WITHDRAW 3/5");
    }

    @Test
    void mpReachWithBadNextHopLengthIsSessionReset() throws BgpDecodeException {
        // IPv6 unicast with a 5-octet next hop: RFC 7606 7.11 says the NLRI cannot be located reliably.
        UpdateMessage update = decodeUpdate(update("", "40 01 01 00" + "40 02 06 02 01 0000fde9"
                + "80 0e 0f 0002 01 05 2001db8000 00 20 20010db8", ""));

        assertThat(onlyError(update)).isEqualTo("14 SESSION_RESET 3/9");
        assertThat(update.errorAction()).contains(ErrorAction.SESSION_RESET);
    }

    @Test
    void repeatedAttributeIsDiscardedKeepingTheFirst() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", VALID_ATTRIBUTES + "c0 08 04 fde90001" + "c0 08 04 fde90002", ONE_PREFIX));

        assertThat(onlyError(update)).isEqualTo("8 ATTRIBUTE_DISCARD 3/1");
        assertThat(update.pathAttributes().communities().map(Communities::toString)).contains("65001:1");
    }

    @Test
    void repeatedMpReachNlriIsSessionReset() throws BgpDecodeException {
        String reach = "80 0e 1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8";
        UpdateMessage update = decodeUpdate(update("", "40 01 01 00" + "40 02 06 02 01 0000fde9" + reach + reach, ""));

        assertThat(onlyError(update)).isEqualTo("14 SESSION_RESET 3/1");
    }

    @Test
    void missingWellKnownAttributesAreTreatAsWithdrawNamingEach() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", "40 01 01 00", ONE_PREFIX));

        assertThat(update.pathAttributes().errors()).extracting(error -> error.typeCode() + " " + error.action() + " "
                        + error.notification().subcode() + " " + error.notification().data())
                .containsExactly("2 TREAT_AS_WITHDRAW 3 02", "3 TREAT_AS_WITHDRAW 3 03");
    }

    @Test
    void withdrawOnlyUpdateNeedsNoAttributes() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update(ONE_PREFIX, "", ""));

        assertThat(update.errorAction()).isEmpty();
        assertThat(update.withdrawnRoutes()).extracting(Object::toString).containsExactly("198.51.100.0/24");
    }

    @Test
    void nlriPrefixLongerThan32IsInvalidNetworkField() {
        BgpDecodeException error = decodeError(update("", VALID_ATTRIBUTES, "21 c0000201 00"), CONTEXT);

        assertThat(error.code()).isEqualTo(NotificationMessage.UPDATE_MESSAGE_ERROR);
        assertThat(error.subcode()).isEqualTo(UpdateError.INVALID_NETWORK_FIELD);
    }

    @Test
    void nlriThatBreaksOffKeepsTheRoutesBeforeItForArchiveReaders() {
        BgpDecodeException error = decodeError(update("", VALID_ATTRIBUTES, ONE_PREFIX + "18 c633"), CONTEXT);

        assertThat(error.subcode()).isEqualTo(UpdateError.INVALID_NETWORK_FIELD);
        assertThat(error.partial()).hasValueSatisfying(partial ->
                assertThat(((UpdateMessage) partial).nlri()).extracting(Object::toString).containsExactly("198.51.100.0/24"));
    }

    @Test
    void mpReachPrefixLongerThan128IsSessionReset() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", "40 01 01 00" + "40 02 06 02 01 0000fde9"
                + "80 0e 16 0002 01 10 20010db8000000000000000000000001 00 81", ""));

        assertThat(onlyError(update)).isEqualTo("14 SESSION_RESET 3/9");
    }

    @Test
    void conflictingFlagsAreAnAttributeFlagsErrorWithTheAttributesOwnAction() throws BgpDecodeException {
        // ORIGIN sent as optional: treat-as-withdraw; ATOMIC_AGGREGATE sent as optional: attribute discard.
        UpdateMessage origin = decodeUpdate(update("", "c0 01 01 00" + "40 02 06 02 01 0000fde9" + "40 03 04 c0000201", ONE_PREFIX));
        UpdateMessage atomic = decodeUpdate(update("", VALID_ATTRIBUTES + "c0 06 00", ONE_PREFIX));

        assertThat(onlyError(origin)).isEqualTo("1 TREAT_AS_WITHDRAW 3/4");
        assertThat(onlyError(atomic)).isEqualTo("6 ATTRIBUTE_DISCARD 3/4");
    }

    @Test
    void atomicAggregateWithAValueIsDiscarded() throws BgpDecodeException {
        assertThat(onlyError(decodeUpdate(update("", VALID_ATTRIBUTES + "40 06 01 00", ONE_PREFIX))))
                .isEqualTo("6 ATTRIBUTE_DISCARD 3/5");
    }

    @Test
    void aggregatorOfTheWrongWidthIsDiscarded() throws BgpDecodeException {
        // A 2-octet AGGREGATOR (6 octets) on a 4-octet session.
        assertThat(onlyError(decodeUpdate(update("", VALID_ATTRIBUTES + "c0 07 06 fde9 c0000201", ONE_PREFIX))))
                .isEqualTo("7 ATTRIBUTE_DISCARD 3/5");
    }

    @Test
    void communitiesNotAMultipleOfFourAreTreatAsWithdraw() throws BgpDecodeException {
        assertThat(onlyError(decodeUpdate(update("", VALID_ATTRIBUTES + "c0 08 05 fde9000100", ONE_PREFIX))))
                .isEqualTo("8 TREAT_AS_WITHDRAW 3/5");
    }

    @Test
    void largeCommunitiesNotAMultipleOfTwelveAreTreatAsWithdraw() throws BgpDecodeException {
        assertThat(onlyError(decodeUpdate(update("", VALID_ATTRIBUTES + "c0 20 08 0000fde9 00000001", ONE_PREFIX))))
                .isEqualTo("32 TREAT_AS_WITHDRAW 3/5");
    }

    @Test
    void malformedAs4PathIsDiscarded() throws BgpDecodeException {
        // RFC 6793 6: an AS4_PATH with a confederation segment.
        assertThat(onlyError(decodeUpdate(update("", VALID_ATTRIBUTES + "c0 11 06 03 01 0000fde9", ONE_PREFIX))))
                .isEqualTo("17 ATTRIBUTE_DISCARD 3/9");
    }

    @Test
    void unrecognizedWellKnownAttributeIsSessionReset() throws BgpDecodeException {
        assertThat(onlyError(decodeUpdate(update("", VALID_ATTRIBUTES + "40 63 01 00", ONE_PREFIX))))
                .isEqualTo("99 SESSION_RESET 3/2");
    }

    @Test
    void unrecognizedOptionalAttributeIsKeptWithItsFlags() throws BgpDecodeException {
        UpdateMessage update = decodeUpdate(update("", VALID_ATTRIBUTES + "e0 63 02 abcd", ONE_PREFIX));

        assertThat(update.errorAction()).isEmpty();
        assertThat(update.pathAttributes().get(UnknownAttribute.class))
                .contains(new UnknownAttribute(0xE0, 99, Octets.fromHex("abcd")));
    }

    @Test
    void twoOctetAsPathWithAs4PathMergesPerRfc6793() throws BgpDecodeException {
        // AS_PATH 65001 23456 23456, AS4_PATH 4200000000 4200000001: the first AS stays, the rest comes from AS4_PATH.
        UpdateMessage update = (UpdateMessage) BgpMessageCodec.decode(update("", "40 01 01 00" + "40 02 08 02 03 fde9 5ba0 5ba0"
                + "40 03 04 c0000201" + "c0 11 0a 02 02 fa56ea00 fa56ea01", ONE_PREFIX), DecodeContext.INITIAL);

        assertThat(update.pathAttributes().asPath().map(AsPath::toString)).contains("65001 4200000000 4200000001");
        assertThat(update.errorAction()).isEmpty();
    }

    @Test
    void addPathIdentifiersOnlyWhereNegotiated() throws BgpDecodeException {
        byte[] message = update("", VALID_ATTRIBUTES, "00000007 " + ONE_PREFIX);

        UpdateMessage withAddPath = (UpdateMessage) BgpMessageCodec.decode(message, CONTEXT.withAddPath(Set.of(AfiSafi.IPV4_UNICAST)));

        assertThat(withAddPath.nlri()).extracting(Object::toString).containsExactly("198.51.100.0/24 path-id 7");
        assertThatThrownBy(() -> BgpMessageCodec.decode(message, CONTEXT)).isInstanceOf(BgpDecodeException.class);
    }

    @Test
    void hostBitsAreKeptAndTheMaskedPrefixIsAvailable() throws BgpDecodeException {
        IpPrefix prefix = decodeUpdate(update("", VALID_ATTRIBUTES, "0d 0b0d")).nlri().getFirst().prefix();

        assertThat(prefix).hasToString("11.13.0.0/13");
        assertThat(prefix.hasHostBits()).isTrue();
        assertThat(prefix.masked()).hasToString("11.8.0.0/13");
        assertThat(prefix.masked().hasHostBits()).isFalse();
    }

    @Test
    void streamDecoderStopsForGoodAfterAHeaderError() {
        BgpStreamDecoder decoder = new BgpStreamDecoder(CONTEXT);
        byte[] bad = message(KeepaliveMessage.TYPE, new byte[0]);
        bad[0] = 0;
        decoder.feed(bad, 0, bad.length);
        byte[] good = message(KeepaliveMessage.TYPE, new byte[0]);
        decoder.feed(good, 0, good.length);

        assertThatThrownBy(decoder::next).isInstanceOf(BgpDecodeException.class);
        // The good KEEPALIVE behind it is never returned: after a marker error nothing can be trusted.
        assertThatThrownBy(decoder::next).isInstanceOf(BgpDecodeException.class);
    }
}
