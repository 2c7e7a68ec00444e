package dev.resilientsession.lab.fleet;

/**
 * A deterministic slice of a fleet, for fleets larger than one machine: shard {@code index} of
 * {@code count} plays the devices of every user whose position in the scenario's user list leaves
 * remainder {@code index} when divided by {@code count}. A user's devices stay together, so events
 * about a user happen on one shard; events about the whole gateway (clock, faults) on shard 0.
 */
public record Shard(int index, int count) {
  public static final Shard WHOLE = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("a shard is INDEX/COUNT with 0 <= INDEX < COUNT, was " + index + "/" + count);
    }
  }

  /** Parses {@code "INDEX/COUNT"}, such as {@code "0/4"}. */
  public static Shard parse(String text) {
    int slash = text.indexOf('/');
    try {
      if (slash > 0) return new Shard(Integer.parseInt(text.substring(0, slash).strip()),
          Integer.parseInt(text.substring(slash + 1).strip()));
    } catch (NumberFormatException e) {
      // refused below, with the expected form
    }
    throw new IllegalArgumentException("a shard is INDEX/COUNT such as 0/4, was '" + text + "'");
  }

  public boolean owns(int userPosition) {
    return userPosition % count == index;
  }

  /** Whether this shard plays the events that touch the whole gateway. */
  public boolean playsGatewayEvents() {
    return index == 0;
  }

  public boolean isWhole() {
    return count == 1;
  }

  @Override public String toString() {
    return index + "/" + count;
  }
}
