package io.peeros.environment.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A blueprint was refused. It carries every error found in the file (at most {@link #MAX_ERRORS}; the
 * message says how many more there were), so an operator can fix them all in one round.
 */
public class BlueprintException extends RuntimeException {

    /** The blueprint is malformed: syntax, unknown or missing field, bad value, limit exceeded. */
    public static final String BLUEPRINT_INVALID = "BLUEPRINT_INVALID";

    /** At most this many errors are kept for one file. */
    public static final int MAX_ERRORS = 50;

    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<BlueprintError> errors;
    private final int omitted;

    /**
     * @param errors the errors found, in the order of the file, not empty
     * @param omitted how many more errors were found and not kept
     */
    public BlueprintException(List<BlueprintError> errors, int omitted) {
        super(message(errors, omitted));
        this.code = BLUEPRINT_INVALID;
        this.errors = List.copyOf(errors);
        this.omitted = omitted;
    }

    /** The stable error code, {@link #BLUEPRINT_INVALID}. */
    public String code() {
        return code;
    }

    /** The errors, in the order of the file. */
    public List<BlueprintError> errors() {
        return errors;
    }

    /** How many more errors were found past {@link #MAX_ERRORS}. */
    public int omitted() {
        return omitted;
    }

    private static String message(List<BlueprintError> errors, int omitted) {
        String all = errors.stream().map(BlueprintError::toString).collect(Collectors.joining("\n"));
        String head = errors.size() + omitted == 1 ? "blueprint invalid: 1 error\n"
                : "blueprint invalid: " + (errors.size() + omitted) + " errors\n";
        return head + all + (omitted > 0 ? "\n(" + omitted + " more not shown)" : "");
    }
}
