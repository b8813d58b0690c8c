package dev.sentral.config;

import java.util.Objects;

/**
 * A SIP trunk: the peer (a carrier's SBC, a PBX) through which Sentral reaches numbers outside the company.
 * Members that are external numbers are rung as {@code sip:<number>@host:port;user=phone} through it.
 *
 * @param id        reference used by members ({@code trunk:})
 * @param host      the peer's address or host name
 * @param port      the peer's SIP port
 * @param transport {@code udp} or {@code tcp}
 * @param allowFrom addresses the peer sends from, besides {@code host}: INVITEs from the trunk's addresses to
 *                  Sentral's numbers need no authentication
 */
public record TrunkConfig(String id, String host, int port, Transport transport, java.util.List<String> allowFrom) {
    public TrunkConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        allowFrom = java.util.List.copyOf(allowFrom);
    }

    public TrunkConfig(String id, String host, int port, Transport transport) {
        this(id, host, port, transport, java.util.List.of());
    }

    /** The SIP URI that reaches {@code number} (normalized) through this trunk. */
    public String uriFor(String number) {
        String uri = "sip:" + number + "@" + host + ":" + port + ";user=phone";
        return transport == Transport.UDP ? uri : uri + ";transport=" + transport.wireName().toLowerCase(java.util.Locale.ROOT);
    }
}
