package dev.sentral.sip.call;

import java.util.Optional;

/**
 * How a call ended: exactly one per call, emitted when it ends.
 *
 * @param kind     what happened
 * @param member   name of the member who answered, when one did
 * @param status   the final SIP status sent to the caller when the call was not answered (0 otherwise)
 */
public record CallOutcome(Kind kind, Optional<String> member, int status) {
    public enum Kind {
        /** A member answered; the call has now ended normally. */
        ANSWERED,
        /** The caller hung up before anybody answered. */
        ABANDONED,
        /** The plan could not take it: the caller heard the standard message (or the voicemail stub). */
        OVERFLOWED,
        /** Refused at once (unknown number, unusable SDP, no media ports, shutting down). */
        REJECTED
    }

    public static CallOutcome answered(String member) {
        return new CallOutcome(Kind.ANSWERED, Optional.of(member), 0);
    }

    public static CallOutcome of(Kind kind, int status) {
        return new CallOutcome(kind, Optional.empty(), status);
    }
}
