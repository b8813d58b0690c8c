package dev.sentral.media.dtmf;

/** The 16 DTMF keys with their RFC 4733 event codes (§3.2: 0–9, * = 10, # = 11, A–D = 12–15). */
public enum DtmfDigit {
    D0('0', 941, 1336), D1('1', 697, 1209), D2('2', 697, 1336), D3('3', 697, 1477),
    D4('4', 770, 1209), D5('5', 770, 1336), D6('6', 770, 1477), D7('7', 852, 1209),
    D8('8', 852, 1336), D9('9', 852, 1477), STAR('*', 941, 1209), POUND('#', 941, 1477),
    A('A', 697, 1633), B('B', 770, 1633), C('C', 852, 1633), D('D', 941, 1633);

    private final char symbol;
    private final int lowHz;
    private final int highHz;

    DtmfDigit(char symbol, int lowHz, int highHz) {
        this.symbol = symbol;
        this.lowHz = lowHz;
        this.highHz = highHz;
    }

    public char symbol() {
        return symbol;
    }

    public int lowHz() {
        return lowHz;
    }

    public int highHz() {
        return highHz;
    }

    /** RFC 4733 event code. */
    public int eventCode() {
        return ordinal();
    }

    /** The digit of an RFC 4733 event code, or null for events that are not DTMF keys (16 and above). */
    public static DtmfDigit ofEventCode(int code) {
        return code >= 0 && code < 16 ? values()[code] : null;
    }

    public static DtmfDigit ofSymbol(char c) {
        char upper = Character.toUpperCase(c);
        for (DtmfDigit d : values()) {
            if (d.symbol == upper) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a DTMF key: '" + c + "'");
    }
}
