package dev.sentral.routing.hunt;

/** How an offer that did not connect ended, as the call reports it. */
public enum OfferResult {
    /** 486 Busy Here or 600 Busy Everywhere: the member is not offered calls for a while. */
    BUSY,
    /** 603 Decline: this member does not want this call; other calls may still ring them. */
    DECLINED,
    /** Unreachable, an error response, or a phone that answered with unusable media. */
    FAILED,
    /** The call stopped ringing the member: the engine withdrew the offer, another member answered, or the caller left. */
    CANCELLED
}
