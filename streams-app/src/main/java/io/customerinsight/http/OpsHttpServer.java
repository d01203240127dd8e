package io.customerinsight.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.ops.Health;
import io.customerinsight.query.CustomerLookup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The instance's HTTP port: {@code /metrics} (Prometheus text format), {@code /health/live},
 * {@code /health/ready} and {@code GET /customers/{id}}. The JDK's own server is enough for a handful of
 * low-rate operational endpoints.
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsHttpServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param scrape     the Prometheus exposition of the registry
     * @param health     the current health
     * @param customers  the profile lookup
     * @param limits     what a customer id may be (the event contract's)
     * @param token      the bearer token {@code /customers/{id}} requires, or null for none
     * @param registry   where request counts and latencies are recorded
     */
    public static OpsHttpServer start(InetSocketAddress address, Supplier<String> scrape, Supplier<Health> health,
                                      CustomerLookup customers, ContractLimits limits, String token,
                                      MeterRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/metrics", timed("metrics", registry, exchange ->
                JsonResponses.send(exchange, 200, PROMETHEUS_TEXT, JsonResponses.utf8(scrape.get()))));
        server.createContext("/health/live", timed("health", registry, exchange -> {
            Health h = health.get();
            JsonResponses.send(exchange, h.live() ? 200 : 503, healthBody(h, h.live()));
        }));
        server.createContext("/health/ready", timed("health", registry, exchange -> {
            Health h = health.get();
            JsonResponses.send(exchange, h.ready() ? 200 : 503, healthBody(h, h.ready()));
        }));
        server.createContext(CustomerHandler.PREFIX, timed("customers", registry,
                new CustomerHandler(customers, limits, token)));
        server.createContext("/", timed("unknown", registry, exchange ->
                JsonResponses.error(exchange, 404, "no such endpoint; try /metrics, /health/live, /health/ready "
                        + "or /customers/{id}")));
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "insight-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        log.info("HTTP endpoints on port {}: /metrics /health/live /health/ready /customers/<id> ({})",
                server.getAddress().getPort(), token == null
                        ? "no token asked: set insight.http.customers.token, or protect the port another way"
                        : "a bearer token asked");
        return new OpsHttpServer(server, executor);
    }

    private static Map<String, Object> healthBody(Health h, boolean up) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("streams", h.streamsState().name());
        body.put("models", h.modelsLoaded() ? "loaded" : "missing");
        if (h.reason() != null) {
            body.put("reason", h.reason());
        }
        return body;
    }

    private static HttpHandler timed(String route, MeterRegistry registry, HttpHandler handler) {
        return exchange -> {
            long start = System.nanoTime();
            try {
                handler.handle(exchange);
            } catch (IOException | RuntimeException e) {
                log.warn("{} request failed: {}", route, e.toString());
                if (exchange.getResponseCode() == -1) {
                    JsonResponses.error(exchange, 500, "internal error");
                }
            } finally {
                Timer.builder("insight.http.requests").description("Requests to the HTTP endpoints")
                        .tags("route", route, "status", Integer.toString(exchange.getResponseCode()))
                        .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                exchange.close();
            }
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
