package dev.sentral.sip.registrar;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DigestTest {
    // RFC 7616 §3.9.1: the "Mufasa" example, for MD5 and SHA-256 with qop=auth
    private static final String USER = "Mufasa";
    private static final String REALM = "http-auth@example.org";
    private static final String PASSWORD = "Circle of Life";
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void md5ResponseMatchesRfc7616() {
        String ha1 = Digest.MD5.ha1(USER, REALM, PASSWORD);
        assertThat(Digest.MD5.expectedResponse(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void sha256ResponseMatchesRfc7616() {
        String ha1 = Digest.SHA_256.ha1(USER, REALM, PASSWORD);
        assertThat(Digest.SHA_256.expectedResponse(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void algorithmNamesFollowTheHeaders() {
        assertThat(Digest.parse(null)).contains(Digest.MD5);
        assertThat(Digest.parse("sha-256")).contains(Digest.SHA_256);
        assertThat(Digest.parse("SHA-512-256")).isEmpty();
    }

    @Test
    void noncesAreValidThenStaleAndForgeriesAreInvalid() {
        MutableClock clock = new MutableClock();
        NonceFactory nonces = new NonceFactory(clock, Duration.ofMinutes(5));
        String nonce = nonces.create();

        assertThat(nonces.check(nonce)).isEqualTo(NonceFactory.Check.VALID);
        clock.now = clock.now.plusSeconds(301);
        assertThat(nonces.check(nonce)).isEqualTo(NonceFactory.Check.STALE);
        String forged = nonce.substring(0, nonce.length() - 2) + (nonce.endsWith("AA") ? "BB" : "AA");
        assertThat(nonces.check(forged)).isEqualTo(NonceFactory.Check.INVALID);
        assertThat(nonces.check("not-a-nonce")).isEqualTo(NonceFactory.Check.INVALID);
        assertThat(new NonceFactory(clock, Duration.ofMinutes(5)).check(nonces.create()))
                .as("another server's key").isEqualTo(NonceFactory.Check.INVALID);
    }

    @Test
    void repeatedFailuresAreRefusedOnceThenIgnoredUntilTheBlockEnds() {
        MutableClock clock = new MutableClock();
        AuthThrottle throttle = new AuthThrottle(clock, 5, Duration.ofSeconds(60), Duration.ofMinutes(5));
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("192.0.2.7")).isFalse();
        }
        assertThat(throttle.check("192.0.2.7")).isEqualTo(AuthThrottle.Verdict.ALLOW);
        assertThat(throttle.failed("192.0.2.7")).as("the fifth failure blocks").isTrue();
        assertThat(throttle.check("192.0.2.7")).isEqualTo(AuthThrottle.Verdict.REFUSE);
        assertThat(throttle.check("192.0.2.7")).isEqualTo(AuthThrottle.Verdict.IGNORE);
        assertThat(throttle.check("192.0.2.8")).as("other sources are not affected").isEqualTo(AuthThrottle.Verdict.ALLOW);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(throttle.check("192.0.2.7")).isEqualTo(AuthThrottle.Verdict.ALLOW);
    }

    @Test
    void failuresSpreadOutOverMoreThanTheWindowDoNotBlock() {
        MutableClock clock = new MutableClock();
        AuthThrottle throttle = new AuthThrottle(clock, 5, Duration.ofSeconds(60), Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.failed("192.0.2.7")).isFalse();
            clock.now = clock.now.plusSeconds(20);
        }
    }

    @Test
    void bindingsExpireAndAnOlderRequestDoesNotUndoANewerOne() {
        MutableClock clock = new MutableClock();
        LocationService locations = new LocationService(clock);
        locations.update("alice", "sip:alice@192.0.2.1:5060", Duration.ofSeconds(60), "c1", 2);
        locations.update("alice", "sip:alice@192.0.2.2:5060", Duration.ofSeconds(3600), "c2", 1);
        locations.update("alice", "sip:alice@192.0.2.1:5060", Duration.ZERO, "c1", 1); // stale retransmission

        assertThat(locations.contacts("alice")).containsExactly("sip:alice@192.0.2.1:5060", "sip:alice@192.0.2.2:5060");
        clock.now = clock.now.plusSeconds(61);
        assertThat(locations.contacts("alice")).containsExactly("sip:alice@192.0.2.2:5060");
        locations.removeAll("alice");
        assertThat(locations.contacts("alice")).isEmpty();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
