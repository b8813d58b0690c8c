package dev.sentral.media;

/** How call control gets media for a call. Implemented by the engine; the only entry point sip-core uses. */
public interface MediaFactory {
    /** Opens a call's two legs (one facing the caller, one facing members) on one event loop. */
    CallMedia openCall() throws MediaUnavailableException;
}
