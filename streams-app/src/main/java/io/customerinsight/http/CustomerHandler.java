package io.customerinsight.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.query.CustomerLookup;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /customers/{id}}: the live profile from the instance that owns the customer. A request that
 * reaches another instance is forwarded once to the owner; a forwarded request is never forwarded again
 * (ownership moved meanwhile: 503, the client retries). When the owner does not answer (stopped, its
 * tasks not yet moved), a local standby copy answers, marked {@code X-Insight-Stale: standby}.
 * <p>
 * Profiles are personal data: with a token set, a request without {@code Authorization: Bearer <token>}
 * gets 401 before anything is looked up, and a forwarded request carries the caller's header on.
 */
final class CustomerHandler implements HttpHandler {
    static final String PREFIX = "/customers/";
    static final String FORWARDED_BY = "X-Insight-Forwarded-By";
    /** Set when the answer comes from a standby copy because the owner did not answer. */
    static final String STALE = "X-Insight-Stale";

    private final CustomerLookup lookup;
    private final ContractLimits limits;
    /** the Authorization header a request must carry, as bytes for a comparison in constant time; or null */
    private final byte[] expectedAuthorization;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    CustomerHandler(CustomerLookup lookup, ContractLimits limits, String token) {
        this.lookup = lookup;
        this.limits = limits;
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            JsonResponses.error(exchange, 405, "only GET is supported");
            return;
        }
        if (!authorized(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"customer profiles\"");
            JsonResponses.error(exchange, 401, "customer profiles need the header Authorization: Bearer <token> "
                    + "(insight.http.customers.token)");
            return;
        }
        String rawId = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
        String id;
        try {
            id = URLDecoder.decode(rawId.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            JsonResponses.error(exchange, 400, "the customer id is not valid URL encoding");
            return;
        }
        String problem = limits.idProblem(id);
        if (problem != null) {
            JsonResponses.error(exchange, 400, "the customer id " + problem);
            return;
        }
        CustomerLookup.Result result = lookup.lookup(id);
        if (result instanceof CustomerLookup.Result.Found found) {
            JsonResponses.send(exchange, 200, found.profile());
        } else if (result instanceof CustomerLookup.Result.OwnedBy owner) {
            forward(exchange, owner.host(), rawId, id);
        } else if (result instanceof CustomerLookup.Result.Unavailable unavailable) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            JsonResponses.error(exchange, 503, unavailable.reason());
        } else {
            JsonResponses.send(exchange, 404, Map.of("status", 404, "error", "customer not found", "customerId", id));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        if (expectedAuthorization == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private void answerFromStandby(HttpExchange exchange, String id, HostInfo owner) throws IOException {
        Optional<CustomerProfile> copy = lookup.standbyCopy(id);
        if (copy.isPresent()) {
            exchange.getResponseHeaders().set(STALE, "standby");
            JsonResponses.send(exchange, 200, copy.get());
        } else {
            exchange.getResponseHeaders().set("Retry-After", "1");
            JsonResponses.error(exchange, 502, "the instance that owns this customer (" + owner.host() + ":"
                    + owner.port() + ") did not answer and this instance has no standby copy");
        }
    }

    private void forward(HttpExchange exchange, HostInfo owner, String rawId, String id) throws IOException {
        if (exchange.getRequestHeaders().containsKey(FORWARDED_BY)) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            JsonResponses.error(exchange, 503, "the customer moved to another instance while the request was "
                    + "forwarded; retry");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + owner.host() + ":"
                        + owner.port() + PREFIX + rawId))
                .timeout(Duration.ofSeconds(5))
                .header(FORWARDED_BY, String.valueOf(lookup.self()));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            JsonResponses.error(exchange, 503, "interrupted while forwarding to the owner instance");
            return;
        } catch (IOException e) {
            answerFromStandby(exchange, id, owner);
            return;
        }
        if (response.statusCode() == 503) { // the owner is shutting down or restoring
            answerFromStandby(exchange, id, owner);
            return;
        }
        exchange.getResponseHeaders().set("X-Insight-Served-By", owner.host() + ":" + owner.port());
        response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
        JsonResponses.send(exchange, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(JsonResponses.JSON), response.body());
    }
}
