package io.smoketrace.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smoketrace.alerting.client.WebhookClient;
import io.smoketrace.common.alert.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matchers, durations and the webhook signature: the small pieces operators write and receivers verify. */
class DefinitionsTest {

    @Test
    void regularExpressionMatchersAreAnchoredAndAMissingLabelIsEmpty() {
        Map<String, String> labels = Map.of("tags", "web,customer-facing", "site", "fra1");
        assertThat(Matcher.parse("tags=~\"web.*\"").compile().matches(labels)).isTrue();
        assertThat(Matcher.parse("tags=~\"customer\"").compile().matches(labels)).as("anchored").isFalse();
        assertThat(Matcher.parse("site!~\"ams.*\"").compile().matches(labels)).isTrue();
        assertThat(Matcher.parse("team=\"\"").compile().matches(labels)).isTrue();
        assertThat(Matcher.parse("site!=fra1").compile().matches(labels)).isFalse();
        assertThat(new Matcher("tags", "=~", "web((").problem()).startsWith("not a valid regular expression");
        assertThatThrownBy(() -> Matcher.parse("nonsense")).hasMessageContaining("not a matcher");
    }

    @Test
    void durationsAreWrittenAsInAlertmanager() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse(null, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("must be a duration");
    }

    @Test
    void theWebhookSignatureIsHmacSha256OverTimestampDotBody() {
        // openssl: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookClient.sign("s3cret", "1700000000", body))
                .isEqualTo("1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940")
                .isNotEqualTo(WebhookClient.sign("s3cret", "1700000001", body))
                .isNotEqualTo(WebhookClient.sign("other", "1700000000", body));
    }
}
