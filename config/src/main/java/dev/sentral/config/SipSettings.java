package dev.sentral.config;

import java.util.Objects;
import java.util.Set;

/**
 * Where Sentral listens for SIP.
 *
 * @param bindAddress       local address the listening points bind to
 * @param port              SIP port, the same for every transport
 * @param transports        transports to listen on
 * @param advertisedAddress address written into Via/Contact (defaults to {@code bindAddress})
 * @param userAgent         value of the User-Agent and Server headers
 * @param realm             the digest-authentication realm users' HA1 hashes are made for
 * @param trunksOnly        INVITEs to Sentral's numbers are taken unauthenticated only from the trunks'
 *                          addresses; anyone else must authenticate as a user (407). Off by default: anyone
 *                          may call the numbers (everything else always needs a user's credentials)
 */
public record SipSettings(String bindAddress, int port, Set<Transport> transports,
                          String advertisedAddress, String userAgent, String realm,
                          boolean trunksOnly) {
    public SipSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        transports = transports.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(transports));
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(realm, "realm");
    }

    public SipSettings withPort(int newPort) {
        return new SipSettings(bindAddress, newPort, transports, advertisedAddress, userAgent, realm, trunksOnly);
    }
}
