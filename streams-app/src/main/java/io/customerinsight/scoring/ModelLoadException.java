package io.customerinsight.scoring;

/** A model that cannot be used; the message tells the user what to do about it. */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
