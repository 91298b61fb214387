package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;

/**
 * MEGACO (H.248 text encoding, <a href="https://www.rfc-editor.org/rfc/rfc3525">RFC 3525</a>) on
 * tshark's UDP and TCP port 2944 — only as far as the session descriptions it carries: the
 * contents of every Local and Remote descriptor ({@code L{...}}, {@code R{...}}, long forms too)
 * go to {@link SdpDissector}, one SDP layer each, as tshark hands them on, so that the RTP and
 * T.38 conversations they describe are set up. Not done: the commands, transactions, contexts
 * and terminations themselves (no fields, and not tshark's Info column).
 */
public final class MegacoDissector extends Dissector implements Protocols.Registrable {
  private static final int PORT = 2944;

  public MegacoDissector() {
    super("megaco", "MEGACO", "MEGACO");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  /** tshark dissects the SDP descriptors inside Megaco's tree. */
  @Override
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return true;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    Dissector sdp = d.protocols().byName("sdp");
    boolean first = true;
    int queued = 0;
    for (int i = s; i < end; i++) {
      int open = descriptor(b, s, i, end);
      if (open < 0) {
        continue;
      }
      int from = open + 1;
      while (from < end && (b[from] == ' ' || b[from] == '\t' || b[from] == '\r' || b[from] == '\n')) {
        from++;
      }
      int close = from;
      while (close < end && b[close] != '}') {
        close++;
      }
      if (close > from && sdp != null) {
        if (first) {
          d.payload(from, close);
          first = false;
        } else {
          d.queueNested(sdp, from, close, queued++);
        }
      }
      i = close;
    }
    return first ? null : sdp;
  }

  /** When a Local or Remote descriptor's name starts at {@code i}, the offset of its '{'; else -1. */
  private static int descriptor(byte[] b, int s, int i, int end) {
    if (i > s) {
      byte prev = b[i - 1];
      if (prev != '{' && prev != ',' && prev != ' ' && prev != '\t' && prev != '\r' && prev != '\n') {
        return -1;
      }
    }
    for (String name : new String[] {"Local", "Remote", "L", "R"}) {
      int n = name.length();
      if (i + n <= end && new String(b, i, n, java.nio.charset.StandardCharsets.ISO_8859_1).equalsIgnoreCase(name)) {
        int j = i + n;
        while (j < end && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n')) {
          j++;
        }
        if (j < end && b[j] == '{') {
          return j;
        }
      }
    }
    return -1;
  }

  @Override
  public void fields(Tree t) {}

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
  }
}
