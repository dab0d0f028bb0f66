# The network namespace the kernel side of the comparison runs in (fib.txt describes the same to jxdp).
set -e
NS=wnetfib
ip netns del $NS 2>/dev/null || true
ip netns add $NS
X="ip -n $NS"
$X link set lo up
$X link add eth0 index 2 address 02:00:00:00:00:02 type veth peer name peer0 index 12 address 02:00:00:00:00:12
$X link add eth1 index 3 address 02:00:00:00:00:03 mtu 1400 type veth peer name peer1 index 13 address 02:00:00:00:00:13
$X link add eth2 index 4 address 02:00:00:00:00:04 type veth peer name peer2 index 14
for d in eth0 eth1 eth2 peer0 peer1 peer2; do $X link set $d up; done
ip netns exec $NS sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip netns exec $NS sysctl -qw net.ipv4.conf.eth2.forwarding=0 net.ipv6.conf.eth2.forwarding=0
$X addr add 10.1.0.1/16 dev eth0
$X addr add 192.168.1.2/24 dev eth1
$X addr add 2001:db8:1::2/64 dev eth1 nodad
$X route add 10.0.0.0/8 via 192.168.1.1
$X route add 172.16.0.0/12 via 192.168.1.254 dev eth1 metric 5
$X route add 172.16.5.0/24 via 192.168.1.1 dev eth1 mtu lock 576
$X route add blackhole 198.51.100.0/24
$X route add unreachable 203.0.113.0/24
$X route add prohibit 192.0.2.0/24
$X route add 100.64.0.0/10 via 192.168.1.1 table 100
$X -6 route add 2001:db8:2::/48 via 2001:db8:1::1 dev eth1
$X neigh add 192.168.1.1 lladdr aa:bb:cc:dd:ee:01 dev eth1 nud permanent
$X neigh add 192.168.1.254 dev eth1 nud failed || echo "neigh failed entry: not creatable"
$X -6 neigh add 2001:db8:1::1 lladdr aa:bb:cc:dd:ee:06 dev eth1 nud permanent
