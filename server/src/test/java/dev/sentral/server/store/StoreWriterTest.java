package dev.sentral.server.store;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the database cannot be reached, a member's log-out (an essential write) waits and reaches the database
 * once it is back, after the writes queued before it; a call event of that time is lost, and counted.
 */
class StoreWriterTest {
    private volatile boolean down;

    @Test
    void essentialWritesWaitOutAnOutageInOrderAndCallEventsAreCountedLost() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:writer-outage;DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE presence (member VARCHAR(50) PRIMARY KEY, active BOOLEAN)");
            s.execute("CREATE TABLE call_event (caller VARCHAR(50))");
        }
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down) {
                        throw new SQLException("connection refused (test outage)");
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        try (StoreWriter writer = new StoreWriter(flaky)) {
            down = true;
            writer.submit(c -> update(c, "INSERT INTO presence VALUES ('alice', false)"), true);
            writer.submit(c -> update(c, "INSERT INTO call_event VALUES ('+4511111111')"), false);
            writer.submit(c -> update(c, "UPDATE presence SET active = true WHERE member = 'alice'"), true);
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.lost() == 1);
            assertThat(count(h2, "SELECT COUNT(*) FROM presence")).as("nothing written during the outage").isZero();

            down = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> count(h2, "SELECT COUNT(*) FROM presence WHERE active") == 1);
            assertThat(writer.lost()).as("only the call event was lost").isEqualTo(1);
            assertThat(count(h2, "SELECT COUNT(*) FROM call_event")).isZero();
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static int count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
