package dev.sentral.media.sdp;

import java.util.Optional;

/** SDP media direction attribute (RFC 4566 §6, RFC 3264 §6.1). */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction an answerer uses for an offer with this direction (RFC 3264 §6.1). */
    public Direction answer() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case INACTIVE -> INACTIVE;
            case SENDRECV -> SENDRECV;
        };
    }

    /** True when the party that sent this direction has put the other side on hold. */
    public boolean isHold() {
        return this == SENDONLY || this == INACTIVE;
    }

    static Optional<Direction> parse(String attribute) {
        for (Direction d : values()) {
            if (d.attribute().equals(attribute)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
