package dev.sentral.server;

import dev.sentral.config.HttpSettings;
import dev.sentral.media.rtp.MediaEngine;
import dev.sentral.sip.b2bua.B2bua;
import dev.sentral.sip.b2bua.SipStats;
import dev.sentral.sip.call.CallOutcome;
import io.javalin.Javalin;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP side as far as it exists today: {@code /api/health} for load balancers and process supervisors
 * (200 while serving, 503 while draining), {@code /api/status} with live call and media counters, and
 * {@code /metrics} for Prometheus.
 * The switchboard, wallboard and authenticated API come with their own issues; until then bind it to
 * loopback (the default).
 */
final class HttpApi implements AutoCloseable {
    private final Javalin app;

    HttpApi(HttpSettings settings, B2bua b2bua, MediaEngine media) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/api/health", ctx -> {
                boolean serving = !b2bua.isDraining();
                ctx.status(serving ? 200 : 503).json(Map.of("status", serving ? "serving" : "draining"));
            });
            config.routes.get("/api/status", ctx -> ctx.json(status(b2bua, media)));
            Metrics metrics = new Metrics(b2bua.stats(), media);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
        app.start(settings.bindAddress(), settings.port());
    }

    int port() {
        return app.port();
    }

    private static Map<String, Object> status(B2bua b2bua, MediaEngine media) {
        SipStats s = b2bua.stats();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (CallOutcome.Kind k : CallOutcome.Kind.values()) {
            outcomes.put(k.name().toLowerCase(java.util.Locale.ROOT), s.outcomes(k));
        }
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("active", s.activeCalls());
        calls.put("peak", s.peakActiveCalls());
        calls.put("started", s.callsStarted());
        calls.put("outcomes", outcomes);
        calls.put("callerKeys", s.callerKeys());
        Map<String, Object> rtp = new LinkedHashMap<>();
        rtp.put("openEndpoints", media.openEndpoints());
        rtp.put("freePorts", media.freePorts());
        rtp.put("packetsReceived", media.stats().packetsReceived());
        rtp.put("packetsRelayed", media.stats().packetsRelayed());
        rtp.put("packetsDropped", media.stats().packetsDropped());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("draining", b2bua.isDraining());
        out.put("calls", calls);
        out.put("rtp", rtp);
        out.put("unhandledEvents", s.unhandledEvents());
        return out;
    }

    @Override
    public void close() {
        app.stop();
    }
}
