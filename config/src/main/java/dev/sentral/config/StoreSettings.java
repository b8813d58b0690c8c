package dev.sentral.config;

import java.util.Objects;

/**
 * Where Sentral keeps what must survive a restart (member presence, registrations, call events).
 *
 * @param url      a JDBC URL: {@code jdbc:h2:file:...} (the embedded default, a file under {@code data/}) or
 *                 {@code jdbc:postgresql://host/db}
 * @param user     database user ({@code sa} for the embedded H2 file)
 * @param password database password (empty for the embedded H2 file)
 * @param poolSize connections the pool may open
 */
public record StoreSettings(String url, String user, String password, int poolSize) {
    public StoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "StoreSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
