package io.peeros.container.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named container sizes a peer rents out. Each sets a RAM limit, a CPU percent quota and a disk limit;
 * the values are the peer's configuration ({@link QuotaService#sizeClasses()}), by default Subutai's:
 * TINY 256 MiB / 10 % / 4 GiB, SMALL 512 MiB / 25 % / 10 GiB, MEDIUM 1 GiB / 50 % / 20 GiB, LARGE
 * 2 GiB / 75 % / 40 GiB and HUGE 4 GiB / 100 % / 100 GiB.
 */
public enum SizeClass {
    TINY,
    SMALL,
    MEDIUM,
    LARGE,
    HUGE;

    /**
     * The size class named {@code name}, ignoring case.
     *
     * @throws ContainerException {@link ContainerException#INVALID_REQUEST} naming the valid size classes
     */
    public static SizeClass parse(String name) {
        String valid = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
        if (name == null || name.isBlank()) {
            throw new ContainerException(ContainerException.INVALID_REQUEST,
                    "a size class is needed: one of " + valid);
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ContainerException(ContainerException.INVALID_REQUEST,
                    "unknown size class " + name.strip() + ": the size classes are " + valid);
        }
    }
}
