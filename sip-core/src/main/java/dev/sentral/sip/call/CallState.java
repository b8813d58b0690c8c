package dev.sentral.sip.call;

/** The state of a call as a whole (see the diagram in {@link CallFsm}). */
public enum CallState {
    /** Created, INVITE not processed yet. */
    IDLE,
    /** A member's phone is being offered the call; the caller hears ringing. */
    RINGING,
    /** Caller and member are connected; RTP flows through Sentral. */
    CONNECTED,
    /** Over: both legs are ended or ending. Late events of legs are absorbed here. */
    ENDED
}
