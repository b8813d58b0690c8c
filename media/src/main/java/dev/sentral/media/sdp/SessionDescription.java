package dev.sentral.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an SDP body (RFC 4566) that a voice B2BUA needs: where the far end wants audio sent, which
 * payload formats it offers or accepted, and the media direction. Only the first audio m-line is used;
 * other media lines are remembered so an answer can reject them with port 0 (RFC 3264 §6).
 *
 * @param address       connection address for the audio stream (media-level c= wins over session-level)
 * @param port          audio port; 0 means the stream is rejected or disabled
 * @param formats       payload formats in the order of the m-line
 * @param direction     media direction (sendrecv when absent)
 * @param otherMedia    m-lines other than the first audio one, as "type proto fmt" for rejecting them
 * @param ptime         packetization time in ms, when given
 */
public record SessionDescription(String address, int port, List<AudioFormat> formats, Direction direction,
                                 List<String> otherMedia, Optional<Integer> ptime) {

    public SessionDescription {
        formats = List.copyOf(formats);
        otherMedia = List.copyOf(otherMedia);
    }

    /** True for the old-style hold of RFC 2543 (c=0.0.0.0) or a hold direction. */
    public boolean isHold() {
        return "0.0.0.0".equals(address) || direction.isHold();
    }

    /** The G.711 formats and telephone-event in this description, in its order (the peer's preference). */
    public List<AudioFormat> supportedFormats() {
        return formats.stream().filter(f -> f.isG711() || f.isTelephoneEvent()).toList();
    }

    /** True when at least one voice codec Sentral can carry is present. */
    public boolean hasSupportedCodec() {
        return formats.stream().anyMatch(AudioFormat::isG711);
    }

    public static SessionDescription parse(String body) throws SdpException {
        if (body == null || body.isBlank()) {
            throw new SdpException("empty SDP body");
        }
        String sessionAddress = null;
        String mediaAddress = null;
        int port = -1;
        List<Integer> payloadTypes = new ArrayList<>();
        Map<Integer, AudioFormat> rtpmaps = new LinkedHashMap<>();
        Direction sessionDirection = Direction.SENDRECV;
        Direction mediaDirection = null;
        Integer ptime = null;
        List<String> others = new ArrayList<>();
        // Where we are: 0 = session level, 1 = inside the chosen audio m-line, 2 = inside another m-line
        int level = 0;
        String[] lines = body.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.length() < 2 || line.charAt(1) != '=') {
                if (!line.isEmpty()) {
                    throw new SdpException("line " + (i + 1) + ": not of the form x=value: '" + line + "'");
                }
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'c' -> {
                    String addr = connectionAddress(value, i + 1);
                    if (level == 0) {
                        sessionAddress = addr;
                    } else if (level == 1) {
                        mediaAddress = addr;
                    }
                }
                case 'm' -> {
                    String[] f = value.split(" +");
                    if (f.length < 4) {
                        throw new SdpException("line " + (i + 1) + ": m-line needs media, port, proto and formats: '" + line + "'");
                    }
                    if (port < 0 && "audio".equals(f[0]) && f[2].startsWith("RTP/AVP")) {
                        level = 1;
                        port = parseInt(f[1].split("/")[0], "port", i + 1);
                        for (int k = 3; k < f.length; k++) {
                            payloadTypes.add(parseInt(f[k], "payload type", i + 1));
                        }
                    } else {
                        level = 2;
                        others.add(f[0] + " " + f[2] + " " + f[3]);
                    }
                }
                case 'a' -> {
                    if (level == 2) {
                        continue;
                    }
                    Optional<Direction> d = Direction.parse(value);
                    if (d.isPresent()) {
                        if (level == 0) {
                            sessionDirection = d.get();
                        } else {
                            mediaDirection = d.get();
                        }
                    } else if (level == 1 && value.startsWith("rtpmap:")) {
                        AudioFormat af = rtpmap(value, i + 1);
                        rtpmaps.put(af.payloadType(), af);
                    } else if (level == 1 && value.startsWith("ptime:")) {
                        ptime = parseInt(value.substring(6).trim(), "ptime", i + 1);
                    }
                }
                default -> {
                    // v=, o=, s=, t=, b= ... carry nothing a B2BUA needs
                }
            }
        }
        if (port < 0) {
            throw new SdpException("no audio m-line (m=audio <port> RTP/AVP ...)");
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (address == null) {
            throw new SdpException("no connection address (c=IN IP4 ...) for the audio stream");
        }
        List<AudioFormat> formats = new ArrayList<>(payloadTypes.size());
        for (int pt : payloadTypes) {
            formats.add(rtpmaps.getOrDefault(pt, AudioFormat.staticType(pt)));
        }
        return new SessionDescription(address, port, formats,
                mediaDirection != null ? mediaDirection : sessionDirection, others, Optional.ofNullable(ptime));
    }

    private static String connectionAddress(String value, int line) throws SdpException {
        String[] f = value.split(" +");
        if (f.length < 3 || !"IN".equals(f[0]) || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            throw new SdpException("line " + line + ": c-line must be 'IN IP4 <address>': 'c=" + value + "'");
        }
        String addr = f[2];
        int slash = addr.indexOf('/');
        return slash > 0 ? addr.substring(0, slash) : addr;
    }

    private static AudioFormat rtpmap(String value, int line) throws SdpException {
        // rtpmap:<pt> <encoding>/<rate>[/<channels>]
        String rest = value.substring("rtpmap:".length());
        int sp = rest.indexOf(' ');
        if (sp < 0) {
            throw new SdpException("line " + line + ": rtpmap needs '<pt> <encoding>/<rate>': 'a=" + value + "'");
        }
        int pt = parseInt(rest.substring(0, sp), "payload type", line);
        String[] enc = rest.substring(sp + 1).trim().split("/");
        int rate = enc.length > 1 ? parseInt(enc[1], "clock rate", line) : 0;
        return new AudioFormat(pt, enc[0], rate);
    }

    private static int parseInt(String s, String what, int line) throws SdpException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new SdpException("line " + line + ": " + what + " '" + s + "' is not a number");
        }
    }
}
