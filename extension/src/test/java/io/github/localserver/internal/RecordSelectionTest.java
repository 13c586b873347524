package io.github.localserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing {@code localserver.record}: off unless asked, {@code all}, or server names. */
class RecordSelectionTest {

  @Test
  void nothingRecordsByDefault() {
    RecordSelection selection = RecordSelection.parse(Optional.empty());
    assertThat(selection.includes("")).isFalse();
    assertThat(selection.includes("rates")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"all", "ALL", " true ", "True"})
  void allAndTrueRecordEveryServerTheDefaultOneToo(String value) {
    RecordSelection selection = RecordSelection.parse(Optional.of(value));
    assertThat(selection.includes("")).isTrue();
    assertThat(selection.includes("rates")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "NONE", " none "})
  void falseAndNoneReplay(String value) {
    assertThat(RecordSelection.parse(Optional.of(value)).includes("rates")).isFalse();
  }

  @Test
  void namesRecordThoseServersOnly() {
    RecordSelection selection = RecordSelection.parse(Optional.of(" rates , payments"));
    assertThat(selection.includes("rates")).isTrue();
    assertThat(selection.includes("payments")).isTrue();
    assertThat(selection.includes("orders")).isFalse();
    assertThat(selection.includes("")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",", "rates,", "rates,,fx"})
  void anEmptyNameIsAnError(String value) {
    assertThatThrownBy(() -> RecordSelection.parse(Optional.of(value)))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith("Configuration parameter localserver.record = \"" + value + "\" is not a list of server names");
  }

  @Test
  void slugsAreStableAndShort() {
    assertThat(RecordedExchanges.slug("/v1/Rates/EUR")).isEqualTo("v1-rates-eur");
    assertThat(RecordedExchanges.slug("/")).isEqualTo("root");
    assertThat(RecordedExchanges.slug("/" + "a".repeat(80))).hasSize(60);
  }
}
