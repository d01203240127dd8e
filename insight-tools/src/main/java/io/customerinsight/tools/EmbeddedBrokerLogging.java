package io.customerinsight.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime logs connection failures at WARN, with the broker's address, because a real cluster that does
 * not answer must be visible. An in-JVM broker that is still starting while its clients connect is not news,
 * so the commands that start one (demo, bench) quiet the network client's log for their whole run.
 */
final class EmbeddedBrokerLogging {
    private EmbeddedBrokerLogging() {
    }

    static void quiet() {
        if (LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient") instanceof Logger logback) {
            logback.setLevel(Level.ERROR);
        }
    }
}
