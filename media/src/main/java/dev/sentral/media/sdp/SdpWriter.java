package dev.sentral.media.sdp;

import java.util.List;

/** Writes the SDP bodies Sentral sends: one audio stream anchored on a Sentral RTP port. */
public final class SdpWriter {
    private SdpWriter() {
    }

    /**
     * @param sessionId  o= session id, stable for one leg
     * @param version    o= version, incremented each time this leg's description changes
     * @param address    Sentral's media address
     * @param port       the leg's RTP port
     * @param formats    payload formats to list, in preference order
     * @param direction  media direction
     * @param rejected   other m-lines of an offer being answered, each written back with port 0
     */
    public static String write(long sessionId, long version, String address, int port, List<AudioFormat> formats,
                               Direction direction, List<String> rejected) {
        String ipVersion = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder sb = new StringBuilder(256);
        sb.append("v=0\r\n");
        sb.append("o=sentral ").append(sessionId).append(' ').append(version).append(" IN ").append(ipVersion)
                .append(' ').append(address).append("\r\n");
        sb.append("s=Sentral\r\n");
        sb.append("c=IN ").append(ipVersion).append(' ').append(address).append("\r\n");
        sb.append("t=0 0\r\n");
        sb.append("m=audio ").append(port).append(" RTP/AVP");
        for (AudioFormat f : formats) {
            sb.append(' ').append(f.payloadType());
        }
        sb.append("\r\n");
        for (AudioFormat f : formats) {
            sb.append("a=rtpmap:").append(f.payloadType()).append(' ').append(f.encoding()).append('/')
                    .append(f.clockRate()).append("\r\n");
            if (f.isTelephoneEvent()) {
                sb.append("a=fmtp:").append(f.payloadType()).append(" 0-16\r\n");
            }
        }
        sb.append("a=ptime:20\r\n");
        sb.append("a=").append(direction.attribute()).append("\r\n");
        for (String other : rejected) {
            String[] f = other.split(" ");
            sb.append("m=").append(f[0]).append(" 0 ").append(f[1]).append(' ').append(f[2]).append("\r\n");
        }
        return sb.toString();
    }
}
