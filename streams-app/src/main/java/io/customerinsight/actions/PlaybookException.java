package io.customerinsight.actions;

/** A playbook that cannot be used: the message names the file and the line. */
public final class PlaybookException extends RuntimeException {
    public PlaybookException(String message) {
        super(message);
    }
}
