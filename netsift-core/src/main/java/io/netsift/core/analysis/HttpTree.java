package io.netsift.core.analysis;

import io.netsift.core.analysis.StatsTree.Node;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Walk;
import io.netsift.core.dissect.proto.http.HttpDissector;
import io.netsift.core.dissect.proto.http.HttpMessage;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.filter.Filter;
import java.nio.charset.StandardCharsets;

/**
 * {@code -z http,tree[,filter]}: tshark's "HTTP/Packet Counter" statistics tree, one tick per
 * HTTP message: responses by status class and code, requests by method, printed by
 * {@link StatsTree} as tshark prints its stats trees.
 */
public final class HttpTree implements Tap {
  private final Filter filter;
  private final StatsTree tree = new StatsTree("HTTP/Packet Counter");
  private final Node total = tree.root("Total HTTP Packets");
  private final Node requests;
  private final Node responses;
  private final Node other;
  private final Node[] classes = new Node[6];
  private final Walk walk = new Walk();
  private final Picker picker = new Picker();

  HttpTree(String filter) {
    this.filter = StatsText.filter(filter);
    requests = total.child("HTTP Request Packets");
    responses = total.child("HTTP Response Packets");
    other = total.child("Other HTTP Packets");
    String[] names = {"???: broken", "1xx: Informational", "2xx: Success", "3xx: Redirection", "4xx: Client Error",
        "5xx: Server Error"};
    for (int i = 0; i < names.length; i++) {
      classes[i] = responses.child(names[i]);
    }
  }

  static HttpTree parse(String rest) {
    return new HttpTree(StatsText.tailFilter(rest, "http,tree[,filter]"));
  }

  @Override
  public boolean needsTree() {
    return filter != null;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    for (int i = 0; i < d.layerCount(); i++) {
      String name = d.dissector(i).name();
      if (!name.equals("http") && !name.equals("ssdp")) {
        continue; // tshark's SSDP is its HTTP dissector under another name, and ticks the same tap
      }
      HttpMessage m = HttpDissector.message(d, i);
      if (m != null && !m.tapped()) {
        continue;
      }
      picker.reset(d);
      walk.layer(d, i, picker, false);
      double now = tree.now(d);
      total.tick(now);
      if (picker.code != 0) {
        int code = picker.code;
        responses.tick(now);
        Node cls = code < 100 || code >= 600 ? classes[0] : classes[code / 100];
        cls.tick(now);
        cls.child(code + " " + (picker.desc != null ? picker.desc : "Unknown (" + code + ")")).tick(now);
      } else if (picker.method != null) {
        requests.tick(now);
        // tshark's tap names SSDP's M-SEARCH request "SEARCH" (its method check skips the "M-").
        requests.child(picker.method.equals("M-SEARCH") ? "SEARCH" : picker.method).tick(now);
      } else {
        other.tick(now);
      }
    }
    if (HttpDissector.refusedHere(d)) {
      double now = tree.now(d);
      total.tick(now);
      other.tick(now);
    }
  }

  @Override
  public void report(StringBuilder out) {
    tree.report(out);
  }

  /** Reads the request method, status code and its description from an http layer. */
  private static final class Picker implements FieldVisitor {
    private Dissection d;
    String method;
    int code;
    String desc;

    void reset(Dissection dissection) {
      d = dissection;
      method = null;
      code = 0;
      desc = null;
    }

    private String text(int offset, int length, Object value) {
      if (value != null) {
        return value.toString();
      }
      return new String(d.data(), offset, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void number(Field f, int offset, int length, long value) {
      if (f.name().equals("http.response.code") && code == 0) {
        code = (int) value;
      }
    }

    @Override
    public void bytes(Field f, int offset, int length) {
      object(f, offset, length, null);
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      if (f == null) {
        return;
      }
      if (f.name().equals("http.request.method") && method == null) {
        method = text(offset, length, value);
      } else if (f.name().equals("http.response.code.desc") && desc == null) {
        desc = text(offset, length, value);
      }
    }
  }
}
