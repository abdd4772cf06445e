package io.peeros.container.template.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a typed configuration from a map, as DS would, falling back to the annotation's defaults. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> type;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "Config" + values;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                }));
    }
}
