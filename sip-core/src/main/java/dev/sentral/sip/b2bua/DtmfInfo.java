package dev.sentral.sip.b2bua;

import dev.sentral.media.dtmf.DtmfDigit;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a key from a SIP INFO body: {@code application/dtmf-relay} ("Signal=5\r\nDuration=160", the Cisco
 * convention most phones follow) or {@code application/dtmf} (just the key, or its RFC 4733 event code).
 * Signals 10 and 11 mean * and # (some gateways send the event code instead of the symbol).
 */
final class DtmfInfo {
    private DtmfInfo() {
    }

    static Optional<DtmfDigit> parse(String contentType, String body) {
        if (contentType == null || body == null) {
            return Optional.empty();
        }
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        String signal = null;
        if (type.startsWith("application/dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                    signal = line.substring(eq + 1).trim();
                }
            }
        } else if (type.startsWith("application/dtmf")) {
            signal = body.trim();
        }
        if (signal == null || signal.isEmpty()) {
            return Optional.empty();
        }
        if (signal.chars().allMatch(Character::isDigit) && signal.length() <= 2) {
            return Optional.ofNullable(DtmfDigit.ofEventCode(Integer.parseInt(signal)));
        }
        if (signal.length() == 1) {
            try {
                return Optional.of(DtmfDigit.ofSymbol(signal.charAt(0)));
            } catch (IllegalArgumentException notAKey) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
