package io.customerinsight.topology.internals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the clickstream types the features do not know, once each: the metric counts them all as
 * {@code unknown}, and a producer's misspelt {@code purchse} is otherwise invisible. At most
 * {@value #MAX_NAMES} names are logged per topology (once per start of the app), so that a producer
 * writing ids into the type field cannot fill the log.
 */
public final class UnknownTypeLog {
    static final int MAX_NAMES = 20;
    private static final int MAX_NAME_CHARS = 64;
    private static final Logger log = LoggerFactory.getLogger(UnknownTypeLog.class);

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** @return whether this name was logged now (its first sighting, within the limit) */
    public boolean seen(String topic, String type) {
        if (logged.size() >= MAX_NAMES || logged.contains(type) || !logged.add(type)) {
            return false;
        }
        String shown = type.length() > MAX_NAME_CHARS ? type.substring(0, MAX_NAME_CHARS) + "..." : type;
        log.warn("{} events of type '{}' are not a type the features know: accepted and counted as unknown "
                + "(insight_events_consumed_total{type=\"unknown\"}){}", topic, shown,
                logged.size() == MAX_NAMES ? "; further unknown types are counted without being named" : "");
        return true;
    }
}
