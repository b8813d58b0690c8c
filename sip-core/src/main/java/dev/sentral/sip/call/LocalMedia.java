package dev.sentral.sip.call;

/**
 * The RTP ports Sentral anchors a call's media on: one facing the caller, one facing the members.
 *
 * @param address     Sentral's media address (goes into SDP)
 * @param callerPort  RTP port the caller sends to
 * @param memberPort  RTP port the member sends to
 */
public record LocalMedia(String address, int callerPort, int memberPort) {
}
