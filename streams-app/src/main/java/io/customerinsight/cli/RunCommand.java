package io.customerinsight.cli;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.ops.InsightMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline against a Kafka cluster until stopped (SIGTERM or Ctrl-C).")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        InsightMetrics metrics = new InsightMetrics(new SimpleMeterRegistry());
        InsightApplication app = InsightApplication.create(options.resolve(), metrics);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "insight-shutdown"));
        app.start();
        stopped.await();
        return 0;
    }
}
