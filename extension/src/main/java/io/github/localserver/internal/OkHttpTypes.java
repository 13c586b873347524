package io.github.localserver.internal;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Tells OkHttp's injectable types without loading OkHttp: the name is compared first, and the class
 * literal (which loads the class) only when it matches, that is when a test asked for that type. A
 * suite that never asks for OkHttp never loads it, so an OkHttp or Kotlin it cannot use (see {@link
 * ClasspathCheck}) breaks nothing there.
 */
final class OkHttpTypes {

  private OkHttpTypes() {}

  static boolean isClient(Class<?> type) {
    return type.getName().equals("okhttp3.OkHttpClient") && type == OkHttpClient.class;
  }

  static boolean isUrl(Class<?> type) {
    return type.getName().equals("okhttp3.HttpUrl") && type == HttpUrl.class;
  }
}
