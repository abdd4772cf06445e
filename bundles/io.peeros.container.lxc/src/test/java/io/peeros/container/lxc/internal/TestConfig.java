package io.peeros.container.lxc.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component configuration from a map, defaults for the rest, as SCR would. */
public final class TestConfig {

    private TestConfig() {
    }

    static LxcContainerManager.Config of(Map<String, Object> values) {
        return of(LxcContainerManager.Config.class, values);
    }

    public static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(TestConfig.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> type;
                        case "toString" -> "Config" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                }));
    }
}
