package io.jxdp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Toeplitz hash against Microsoft's published verification suite and a bit-by-bit reference. */
class ToeplitzTest {
    private static final Toeplitz T = Toeplitz.MICROSOFT;

    /** "Verifying the RSS Hash Calculation" (Microsoft), IPv4: destination, port, source, port, IP-only hash, with-TCP hash. */
    private static final Object[][] IPV4 = {
        {"161.142.100.80", 1766, "66.9.149.187", 2794, 0x323e8fc2, 0x51ccc178},
        {"65.69.140.83", 4739, "199.92.111.2", 14230, 0xd718262a, 0xc626b0ea},
        {"12.22.207.184", 38024, "24.19.198.95", 12898, 0xd2d0a5de, 0x5c2b394a},
        {"209.142.163.6", 2217, "38.27.205.30", 48228, 0x82989176, 0xafc7327f},
        {"202.188.127.2", 1303, "153.39.163.191", 44251, 0x5d1809c5, 0x10e828a2},
    };

    /** The same, IPv6. */
    private static final Object[][] IPV6 = {
        {"3ffe:2501:200:3::1", 1766, "3ffe:2501:200:1fff::7", 2794, 0x2cc18cd5, 0x40207d3d},
        {"ff02::1", 4739, "3ffe:501:8::260:97ff:fe40:efab", 14230, 0x0f0c461c, 0xdde51bbf},
        {"fe80::200:f8ff:fe21:67cf", 38024, "3ffe:1900:4545:3:200:f8ff:fe21:67cf", 44251, 0x4b61e985, 0x02d1feef},
    };

    @Test
    void microsoftIpv4Vectors() throws UnknownHostException {
        for (Object[] v : IPV4) {
            byte[] dst = InetAddress.getByName((String) v[0]).getAddress();
            byte[] src = InetAddress.getByName((String) v[2]).getAddress();
            byte[] input = ByteBuffer.allocate(12)
                    .put(src)
                    .put(dst)
                    .putShort((short) (int) v[3])
                    .putShort((short) (int) v[1])
                    .array();
            assertEquals((int) v[4], T.hash(input, 0, 8), (String) v[0]);
            assertEquals((int) v[5], T.hash(input, 0, 12), (String) v[0]);
            assertEquals((int) v[4], reference(input, 8));
            assertEquals((int) v[5], reference(input, 12));
            int s = ByteBuffer.wrap(src).getInt();
            int d = ByteBuffer.wrap(dst).getInt();
            assertEquals((int) v[4], T.ipv4(s, d, 0, 0, false));
            assertEquals((int) v[5], T.ipv4(s, d, (int) v[3], (int) v[1], true));
            assertEquals((int) v[5], T.hashFrame(ipv4Frame(src, dst, (int) v[3], (int) v[1], 6, 0), 0, 54), "frame");
            assertEquals(
                    (int) v[5], T.hashFrame(ipv4Frame(src, dst, (int) v[3], (int) v[1], 17, 0), 0, 54), "UDP frame");
            assertEquals(
                    (int) v[4],
                    T.hashFrame(ipv4Frame(src, dst, (int) v[3], (int) v[1], 1, 0), 0, 54),
                    "ICMP: addresses only");
            assertEquals(
                    (int) v[4],
                    T.hashFrame(ipv4Frame(src, dst, (int) v[3], (int) v[1], 17, 0x2000), 0, 54),
                    "fragment: addresses only");
        }
    }

    @Test
    void microsoftIpv6Vectors() throws UnknownHostException {
        for (Object[] v : IPV6) {
            byte[] dst = InetAddress.getByName((String) v[0]).getAddress();
            byte[] src = InetAddress.getByName((String) v[2]).getAddress();
            byte[] input = ByteBuffer.allocate(36)
                    .put(src)
                    .put(dst)
                    .putShort((short) (int) v[3])
                    .putShort((short) (int) v[1])
                    .array();
            assertEquals((int) v[4], T.hash(input, 0, 32), (String) v[0]);
            assertEquals((int) v[5], T.hash(input, 0, 36), (String) v[0]);
            assertEquals((int) v[4], reference(input, 32));
            assertEquals((int) v[5], reference(input, 36));
            ByteBuffer s = ByteBuffer.wrap(src);
            ByteBuffer d = ByteBuffer.wrap(dst);
            long sh = s.getLong();
            long sl = s.getLong();
            long dh = d.getLong();
            long dl = d.getLong();
            assertEquals((int) v[4], T.ipv6(sh, sl, dh, dl, 0, 0, false));
            assertEquals((int) v[5], T.ipv6(sh, sl, dh, dl, (int) v[3], (int) v[1], true));
            byte[] frame = ByteBuffer.allocate(14 + 4 + 40 + 20)
                    .putLong(0)
                    .putInt(0)
                    .putShort((short) 0x8100)
                    .putShort((short) 7)
                    .putShort((short) 0x86DD)
                    .putInt(0x6000_0000)
                    .putShort((short) 20)
                    .put((byte) 6)
                    .put((byte) 64)
                    .put(src)
                    .put(dst)
                    .putShort((short) (int) v[3])
                    .putShort((short) (int) v[1])
                    .array();
            assertEquals((int) v[5], T.hashFrame(frame, 0, frame.length), "VLAN-tagged IPv6 frame");
        }
    }

    @Test
    void tablesAgreeWithTheBitByBitDefinition() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] input = new byte[random.nextInt(37)];
            random.nextBytes(input);
            assertEquals(reference(input, input.length), T.hash(input, 0, input.length));
        }
    }

    @Test
    void framesThatAreNotIpHashToZeroAndShortFramesDoNotThrow() {
        byte[] arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertEquals(0, T.hashFrame(arp, 0, 60));
        byte[] frame = ipv4Frame(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8}, 1, 2, 6, 0);
        for (int cut = 0; cut <= frame.length; cut++) {
            T.hashFrame(frame, 0, cut);
        }
        assertEquals(T.ipv4(0x01020304, 0x05060708, 0, 0, false), T.hashFrame(frame, 0, 14 + 20 + 3), "ports cut off");
    }

    @Test
    void queueIsTheUnsignedRemainder() {
        assertEquals(0, Toeplitz.queue(0x51ccc178, 1));
        assertEquals(Integer.remainderUnsigned(0xafc7327f, 6), Toeplitz.queue(0xafc7327f, 6));
        assertEquals((int) (0xafc7327fL % 6), Toeplitz.queue(0xafc7327f, 6));
    }

    private static byte[] ipv4Frame(byte[] src, byte[] dst, int sport, int dport, int protocol, int fragment) {
        return ByteBuffer.allocate(54)
                .putLong(0)
                .putInt(0)
                .putShort((short) 0x0800)
                .put((byte) 0x45)
                .put((byte) 0)
                .putShort((short) 40)
                .putShort((short) 0)
                .putShort((short) fragment)
                .put((byte) 64)
                .put((byte) protocol)
                .putShort((short) 0)
                .put(src)
                .put(dst)
                .putShort((short) sport)
                .putShort((short) dport)
                .array();
    }

    /** The definition, one input bit at a time, with the key as a 320-bit big-endian number. */
    static int reference(byte[] input, int length) {
        byte[] key = T.key();
        int result = 0;
        for (int bit = 0; bit < length * 8; bit++) {
            if ((input[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                int window = 0;
                for (int k = 0; k < 32; k++) {
                    int kb = bit + k;
                    int keyBit = (key[kb / 8] >>> (7 - kb % 8)) & 1;
                    window = window << 1 | keyBit;
                }
                result ^= window;
            }
        }
        return result;
    }
}
