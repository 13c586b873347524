package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.global.GlobalSettings;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.List;

/**
 * What a server goes back to before each test: its stubs, oldest first (so that, of two stubs that
 * match equally, the newer still wins after a reset), and its global settings (such as a fixed
 * delay).
 */
record Baseline(List<StubMapping> stubs, GlobalSettings globalSettings) {}
