package dev.sentral.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sentral.config.StoreSettings;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sentral's durable state over JDBC: an embedded H2 file by default, PostgreSQL by URL, one schema for both
 * (Flyway migrations under {@code db/migration}), connections pooled by HikariCP.
 *
 * <p>Reads happen at start. Writes go through one {@link StoreWriter} thread, so no SIP, routing or call
 * thread ever waits for the database; {@link #close()} writes everything still queued.
 */
public final class Store implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Store.class);

    /** One member's stored presence in one plan. */
    public record Presence(String planId, String memberKey, boolean active, Instant changedAt, String changedBy) {
    }

    /** One stored registration (a user's contact). */
    public record Registration(String user, String contact, Instant expires, String callId, long cseq) {
    }

    /** One row of the call-event table. */
    public record CallEvent(Instant at, String kind, Optional<String> planId, Optional<String> caller,
                            Optional<String> member, Optional<Duration> waited, Optional<String> detail) {
    }

    private final HikariDataSource pool;
    private final StoreWriter writer;
    private final StoreSettings settings;

    private Store(StoreSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        this.writer = new StoreWriter(pool);
    }

    /** Connects, brings the schema up to date and starts the writer. Fails with a message naming the URL. */
    public static Store open(StoreSettings settings) throws StoreException {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(settings.url());
        hc.setUsername(settings.user());
        hc.setPassword(settings.password());
        hc.setMaximumPoolSize(settings.poolSize());
        hc.setPoolName("sentral-store");
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(5_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store " + settings.url() + ": " + rootMessage(e)
                    + (settings.isPostgres() ? " (is PostgreSQL running, and are store.user/store.password right?)"
                    : " (is another Sentral using the same data/ folder?)"), e);
        }
        try {
            var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            log.info("store {} ready (schema version {}, {} migration(s) applied now)", settings.url(),
                    result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot bring the store's schema up to date at " + settings.url() + ": "
                    + rootMessage(e), e);
        }
        return new Store(settings, pool);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    public StoreSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ presence

    public List<Presence> presence() throws StoreException {
        return query("SELECT plan_id, member_key, active, changed_at, changed_by FROM member_presence ORDER BY plan_id, member_key",
                ps -> {
                }, rs -> new Presence(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)));
    }

    /** Queues the write of one member's presence in one plan. */
    public void savePresence(String planId, String memberKey, boolean active, Instant at, String by) {
        writer.submit(c -> upsert(c,
                "UPDATE member_presence SET active = ?, changed_at = ?, changed_by = ? WHERE plan_id = ? AND member_key = ?",
                "INSERT INTO member_presence (active, changed_at, changed_by, plan_id, member_key) VALUES (?, ?, ?, ?, ?)",
                active, Timestamp.from(at), by, planId, memberKey), true);
    }

    // ------------------------------------------------------------------ registrations

    /** Registrations that have not expired at {@code now}; expired rows are deleted. */
    public List<Registration> registrations(Instant now) throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement del = c.prepareStatement("DELETE FROM registration WHERE expires_at <= ?")) {
            del.setTimestamp(1, Timestamp.from(now));
            del.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot read registrations: " + e.getMessage(), e);
        }
        return query("SELECT user_name, contact, expires_at, call_id, cseq FROM registration ORDER BY user_name, expires_at",
                ps -> {
                }, rs -> new Registration(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getLong(5)));
    }

    public void saveRegistration(Registration r) {
        writer.submit(c -> upsert(c,
                "UPDATE registration SET expires_at = ?, call_id = ?, cseq = ? WHERE user_name = ? AND contact = ?",
                "INSERT INTO registration (expires_at, call_id, cseq, user_name, contact) VALUES (?, ?, ?, ?, ?)",
                Timestamp.from(r.expires()), r.callId(), r.cseq(), r.user(), r.contact()), true);
    }

    public void deleteRegistration(String user, String contact) {
        writer.submit(c -> update(c, "DELETE FROM registration WHERE user_name = ? AND contact = ?", user, contact), true);
    }

    public void deleteRegistrations(String user) {
        writer.submit(c -> update(c, "DELETE FROM registration WHERE user_name = ?", user), true);
    }

    // ------------------------------------------------------------------ call events

    /** Queues one call event; under overload call events are the only thing dropped (counted and logged). */
    public void recordCallEvent(CallEvent e) {
        writer.submit(c -> update(c,
                "INSERT INTO call_event (occurred_at, kind, plan_id, caller, member, wait_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(e.at()), e.kind(), e.planId().orElse(null), e.caller().orElse(null),
                e.member().orElse(null), e.waited().map(Duration::toMillis).orElse(null), e.detail().orElse(null)), false);
    }

    /** The most recent call events, newest first. */
    public List<CallEvent> callEvents(int limit) throws StoreException {
        return query("SELECT occurred_at, kind, plan_id, caller, member, wait_ms, detail FROM call_event ORDER BY id DESC",
                ps -> ps.setMaxRows(limit),
                rs -> new CallEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                        Optional.ofNullable((Long) rs.getObject(6, Long.class)).map(Duration::ofMillis),
                        Optional.ofNullable(rs.getString(7))));
    }

    /** Blocks until every write queued so far is in the database (tests, shutdown). */
    public void flush() {
        writer.flush();
    }

    /** Writes waiting for the writer thread now. */
    public int queuedWrites() {
        return writer.queued();
    }

    /** Writes that could not be queued or failed in the database. */
    public long lostWrites() {
        return writer.lost();
    }

    @Override
    public void close() {
        writer.close();
        pool.close();
    }

    // ------------------------------------------------------------------ JDBC helpers

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) throws StoreException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("store query failed: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** UPDATE, and INSERT when no row was there: portable between H2 and PostgreSQL (one writer, so no race). */
    private static void upsert(Connection c, String updateSql, String insertSql, Object... args) throws SQLException {
        if (update(c, updateSql, args) == 0) {
            update(c, insertSql, args);
        }
    }
}
