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
    // -- end statistics taps --
    // -- follow taps (helper follow) --
    if (spec.startsWith("follow,")) {
      return FollowTap.parse(spec.substring("follow,".length()));
    }
    // -- end follow taps --
    throw new IllegalArgumentException("invalid -z argument \"" + spec + "\"");
  }
}
