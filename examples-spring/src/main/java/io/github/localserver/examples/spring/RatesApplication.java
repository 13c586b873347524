package io.github.localserver.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot app that converts prices with exchange rates from a remote API. */
@SpringBootApplication
public class RatesApplication {

  /**
   * Starts the app.
   *
   * @param args Spring Boot's command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(RatesApplication.class, args);
  }
}
