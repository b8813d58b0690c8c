package dev.sentral.server;

import dev.sentral.media.rtp.MediaEngine;
import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.sip.b2bua.B2bua;
import dev.sentral.sip.b2bua.SipStats;
import dev.sentral.sip.call.CallOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Locale;

/**
 * Prometheus metrics for {@code /metrics}: read straight from the B2BUA's and the media engine's own
 * counters when scraped, so the call and packet paths pay nothing for them.
 */
final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Metrics(B2bua b2bua, MediaEngine media, dev.sentral.server.store.Store store) {
        SipStats sip = b2bua.stats();
        Gauge.builder("sentral_store_queued_writes", store, dev.sentral.server.store.Store::queuedWrites)
                .description("writes waiting for the store's writer thread").register(registry);
        FunctionCounter.builder("sentral_store_lost_writes", store, dev.sentral.server.store.Store::lostWrites)
                .description("store writes lost (queue full, database failing)").register(registry);
        Gauge.builder("sentral_registered_contacts", b2bua, B2bua::registeredContacts)
                .description("phones registered with Sentral").register(registry);
        for (RoutingOutcome.Kind kind : RoutingOutcome.Kind.values()) {
            FunctionCounter.builder("sentral_routing_outcomes", b2bua, b -> b.routingOutcomes(kind))
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT))
                    .description("Calls that left their hunt plans: answered, abandoned, overflowed").register(registry);
        }
        Gauge.builder("sentral_calls_active", sip, SipStats::activeCalls)
                .description("Calls ringing or connected").register(registry);
        Gauge.builder("sentral_calls_active_peak", sip, SipStats::peakActiveCalls)
                .description("Most calls in progress at once since start").register(registry);
        FunctionCounter.builder("sentral_calls_started", sip, SipStats::callsStarted)
                .description("INVITEs to a configured number that became calls").register(registry);
        for (CallOutcome.Kind kind : CallOutcome.Kind.values()) {
            FunctionCounter.builder("sentral_calls_ended", sip, s -> s.outcomes(kind))
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT))
                    .description("Calls ended, by outcome").register(registry);
        }
        FunctionCounter.builder("sentral_caller_keys", sip, SipStats::callerKeys)
                .description("Keys callers pressed, each press once").register(registry);
        FunctionCounter.builder("sentral_fsm_unhandled_events", sip, SipStats::unhandledEvents)
                .description("Events a call state machine had no transition for (bugs)").register(registry);
        FunctionCounter.builder("sentral_call_task_failures", sip, SipStats::callTaskFailures)
                .description("Tasks that threw on a call's thread (bugs)").register(registry);
        Gauge.builder("sentral_rtp_endpoints_open", media, MediaEngine::openEndpoints)
                .description("RTP endpoints open (two per call)").register(registry);
        Gauge.builder("sentral_rtp_ports_free", media, MediaEngine::freePorts)
                .description("RTP ports left in the range").register(registry);
        Gauge.builder("sentral_media_streams_playing", media, MediaEngine::playing)
                .description("Prompts and music being played").register(registry);
        FunctionCounter.builder("sentral_rtp_packets_received", media, m -> m.stats().packetsReceived())
                .register(registry);
        FunctionCounter.builder("sentral_rtp_packets_relayed", media, m -> m.stats().packetsRelayed())
                .register(registry);
        FunctionCounter.builder("sentral_rtp_packets_dropped", media, m -> m.stats().packetsDropped())
                .description("Not RTP, or nowhere to send").register(registry);
    }

    String scrape() {
        return registry.scrape();
    }
}
