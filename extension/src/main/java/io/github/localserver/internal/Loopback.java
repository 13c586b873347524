package io.github.localserver.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses bind addresses without ever asking DNS: only literals are looked at, and only loopback
 * ones (127.0.0.0/8, ::1) pass. {@code localhost} is taken to mean 127.0.0.1, never resolved, so a
 * resolver that prefers ::1 (or a hosts file that says something odd) changes nothing.
 */
final class Loopback {

  static final String ALLOWED = "use 127.0.0.1 (or any 127.0.0.0/8 address), ::1 or localhost";

  /** What to write instead of a short or non-decimal form such as {@code 127.1}. */
  static final String FULL_FORMS =
      "write loopback addresses as full dotted quads (127.0.0.1 or any 127.x.y.z), ::1 or localhost";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private Loopback() {}

  /** The loopback address the value names, or empty when it names anything else. */
  static Optional<InetAddress> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String host = value.trim();
    if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
      host = "127.0.0.1";
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (IPV4.matcher(host).matches()) {
      byte[] bytes = new byte[4];
      String[] parts = host.split("\\.");
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(parts[i]);
        if (part > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) part;
      }
      return bytes[0] == 127 ? Optional.of(byAddress(bytes)) : Optional.empty();
    }
    if (IPV6.matcher(host).matches()) {
      try {
        // A literal with a colon is parsed, never looked up.
        InetAddress address = InetAddress.getByName(host);
        return address.isLoopbackAddress() ? Optional.of(address) : Optional.empty();
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The error for a host that {@link #parse} does not take: {@code 127.1} is loopback, only not
   * written in a form LocalServer takes, so say which forms it takes; anything else is not loopback.
   *
   * @param described the value as declared, e.g. {@code @LocalServer(host = "0.0.0.0")}
   */
  static org.junit.jupiter.api.extension.ExtensionConfigurationException badHost(String described, String value) {
    return new org.junit.jupiter.api.extension.ExtensionConfigurationException(
        isOtherLoopbackForm(value)
            ? described + " is not an accepted form: " + FULL_FORMS
            : described + " is not a loopback address; " + ALLOWED);
  }

  /**
   * Whether the value is a loopback address in a form that {@link #parse} does not take: fewer
   * than four parts ({@code 127.1}, {@code 127.0.1}), one number ({@code 2130706433}), or octal
   * and hex parts ({@code 0177.0.0.1}, {@code 0x7f.0.0.1}), as C's {@code inet_aton} reads them.
   * Such a value is not "not loopback": the message must say which forms are accepted.
   */
  static boolean isOtherLoopbackForm(String value) {
    if (value == null) {
      return false;
    }
    String[] parts = value.trim().split("\\.", -1);
    if (parts.length > 4) {
      return false;
    }
    long[] numbers = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      try {
        if (part.matches("0[xX][0-9a-fA-F]+")) {
          numbers[i] = Long.parseLong(part.substring(2), 16);
        } else if (part.matches("0[0-7]+")) {
          numbers[i] = Long.parseLong(part, 8);
        } else if (part.matches("[0-9]+")) {
          numbers[i] = Long.parseLong(part);
        } else {
          return false;
        }
      } catch (NumberFormatException e) {
        return false; // too long for any address
      }
    }
    for (int i = 0; i < numbers.length - 1; i++) {
      if (numbers[i] > 255) {
        return false;
      }
    }
    // The last part fills the bytes that the parts before it left.
    long last = numbers[numbers.length - 1];
    if (last >= 1L << (8 * (5 - numbers.length))) {
      return false;
    }
    long firstByte = numbers.length == 1 ? last >>> 24 : numbers[0];
    return firstByte == 127;
  }

  /** The address as it appears in a URL's host: {@code 127.0.0.1}, {@code [::1]}. */
  static String urlHost(InetAddress address) {
    String literal = literal(address);
    return address instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  /** The address as a plain literal: {@code 127.0.0.1}, {@code ::1}. */
  static String literal(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    return "::1";
  }

  private static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always a valid IPv4 address
    }
  }
}
