package dev.sentral.server.store;

import dev.sentral.config.StoreSettings;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server tests run the store against: named by {@code SENTRAL_TEST_POSTGRES_URL} (with
 * {@code _USER} and {@code _PASSWORD}, default {@code sentral}). {@code .ci/run} installs and starts one and
 * sets them; under {@code CI=true} a missing server is an error, never a skipped test.
 */
public final class TestPostgres {
    private static final String URL = System.getenv("SENTRAL_TEST_POSTGRES_URL");
    private static final String USER = System.getenv().getOrDefault("SENTRAL_TEST_POSTGRES_USER", "sentral");
    private static final String PASSWORD = System.getenv().getOrDefault("SENTRAL_TEST_POSTGRES_PASSWORD", "sentral");

    private TestPostgres() {
    }

    /** Whether a server is there to test against; under CI it must be. */
    public static boolean available() {
        boolean set = URL != null && !URL.isBlank();
        if (!set && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must test the store against PostgreSQL: set SENTRAL_TEST_POSTGRES_URL");
        }
        return set;
    }

    /** Store settings on a new, empty schema {@code name} (dropped first if a previous run left it). */
    public static StoreSettings freshSchema(String name) throws SQLException {
        try (var c = DriverManager.getConnection(URL, USER, PASSWORD); var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        }
        return new StoreSettings(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name, USER, PASSWORD, 2);
    }
}
