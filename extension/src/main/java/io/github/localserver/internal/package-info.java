/**
 * LocalServer's implementation. <strong>Not API:</strong> anything here may change or vanish in
 * any release; use only the types of {@code io.github.localserver}.
 */
package io.github.localserver.internal;
