package io.customerinsight.simulate;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.FeedbackEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generates realistic behaviour for a population of customers, session by session in time order.
 * Churners drift (fewer sessions, abandoned carts, support contacts, negative feedback) and then go silent;
 * while they drift, a visit they skip is often a complaint instead (a support contact, often angry feedback);
 * some churn with no warning at all, and some loyal customers take quiet spells, so the churn signal is
 * real but partly hidden in noise. Deterministic for a given seed.
 */
public final class ActivitySimulator {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final int CATALOGUE = 2000;
    private static final int TASTE = 200;
    private static final String[] CATEGORIES = {"dresses", "tops", "shoes", "bags", "jeans", "jackets", "accessories"};

    /** A kind of customer: its share (cumulative, {@code upTo}), session rate per day, cart and buy rates, basket. */
    private record Persona(String name, double upTo, double sessions, double sessionsSpread, double cart, double buy,
                           double basket, double basketSpread) {
    }

    private static final List<Persona> PERSONAS = List.of(
            new Persona("loyal", 0.25, 0.8, 0.8, 0.45, 0.7, 60, 80),
            new Persona("regular", 0.65, 0.3, 0.4, 0.35, 0.55, 40, 50),
            new Persona("occasional", 0.85, 0.08, 0.15, 0.3, 0.5, 30, 40),
            new Persona("bargain_hunter", 1.0, 0.3, 0.5, 0.5, 0.3, 20, 25));

    private final SplittableRandom rnd;
    private final PriorityQueue<SimulatedCustomer> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.nextSessionAt, b.nextSessionAt));
    private final List<SimulatedCustomer> customers = new ArrayList<>();
    private long eventSeq;

    /**
     * @param customers     population size
     * @param start         simulated time of the first activity (epoch ms)
     * @param churnWindow   churners go silent at a time spread uniformly over [start + 7d, start + churnWindow]
     * @param churnFraction share of customers who churn
     */
    public ActivitySimulator(int customers, long start, long churnWindow, double churnFraction, long seed) {
        this.rnd = new SplittableRandom(seed);
        for (int i = 0; i < customers; i++) {
            // Most customers exist from the start; the others sign up over the first half of the window.
            long joinAt = rnd.nextDouble() < 0.6 ? start : start + (long) (rnd.nextDouble() * churnWindow / 2);
            SimulatedCustomer c = newCustomer(String.format("cust-%06d", i), joinAt, churnWindow, churnFraction);
            c.nextSessionAt = joinAt + (long) (rnd.nextDouble() * DAY / Math.max(0.05, c.sessionsPerDay));
            this.customers.add(c);
            queue.add(c);
        }
    }

    private SimulatedCustomer newCustomer(String id, long start, long churnWindow, double churnFraction) {
        double p = rnd.nextDouble();
        Persona persona = PERSONAS.stream().filter(x -> p < x.upTo()).findFirst().orElseThrow();
        double sessions = persona.sessions() + rnd.nextDouble() * persona.sessionsSpread();
        double basket = persona.basket() + rnd.nextDouble() * persona.basketSpread();
        String language = rnd.nextDouble() < 0.35 ? "zh" : "en";
        boolean churns = rnd.nextDouble() < churnFraction;
        long churnAt = churns ? start + 7 * DAY + (long) (rnd.nextDouble() * Math.max(DAY, churnWindow - 7 * DAY))
                : Long.MAX_VALUE;
        boolean silent = churns && rnd.nextDouble() < 0.3;
        double drift = silent ? 0 : 7 + rnd.nextDouble() * 21;
        SimulatedCustomer c = new SimulatedCustomer(id, persona.name(), language, sessions, persona.cart(),
                persona.buy(), basket,
                0.03 + rnd.nextDouble() * 0.05, churnAt, drift, churns && rnd.nextDouble() < 0.4);
        if (!churns && rnd.nextDouble() < 0.2) {
            c.quietFrom = start + (long) (rnd.nextDouble() * churnWindow);
            c.quietTo = c.quietFrom + (5 + rnd.nextInt(12)) * DAY;
        }
        return c;
    }

    /** The simulated time of the next session, or {@code Long.MAX_VALUE} when everyone has churned. */
    public long peekTime() {
        SimulatedCustomer c = queue.peek();
        return c == null ? Long.MAX_VALUE : c.nextSessionAt;
    }

    /** The events of the next session in time order (possibly none if the customer skipped it). */
    public List<SimulatedEvent> nextSession() {
        SimulatedCustomer c = queue.poll();
        if (c == null) {
            return List.of();
        }
        List<SimulatedEvent> out = new ArrayList<>();
        long t = c.nextSessionAt;
        double drift = c.drift(t);
        if (t >= c.churnAt) {
            if (c.cancelsExplicitly) {
                out.add(click(c, "subscription_cancel", t, "s-" + c.id + "-cancel", null, null, null));
            }
            return out; // silent from now on: never re-queued
        }
        // Thinning: fewer sessions as the drift grows, none during a quiet spell.
        boolean skip = c.quiet(t) || rnd.nextDouble() < drift * 0.8;
        if (!skip) {
            session(c, t, drift, out);
        } else if (drift > 0 && rnd.nextDouble() < 0.6 * drift) {
            // an unhappy customer who no longer shops still complains: a support contact, often with angry
            // feedback, where a visit would have been
            String session = "s-" + c.id + "-" + c.sessions++;
            out.add(click(c, "support_contact", t, session, null, null, null));
            if (rnd.nextDouble() < 0.6) {
                out.add(feedback(c, t + step(), Math.max(drift, 0.8)));
            }
        }
        double gapDays = -Math.log(1 - rnd.nextDouble()) / c.sessionsPerDay;
        c.nextSessionAt = t + Math.max(10 * MINUTE, (long) (gapDays * DAY));
        queue.add(c);
        return out;
    }

    private void session(SimulatedCustomer c, long start, double drift, List<SimulatedEvent> out) {
        String session = "s-" + c.id + "-" + c.sessions++;
        long t = start;
        if (rnd.nextDouble() < 0.5) {
            out.add(click(c, "login", t, session, null, null, null));
        }
        int views = 1 + poisson(3 * (1 - 0.5 * drift));
        String product = null;
        String category = CATEGORIES[rnd.nextInt(CATEGORIES.length)];
        for (int i = 0; i < views; i++) {
            t += step();
            String type = rnd.nextDouble() < 0.3 ? "search" : rnd.nextDouble() < 0.5 ? "page_view" : "product_view";
            if (type.equals("product_view")) {
                product = product(c, rnd.nextInt(CATALOGUE));
            }
            out.add(click(c, type, t, session, type.equals("product_view") ? product : null, category, null));
        }
        if (rnd.nextDouble() < c.cartRate) {
            product = product == null ? product(c, rnd.nextInt(CATALOGUE)) : product;
            t += step();
            out.add(click(c, "add_to_cart", t, session, product, category, null));
            double buy = c.buyRate * (1 - 0.7 * drift);
            if (rnd.nextDouble() < buy) {
                t += step();
                out.add(click(c, "checkout", t, session, null, null, null));
                t += step();
                double amount = Math.round(c.basket * (0.5 + rnd.nextDouble()) * 100) / 100.0;
                out.add(click(c, "purchase", t, session, product, category, amount));
            } else if (rnd.nextDouble() < 0.3) {
                t += step();
                out.add(click(c, "remove_from_cart", t, session, product, category, null));
            }
        }
        double support = 0.02 + 0.25 * drift;
        if (rnd.nextDouble() < support) {
            t += step();
            out.add(click(c, "support_contact", t, session, null, null, null));
        }
        if (rnd.nextDouble() < c.feedbackRate + 0.25 * drift) {
            t += step();
            out.add(feedback(c, t, drift));
        }
        if (rnd.nextDouble() < 0.01) {
            out.add(click(c, "wishlist_add", t + step(), session, product, category, null)); // an unknown type
        }
    }

    /**
     * Customers shop within a taste: ten groups of 200 products, the first of each group the most often; one
     * draw in five lands anywhere in the catalogue. This gives product suggestions something to learn, as
     * real baskets do, while a customer still sees about as many distinct products as before.
     */
    static String product(SimulatedCustomer c, int draw) {
        if (draw < CATALOGUE / 5) {
            return "p-" + draw * 5;
        }
        int taste = Math.floorMod(c.id.hashCode(), CATALOGUE / TASTE);
        double u = (draw - CATALOGUE / 5) / (CATALOGUE * 0.8);
        return "p-" + (taste * TASTE + (int) (TASTE * Math.pow(u, 1.5)));
    }

    private SimulatedEvent feedback(SimulatedCustomer c, long t, double drift) {
        double negative = 0.1 + 0.7 * drift;
        double u = rnd.nextDouble();
        int polarity = u < negative ? -1 : u < negative + 0.2 ? 0 : 1;
        String[] channels = {"review", "survey", "support_ticket", "chat", "social"};
        String channel = channels[rnd.nextInt(channels.length)];
        Integer rating = channel.equals("review") || channel.equals("survey")
                ? FeedbackTexts.ratingFor(polarity, rnd) : null;
        return new SimulatedEvent(null, new FeedbackEvent("fb-" + (eventSeq++), c.id, t, channel,
                FeedbackTexts.text(c.language, polarity, rnd), rating, rnd.nextDouble() < 0.5 ? c.language : null));
    }

    private SimulatedEvent click(SimulatedCustomer c, String type, long t, String session, String product,
                                 String category, Double amount) {
        return new SimulatedEvent(new ClickEvent("ev-" + (eventSeq++), c.id, type, t, session, product, category,
                amount, amount == null ? null : "EUR", rnd.nextDouble() < 0.6 ? "mobile" : "web"), null);
    }

    private long step() {
        return 15_000 + (long) (rnd.nextDouble() * 90_000);
    }

    private int poisson(double mean) {
        double l = Math.exp(-Math.max(0.1, mean));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** How many customers the population has, and how many of them churn (ground truth for reports). */
    public int size() {
        return customers.size();
    }

    public long churners() {
        return customers.stream().filter(SimulatedCustomer::churner).count();
    }
}
