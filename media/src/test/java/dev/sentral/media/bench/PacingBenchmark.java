package dev.sentral.media.bench;

import dev.sentral.media.player.AudioClip;
import dev.sentral.media.rtp.MediaEngine;
import dev.sentral.media.rtp.Playout;
import dev.sentral.media.rtp.RtpEndpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How well the media engine keeps 20 ms pacing with N streams at once: N endpoints each play a looping
 * clip to receivers on loopback (in this process, sharing the machine's cores with the senders, as SIPp
 * would). At the receiver, every packet's distance from its stream's previous one is compared with 20 ms.
 *
 * <p>Run: {@code bench/media-pacing.sh [N ...]}. Appends to bench/results/media-pacing.txt.
 */
public final class PacingBenchmark {
    private static final int RECEIVERS = 4;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 100_000 / BUCKET_MICROS; // deviations up to 100 ms

    /** Receiver-side state for all streams; touched only by the receiver's single thread. */
    private static final class Tally {
        final int base;
        final long[] last;
        final int[] lastSeq;
        final long[] histogram = new long[BUCKETS + 1];
        boolean measuring;
        long packets;
        long lost;
        long maxDeviationNanos;

        Tally(int basePort, int span) {
            base = basePort;
            last = new long[span];
            lastSeq = new int[span];
            java.util.Arrays.fill(lastSeq, -1);
        }

        void packet(int sourcePort, ByteBuf rtp, long now) {
            int i = sourcePort - base;
            int seq = rtp.getUnsignedShort(rtp.readerIndex() + 2);
            if (measuring && lastSeq[i] >= 0) {
                packets++;
                int gap = (seq - lastSeq[i]) & 0xFFFF;
                if (gap > 1 && gap < 1000) {
                    lost += gap - 1;
                }
                long deviation = Math.abs(now - last[i] - FRAME_NANOS * Math.max(1, gap));
                maxDeviationNanos = Math.max(maxDeviationNanos, deviation);
                histogram[(int) Math.min(BUCKETS, deviation / 1000 / BUCKET_MICROS)]++;
            }
            lastSeq[i] = seq;
            last[i] = now;
        }

        double percentileMillis(double p) {
            long total = 0;
            for (long c : histogram) {
                total += c;
            }
            return percentile(histogram, total, p);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String a : args) {
            counts.add(Integer.parseInt(a));
        }
        if (counts.isEmpty()) {
            counts = List.of(500, 1000, 2000, 4000);
        }
        int seconds = Integer.getInteger("seconds", 10);
        int realtime = Integer.getInteger("realtime", 0);
        boolean wire = Boolean.getBoolean("wire");
        Path out = Path.of(System.getProperty("results", "bench/results/media-pacing.txt"));
        StringBuilder report = new StringBuilder();
        report.append("# media pacing benchmark — ").append(Instant.now().toString(), 0, 16).append("Z\n");
        report.append("# machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", ").append(Epoll.isAvailable() ? "epoll" : "NIO").append("; ").append(seconds)
                .append(" s measured per N after 3 s warm-up; senders and receivers in one process; ")
                .append(realtime > 0 ? "media threads and receiver under SCHED_FIFO " + realtime : "ordinary scheduling")
                .append(wire ? "; wire_* from a dumpcap capture on lo (kernel timestamps) of " + WIRE_SECONDS + " s" : "")
                .append("\n");
        report.append(String.format("%-6s %-9s %-10s %-9s %-9s %-9s %-8s %-9s %-12s%s%n", "N", "pkts/s", "cpu", "p50_ms",
                "p99_ms", "max_ms", "lost", "received", "heap/stream", wire ? "wire_p50  wire_p99  wire_max" : ""));
        System.out.print(report);
        for (int n : counts) {
            String line = run(n, seconds, realtime, wire);
            System.out.print(line);
            report.append(line);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.append('\n').toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String run(int n, int seconds, int realtime, boolean wire) throws Exception {
        short[] samples = new short[8000 * 10];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        AudioClip music = AudioClip.fromSamples("music", samples);
        int basePort = 40000;
        MediaEngine engine = new MediaEngine("127.0.0.1", basePort, basePort + 2 * n + 200, Duration.ofHours(1),
                Integer.getInteger("loops", Runtime.getRuntime().availableProcessors()));
        Tally tally = new Tally(basePort, 2 * n + 202);
        if (realtime > 0) {
            engine.useRealtimePriority(realtime).ifPresent(why -> {
                throw new IllegalStateException("media.realtimePriority " + realtime + " not in effect: " + why);
            });
        }
        EventLoopGroup receiverGroup = new MultiThreadIoEventLoopGroup(1,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<Channel> receivers = new ArrayList<>();
        try {
            for (int r = 0; r < RECEIVERS; r++) {
                Bootstrap b = new Bootstrap().group(receiverGroup)
                        .channel(Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, 8 * 1024 * 1024)
                        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                                tally.packet(p.sender().getPort(), p.content(), System.nanoTime());
                            }
                        });
                if (Epoll.isAvailable()) {
                    b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 2048); // recvmmsg batches
                }
                receivers.add(b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel());
            }
            if (realtime > 0) {
                // the receiver timestamps arrivals: as an ordinary thread it would wait behind the senders and
                // measure its own lateness
                String failed = receiverGroup.submit(() -> dev.sentral.media.rtp.RealtimeScheduling.applyToCurrentThread(realtime)).get();
                if (failed != null) {
                    throw new IllegalStateException("receiver not real-time: " + failed);
                }
            }
            System.gc();
            long heapBefore = usedHeap();
            List<RtpEndpoint> streams = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                RtpEndpoint e = engine.open();
                InetSocketAddress to = (InetSocketAddress) receivers.get(i % RECEIVERS).localAddress();
                e.setRemote("127.0.0.1", to.getPort());
                e.play(List.of(music), i % 2 == 0 ? 0 : 8, true, new Playout.Position(0, i % 500), null);
                streams.add(e);
                if (i % 200 == 199) {
                    Thread.sleep(20); // spread start phases a little, like calls arriving
                }
            }
            Thread.sleep(3000);
            System.gc();
            long heapPerStream = Math.max(0, usedHeap() - heapBefore) / n;
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            receiverGroup.submit(() -> tally.measuring = true).sync();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            WireCapture capture = wire ? WireCapture.start(basePort, basePort + 2 * n + 200, realtime) : null;
            Thread.sleep(seconds * 1000L);
            long elapsed = System.nanoTime() - t0;
            long cpu1 = os.getProcessCpuTime();
            String[] result = new String[1];
            receiverGroup.submit(() -> {
                tally.measuring = false;
                long expected = (long) n * elapsed / FRAME_NANOS;
                result[0] = String.format("%-6d %-9.0f %-10s %-9.2f %-9.2f %-9.2f %-8d %-9s %-12s", n,
                        tally.packets * 1e9 / elapsed, String.format("%.0f%%", (cpu1 - cpu0) * 100.0 / elapsed),
                        tally.percentileMillis(0.50), tally.percentileMillis(0.99), tally.maxDeviationNanos / 1e6,
                        tally.lost, String.format("%.1f%%", 100.0 * tally.packets / Math.max(1, expected)),
                        heapPerStream + " B");
            }).sync();
            for (RtpEndpoint e : streams) {
                e.close();
            }
            return result[0] + (capture == null ? "" : capture.finish()) + System.lineSeparator();
        } finally {
            engine.close();
            for (Channel c : receivers) {
                c.close();
            }
            receiverGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private static final int WIRE_SECONDS = 5;

    /**
     * The senders' packets as the kernel saw them leave: a dumpcap capture on lo (kernel timestamps) of
     * {@value #WIRE_SECONDS} s, read back with tshark; per source port, each interval compared with 20 ms.
     * dumpcap itself takes CPU, so the in-process figures of a run with a capture are a little worse.
     */
    private static final class WireCapture {
        private final Process dumpcap;
        private final Path file;

        private WireCapture(Process dumpcap, Path file) {
            this.dumpcap = dumpcap;
            this.file = file;
        }

        /** With {@code realtime}, dumpcap runs at that SCHED_FIFO priority too, so that the senders do not starve it. */
        static WireCapture start(int firstPort, int lastPort, int realtime) throws IOException {
            Path file = Files.createTempFile("pacing", ".pcap");
            List<String> command = new ArrayList<>();
            if (realtime > 0) {
                command.addAll(List.of("chrt", "--fifo", String.valueOf(realtime)));
            }
            command.addAll(List.of("dumpcap", "-q", "-i", "lo", "-f", "udp and src portrange " + firstPort + "-" + lastPort + " and (udp[1] & 1) = 0", // RTP: even ports
                    "-a", "duration:" + WIRE_SECONDS, "-s", "64", "-B", "256", "-w", file.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new WireCapture(p, file);
        }

        String finish() throws Exception {
            if (!dumpcap.waitFor(WIRE_SECONDS + 10, java.util.concurrent.TimeUnit.SECONDS)) {
                dumpcap.destroyForcibly();
            }
            Process tshark = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.time_epoch",
                    "-e", "udp.srcport").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            java.util.Map<Integer, java.math.BigDecimal> last = new java.util.HashMap<>();
            long[] histogram = new long[BUCKETS + 1];
            long max = 0;
            long total = 0;
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(tshark.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] f = line.split("\t");
                    if (f.length < 2 || f[1].isEmpty()) {
                        continue;
                    }
                    java.math.BigDecimal t = new java.math.BigDecimal(f[0]);
                    java.math.BigDecimal before = last.put(Integer.parseInt(f[1]), t);
                    if (before != null) {
                        long deviation = Math.abs(t.subtract(before).movePointRight(9).longValue() - FRAME_NANOS);
                        max = Math.max(max, deviation);
                        histogram[(int) Math.min(BUCKETS, deviation / 1000 / BUCKET_MICROS)]++;
                        total++;
                    }
                }
            }
            tshark.waitFor();
            Files.deleteIfExists(file);
            return String.format(" %-9.2f %-9.2f %-9.2f", percentile(histogram, total, 0.5), percentile(histogram, total, 0.99),
                    max / 1e6);
        }
    }

    private static double percentile(long[] histogram, long total, double p) {
        long wanted = (long) Math.ceil(total * p);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= wanted) {
                return (b + 1) * BUCKET_MICROS / 1000.0;
            }
        }
        return Double.NaN;
    }

    private static long usedHeap() throws IOException {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
