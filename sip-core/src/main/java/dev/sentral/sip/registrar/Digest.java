package dev.sentral.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP digest as SIP uses it (RFC 3261 §22, RFC 7616 for the computation, RFC 8760 for SHA-256), with
 * {@code qop=auth} only. Pure functions; the nonces come from {@link NonceFactory}.
 */
public enum Digest {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String headerName;
    private final String jcaName;

    Digest(String headerName, String jcaName) {
        this.headerName = headerName;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm=} value in headers. */
    public String headerName() {
        return headerName;
    }

    /** The algorithm a header names; a missing algorithm means MD5 (RFC 7616 §3.3). */
    public static Optional<Digest> parse(String algorithm) {
        if (algorithm == null || algorithm.isEmpty()) {
            return Optional.of(MD5);
        }
        String a = algorithm.toUpperCase(Locale.ROOT);
        for (Digest d : values()) {
            if (d.headerName.equals(a)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }

    /** HA1 = H(user:realm:password): what the configuration stores instead of the password. */
    public String ha1(String user, String realm, String password) {
        return hash(user + ":" + realm + ":" + password);
    }

    /** The response a client must send for {@code qop=auth} (RFC 7616 §3.4.1). */
    public String expectedResponse(String ha1, String nonce, String nc, String cnonce, String method, String uri) {
        String ha2 = hash(method + ":" + uri);
        return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }
}
