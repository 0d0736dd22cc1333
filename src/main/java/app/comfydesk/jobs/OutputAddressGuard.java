package app.comfydesk.jobs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The name resolver of output downloads: it resolves the host and refuses the addresses an output from the
 * internet has no business on — loopback, link-local, private (site-local, unique-local fc00::/7), wildcard,
 * multicast, carrier-grade NAT 100.64/10 — so a hosted output (or any redirect hop: each connects through here)
 * cannot reach this computer or its network. Because HttpClient connects to the very addresses returned here,
 * a name that resolves to a private address is refused too, not only a literal. With {@code allowLoopback} (the
 * API itself is on this computer, e.g. the sandbox) loopback addresses pass; the others still do not.
 */
final class OutputAddressGuard implements DnsResolver {

    /** An address was refused (an {@link UnknownHostException} so it leaves HttpClient as a failed connect). */
    static final class Refused extends UnknownHostException {
        Refused(String host, InetAddress address) {
            super("the output host " + host + " is on this computer or a private network (" + address
                    .getHostAddress() + "); outputs are downloaded only from public hosts");
        }
    }

    private final boolean allowLoopback;
    private final DnsResolver system = SystemDefaultDnsResolver.INSTANCE;

    OutputAddressGuard(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = system.resolve(host);
        for (InetAddress a : all) {
            if (!allowed(a)) {
                throw new Refused(host, a);
            }
        }
        return all;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return system.resolveCanonicalHostname(host);
    }

    boolean allowed(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return allowLoopback;
        }
        if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc;   // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return !(first == 100 && second >= 64 && second < 128) && first != 0;
    }
}
