package dev.sentral.sip.call;

/** The state of one B leg (Sentral → member), driven by {@link CallFsm}. */
public enum LegState {
    /** INVITE sent, no response yet. */
    INVITING,
    /** A provisional response arrived. */
    EARLY,
    /** CANCEL sent or pending (sent once a provisional response arrives, RFC 3261 §9.1). */
    CANCELLING,
    /** The member answered and is connected to the caller. */
    CONNECTED,
    /** Over. */
    ENDED
}
