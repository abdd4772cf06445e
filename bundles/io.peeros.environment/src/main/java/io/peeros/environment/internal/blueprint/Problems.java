package io.peeros.environment.internal.blueprint;

import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors and warnings of one file; keeps the first {@link BlueprintException#MAX_ERRORS}. */
final class Problems {

    private final String file;
    private final List<BlueprintError> errors = new ArrayList<>();
    private final List<BlueprintError> warnings = new ArrayList<>();
    private int omitted;

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(int line, int column, String path, String message) {
        if (errors.size() < BlueprintException.MAX_ERRORS) {
            errors.add(new BlueprintError(file, line, column, path, message));
        } else {
            omitted++;
        }
    }

    void error(Located at, String path, String message) {
        error(at.line(), at.column(), path, message);
    }

    void warning(Located at, String path, String message) {
        warnings.add(new BlueprintError(file, at.line(), at.column(), path, message));
    }

    boolean any() {
        return !errors.isEmpty();
    }

    List<BlueprintError> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws the errors collected, in the order of the file, if there are any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            List<BlueprintError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(BlueprintError::line).thenComparingInt(BlueprintError::column));
            throw new BlueprintException(sorted, omitted);
        }
    }
}
