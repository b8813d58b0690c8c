package dev.sentral.media;

/** No RTP port could be bound: the range is exhausted or every candidate port is taken by another process. */
public final class MediaUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediaUnavailableException(String message) {
        super(message);
    }
}
