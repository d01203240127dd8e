package io.customerinsight.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Waiting.waitFor;

/**
 * What a run delivered, once it settled: every committed alert as its whole record, and the last committed
 * profile of every customer. Two deliveries of the same input are compared on these.
 */
public record SettledOutputs(List<String> alerts, Map<String, String> profiles) {

    /**
     * Waits until every customer has a profile and no new profile has been committed for a few seconds (the
     * last snapshots are taken once the tasks are quiet, and committed within a commit interval), then reads.
     */
    public static SettledOutputs read(String servers, String alertsTopic, String profilesTopic, int customers)
            throws InterruptedException {
        waitFor("a profile for every customer", () -> latest(servers, profilesTopic).size() == customers);
        for (int last = -1, now = 0; now != last; Thread.sleep(3000)) {
            last = now;
            now = CommittedRecords.readAll(servers, profilesTopic).size();
        }
        List<String> alerts = new ArrayList<>();
        CommittedRecords.readAll(servers, alertsTopic)
                .forEach(r -> alerts.add(new String(r.value(), StandardCharsets.UTF_8)));
        return new SettledOutputs(alerts, latest(servers, profilesTopic));
    }

    private static Map<String, String> latest(String servers, String topic) {
        Map<String, String> out = new HashMap<>();
        CommittedRecords.readAll(servers, topic).forEach(r -> {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                out.remove(key); // a tombstone: the customer was deleted after the retention
            } else {
                out.put(key, new String(r.value(), StandardCharsets.UTF_8));
            }
        });
        return out;
    }
}
