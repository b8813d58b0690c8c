package dev.sentral.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A user who registers a phone with Sentral (an employee, an operator). Passwords are never stored: only
 * the digest HA1 hashes, {@code H(name:realm:password)}, which {@code ./sentral hash-password} prints.
 *
 * @param name        the user name in the phone's SIP account (the AOR is {@code sip:name@<sip.advertisedAddress>})
 * @param displayName shown to colleagues
 * @param ha1Md5      MD5 HA1, 32 hex digits
 * @param ha1Sha256   SHA-256 HA1 (RFC 8760), 64 hex digits, when the phone supports it
 */
public record UserConfig(String name, String displayName, String ha1Md5, Optional<String> ha1Sha256) {
    public UserConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(ha1Md5, "ha1Md5");
        Objects.requireNonNull(ha1Sha256, "ha1Sha256");
    }
}
