package io.netsift.core.analysis;

/**
 * Turns a tshark {@code -z} argument ({@code io,phs}, {@code conv,tcp}, {@code follow,tcp,ascii,0}
 * ...) into the {@link Tap} that computes it.
 */
public final class Taps {
  private Taps() {}

  /**
   * The tap {@code spec} names.
   *
   * @throws IllegalArgumentException for an argument no tap understands, with a message that
   *     says what is wrong
   */
  public static Tap create(String spec) {
    // -- statistics taps (helper stats) --
    if (spec.equals("io,phs") || spec.startsWith("io,phs,")) {
      return ProtocolHierarchy.parse(spec.substring("io,phs".length()));
    }
    if (spec.startsWith("io,stat,")) {
      return IoStat.parse(spec.substring("io,stat,".length()));
    }
    if (spec.startsWith("conv,") || spec.startsWith("endpoints,")) {
      boolean conv = spec.startsWith("conv,");
      String rest = spec.substring(spec.indexOf(',') + 1);
      int comma = rest.indexOf(',');
      String type = comma < 0 ? rest : rest.substring(0, comma);
      String filter = comma < 0 ? null : rest.substring(comma + 1);
      return conv ? Conversations.of(type, filter) : Endpoints.of(type, filter);
    }
    if (spec.equals("http,tree") || spec.startsWith("http,tree,")) {
      return HttpTree.parse(spec.substring("http,tree".length()));
    }
    if (spec.equals("dns,tree") || spec.startsWith("dns,tree,")) {
      return DnsTree.parse(spec.substring("dns,tree".length()));
    }
    if (spec.equals("expert") || spec.startsWith("expert,")) {
      return ExpertTap.parse(spec.substring("expert".length()));
    }
    // -- end statistics taps --
    // -- follow taps (helper follow) --
    if (spec.startsWith("follow,")) {
      return FollowTap.parse(spec.substring("follow,".length()));
    }
    // -- end follow taps --
    throw new IllegalArgumentException("invalid -z argument \"" + spec + "\"");
  }
}
