package io.peeros.shell.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.karaf.shell.api.console.Session;

/**
 * A shell session whose user types the given lines, one per {@code readLine}; after the last one the input ends
 * ({@code null}). Records every prompt and mask. Everything else a session does is unsupported here.
 */
public final class ScriptedSession implements InvocationHandler {

    private final Deque<String> lines;
    public final List<String> prompts = new ArrayList<>();
    public final List<Character> masks = new ArrayList<>();

    private ScriptedSession(String... lines) {
        this.lines = new ArrayDeque<>(Arrays.asList(lines));
    }

    public static ScriptedSession typing(String... lines) {
        return new ScriptedSession(lines);
    }

    public Session session() {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "readLine":
                prompts.add((String) args[0]);
                masks.add((Character) args[1]);
                return lines.poll();
            case "toString":
                return "ScriptedSession" + prompts;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                throw new UnsupportedOperationException(method.getName());
        }
    }
}
