package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.routing.hunt.OfferResult;

import java.time.Duration;

import java.util.Optional;

/**
 * The side effects of {@link CallFsm}: SIP signalling, media and timers. The production implementation
 * speaks JAIN-SIP and drives the media engine; tests use a recording fake. Every method is called on the
 * call's owner thread and must not block.
 */
public interface CallContext {

    // --- caller (A leg) ---
    void ringCaller();

    void rejectCaller(int status, String reason);

    void answerCaller(String sdp);

    void answerCallerReinvite(String sdp);

    void rejectCallerReinvite(int status, String reason);

    void reinviteCaller(String sdp);

    void byeCaller();

    // --- members (B legs) ---
    /**
     * Where a member's phones are now: their URI, or for a registered user every registered contact (empty
     * when they have none: the offer fails at once).
     */
    java.util.List<String> reach(MemberConfig member);

    void inviteMember(int leg, MemberConfig member, String sdp);

    /** CANCEL the leg's INVITE; if no provisional response has arrived yet, as soon as one does. */
    void cancelMember(int leg);

    void ackMember(int leg);

    void byeMember(int leg);

    void answerMemberReinvite(int leg, String sdp);

    void rejectMemberReinvite(int leg, int status, String reason);

    void reinviteMember(int leg, String sdp);

    // --- media ---
    /** Opens the call's two RTP endpoints; empty when no port is free. */
    Optional<LocalMedia> openMedia();

    /**
     * Starts relaying between caller and member at the given far-end addresses, and watches for silence.
     * {@code callerHost} is null when the caller's address is not known yet (late offer: it comes with the ACK).
     */
    void connectMedia(String callerHost, int callerPort, String memberHost, int memberPort);

    /** Listens for the caller's RFC 4733 keys (payload type as agreed) from now on. */
    void listenForCallerKeys(int telephoneEventPt);

    /**
     * Reports the caller's keys as {@link CallEvent.CallerKey}: RFC 4733 with {@code telephoneEventPt} (-1:
     * none agreed), SIP INFO, and in-band tones in the G.711 stream {@code audioPt}.
     */
    void listenForMenuKeys(int telephoneEventPt, int audioPt);

    /** The menu is over: stop listening to the caller's keys (in-band detection costs a decode per packet). */
    void stopMenuKeys();

    void updateCallerMedia(String host, int port);

    /**
     * Sentral answered the caller itself: a caller who sends no RTP for the inactivity timeout is gone
     * (network lost, no BYE), and {@link CallEvent.MediaInactive} follows.
     */
    void watchCallerMedia();

    void updateMemberMedia(String host, int port);

    void closeMedia();

    /**
     * Plays the overflow prompt to the caller (whose media address is set); {@link CallEvent.PromptFinished}
     * follows when it ends or cannot be played.
     */
    void playOverflowPrompt(OverflowConfig.Destination destination, int payloadType);

    /** Plays the number's welcome greeting to the caller; {@link CallEvent.GreetingFinished} follows. */
    void playGreeting(int payloadType);

    /** Hold music for an answered caller who waits: the plan's list, in random order, each file whole, until stopped. */
    void startMusic(int payloadType);

    void stopMusic();

    /** Pauses the hold music, remembering the file and the offset. */
    void pauseMusic();

    /** Resumes the paused hold music at the same file and offset. */
    void resumeMusic();

    /**
     * "You are number N in the queue" to the caller, and the estimated wait when the plan says so and one is
     * known; {@link CallEvent.AnnouncementFinished} follows.
     */
    void announcePosition(int position, java.util.Optional<Duration> estimatedWait, int payloadType);

    /** Stops an announcement at once (a member answered); its AnnouncementFinished still follows. */
    void stopAnnouncement();

    /** {@link CallEvent.AnnouncementDue} after {@code delay}, replacing one already scheduled. */
    void scheduleAnnouncement(Duration delay);

    void cancelAnnouncement();

    // --- call flows ---

    /** A walk through the number's call flow whose decisions go to {@code actions}, on this call's thread. */
    dev.sentral.routing.flow.FlowSession newFlowSession(dev.sentral.routing.flow.FlowSession.Actions actions);

    /** Plays a flow prompt to the caller; {@link CallEvent.FlowPromptFinished} with {@code token} follows. */
    void playFlowPrompt(dev.sentral.routing.flow.FlowSession.Prompt prompt, int token, int payloadType);

    /** Stops the flow prompt at once (barge-in). */
    void stopFlowPrompt();

    /** Plays a prompt, then {@link CallEvent.PromptFinished} (a feature code's confirmation). */
    void playNotice(dev.sentral.routing.flow.FlowSession.Prompt prompt, int payloadType);

    /**
     * The call leaves its flow for a hunt plan ({@code vip}: ahead of ordinary callers); from now on the plan's
     * music, language and announcements apply. With {@code backToFlow}, a caller the plan cannot take comes
     * back to the flow ({@code CallOverflowed} to {@code FLOW}) instead of the plan's own overflow. Returns
     * whether the plan announces queue positions.
     */
    boolean enterPlan(String planId, boolean vip, boolean backToFlow);

    /** System prompts from now on in this language (a flow's voicemail stub). */
    void useLanguage(String language);

    // --- routing (the hunt engine decides who rings; these report back to it) ---
    /** Hands the new call to its hunt plan. */
    void routeCall();

    /** The member of {@code offerId} answered and is connected. */
    void offerAnswered(long offerId);

    /** The offer is over without a connection; reported exactly once per offer that was not answered. */
    void offerEnded(long offerId, OfferResult result);

    /** The caller hung up (or the call was torn down) before anyone answered. */
    void callerLeft();

    /** The answered call is over: the member is free. */
    void callFinished();

    // --- bookkeeping ---
    void callEnded(CallOutcome outcome);

    /** An event the transition table has no entry for: a bug, logged with a stable code and counted. */
    void unhandled(CallState state, CallEvent event);
}
