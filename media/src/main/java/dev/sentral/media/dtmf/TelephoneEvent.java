package dev.sentral.media.dtmf;

/**
 * The payload of one RFC 4733 telephone-event packet (§2.3):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |     event     |E|R| volume    |          duration             |
 * </pre>
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    public static final int PAYLOAD_LENGTH = 4;

    /** Parses the 4-byte payload at {@code offset}; returns null when fewer than 4 bytes are there. */
    public static TelephoneEvent parse(byte[] data, int offset, int length) {
        if (length < PAYLOAD_LENGTH) {
            return null;
        }
        int event = data[offset] & 0xFF;
        int flags = data[offset + 1] & 0xFF;
        int duration = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
        return new TelephoneEvent(event, (flags & 0x80) != 0, flags & 0x3F, duration);
    }

    public void write(byte[] out, int offset) {
        out[offset] = (byte) event;
        out[offset + 1] = (byte) ((end ? 0x80 : 0) | (volume & 0x3F));
        out[offset + 2] = (byte) (duration >> 8);
        out[offset + 3] = (byte) duration;
    }
}
