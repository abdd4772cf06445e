package io.peeros.container.lxc.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a {@link LxcContainerManager.Config} from a map, defaults for the rest, as SCR would. */
final class TestConfig {

    private TestConfig() {
    }

    static LxcContainerManager.Config of(Map<String, Object> values) {
        return (LxcContainerManager.Config) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] {LxcContainerManager.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> LxcContainerManager.Config.class;
                        case "toString" -> "Config" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
