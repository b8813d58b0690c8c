package dev.sentral.sip.call;

import dev.sentral.config.OverflowConfig;
import dev.sentral.routing.hunt.Offer;

/**
 * Everything that can happen to a call. Posted to the call's owner executor; only {@link CallFsm} reacts.
 * B legs are numbered per call ({@code leg} 1, 2, …) so late events of a leg the call has moved past can
 * be told apart from the current one.
 */
public sealed interface CallEvent {

    /** A new INVITE for a configured number, with the caller's SDP offer (null: late offer, RFC 3261 §13.2.1). */
    record CallerInvited(String offerSdp) implements CallEvent {
    }

    /** The caller sent CANCEL (or BYE on the early dialog) before the call was answered. */
    record CallerCancelled() implements CallEvent {
    }

    /**
     * The caller's ACK for a 2xx. Carries the SDP answer when Sentral's 2xx held the offer (the caller's
     * INVITE had no SDP: late offer), else usually null.
     */
    record CallerAcked(String sdp) implements CallEvent {
    }

    /** The caller sent BYE on the confirmed dialog. */
    record CallerHungUp() implements CallEvent {
    }

    /** The caller sent a re-INVITE; {@code sdp} is null for an offerless one. */
    record CallerReinvited(String sdp) implements CallEvent {
    }

    /** A 180 or 183 from a member's phone. */
    record MemberRinging(int leg, int status) implements CallEvent {
    }

    /** A 2xx to the INVITE sent to a member. */
    record MemberAnswered(int leg, String answerSdp) implements CallEvent {
    }

    /** A final non-2xx to the INVITE (486 busy, 603 declined, 408 timed out, …). */
    record MemberFailed(int leg, int status) implements CallEvent {
    }

    /** A 3xx to the INVITE sent to a member, with the first Contact it gave (where the member is now). */
    record MemberRedirected(int leg, String contact) implements CallEvent {
    }

    /** The member sent BYE. */
    record MemberHungUp(int leg) implements CallEvent {
    }

    /** The member sent a re-INVITE; {@code sdp} is null for an offerless one. */
    record MemberReinvited(int leg, String sdp) implements CallEvent {
    }

    /** Routing: ring this member ({@link dev.sentral.routing.hunt.HuntEngine} decided). */
    record MemberOffered(Offer offer) implements CallEvent {
    }

    /** Routing: stop ringing the member of that offer (ring time over, next level, member logged out). */
    record OfferWithdrawn(long offerId) implements CallEvent {
    }

    /** Routing: the call's position in its plan's queue (told on entering it and whenever it changes). */
    record CallQueued(int position, java.util.Optional<java.time.Duration> estimatedWait) implements CallEvent {
        public CallQueued(int position) {
            this(position, java.util.Optional.empty());
        }
    }

    /** Routing: the plan cannot take the call: play the standard message (or voicemail stub) and hang up. */
    record CallOverflowed(OverflowConfig.Destination destination) implements CallEvent {
    }

    /** Time for a waiting, answered caller to hear their queue position. */
    record AnnouncementDue() implements CallEvent {
    }

    /** The position announcement has played to its end (or was stopped, or could not be played). */
    record AnnouncementFinished() implements CallEvent {
    }

    /** The welcome greeting has played to its end (or could not be played). */
    record GreetingFinished() implements CallEvent {
    }

    /** The overflow prompt has played to its end (or could not be played). */
    record PromptFinished() implements CallEvent {
    }

    /** A key from the caller (RFC 4733, SIP INFO or in-band; one event per press). */
    record CallerKey(char key) implements CallEvent {
    }

    /** A call-flow prompt ended (played out, stopped, or could not be played); {@code token} says which. */
    record FlowPromptFinished(int token) implements CallEvent {
    }

    /** No RTP from either side for the configured inactivity time. */
    record MediaInactive() implements CallEvent {
    }

    /** The server is shutting down and this call's drain time is over. */
    record DrainTimeExpired() implements CallEvent {
    }
}
