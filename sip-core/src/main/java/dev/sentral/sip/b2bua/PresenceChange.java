package dev.sentral.sip.b2bua;

/**
 * A member was logged in ({@code active}) or out of a plan.
 *
 * @param memberKey the member's key (its SIP URI, lower case)
 * @param by        who asked: {@code api}, {@code feature-code}, …
 */
public record PresenceChange(String planId, String memberKey, boolean active, String by) {
}
