package io.jxdp.packet;

import io.jxdp.isa.JxdpException;
import java.util.Arrays;

/**
 * The knobs of a {@link TrafficGenerator}; immutable, built with {@link #builder()}. The defaults
 * make pktgen's classic test: one RX queue, 1024 TCP/IPv4 flows, 60-byte frames, no VLAN, no skew,
 * no attack.
 *
 * <ul>
 *   <li>{@code frameSize}: the Ethernet frame without FCS, VLAN tags included; 60 is the
 *       minimum (pktgen's "64-byte" frames are 60 bytes plus the FCS the NIC adds). Frames whose
 *       headers need more (IPv6 with TCP is 74 bytes) are as long as their headers.</li>
 *   <li>{@code ipv6Fraction} and the protocol mix are shares of the legitimate flows, apportioned
 *       exactly (largest remainder) rather than drawn at random, so small flow counts keep the mix.</li>
 *   <li>{@code skew}: 0 spreads flows over the RX queues by their Toeplitz hash; s in (0, 1] pins
 *       round(s x flows) flows, and each attack packet with probability s, to queue 0, as a NIC
 *       whose RSS misses the field that varies would; 1 puts everything on queue 0.</li>
 *   <li>{@code attackFraction}: exactly floor(n x f) of the first n packets (f resolved to
 *       1e-9), spread evenly, are a UDP flood to port 9 (discard) of the victim 198.19.0.1 from random spoofed
 *       IPv4 sources and ports, the traffic xdp_redirect_cpu's ddos_filter program drops.</li>
 * </ul>
 */
public final class TrafficProfile {
    public static final int MIN_FRAME = 60;
    public static final int MAX_FRAME = 9216;
    public static final int MAX_FLOWS = 1 << 20;
    public static final int MAX_QUEUES = 1024;

    private final long seed;
    private final int flows;
    private final int frameSize;
    private final double ipv6Fraction;
    private final double tcpWeight;
    private final double udpWeight;
    private final double icmpWeight;
    private final int[] vlanIds;
    private final int rxQueues;
    private final double skew;
    private final double attackFraction;

    private TrafficProfile(Builder b) {
        this.seed = b.seed;
        this.flows = b.flows;
        this.frameSize = b.frameSize;
        this.ipv6Fraction = b.ipv6Fraction;
        this.tcpWeight = b.tcpWeight;
        this.udpWeight = b.udpWeight;
        this.icmpWeight = b.icmpWeight;
        this.vlanIds = b.vlanIds.clone();
        this.rxQueues = b.rxQueues;
        this.skew = b.skew;
        this.attackFraction = b.attackFraction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return seed;
    }

    public int flows() {
        return flows;
    }

    public int frameSize() {
        return frameSize;
    }

    public double ipv6Fraction() {
        return ipv6Fraction;
    }

    public double tcpWeight() {
        return tcpWeight;
    }

    public double udpWeight() {
        return udpWeight;
    }

    public double icmpWeight() {
        return icmpWeight;
    }

    /** VLAN ids, outermost first: none, one (802.1Q) or two (802.1ad outer, 802.1Q inner). */
    public int[] vlanIds() {
        return vlanIds.clone();
    }

    public int rxQueues() {
        return rxQueues;
    }

    public double skew() {
        return skew;
    }

    public double attackFraction() {
        return attackFraction;
    }

    @Override
    public String toString() {
        return "seed=" + seed + " flows=" + flows + " frame=" + frameSize + " ipv6=" + ipv6Fraction
                + " mix=tcp:" + tcpWeight + ",udp:" + udpWeight + ",icmp:" + icmpWeight
                + " vlan=" + (vlanIds.length == 0 ? "none" : Arrays.toString(vlanIds))
                + " queues=" + rxQueues + " skew=" + skew + " attack=" + attackFraction;
    }

    /** Collects the knobs; {@link #build()} checks them and names the first that is out of range. */
    public static final class Builder {
        private long seed = 1;
        private int flows = 1024;
        private int frameSize = MIN_FRAME;
        private double ipv6Fraction;
        private double tcpWeight = 1;
        private double udpWeight;
        private double icmpWeight;
        private int[] vlanIds = new int[0];
        private int rxQueues = 1;
        private double skew;
        private double attackFraction;

        private Builder() {}

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder flows(int value) {
            this.flows = value;
            return this;
        }

        public Builder frameSize(int value) {
            this.frameSize = value;
            return this;
        }

        public Builder ipv6Fraction(double value) {
            this.ipv6Fraction = value;
            return this;
        }

        /** Relative weights of TCP, UDP and ICMP (ICMPv6 for IPv6 flows) among the legitimate flows. */
        public Builder protocolMix(double tcp, double udp, double icmp) {
            this.tcpWeight = tcp;
            this.udpWeight = udp;
            this.icmpWeight = icmp;
            return this;
        }

        public Builder vlan(int... ids) {
            this.vlanIds = ids.clone();
            return this;
        }

        public Builder rxQueues(int value) {
            this.rxQueues = value;
            return this;
        }

        public Builder skew(double value) {
            this.skew = value;
            return this;
        }

        public Builder attackFraction(double value) {
            this.attackFraction = value;
            return this;
        }

        /**
         * The profile.
         *
         * @throws JxdpException naming the knob that is out of range
         */
        public TrafficProfile build() {
            range("flows", flows, 1, MAX_FLOWS);
            range("frame size", frameSize, MIN_FRAME, MAX_FRAME);
            range("rx queues", rxQueues, 1, MAX_QUEUES);
            fraction("ipv6 fraction", ipv6Fraction);
            fraction("skew", skew);
            fraction("attack fraction", attackFraction);
            weight("tcp", tcpWeight);
            weight("udp", udpWeight);
            weight("icmp", icmpWeight);
            if (!(tcpWeight + udpWeight + icmpWeight > 0)) {
                throw invalid("the protocol mix needs a positive weight");
            }
            if (vlanIds.length > 2) {
                throw invalid("at most 2 VLAN tags, got " + vlanIds.length);
            }
            for (int id : vlanIds) {
                range("VLAN id", id, 0, 4095);
            }
            return new TrafficProfile(this);
        }

        private static void range(String what, int value, int min, int max) {
            if (value < min || value > max) {
                throw invalid(what + " must be between " + min + " and " + max + ", got " + value);
            }
        }

        private static void fraction(String what, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw invalid(what + " must be between 0 and 1, got " + value);
            }
        }

        private static void weight(String what, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw invalid(what + " weight must be a finite number of at least 0, got " + value);
            }
        }

        private static JxdpException invalid(String reason) {
            return new JxdpException("traffic profile: " + reason);
        }
    }
}
