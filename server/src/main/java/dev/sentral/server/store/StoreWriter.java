package dev.sentral.server.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's one writer thread: callers queue writes and return at once; the thread takes what has queued,
 * up to {@value #BATCH} writes, and commits them in one transaction. A write waits at most as long as the
 * database takes for the batch before it, so a crash loses only writes of the last moment; a clean
 * {@link #close()} writes everything.
 *
 * <p>Queuing never blocks the caller (SIP, routing and call threads queue here). Call events are bounded:
 * with {@value #CAPACITY} writes waiting (the database is down or far too slow) a call event is dropped,
 * counted and logged. Essential writes (presence, registrations) are always queued: they are few, and losing
 * one would be noticed by a user after a restart. While the database cannot be reached they wait and are
 * tried again every {@value #RETRY_MILLIS} ms, in their order (the last change still wins); call events of that
 * time are lost, counted. Only a shutdown during an outage loses essential writes, counted too.
 */
final class StoreWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private static final int CAPACITY = 50_000;
    private static final int BATCH = 500;
    private static final long RETRY_MILLIS = 1_000;

    interface Write {
        void apply(Connection c) throws SQLException;
    }

    private final DataSource pool;
    private final BlockingDeque<Write> queue = new LinkedBlockingDeque<>();
    private final AtomicLong lost = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    /** The last attempt found the database unreachable (logged once per outage). Writer thread only. */
    private boolean outage;
    private static final Write STOP = c -> {
    };

    StoreWriter(DataSource pool) {
        this.pool = pool;
        this.thread = new Thread(this::run, "sentral-store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void submit(Write w, boolean essential) {
        if (closing) {
            lost("the store is closed");
            return;
        }
        if (!essential && queue.size() >= CAPACITY) {
            lost("the write queue is full (" + CAPACITY + ")");
            return;
        }
        queue.add(essential && !(w instanceof FlushMark) ? new Essential(w) : w);
    }

    /** A write that waits out a database outage instead of being lost. */
    private record Essential(Write write) implements Write {
        @Override
        public void apply(Connection c) throws SQLException {
            write.apply(c);
        }
    }

    private void lost(String why) {
        long n = lost.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            log.error("SENTRAL-STORE-001 a store write was lost: {} ({} lost so far)", why, n);
        }
    }

    long lost() {
        return lost.get();
    }

    int queued() {
        return queue.size();
    }

    /**
     * Waits until everything queued before this call has been written, failed, or (the database being
     * unreachable) is waiting to be tried again.
     */
    void flush() {
        FlushMark mark = new FlushMark(new CompletableFuture<>());
        submit(mark, true);
        try {
            mark.done().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("store flush did not finish: {}", e.toString());
        }
    }

    /** Completed once the writes queued before it are committed. */
    private record FlushMark(CompletableFuture<Void> done) implements Write {
        @Override
        public void apply(Connection c) {
        }
    }

    private void run() {
        List<Write> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            boolean stop = batch.remove(STOP);
            writeAndRelease(batch);
            if (stop) {
                queue.drainTo(batch);
                writeAndRelease(batch);
                return;
            }
        }
    }

    private void writeAndRelease(List<Write> batch) {
        write(batch);
        for (Write w : batch) {
            if (w instanceof FlushMark m) {
                m.done().complete(null);
            }
        }
        batch.clear();
    }

    private void write(List<Write> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Write w : batch) {
                    w.apply(c);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                writeOneByOne(c, batch, e);
            }
            if (outage) {
                outage = false;
                log.info("SENTRAL-STORE-002 the database is reachable again; waiting writes are written");
            }
        } catch (SQLException e) {
            unavailable(batch, e);
        }
    }

    /**
     * No connection: essential writes go back to the head of the queue, in order, to be tried again after a
     * pause (not while shutting down); the others are lost.
     */
    private void unavailable(List<Write> batch, SQLException e) {
        List<Write> kept = new ArrayList<>();
        for (Write w : batch) {
            if (w instanceof Essential && !closing) {
                kept.add(w);
            } else if (!(w instanceof FlushMark)) {
                lost("database unavailable: " + e.getMessage());
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        if (!outage) {
            outage = true;
            log.warn("SENTRAL-STORE-002 database unavailable ({}); presence and registration writes wait and are tried"
                    + " again every {} ms", e.getMessage(), RETRY_MILLIS);
        }
        for (int i = kept.size() - 1; i >= 0; i--) {
            queue.addFirst(kept.get(i));
        }
        try {
            Thread.sleep(RETRY_MILLIS); // the writer's own thread: nothing else waits on it
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One bad write must not take its whole batch down: retry each alone, losing only the bad one. */
    private void writeOneByOne(Connection c, List<Write> batch, SQLException first) throws SQLException {
        log.warn("store batch of {} failed ({}); writing one by one", batch.size(), first.getMessage());
        for (Write w : batch) {
            try {
                w.apply(c);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                lost("write failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            queue.put(STOP);
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
