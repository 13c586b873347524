package io.github.localserver.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Which servers record their API again instead of replaying their recording: the value of {@code
 * localserver.record}. Recording is never the default, so that a CI build cannot re-record (and
 * reach the network) by accident.
 *
 * @param all whether every server with a recording records
 * @param names the names of the servers that record, when not all do
 */
record RecordSelection(boolean all, Set<String> names) {

  /** Nobody records: replay everywhere. */
  static final RecordSelection NONE = new RecordSelection(false, Set.of());

  /**
   * Parses {@code true}/{@code all}, {@code false}/{@code none} (any case), or a comma-separated
   * list of server names.
   *
   * @throws ExtensionConfigurationException for a list with an empty name
   */
  static RecordSelection parse(Optional<String> value) {
    if (value.isEmpty()) {
      return NONE;
    }
    String trimmed = value.get().trim();
    switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "true", "all":
        return new RecordSelection(true, Set.of());
      case "false", "none":
        return NONE;
      default:
        break;
    }
    Set<String> names = Arrays.stream(trimmed.split(",", -1)).map(String::trim).collect(Collectors.toSet());
    if (names.contains("")) {
      throw new ExtensionConfigurationException(
          RunConfiguration.described(ConfigurationKeys.RECORD, value.get())
              + " is not a list of server names; use all (or true) to record every server that has a recording,"
              + " a comma-separated list of server names (rates,payments), or false to replay");
    }
    return new RecordSelection(false, Set.copyOf(names));
  }

  /** Whether the server of this name records. */
  boolean includes(String name) {
    return all || names.contains(name);
  }
}
