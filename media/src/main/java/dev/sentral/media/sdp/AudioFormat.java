package dev.sentral.media.sdp;

import java.util.Locale;

/**
 * One payload format of an audio m-line: {@code a=rtpmap:<pt> <encoding>/<clockRate>}.
 * Static payload types without an rtpmap line get their RFC 3551 names.
 */
public record AudioFormat(int payloadType, String encoding, int clockRate) {
    public static final AudioFormat PCMU = new AudioFormat(0, "PCMU", 8000);
    public static final AudioFormat PCMA = new AudioFormat(8, "PCMA", 8000);
    public static final AudioFormat TELEPHONE_EVENT = new AudioFormat(101, "telephone-event", 8000);

    public AudioFormat {
        encoding = encoding.toUpperCase(Locale.ROOT).equals("TELEPHONE-EVENT") ? "telephone-event" : encoding;
    }

    public boolean isTelephoneEvent() {
        return "telephone-event".equals(encoding) && clockRate == 8000;
    }

    /** G.711 µ-law or A-law at 8 kHz: the codecs Sentral carries. */
    public boolean isG711() {
        return clockRate == 8000 && ("PCMU".equalsIgnoreCase(encoding) || "PCMA".equalsIgnoreCase(encoding));
    }

    static AudioFormat staticType(int pt) {
        return switch (pt) {
            case 0 -> PCMU;
            case 8 -> PCMA;
            case 3 -> new AudioFormat(3, "GSM", 8000);
            case 4 -> new AudioFormat(4, "G723", 8000);
            case 9 -> new AudioFormat(9, "G722", 8000);
            case 18 -> new AudioFormat(18, "G729", 8000);
            default -> new AudioFormat(pt, "unknown", 0);
        };
    }
}
