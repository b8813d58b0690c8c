package dev.sentral.server;

import dev.sentral.config.HttpSettings;
import dev.sentral.media.rtp.MediaEngine;
import dev.sentral.sip.b2bua.B2bua;
import dev.sentral.sip.b2bua.SipStats;
import dev.sentral.sip.call.CallOutcome;
import io.javalin.Javalin;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.MemberConfig;
import dev.sentral.routing.hunt.PlanView;
import dev.sentral.routing.hunt.RoutingOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side as far as it exists today: {@code /api/health} for load balancers and process supervisors
 * (200 while serving, 503 while draining), {@code /api/status} with live call and media counters, and
 * {@code /metrics} for Prometheus, {@code /api/plans} with every hunt plan's members and waiting calls, and
 * {@code POST /api/plans/{plan}/presence} to log a member in or out.
 * The switchboard, wallboard and authenticated API come with their own issues; until then bind it to
 * loopback (the default).
 */
final class HttpApi implements AutoCloseable {
    private final Javalin app;

    HttpApi(HttpSettings settings, B2bua b2bua, MediaEngine media, dev.sentral.server.store.Store store) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/api/health", ctx -> {
                boolean serving = !b2bua.isDraining();
                ctx.status(serving ? 200 : 503).json(Map.of("status", serving ? "serving" : "draining"));
            });
            config.routes.get("/api/status", ctx -> ctx.json(status(b2bua, media, store)));
            config.routes.get("/api/plans", ctx -> ctx.json(plans(b2bua)));
            config.routes.post("/api/plans/{plan}/presence", ctx -> setPresence(b2bua, ctx));
            Metrics metrics = new Metrics(b2bua, media, store);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
        app.start(settings.bindAddress(), settings.port());
    }

    int port() {
        return app.port();
    }

    /** Every plan as routing sees it now: members (active, in calls, ringing, idle since) and waiting calls. */
    private static List<Map<String, Object>> plans(B2bua b2bua) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlanView p : b2bua.plans()) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (PlanView.MemberView m : p.members()) {
                Map<String, Object> mv = new LinkedHashMap<>();
                mv.put("name", m.name());
                mv.put("uri", m.uri());
                mv.put("active", m.active());
                mv.put("state", m.calls() > 0 ? "busy" : m.offers() > 0 ? "ringing" : m.heldOff() ? "busy-refused" : "free");
                mv.put("calls", m.calls());
                mv.put("ringing", m.offers());
                mv.put("idleSince", m.idleSince().toString());
                members.add(mv);
            }
            Map<String, Object> pv = new LinkedHashMap<>();
            pv.put("id", p.id());
            // Plans the loader made for a flow's transfer or an outside overflow: shown, read-only.
            pv.put("derived", b2bua.config().huntPlan(p.id()).map(HuntPlanConfig::isDerived).orElse(false));
            pv.put("waiting", p.waitingCalls().size());
            pv.put("queued", p.queued());
            pv.put("members", members);
            out.add(pv);
        }
        return out;
    }

    /**
     * Logs a member in or out of a plan: {@code {"member": "<name or SIP URI>", "active": true|false}}.
     * 204 on success; 404 for an unknown plan or member; 409 for a derived plan; 400 for a malformed body.
     */
    private static void setPresence(B2bua b2bua, io.javalin.http.Context ctx) {
        String planId = ctx.pathParam("plan");
        Optional<HuntPlanConfig> plan = b2bua.config().huntPlan(planId);
        if (plan.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no hunt plan '" + planId + "'"));
            return;
        }
        if (plan.get().isDerived()) {
            ctx.status(409).json(Map.of("error", "'" + planId + "' is derived from the configuration (a flow's transfer or an"
                    + " overflow to an outside number); nobody logs in or out of it"));
            return;
        }
        Map<?, ?> body;
        try {
            body = ctx.bodyAsClass(Map.class);
        } catch (RuntimeException e) {
            ctx.status(400).json(Map.of("error", "the body must be JSON like {\"member\": \"Alice\", \"active\": false}"));
            return;
        }
        if (body == null || !(body.get("member") instanceof String who) || !(body.get("active") instanceof Boolean active)) {
            ctx.status(400).json(Map.of("error", "give \"member\" (a name or SIP URI) and \"active\" (true or false)"));
            return;
        }
        Optional<MemberConfig> member = plan.get().members().stream()
                .filter(m -> m.name().equals(who) || m.uri().equalsIgnoreCase(who)).findFirst();
        if (member.isEmpty()) {
            ctx.status(404).json(Map.of("error", "'" + who + "' is not a member of plan '" + planId + "'"));
            return;
        }
        b2bua.setMemberActive(planId, member.get().uri(), active, "api");
        ctx.status(204);
    }

    private static Map<String, Object> status(B2bua b2bua, MediaEngine media, dev.sentral.server.store.Store store) {
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
        Map<String, Long> routing = new LinkedHashMap<>();
        for (RoutingOutcome.Kind k : RoutingOutcome.Kind.values()) {
            routing.put(k.name().toLowerCase(java.util.Locale.ROOT), b2bua.routingOutcomes(k));
        }
        calls.put("routing", routing);
        Map<String, Object> rtp = new LinkedHashMap<>();
        rtp.put("openEndpoints", media.openEndpoints());
        rtp.put("freePorts", media.freePorts());
        rtp.put("packetsReceived", media.stats().packetsReceived());
        rtp.put("packetsRelayed", media.stats().packetsRelayed());
        rtp.put("packetsDropped", media.stats().packetsDropped());
        rtp.put("realtime", media.isRealtime());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("draining", b2bua.isDraining());
        out.put("calls", calls);
        out.put("rtp", rtp);
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("database", store.settings().isPostgres() ? "postgresql" : "h2");
        db.put("queuedWrites", store.queuedWrites());
        db.put("lostWrites", store.lostWrites());
        out.put("store", db);
        out.put("registeredContacts", b2bua.registeredContacts());
        out.put("unhandledEvents", s.unhandledEvents());
        return out;
    }

    @Override
    public void close() {
        app.stop();
    }
}
