package io.peeros.identity.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component property type (a config annotation) from a map, as DS would; defaults fill the rest. */
public final class Configs {

    private Configs() {
    }

    public static <A extends Annotation> A of(Class<A> type) {
        return of(type, Map.of());
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return values.hashCode();
                case "equals":
                    return self == args[0];
                default:
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
            }
        });
        return type.cast(proxy);
    }
}
