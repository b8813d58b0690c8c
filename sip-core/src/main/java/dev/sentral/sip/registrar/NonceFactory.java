package dev.sentral.sip.registrar;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Stateless nonces: the issue time and an HMAC of it under a key made at start. A nonce is valid when its
 * HMAC checks out; older than the lifetime it is stale (the phone retries with a fresh one, RFC 7616 §3.3).
 * Nothing is stored per challenge, so a flood of REGISTERs costs no memory.
 */
public final class NonceFactory {
    public enum Check { VALID, STALE, INVALID }

    private final Clock clock;
    private final Duration lifetime;
    private final SecretKeySpec key;

    public NonceFactory(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    public String create() {
        byte[] time = ByteBuffer.allocate(8).putLong(clock.millis()).array();
        byte[] out = Arrays.copyOf(time, 8 + 16);
        System.arraycopy(mac(time), 0, out, 8, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    public Check check(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        if (raw.length != 24) {
            return Check.INVALID;
        }
        byte[] time = Arrays.copyOf(raw, 8);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac(time), 16), Arrays.copyOfRange(raw, 8, 24))) {
            return Check.INVALID;
        }
        long age = clock.millis() - ByteBuffer.wrap(time).getLong();
        return age >= 0 && age <= lifetime.toMillis() ? Check.VALID : Check.STALE;
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
