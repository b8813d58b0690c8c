package dev.sentral.server.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports on loopback for the processes a test starts (Sentral, SIPp), free for both UDP and TCP right now
 * (they are bound moments later). They are taken in turn from ranges below the kernel's ephemeral range
 * (32768 and up), so no socket bound to port 0 in the meantime (a SIPp control socket, a client
 * connection) can take one before its process binds it.
 */
public final class FreePorts {
    /** SIP ports: 30000–32767. */
    private static final AtomicInteger NEXT_SIP = new AtomicInteger(30000 + (int) (ProcessHandle.current().pid() % 500));
    /** SIPp media (RTP/RTCP pairs, four ports each): 20000–29999. */
    private static final AtomicInteger NEXT_MEDIA = new AtomicInteger(20000 + 4 * (int) (ProcessHandle.current().pid() % 500));

    private FreePorts() {
    }

    public static int udpAndTcp() throws IOException {
        for (int attempt = 0; attempt < 2768; attempt++) {
            int port = 30000 + Math.floorMod(NEXT_SIP.getAndIncrement() - 30000, 2768);
            if (free(port, 1)) {
                return port;
            }
        }
        throw new IOException("no free UDP+TCP port on loopback in 30000..32767");
    }

    /** An even UDP port whose three neighbours above are free too (SIPp's RTP echo and pcap play). */
    public static int mediaPair() throws IOException {
        for (int attempt = 0; attempt < 2500; attempt++) {
            int port = 20000 + Math.floorMod(NEXT_MEDIA.getAndAdd(4) - 20000, 10000);
            if (free(port, 4)) {
                return port;
            }
        }
        throw new IOException("no free media ports on loopback in 20000..29999");
    }

    private static boolean free(int first, int count) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int p = first; p < first + count; p++) {
            try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(lo, p));
                udp.bind(new InetSocketAddress(lo, p));
            } catch (IOException busy) {
                return false;
            }
        }
        return true;
    }
}
