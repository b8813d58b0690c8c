package dev.sentral.server;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.MemberConfig;
import dev.sentral.config.SentralConfig;
import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.server.store.Store;
import dev.sentral.server.store.StoreException;
import dev.sentral.sip.b2bua.B2bua;
import dev.sentral.sip.registrar.LocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Connects the B2BUA to the store: at start, puts back member presence and registrations; from then on,
 * keeps every log-in/out, registration change and routing outcome (as a call event).
 */
final class StoreBinding {
    private static final Logger log = LoggerFactory.getLogger(StoreBinding.class);

    private final Store store;
    private final B2bua b2bua;
    private final SentralConfig config;

    StoreBinding(Store store, B2bua b2bua, SentralConfig config) {
        this.store = store;
        this.b2bua = b2bua;
        this.config = config;
    }

    void restoreAndListen() throws StoreException {
        int presence = 0;
        for (Store.Presence p : store.presence()) {
            Optional<HuntPlanConfig> plan = config.huntPlan(p.planId());
            boolean known = plan.isPresent() && plan.get().members().stream().map(MemberConfig::key)
                    .anyMatch(k -> k.equals(p.memberKey()));
            if (known) { // a member removed from the configuration since is simply not restored
                b2bua.restoreMemberActive(p.planId(), p.memberKey(), p.active());
                presence++;
            }
        }
        int registrations = 0;
        Instant now = Instant.now();
        for (Store.Registration r : store.registrations(now)) {
            if (config.user(r.user()).isPresent()) {
                b2bua.locations().restore(r.user(), new LocationService.Binding(r.contact(), r.expires(), r.callId(), r.cseq()));
                registrations++;
            }
        }
        log.info("restored from the store: {} member presence setting(s), {} registration(s)", presence, registrations);

        b2bua.addPresenceListener(c -> store.savePresence(c.planId(), c.memberKey(), c.active(), Instant.now(), c.by()));
        b2bua.locations().addListener(new LocationService.Listener() {
            @Override
            public void bound(String user, LocationService.Binding b) {
                store.saveRegistration(new Store.Registration(user, b.contact(), b.expires(), b.callId(), b.cseq()));
            }

            @Override
            public void unbound(String user, String contact) {
                store.deleteRegistration(user, contact);
            }

            @Override
            public void unboundAll(String user) {
                store.deleteRegistrations(user);
            }
        });
        b2bua.addRoutingListener(this::outcome);
    }

    private void outcome(RoutingOutcome o) {
        store.recordCallEvent(new Store.CallEvent(Instant.now(), o.kind().name().toLowerCase(java.util.Locale.ROOT),
                Optional.of(o.plan()), Optional.of(o.caller()).filter(c -> !c.isEmpty()), o.member(),
                Optional.of(o.waited()), o.destination().map(d -> d.configName())));
    }
}
