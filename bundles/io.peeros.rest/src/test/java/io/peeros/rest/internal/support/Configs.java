package io.peeros.rest.internal.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component property type from a map, as SCR would, falling back to the declared defaults. */
public final class Configs {

    private Configs() {
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = method.getName();
            if (values.containsKey(name)) {
                return values.get(name);
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (name) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> values.hashCode();
                case "equals" -> self == args[0];
                default -> throw new IllegalArgumentException("no value for " + name);
            };
        });
        return type.cast(proxy);
    }
}
