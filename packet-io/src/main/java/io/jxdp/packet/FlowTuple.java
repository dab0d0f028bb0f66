package io.jxdp.packet;

/**
 * The addresses, ports and protocol of one generated flow, as its frames carry them.
 *
 * @param ipv6 whether the flow is IPv6
 * @param protocol the IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6)
 * @param source IPv4: the address (in the low 32 bits); IPv6: the low 64 bits under the client prefix
 * @param destination IPv4: the address; IPv6: the low 64 bits under the server prefix
 * @param sourcePort TCP/UDP source port; for ICMP the echo identifier
 * @param destinationPort TCP/UDP destination port; meaningless for ICMP
 */
public record FlowTuple(
        boolean ipv6, int protocol, long source, long destination, int sourcePort, int destinationPort) {}
