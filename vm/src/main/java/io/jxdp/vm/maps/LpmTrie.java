package io.jxdp.vm.maps;

import io.jxdp.isa.MapDef;
import io.jxdp.vm.Cpu;
import io.jxdp.vm.Errno;
import io.jxdp.vm.memory.AddressSpace;
import io.jxdp.vm.memory.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code BPF_MAP_TYPE_LPM_TRIE} (kernel/bpf/lpm_trie.c): a binary trie of prefixes, keys {@code
 * struct bpf_lpm_trie_key_u8} (a u32 prefix length, then {@code key_size - 4} bytes of data, bits
 * counted from the most significant bit of the first byte). The node shapes are the kernel's:
 * intermediate nodes ({@code LPM_TREE_NODE_FLAG_IM}) where two prefixes part, replaced in place by
 * an entry of their prefix; lookups return the longest entry matching the key's first {@code
 * prefixlen} bits; {@code get_next_key} walks in the kernel's postorder (more specific prefixes
 * first). Updates honour {@code BPF_NOEXIST}/{@code BPF_EXIST} as 6.18 does (trie_check_add_elem):
 * a new entry under {@code BPF_EXIST} is -ENOENT, one beyond max_entries -ENOSPC.
 *
 * <p>Values live in a {@link ValueStore} of max_entries + 1 slots: an update of an existing prefix
 * writes a fresh slot and frees the old one, as the kernel allocates a new node, so the spare slot
 * lets a full trie replace a value. Writers and readers take the map's lock (the kernel's readers
 * walk under RCU without one).
 */
public final class LpmTrie extends BpfMap {
    /** A node of the trie: an entry (slot >= 0) or an intermediate node (slot -1). */
    private static final class Node {
        final int prefixLen;
        final byte[] data;
        int slot;
        final Node[] child = new Node[2];

        Node(int prefixLen, byte[] data, int slot) {
            this.prefixLen = prefixLen;
            this.data = data;
            this.slot = slot;
        }

        boolean intermediate() {
            return slot < 0;
        }
    }

    private final int dataSize;
    private final int maxPrefixLen;
    private final ValueStore values;
    private final SlotStack free;
    private Node root;
    private int entries;

    LpmTrie(MapDef def, AddressSpace space) {
        super(def, space, 1, def.maxEntries());
        this.dataSize = def.keySize() - 4;
        this.maxPrefixLen = dataSize * 8;
        int slots = def.maxEntries() + 1;
        this.values =
                new ValueStore(id(), this, def.valueSize(), slots, 1, false, (def.flags() & MapFlags.RDONLY_PROG) == 0);
        this.free = new SlotStack(slots, 0, slots);
    }

    @Override
    protected Region regionFor(int cpuId) {
        return values.region(cpuId);
    }

    /** The number of entries (intermediate nodes not counted). */
    public synchronized int size() {
        return entries;
    }

    // ---- the kernel's walks ---------------------------------------------------------------------

    private static int bit(byte[] data, int at, int index) {
        return (data[at + index / 8] >> (7 - index % 8)) & 1;
    }

    /** longest_prefix_match: the leading bits node and key share, at most both prefix lengths. */
    private int match(Node node, int keyPrefixLen, byte[] key, int at) {
        int limit = Math.min(node.prefixLen, keyPrefixLen);
        int n = 0;
        for (int i = 0; i < dataSize && n < limit; i++) {
            int diff = (node.data[i] ^ key[at + i]) & 0xff;
            if (diff != 0) {
                n += Integer.numberOfLeadingZeros(diff) - 24;
                break;
            }
            n += 8;
        }
        return Math.min(n, limit);
    }

    /** trie_lookup_elem: the slot of the longest entry matching the key, or -1. */
    private int lookupSlot(byte[] key, int at) {
        int prefixLen = Keys.u32(key, at);
        if (Integer.compareUnsigned(prefixLen, maxPrefixLen) > 0) {
            return -1;
        }
        int found = -1;
        for (Node node = root; node != null; ) {
            int matchLen = match(node, prefixLen, key, at + 4);
            if (matchLen == maxPrefixLen) {
                found = node.slot; // an exact full-length match is always an entry
                break;
            }
            if (matchLen < node.prefixLen) {
                break;
            }
            if (!node.intermediate()) {
                found = node.slot;
            }
            node = node.child[bit(key, at + 4, node.prefixLen)];
        }
        return found;
    }

    /** trie_update_elem with 6.18's flag checks; 0 or a negative errno. */
    private synchronized long update(byte[] key, int keyAt, byte[] value, int valueAt, long flags, boolean user) {
        if (Long.compareUnsigned(flags, MapFlags.EXIST) > 0) {
            return Errno.EINVAL.negative();
        }
        int prefixLen = Keys.u32(key, keyAt);
        if (Integer.compareUnsigned(prefixLen, maxPrefixLen) > 0) {
            return Errno.EINVAL.negative();
        }
        int dataAt = keyAt + 4;
        Node parent = null;
        int side = 0;
        Node node = root;
        int matchLen = 0;
        while (node != null) {
            matchLen = match(node, prefixLen, key, dataAt);
            if (node.prefixLen != matchLen || node.prefixLen == prefixLen || node.prefixLen == maxPrefixLen) {
                break;
            }
            parent = node;
            side = bit(key, dataAt, node.prefixLen);
            node = node.child[side];
        }
        if (node != null && node.prefixLen == matchLen) {
            // the prefix has a node: replace the entry's value, or make the intermediate node one
            if (!node.intermediate() && flags == MapFlags.NOEXIST) {
                return Errno.EEXIST.negative();
            }
            if (node.intermediate()) {
                long check = checkAdd(flags);
                if (check != 0) {
                    return check;
                }
            }
            int slot = newSlot(value, valueAt, user);
            if (!node.intermediate()) {
                free.push(node.slot);
            }
            node.slot = slot;
            return 0;
        }
        long check = checkAdd(flags);
        if (check != 0) {
            return check;
        }
        byte[] data = new byte[dataSize];
        System.arraycopy(key, dataAt, data, 0, dataSize);
        Node fresh = new Node(prefixLen, data, newSlot(value, valueAt, user));
        Node replacement;
        if (node == null) {
            replacement = fresh;
        } else if (matchLen == prefixLen) {
            // the new prefix is an ancestor of node
            fresh.child[bit(node.data, 0, matchLen)] = node;
            replacement = fresh;
        } else {
            Node im = new Node(matchLen, node.data.clone(), -1);
            int b = bit(key, dataAt, matchLen);
            im.child[b] = fresh;
            im.child[1 - b] = node;
            replacement = im;
        }
        if (parent == null) {
            root = replacement;
        } else {
            parent.child[side] = replacement;
        }
        return 0;
    }

    /** trie_check_add_elem: a new entry needs no BPF_EXIST and room; counts it. */
    private long checkAdd(long flags) {
        if (flags == MapFlags.EXIST) {
            return Errno.ENOENT.negative();
        }
        if (entries == maxEntries()) {
            return Errno.ENOSPC.negative();
        }
        entries++;
        return 0;
    }

    private int newSlot(byte[] value, int valueAt, boolean user) {
        int slot = free.pop(); // never -1: entries <= max_entries and one spare
        if (user) {
            values.writeUser(slot, value);
        } else {
            values.write(slot, 0, value, valueAt);
        }
        return slot;
    }

    /** trie_delete_elem; 0 or a negative errno. */
    private synchronized long delete(byte[] key, int at) {
        int prefixLen = Keys.u32(key, at);
        if (Integer.compareUnsigned(prefixLen, maxPrefixLen) > 0) {
            return Errno.EINVAL.negative();
        }
        int dataAt = at + 4;
        Node grandparent = null;
        int parentSide = 0;
        Node parent = null;
        int side = 0;
        Node node = root;
        int matchLen = 0;
        while (node != null) {
            matchLen = match(node, prefixLen, key, dataAt);
            if (node.prefixLen != matchLen || node.prefixLen == prefixLen) {
                break;
            }
            grandparent = parent;
            parentSide = side;
            parent = node;
            side = bit(key, dataAt, node.prefixLen);
            node = node.child[side];
        }
        if (node == null || node.prefixLen != prefixLen || node.prefixLen != matchLen || node.intermediate()) {
            return Errno.ENOENT.negative();
        }
        entries--;
        free.push(node.slot);
        if (node.child[0] != null && node.child[1] != null) {
            node.slot = -1; // two children: it stays as an intermediate node
            return 0;
        }
        if (parent != null && parent.intermediate() && node.child[0] == null && node.child[1] == null) {
            // the intermediate parent is no longer needed: its other child takes its place
            replace(grandparent, parentSide, parent.child[1 - side]);
            return 0;
        }
        replace(parent, side, node.child[0] != null ? node.child[0] : node.child[1]);
        return 0;
    }

    private void replace(Node parent, int side, Node with) {
        if (parent == null) {
            root = with;
        } else {
            parent.child[side] = with;
        }
    }

    /** trie_get_next_key: postorder, the leftmost entry after a missing or invalid key; null at the end. */
    private synchronized byte[] next(byte[] key) {
        if (root == null) {
            return null;
        }
        Node searchRoot = root;
        if (key != null && Integer.compareUnsigned(Keys.u32(key, 0), maxPrefixLen) <= 0) {
            int prefixLen = Keys.u32(key, 0);
            List<Node> stack = new ArrayList<>();
            Node node = root;
            int matchLen = 0;
            while (node != null) {
                stack.add(node);
                matchLen = match(node, prefixLen, key, 4);
                if (node.prefixLen != matchLen || node.prefixLen == prefixLen) {
                    break;
                }
                node = node.child[bit(key, 4, node.prefixLen)];
            }
            if (node != null && node.prefixLen == prefixLen && matchLen == prefixLen && !node.intermediate()) {
                node = stack.get(stack.size() - 1);
                for (int i = stack.size() - 1; i > 0; i--) {
                    Node p = stack.get(i - 1);
                    if (p.child[0] == node && p.child[1] != null) {
                        return keyOf(leftmost(p.child[1]));
                    }
                    if (!p.intermediate()) {
                        return keyOf(p);
                    }
                    node = p;
                }
                return null;
            }
        }
        return keyOf(leftmost(searchRoot));
    }

    /** find_leftmost: the first entry in postorder below {@code node}. */
    private static Node leftmost(Node from) {
        Node next = null;
        for (Node node = from; node != null; ) {
            if (node.intermediate()) {
                node = node.child[0];
            } else {
                next = node;
                node = node.child[0] != null ? node.child[0] : next.child[1];
            }
        }
        return next;
    }

    private byte[] keyOf(Node node) {
        byte[] k = new byte[4 + dataSize];
        Keys.LE32.set(k, 0, node.prefixLen);
        System.arraycopy(node.data, 0, k, 4, dataSize);
        return k;
    }

    // ---- the two faces --------------------------------------------------------------------------

    @Override
    public long bpfLookup(Cpu cpu, byte[] key, int at) {
        int slot;
        synchronized (this) {
            slot = lookupSlot(key, at);
        }
        return slot < 0 ? 0 : values.address(id(), slot);
    }

    @Override
    public long bpfUpdate(Cpu cpu, byte[] key, int keyAt, byte[] value, int valueAt, long flags) {
        return update(key, keyAt, value, valueAt, flags, false);
    }

    @Override
    public long bpfDelete(Cpu cpu, byte[] key, int at) {
        return delete(key, at);
    }

    @Override
    protected synchronized byte[] userLookup(byte[] key) {
        int slot = lookupSlot(key, 0);
        return slot < 0 ? null : values.readUser(slot);
    }

    @Override
    protected long userUpdate(byte[] key, byte[] value, long flags) {
        return update(key, 0, value, 0, flags, true);
    }

    @Override
    protected long userDelete(byte[] key) {
        return delete(key, 0);
    }

    @Override
    protected byte[] userNextKey(byte[] key) {
        return next(key);
    }
}
