package dev.sentral.server.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on loopback that are free for both UDP and TCP right now (tests bind them moments later). */
public final class FreePorts {
    private FreePorts() {
    }

    public static int udpAndTcp() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException busy) {
                    // taken for UDP: try another
                }
            }
        }
        throw new IOException("no free UDP+TCP port on loopback");
    }

    /** An even UDP port whose odd neighbour is free too (for SIPp's RTP echo and pcap play). */
    public static int mediaPair() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort() & ~1;
            }
            try (DatagramSocket a = new DatagramSocket(port, InetAddress.getLoopbackAddress());
                 DatagramSocket b = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress());
                 DatagramSocket c = new DatagramSocket(port + 2, InetAddress.getLoopbackAddress());
                 DatagramSocket d = new DatagramSocket(port + 3, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free media ports on loopback");
    }
}
