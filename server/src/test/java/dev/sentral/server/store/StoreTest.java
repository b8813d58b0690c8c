package dev.sentral.server.store;

import dev.sentral.config.StoreSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store against real databases: an H2 file always, and PostgreSQL when there is one ({@link TestPostgres}).
 * Each case writes through one store, closes it, and reads through a new one, as a restart does.
 */
class StoreTest {
    @TempDir
    static Path dir;

    static Stream<String> databases() {
        List<String> out = new ArrayList<>(List.of("h2"));
        if (TestPostgres.available()) {
            out.add("postgresql");
        }
        return out.stream();
    }

    private static int counter;

    /** A fresh, empty database of the kind asked for. */
    private static StoreSettings fresh(String kind) throws Exception {
        counter++;
        if (kind.equals("h2")) {
            return new StoreSettings("jdbc:h2:file:" + dir.resolve("store-" + counter), "sa", "", 2);
        }
        return TestPostgres.freshSchema("t" + counter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void presenceSurvivesARestartAndTheLastChangeWins(String kind) throws Exception {
        StoreSettings settings = fresh(kind);
        Instant t = Instant.parse("2026-11-26T08:00:00Z");
        try (Store store = Store.open(settings)) {
            store.savePresence("reception", "sip:alice@127.0.0.1:5071", false, t, "feature-code");
            store.savePresence("reception", "sip:bob@127.0.0.1:5072", false, t, "api");
            store.savePresence("reception", "sip:alice@127.0.0.1:5071", true, t.plusSeconds(60), "api");
        }
        try (Store store = Store.open(settings)) { // a restart: migrations already applied, data kept
            assertThat(store.presence()).containsExactly(
                    new Store.Presence("reception", "sip:alice@127.0.0.1:5071", true, t.plusSeconds(60), "api"),
                    new Store.Presence("reception", "sip:bob@127.0.0.1:5072", false, t, "api"));
            assertThat(store.lostWrites()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void registrationsAreKeptUntilTheyExpire(String kind) throws Exception {
        StoreSettings settings = fresh(kind);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Store store = Store.open(settings)) {
            store.saveRegistration(new Store.Registration("alice", "sip:alice@127.0.0.1:5071", now.plusSeconds(3600), "c1", 1));
            store.saveRegistration(new Store.Registration("alice", "sip:alice@127.0.0.1:5081", now.plusSeconds(3600), "c2", 1));
            store.saveRegistration(new Store.Registration("alice", "sip:alice@127.0.0.1:5081", now.plusSeconds(7200), "c2", 2));
            store.saveRegistration(new Store.Registration("bob", "sip:bob@127.0.0.1:5072", now.minusSeconds(1), "c3", 1));
            store.saveRegistration(new Store.Registration("carol", "sip:carol@127.0.0.1:5073", now.plusSeconds(60), "c4", 1));
            store.deleteRegistrations("carol");
            store.saveRegistration(new Store.Registration("dana", "sip:dana@127.0.0.1:5074", now.plusSeconds(60), "c5", 1));
            store.deleteRegistration("dana", "sip:dana@127.0.0.1:5074");
        }
        try (Store store = Store.open(settings)) {
            assertThat(store.registrations(now)).containsExactly(
                    new Store.Registration("alice", "sip:alice@127.0.0.1:5071", now.plusSeconds(3600), "c1", 1),
                    new Store.Registration("alice", "sip:alice@127.0.0.1:5081", now.plusSeconds(7200), "c2", 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void callEventsAreWrittenInBatchesAndReadNewestFirst(String kind) throws Exception {
        StoreSettings settings = fresh(kind);
        Instant t = Instant.parse("2026-11-26T09:00:00Z");
        try (Store store = Store.open(settings)) {
            for (int i = 0; i < 2_000; i++) {
                store.recordCallEvent(new Store.CallEvent(t.plusMillis(i), i % 2 == 0 ? "answered" : "abandoned",
                        Optional.of("reception"), Optional.of("+4520000" + i), i % 2 == 0 ? Optional.of("alice") : Optional.empty(),
                        Optional.of(Duration.ofMillis(i)), Optional.empty()));
            }
            store.flush();
            List<Store.CallEvent> latest = store.callEvents(2);
            assertThat(latest).extracting(Store.CallEvent::caller).containsExactly(
                    Optional.of("+45200001999"), Optional.of("+45200001998"));
            assertThat(latest.get(1).member()).contains("alice");
            assertThat(latest.get(1).waited()).contains(Duration.ofMillis(1998));
        }
        try (Store store = Store.open(settings)) {
            assertThat(store.callEvents(5_000)).hasSize(2_000);
        }
    }

    @Test
    void anUnreachableDatabaseIsAClearStartupError() {
        StoreSettings nowhere = new StoreSettings("jdbc:postgresql://127.0.0.1:1/sentral", "sentral", "x", 1);
        assertThatThrownBy(() -> Store.open(nowhere)).isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/sentral")
                .hasMessageContaining("is PostgreSQL running");
    }
}
