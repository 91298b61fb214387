package io.netsift.net.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolv.conf(5) parsing, and the dig-style @SERVER[:PORT] argument. */
class ResolvConfTest {
  @Test
  void nameserversAndOptions() {
    ResolvConf c = ResolvConf.parse("""
        # generated
        search example.com
        nameserver 192.0.2.53
        nameserver fe80::1%eth0
        nameserver not-an-address
        ; comment
        nameserver 2001:db8::53
        nameserver 198.51.100.53
        options ndots:2 timeout:3 attempts:4 rotate
        """);
    assertEquals(List.of("192.0.2.53", "fe80:0:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:53"),
        c.servers().stream().map(s -> s.getAddress().getHostAddress()).toList());
    assertEquals(53, c.servers().get(0).getPort());
    assertEquals(3, c.timeoutSeconds());
    assertEquals(4, c.attempts());
  }

  @Test
  void noNameserverMeansThisMachine(@TempDir Path dir) throws Exception {
    ResolvConf c = ResolvConf.read(dir.resolve("missing"));
    assertEquals(1, c.servers().size());
    assertEquals(true, c.servers().get(0).getAddress().isLoopbackAddress());
    Path f = dir.resolve("resolv.conf");
    Files.writeString(f, "options timeout:99\n");
    assertEquals(30, ResolvConf.read(f).timeoutSeconds());
  }

  @Test
  void serverSpecs() {
    assertEquals(new ServerSpec("127.0.0.1", -1), ServerSpec.parse("@127.0.0.1"));
    assertEquals(new ServerSpec("127.0.0.1", 5353), ServerSpec.parse("@127.0.0.1:5353"));
    assertEquals(new ServerSpec("::1", -1), ServerSpec.parse("@::1"));
    assertEquals(new ServerSpec("::1", 5353), ServerSpec.parse("@[::1]:5353"));
    assertEquals(new ServerSpec("ns1.example.com", 53), ServerSpec.parse("ns1.example.com:53"));
    assertEquals(new InetSocketAddress("127.0.0.1", 53), ServerSpec.parse("@127.0.0.1").literalAddress(53));
    for (String bad : List.of("@", "@1.2.3.4:", "@1.2.3.4:0", "@1.2.3.4:65536", "@[::1", "@[::1]x", "@h:p")) {
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ServerSpec.parse(bad), bad);
    }
  }
}
