package dev.sentral.server;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT start a graceful shutdown. Handled as signals rather than a JVM shutdown hook so the
 * drain can take its time and the process exits 0 (a shutdown hook would exit 143).
 */
final class ShutdownSignals {
    private ShutdownSignals() {
    }

    static void onTerminate(Runnable shutdown) {
        AtomicBoolean started = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), sig -> {
                if (started.compareAndSet(false, true)) {
                    Thread t = new Thread(shutdown, "shutdown");
                    t.start();
                }
            });
        }
    }
}
