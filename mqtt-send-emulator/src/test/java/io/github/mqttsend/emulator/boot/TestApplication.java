package io.github.mqttsend.emulator.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with nothing but auto-configuration: the starter's template, as a user's app gets it. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

}
