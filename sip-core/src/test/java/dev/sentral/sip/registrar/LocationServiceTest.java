package dev.sentral.sip.registrar;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bindings expire, refresh, ignore stale requests, and tell the store what changed (RFC 3261 §10.3). */
class LocationServiceTest {
    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-26T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final LocationService locations = new LocationService(clock);
    private final List<String> told = new ArrayList<>();

    LocationServiceTest() {
        locations.addListener(new LocationService.Listener() {
            @Override
            public void bound(String user, LocationService.Binding b) {
                told.add("bound " + user + " " + b.contact() + " until " + b.expires());
            }

            @Override
            public void unbound(String user, String contact) {
                told.add("unbound " + user + " " + contact);
            }

            @Override
            public void unboundAll(String user) {
                told.add("unbound all " + user);
            }
        });
    }

    @Test
    void aBindingLastsUntilItExpiresUnlessRefreshed() {
        locations.update("alice", "sip:alice@127.0.0.1:5071", Duration.ofSeconds(60), "c1", 1);
        locations.update("alice", "sip:alice@127.0.0.1:5081", Duration.ofSeconds(120), "c2", 1);
        clock.now = clock.now.plusSeconds(59);
        assertThat(locations.contacts("alice")).containsExactly("sip:alice@127.0.0.1:5071", "sip:alice@127.0.0.1:5081");
        locations.update("alice", "sip:alice@127.0.0.1:5081", Duration.ofSeconds(120), "c2", 2); // re-registration
        clock.now = clock.now.plusSeconds(1);
        assertThat(locations.contacts("alice")).containsExactly("sip:alice@127.0.0.1:5081");
        clock.now = clock.now.plusSeconds(119);
        assertThat(locations.contacts("alice")).isEmpty();
        assertThat(locations.registeredContacts()).isZero();
    }

    @Test
    void anOlderRequestOfTheSameCallIdIsIgnored() {
        locations.update("alice", "sip:alice@127.0.0.1:5071", Duration.ofSeconds(600), "c1", 5);
        locations.update("alice", "sip:alice@127.0.0.1:5071", Duration.ZERO, "c1", 4); // delayed, reordered
        assertThat(locations.contacts("alice")).containsExactly("sip:alice@127.0.0.1:5071");
        locations.update("alice", "sip:alice@127.0.0.1:5071", Duration.ZERO, "c1", 6);
        assertThat(locations.contacts("alice")).isEmpty();
    }

    @Test
    void changesAreToldButRestoredBindingsAreNot() {
        locations.restore("alice", new LocationService.Binding("sip:alice@127.0.0.1:5071", clock.now.plusSeconds(30), "c0", 1));
        locations.restore("alice", new LocationService.Binding("sip:alice@127.0.0.1:5099", clock.now.minusSeconds(1), "c9", 1));
        assertThat(locations.contacts("alice")).containsExactly("sip:alice@127.0.0.1:5071");
        assertThat(told).isEmpty();

        locations.update("bob", "sip:bob@127.0.0.1:5072", Duration.ofSeconds(60), "c1", 1);
        locations.update("bob", "sip:bob@127.0.0.1:5072", Duration.ZERO, "c1", 2);
        locations.update("bob", "sip:bob@127.0.0.1:5072", Duration.ZERO, "c1", 3); // nothing left to remove
        locations.removeAll("alice");
        assertThat(told).containsExactly("bound bob sip:bob@127.0.0.1:5072 until 2026-11-26T08:01:00Z",
                "unbound bob sip:bob@127.0.0.1:5072", "unbound all alice");
        assertThat(locations.contacts("alice")).isEmpty();
    }
}
