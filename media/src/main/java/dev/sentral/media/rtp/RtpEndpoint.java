package dev.sentral.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One RTP socket of one call leg, bound to an even port of Sentral's range.
 *
 * <p>The far end's address comes from its SDP ({@link #setRemote}) and is then latched to the source of the
 * first packet that actually arrives (symmetric RTP, for callers behind NAT). When the endpoint is
 * {@link #relayTo relayed} to another endpoint, every valid RTP packet it receives is sent out of the other
 * endpoint's socket to the other far end.
 *
 * <p>Threading: packets are handled on the endpoint's event loop; the setters may be called from any thread
 * (fields are volatile, one writer at a time: the call's owner).
 */
public final class RtpEndpoint {
    /** Told once when no packet has arrived for the configured inactivity time. */
    public interface InactivityListener {
        void mediaInactive(RtpEndpoint endpoint);
    }

    private final MediaEngine engine;
    private final int port;
    private Channel channel; // set once by the engine before the socket is bound
    private Channel rtcpChannel; // the odd port above, bound by the engine right after
    private final ReceptionStats reception = new ReceptionStats(); // event loop only
    private final LongAdder octetsSent = new LongAdder();
    private volatile InetSocketAddress rtcpRemote;
    private volatile boolean rtcpLatched;
    private volatile FarEndReport farEndReport;
    private long lastSrMiddle = -1;    // event loop only
    private long lastSrArrivalNanos;   // event loop only
    private volatile long nextRtcpNanos;
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final OutboundStream outbound = new OutboundStream();
    private volatile InetSocketAddress remote;
    private volatile boolean latched;
    private volatile RtpEndpoint relayTarget;
    private volatile long lastReceivedNanos;
    private volatile InactivityListener inactivityListener;
    private volatile DigitDetection digits;
    private volatile Recording recording;

    /** DTMF detection on what the far end sends; runs on the endpoint's event loop. */
    private static final class DigitDetection {
        final int telephoneEventPt;
        final int audioPt;
        final dev.sentral.media.dtmf.TelephoneEventReceiver events;
        final dev.sentral.media.dtmf.GoertzelDtmfDetector tones;
        final byte[] eventPayload = new byte[4];
        final byte[] audio = new byte[2048];
        final short[] samples = new short[2048];

        DigitDetection(int telephoneEventPt, int audioPt, boolean inBand, dev.sentral.media.dtmf.DigitMerger.Sink sink) {
            this.telephoneEventPt = telephoneEventPt;
            this.audioPt = audioPt;
            this.events = new dev.sentral.media.dtmf.TelephoneEventReceiver((d, ts) ->
                    sink.detected(d, dev.sentral.media.dtmf.DigitMerger.Via.RFC4733, System.nanoTime()));
            this.tones = inBand ? new dev.sentral.media.dtmf.GoertzelDtmfDetector(d ->
                    sink.detected(d, dev.sentral.media.dtmf.DigitMerger.Via.IN_BAND, System.nanoTime())) : null;
        }

        void onPacket(ByteBuf rtp) {
            int base = rtp.readerIndex();
            int pt = rtp.getByte(base + 1) & 0x7F;
            int header = 12 + 4 * (rtp.getByte(base) & 0x0F);
            int length = rtp.readableBytes() - header;
            if (length <= 0) {
                return;
            }
            if (pt == telephoneEventPt && length >= 4) {
                rtp.getBytes(base + header, eventPayload, 0, 4);
                events.onPacket(rtp.getUnsignedInt(base + 4), eventPayload, 0, 4);
            } else if (tones != null && pt == audioPt && length <= audio.length) {
                rtp.getBytes(base + header, audio, 0, length);
                dev.sentral.media.codec.G711.decode(audio, 0, length, samples, pt == 8);
                tones.process(samples, 0, length);
            }
        }
    }

    RtpEndpoint(MediaEngine engine, int port) {
        this.engine = engine;
        this.port = port;
        this.lastReceivedNanos = System.nanoTime();
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    void attachRtcp(Channel ch, long firstReportNanos) {
        this.rtcpChannel = ch;
        this.nextRtcpNanos = firstReportNanos;
    }

    io.netty.channel.EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public int port() {
        return port;
    }

    public String address() {
        return engine.address();
    }

    /** Where the far end's SDP says to send. A latched (actually seen) source address is kept. */
    public void setRemote(String host, int remotePort) {
        if (remotePort == 0 || "0.0.0.0".equals(host)) {
            return; // stream disabled or old-style hold: keep sending to where packets come from
        }
        if (!latched) {
            remote = new InetSocketAddress(host, remotePort);
        }
        if (!rtcpLatched) {
            rtcpRemote = new InetSocketAddress(host, remotePort + 1); // RFC 3550 §11: RTCP on the next port
        }
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /**
     * Detects DTMF keys the far end sends: RFC 4733 events with payload type {@code telephoneEventPt}, and,
     * when {@code inBand}, tones in the G.711 audio of payload type {@code audioPt}. Each way reports a press
     * once to {@code sink}, on this endpoint's event loop (must not block: post to the call's thread and
     * merge there with SIP INFO digits in a {@link dev.sentral.media.dtmf.DigitMerger}). {@code sink} null
     * switches detection off.
     */
    public void detectDigits(int telephoneEventPt, int audioPt, boolean inBand, dev.sentral.media.dtmf.DigitMerger.Sink sink) {
        this.digits = sink == null ? null : new DigitDetection(telephoneEventPt, audioPt, inBand, sink);
    }

    /**
     * Records what the far end sends into a WAV file (see {@link Recording}); replaces any recording in
     * progress. The file is written on {@code io}, which also calls the listener. Any thread.
     */
    public Recording record(Recording.Options options, java.util.concurrent.Executor io, Recording.Listener listener) {
        Recording r = new Recording(options, channel.eventLoop(), io, listener);
        Recording previous = recording;
        if (previous != null) {
            previous.stop();
        }
        recording = r;
        return r;
    }

    /** Relay packets received here out of {@code target}'s socket to its far end; {@code null} stops. */
    public void relayTo(RtpEndpoint target) {
        this.relayTarget = target;
    }

    /**
     * Arms the inactivity check, counted from now: the listener is told once when neither this endpoint nor
     * its relay target has received a packet for the engine's timeout. {@code null} disarms it.
     */
    public void watchInactivity(InactivityListener listener) {
        lastReceivedNanos = System.nanoTime();
        this.inactivityListener = listener;
    }

    /**
     * Plays {@code clips} to the far end (G.711 {@code payloadType} 0 or 8), from {@code start}, paced by the
     * engine's per-loop 20 ms clock. Any thread.
     */
    public Playout play(java.util.List<dev.sentral.media.player.AudioClip> clips, int payloadType, boolean loop,
                        Playout.Position start, Playout.Listener listener) {
        Playout p = new Playout(this, clips, payloadType, loop, start, listener);
        engine.pacerFor(channel.eventLoop()).add(p);
        return p;
    }

    /**
     * Sends a key to the far end as RFC 4733 events of payload type {@code telephoneEventPt}, lasting
     * {@code millis}; {@code done} runs on the event loop when the last packet is out. Any thread.
     */
    public void sendDigit(dev.sentral.media.dtmf.DtmfDigit digit, int telephoneEventPt, int millis, Runnable done) {
        engine.pacerFor(channel.eventLoop()).add(new DigitSender(this, digit, telephoneEventPt, millis, done));
    }

    OutboundStream outbound() {
        return outbound;
    }

    io.netty.buffer.ByteBuf allocate(int bytes) {
        return channel.alloc().directBuffer(bytes);
    }

    /** Sends a packet Sentral generated (header already written) to the far end; dropped when none is known. */
    void sendGenerated(io.netty.buffer.ByteBuf packet) {
        InetSocketAddress to = remote;
        if (to == null || closed.get()) {
            packet.release();
            return;
        }
        octetsSent.add(packet.readableBytes() - 12);
        channel.writeAndFlush(new DatagramPacket(packet, to), channel.voidPromise());
        sent.increment();
    }

    /** Called by the engine's sweep; sends a report when due. Any thread. */
    void rtcpTick(long nowNanos, long intervalNanos) {
        if (nowNanos < nextRtcpNanos || rtcpChannel == null) {
            return;
        }
        // RFC 3550 §6.3.1: randomize between 0.5 and 1.5 intervals so calls do not report in step
        nextRtcpNanos = nowNanos + (long) (intervalNanos * (0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
        channel.eventLoop().execute(this::sendRtcp);
    }

    private void sendRtcp() {
        InetSocketAddress to = rtcpRemote;
        if (to == null || closed.get() || (sent.sum() == 0 && !reception.started())) {
            return;
        }
        long sentPackets = sent.sum();
        long dlsr = 0;
        if (lastSrMiddle >= 0) {
            dlsr = (System.nanoTime() - lastSrArrivalNanos) * 65536 / 1_000_000_000L; // units of 1/65536 s
        }
        ByteBuf out = rtcpChannel.alloc().directBuffer(128);
        Rtcp.writeCompound(out, outbound.ssrc(), sentPackets > 0, Rtcp.ntp(System.currentTimeMillis()),
                outbound.currentTimestamp(), sentPackets, octetsSent.sum(), reception,
                Math.max(0, lastSrMiddle), dlsr, "sentral@" + engine.address());
        rtcpChannel.writeAndFlush(new DatagramPacket(out, to), rtcpChannel.voidPromise());
    }

    private void onRtcp(DatagramPacket packet) {
        Rtcp.Received r = Rtcp.read(packet.content(), outbound.ssrc());
        if (r == null) {
            engine.stats().packetsDropped.increment();
            return;
        }
        // RFC 3550 §6: a participant sends RTCP even when silence suppression stops its RTP, so a valid
        // report shows the far end is still there as much as audio does.
        lastReceivedNanos = System.nanoTime();
        if (!rtcpLatched || !packet.sender().equals(rtcpRemote)) {
            rtcpRemote = packet.sender();
            rtcpLatched = true;
        }
        if (r.srNtpMiddle() >= 0) {
            lastSrMiddle = r.srNtpMiddle();
            lastSrArrivalNanos = System.nanoTime();
        }
        Rtcp.ReportBlock b = r.aboutUs();
        if (b != null) {
            farEndReport = new FarEndReport(b.fractionLost() / 256.0, b.cumulativeLost(), b.jitter() / 8.0);
        }
    }

    final class RtcpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            onRtcp(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            engine.stats().packetsDropped.increment();
        }
    }

    /**
     * What the far end's last RTCP report said about the stream Sentral sends it: the fraction lost in its
     * last interval (0..1), packets lost in all, and jitter in ms.
     */
    public record FarEndReport(double fractionLost, long cumulativeLost, double jitterMillis) {
    }

    /** The far end's last report; null before one arrives. */
    public FarEndReport farEndReport() {
        return farEndReport;
    }

    /** What Sentral measured of the stream the far end sends: packets received and lost, jitter in ms. */
    public record Reception(long received, long lost, double jitterMillis) {
    }

    /** Read on the endpoint's event loop; from elsewhere, a possibly slightly stale view. */
    public Reception reception() {
        return new Reception(reception.received(), Math.max(0, reception.cumulativeLost()), reception.jitter() / 8.0);
    }

    /** The SSRC of the stream this endpoint sends toward its far end. */
    public int outboundSsrc() {
        return outbound.ssrc();
    }

    public long packetsReceived() {
        return received.sum();
    }

    public long packetsSent() {
        return sent.sum();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Closes the socket and returns the port to the pool. Idempotent. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            relayTarget = null;
            inactivityListener = null;
            if (rtcpChannel != null) {
                rtcpChannel.close();
            }
            channel.close().addListener(f -> engine.released(this));
        }
    }

    /** Silent means nothing arrived here nor at the endpoint this one relays to (a one-way hold is not silence). */
    void checkInactivity(long nowNanos, long timeoutNanos) {
        InactivityListener l = inactivityListener;
        RtpEndpoint target = relayTarget;
        long last = target == null ? lastReceivedNanos : Math.max(lastReceivedNanos, target.lastReceivedNanos);
        if (l != null && nowNanos - last > timeoutNanos) {
            inactivityListener = null;
            l.mediaInactive(this);
        }
    }

    private void onPacket(DatagramPacket packet) {
        ByteBuf buf = packet.content();
        // RFC 3550 §5.1: 12-byte fixed header, version 2. Anything else is dropped and counted, never thrown.
        if (buf.readableBytes() < 12 || (buf.getByte(buf.readerIndex()) & 0xC0) != 0x80) {
            engine.stats().packetsDropped.increment();
            return;
        }
        received.increment();
        engine.stats().packetsReceived.increment();
        long now = System.nanoTime();
        lastReceivedNanos = now;
        int base = buf.readerIndex();
        reception.onPacket(buf.getUnsignedShort(base + 2), buf.getUnsignedInt(base + 4), buf.getUnsignedInt(base + 8), now);
        InetSocketAddress source = packet.sender();
        if (!latched || !source.equals(remote)) {
            remote = source;
            latched = true;
        }
        DigitDetection d = digits;
        if (d != null) {
            d.onPacket(buf);
        }
        Recording rec = recording;
        if (rec != null && !rec.onPacket(buf)) {
            recording = null;
        }
        RtpEndpoint target = relayTarget;
        InetSocketAddress to = target == null ? null : target.remote;
        if (to == null || target.closed.get()) {
            engine.stats().packetsDropped.increment();
            return;
        }
        target.outbound.rewrite(buf, this);
        target.octetsSent.add(buf.readableBytes() - 12);
        target.channel.writeAndFlush(new DatagramPacket(buf.retain(), to), target.channel.voidPromise());
        target.sent.increment();
        engine.stats().packetsRelayed.increment();
    }

    final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            onPacket(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: the far end may come back; count and carry on.
            engine.stats().packetsDropped.increment();
        }
    }
}
