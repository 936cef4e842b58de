package dev.wharf.policy;

/**
 * IpAddress and NotIpAddress: the request address (IPv4 or IPv6) lies in a policy CIDR block;
 * a policy address without a prefix length is a single host. Addresses are parsed here, never
 * through {@code InetAddress}, which could resolve host names.
 */
final class IpAddressOperator extends ConditionOperator {

    IpAddressOperator(String name, boolean negated) {
        super(name, negated);
    }

    @Override
    boolean takesVariables() { return false; }

    @Override
    String checkValue(String policyValue) {
        return Cidr.parse(policyValue) == null ? "is not an IPv4 or IPv6 address or CIDR block" : null;
    }

    @Override
    boolean matches(String requestValue, Wildcard policyValue) {
        Cidr block = Cidr.parse(policyValue.text());
        byte[] address = parseAddress(requestValue.strip());
        return block != null && address != null && block.contains(address);
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String s = text.strip();
            int slash = s.indexOf('/');
            byte[] addr = parseAddress(slash < 0 ? s : s.substring(0, slash));
            if (addr == null) {
                return null;
            }
            int prefix = addr.length * 8;
            if (slash >= 0) {
                String p = s.substring(slash + 1);
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                prefix = Integer.parseInt(p);
                if (prefix > addr.length * 8) {
                    return null;
                }
            }
            return new Cidr(addr, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    /** 4 bytes for IPv4, 16 for IPv6, or null when {@code s} is neither. */
    static byte[] parseAddress(String s) {
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon < 0 ? s : s.substring(0, doubleColon);
        String tail = doubleColon < 0 ? "" : s.substring(doubleColon + 2);
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(t, 0, all, 8 - t.length, t.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** 16-bit groups of one side of "::"; a trailing dotted IPv4 counts as two groups. */
    private static int[] groups(String side) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int extra = parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
        int[] out = new int[parts.length + extra];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && extra == 1) {
                byte[] v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }
}
