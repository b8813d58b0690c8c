package dev.sentral.server.store;

/** The store cannot be opened or read; the message says which database and what to check. */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
