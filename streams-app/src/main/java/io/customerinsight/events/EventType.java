package io.customerinsight.events;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The clickstream event types the features understand. Anything else is {@link #UNKNOWN}: accepted and counted. */
public enum EventType {
    PAGE_VIEW("page_view"),
    SEARCH("search"),
    PRODUCT_VIEW("product_view"),
    ADD_TO_CART("add_to_cart"),
    REMOVE_FROM_CART("remove_from_cart"),
    CHECKOUT("checkout"),
    PURCHASE("purchase"),
    LOGIN("login"),
    SUPPORT_CONTACT("support_contact"),
    SUBSCRIPTION_CANCEL("subscription_cancel"),
    /** an order cancelled by the customer or the shop: not the end of a subscription */
    ORDER_CANCEL("order_cancel"),
    /** goods sent back after a purchase; {@code amount} is the value refunded */
    RETURN("return"),
    UNKNOWN("unknown");

    private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();
    private static final EventType[] VALUES = values();

    static {
        for (EventType t : values()) {
            if (t != UNKNOWN) {
                BY_WIRE_NAME.put(t.wireName, t);
            }
        }
    }

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** Whether the event shows a customer using the shop again (browsing, buying, logging in) after a cancel. */
    public boolean comesBack() {
        return switch (this) {
            case PAGE_VIEW, SEARCH, PRODUCT_VIEW, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT, PURCHASE, LOGIN -> true;
            default -> false;
        };
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The name of a known type as this enum holds it, whose hash is computed once: a click's type is looked up
     * several times on its way through the pipeline. An unknown name is returned as it is.
     */
    public static String canonicalWireName(String name) {
        EventType type = fromWire(name);
        return type == UNKNOWN ? name : type.wireName;
    }

    /** The type a wire name means, without regard to case ({@code PURCHASE} is a purchase); anything else is unknown. */
    public static EventType fromWire(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        for (EventType known : VALUES) {
            if (known.wireName == name) { // a canonical name, as parsed clicks hold it: no hash lookup
                return known;
            }
        }
        EventType type = BY_WIRE_NAME.get(name);
        return type != null ? type : BY_WIRE_NAME.getOrDefault(name.toLowerCase(Locale.ROOT), UNKNOWN);
    }
}
