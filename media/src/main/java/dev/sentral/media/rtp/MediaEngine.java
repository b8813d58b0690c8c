package dev.sentral.media.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sentral.media.MediaUnavailableException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The RTP engine: Netty UDP sockets (native epoll when available, NIO otherwise) on a small group of event
 * loops, with ports from a configured even range. Call control opens one {@link RtpEndpoint} per leg.
 */
public final class MediaEngine implements dev.sentral.media.MediaFactory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);

    private final String address;
    private final PortAllocator ports;
    private final EventLoopGroup group;
    private final Class<? extends DatagramChannel> channelType;
    private final MediaStats stats = new MediaStats();
    private final Set<RtpEndpoint> open = ConcurrentHashMap.newKeySet();
    private final java.util.Map<EventLoop, Pacer> pacers = new ConcurrentHashMap<>();
    private final dev.sentral.media.player.ClipLoader clips = new dev.sentral.media.player.ClipLoader();
    private final MediaClock clock = new MediaClock(pacers.values());
    private final ScheduledFuture<?> inactivitySweep;
    private final long rtcpIntervalNanos;
    private volatile boolean realtime;
    public static final Duration DEFAULT_RTCP_INTERVAL = Duration.ofSeconds(5);

    public MediaEngine(String address, int portMin, int portMax, Duration inactivityTimeout, int threads) {
        this(address, portMin, portMax, inactivityTimeout, threads, DEFAULT_RTCP_INTERVAL);
    }

    /** RTCP reports go out about every {@code rtcpInterval} (RFC 3550 §6.2 suggests 5 s). */
    public MediaEngine(String address, int portMin, int portMax, Duration inactivityTimeout, int threads,
                       Duration rtcpInterval) {
        this.address = address;
        this.ports = new PortAllocator(portMin, portMax);
        IoHandlerFactory io;
        if (Epoll.isAvailable()) {
            io = EpollIoHandler.newFactory();
            channelType = EpollDatagramChannel.class;
        } else {
            io = NioIoHandler.newFactory();
            channelType = NioDatagramChannel.class;
        }
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("rtp", true), io);
        long timeoutNanos = inactivityTimeout.toNanos();
        this.rtcpIntervalNanos = rtcpInterval.toNanos();
        long sweepNanos = Math.min(TimeUnit.SECONDS.toNanos(1), rtcpIntervalNanos / 4);
        inactivitySweep = group.next().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (RtpEndpoint e : open) {
                e.checkInactivity(now, timeoutNanos);
                e.rtcpTick(now, rtcpIntervalNanos);
            }
        }, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
        log.info("media engine: {} on {} ports {}..{} ({} event loops)", channelType.getSimpleName(), address,
                portMin, portMax, threads);
    }

    public String address() {
        return address;
    }

    public MediaStats stats() {
        return stats;
    }

    public int openEndpoints() {
        return open.size();
    }

    public int freePorts() {
        return ports.available();
    }

    /** Opens a call's caller-facing and member-facing endpoints on one event loop. */
    @Override
    public dev.sentral.media.CallMedia openCall() throws MediaUnavailableException {
        RtpEndpoint caller = open();
        try {
            return new EngineCallMedia(caller, openNear(caller), clips);
        } catch (MediaUnavailableException e) {
            caller.close();
            throw e;
        }
    }

    /** The engine's shared clip cache: prompts and music decoded once for every call. */
    public dev.sentral.media.player.ClipLoader clips() {
        return clips;
    }

    /** Opens an endpoint on any event loop. */
    public RtpEndpoint open() throws MediaUnavailableException {
        return open(group.next());
    }

    /** Opens an endpoint on the same event loop as {@code near}, so relaying between them stays on one thread. */
    public RtpEndpoint openNear(RtpEndpoint near) throws MediaUnavailableException {
        return open(near.eventLoop());
    }

    private RtpEndpoint open(EventLoop loop) throws MediaUnavailableException {
        // A port of ours may be held by some other process; try a few before giving up.
        for (int attempt = 0; attempt < 16; attempt++) {
            OptionalInt port = ports.acquire();
            if (port.isEmpty()) {
                throw new MediaUnavailableException("RTP port range exhausted (" + ports.capacity() + " ports in use)");
            }
            RtpEndpoint endpoint = new RtpEndpoint(this, port.getAsInt());
            Bootstrap b = new Bootstrap().group(loop).channel(channelType)
                    .option(ChannelOption.SO_RCVBUF, 64 * 1024)
                    .handler(endpoint.new Handler());
            ChannelFuture f = b.register().syncUninterruptibly();
            endpoint.attach(f.channel());
            ChannelFuture bound = f.channel().bind(new InetSocketAddress(address, port.getAsInt())).awaitUninterruptibly();
            if (bound.isSuccess()) {
                ChannelFuture rtcp = new Bootstrap().group(loop).channel(channelType)
                        .handler(endpoint.new RtcpHandler())
                        .bind(new InetSocketAddress(address, port.getAsInt() + 1)).awaitUninterruptibly();
                if (rtcp.isSuccess()) {
                    endpoint.attachRtcp(rtcp.channel(), System.nanoTime()
                            + (long) (rtcpIntervalNanos * java.util.concurrent.ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
                    open.add(endpoint);
                    return endpoint;
                }
                rtcp.channel().close();
            }
            f.channel().close();
            log.debug("RTP port {} (or RTCP {}) not bindable", port.getAsInt(), port.getAsInt() + 1);
            ports.release(port.getAsInt());
        }
        throw new MediaUnavailableException("no bindable RTP port after 16 attempts; another process holds the range");
    }

    /**
     * Runs the media threads (the event loops, which pace and relay RTP, and the pacing clock) under Linux's
     * SCHED_FIFO at {@code priority} (1–99): see {@link RealtimeScheduling}. Returns empty when every thread
     * took it, else why one did not; the engine works the same either way, only with less punctual frames.
     */
    public java.util.Optional<String> useRealtimePriority(int priority) {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("real-time priority is 1–99, not " + priority);
        }
        try {
            for (io.netty.util.concurrent.EventExecutor loop : group) {
                String failed = loop.submit(() -> RealtimeScheduling.applyToCurrentThread(priority)).get(10, TimeUnit.SECONDS);
                if (failed != null) {
                    return java.util.Optional.of(failed);
                }
            }
            String failed = clock.useRealtimePriority(priority).get(10, TimeUnit.SECONDS);
            if (failed != null) {
                return java.util.Optional.of(failed);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return java.util.Optional.of("could not reach a media thread: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        }
        realtime = true;
        log.info("media threads run under SCHED_FIFO at priority {}", priority);
        return java.util.Optional.empty();
    }

    /** The event loops (for tests that look at their threads). */
    Iterable<io.netty.util.concurrent.EventExecutor> loops() {
        return group;
    }

    /** Whether the media threads run under real-time scheduling ({@link #useRealtimePriority}). */
    public boolean isRealtime() {
        return realtime;
    }

    Pacer pacerFor(EventLoop loop) {
        return pacers.computeIfAbsent(loop, Pacer::new);
    }

    /** Streams currently playing clips, over all event loops. */
    public int playing() {
        return pacers.values().stream().mapToInt(Pacer::size).sum();
    }

    void released(RtpEndpoint endpoint) {
        if (open.remove(endpoint)) {
            ports.release(endpoint.port());
        }
    }

    @Override
    public void close() {
        clock.stop();
        inactivitySweep.cancel(false);
        for (RtpEndpoint e : open) {
            e.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
