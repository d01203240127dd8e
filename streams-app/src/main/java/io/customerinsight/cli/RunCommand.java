package io.customerinsight.cli;

import io.customerinsight.app.InsightApplication;
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
        InsightApplication app = InsightApplication.create(options.resolve());
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
