package dev.sentral.config;

import java.util.Objects;

/** Where the HTTP API and web console listen. */
public record HttpSettings(String bindAddress, int port) {
    public HttpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(bindAddress, newPort);
    }
}
