package io.peeros.container.lxc.internal.quota;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component configuration annotation from a map, defaults for the rest, as SCR would. */
public final class Configs {

    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(Configs.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> type;
                        case "toString" -> type.getSimpleName() + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                }));
    }
}
