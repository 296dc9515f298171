package io.smoketrace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.smoketrace.common.serde.Json;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The alert receivers: a real HTTP webhook endpoint (JDK HttpServer) and a real SMTP server (GreenMail). */
final class Receivers implements AutoCloseable {

    /** A notification as a receiver got it. */
    record Received(Instant at, String channel, String status, List<String> alertIds, String groupKey) {

        /** Whether it announces this alert firing. */
        boolean fires(String alertId) {
            return "FIRING".equals(status) && alertIds.contains(alertId);
        }
    }

    final int webhookPort;
    final int smtpPort;
    private final HttpServer webhook;
    private final GreenMail mail;
    private final List<Received> webhookNotifications = new CopyOnWriteArrayList<>();

    Receivers() throws IOException {
        webhookPort = ServiceProcess.freePort();
        smtpPort = ServiceProcess.freePort();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 0);
        webhook.createContext("/alerts", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode json = Json.mapper().readTree(body);
                List<String> ids = new ArrayList<>();
                json.path("alerts").forEach(alert -> ids.add(alert.path("alertId").asText()));
                webhookNotifications.add(new Received(Instant.now(), "webhook", json.path("status").asText(), ids,
                        json.path("groupKey").asText()));
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        webhook.start();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + webhookPort + "/alerts";
    }

    List<Received> webhook() {
        return List.copyOf(webhookNotifications);
    }

    /**
     * The mails received so far. GreenMail does not keep the arrival time, so each mail is stamped
     * with the time it was first seen here (the caller polls every second).
     */
    List<Received> mail() {
        List<Received> result = new ArrayList<>();
        try {
            for (MimeMessage message : mail.getReceivedMessages()) {
                String subject = message.getSubject();
                String groupKey = message.getHeader("X-SmokeTrace-Group-Key", null);
                String status = subject != null && subject.startsWith("[FIRING") ? "FIRING" : "RESOLVED";
                result.add(new Received(firstSeen(message), "email", status, List.of(), groupKey));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the mails GreenMail received", e);
        }
        return result;
    }

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    private Instant firstSeen(MimeMessage message) throws Exception {
        return seen.computeIfAbsent(message.getMessageID(), id -> Instant.now());
    }

    /** The first email announcing this alert firing since {@code since}: the group key names rule, agent and target. */
    Received mailFiring(String rule, String agent, String target, Instant since) {
        for (Received received : mail()) {
            if ("FIRING".equals(received.status()) && !received.at().isBefore(since) && received.groupKey() != null
                    && received.groupKey().contains("rule=\"" + rule + "\"") && received.groupKey().contains("agentId=\"" + agent + "\"")
                    && received.groupKey().contains("targetId=\"" + target + "\"")) {
                return received;
            }
        }
        return null;
    }

    /** The first webhook notification announcing this alert firing since {@code since}. */
    Received webhookFiring(String alertId, Instant since) {
        for (Received received : webhook()) {
            if (received.fires(alertId) && !received.at().isBefore(since)) {
                return received;
            }
        }
        return null;
    }

    /** Every FIRING notification (webhook or email) since {@code since}. */
    List<Received> firingSince(Instant since) {
        List<Received> result = new ArrayList<>();
        for (Received received : webhook()) {
            if ("FIRING".equals(received.status()) && !received.at().isBefore(since)) {
                result.add(received);
            }
        }
        for (Received received : mail()) {
            if ("FIRING".equals(received.status()) && !received.at().isBefore(since)) {
                result.add(received);
            }
        }
        return result;
    }

    @Override
    public void close() {
        webhook.stop(0);
        mail.stop();
    }
}
