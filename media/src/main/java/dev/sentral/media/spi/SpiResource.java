package dev.sentral.media.spi;

import org.restcomm.media.spi.listener.Event;
import org.restcomm.media.spi.listener.Listener;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every SPI resource on the engine shares: its id and its listeners. {@code addListener(L)} here
 * implements each SPI interface's typed method ({@code Player.addListener(PlayerListener)}, …).
 */
abstract class SpiResource<L extends Listener<E>, E extends Event<?>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final transient List<L> listeners = new CopyOnWriteArrayList<>();

    SpiResource(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    public void addListener(L listener) {
        listeners.add(listener);
    }

    public void removeListener(L listener) {
        listeners.remove(listener);
    }

    public void clearAllListeners() {
        listeners.clear();
    }

    /** Tells every listener, on the calling thread. */
    void fire(E event) {
        for (L l : listeners) {
            l.process(event);
        }
    }
}
