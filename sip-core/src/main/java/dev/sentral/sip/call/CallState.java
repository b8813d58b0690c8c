package dev.sentral.sip.call;

/** The state of a call as a whole (see the diagram in {@link CallFsm}). */
public enum CallState {
    /** Created, INVITE not processed yet. */
    IDLE,
    /** Answered by Sentral, the caller hears the welcome greeting; routing starts when it ends. */
    GREETING,
    /** Answered by Sentral and in the number's call flow: prompts, menus. */
    MENU,
    /** Routing: the call is queued or members' phones are ringing; the caller hears ringing. */
    RINGING,
    /** Caller and member are connected; RTP flows through Sentral. */
    CONNECTED,
    /** Answered by Sentral itself to play the overflow message; hangs up when it ends. */
    ANNOUNCING,
    /** Over: both legs are ended or ending. Late events of legs are absorbed here. */
    ENDED
}
