package dev.sentral.sip.b2bua;

import java.time.Instant;

/**
 * What an answered, waiting caller is played, as it happens: for operations (DEBUG log) and for tests that
 * check the schedule from the outside (greeting, music files with their offsets, position announcements).
 *
 * @param callId   the caller's Call-ID
 * @param url      the file or prompt, for music and greetings
 * @param offsetMs where in the file playing starts or paused, for music
 * @param position the announced position, for announcements
 */
public record WaitingAudio(String callId, Kind kind, String url, long offsetMs, int position, Instant at) {
    public enum Kind { GREETING, MUSIC, MUSIC_PAUSED, ANNOUNCEMENT, ANNOUNCEMENT_ENDED, MUSIC_STOPPED,
        /** A call-flow prompt starts ({@code position} holds its token); stopped by a key (barge-in). */
        PROMPT, PROMPT_STOPPED }
}
