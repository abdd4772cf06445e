package io.peeros.identity.internal.user;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import io.peeros.identity.internal.Secrets;
import io.peeros.identity.internal.vault.KeyVault;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of this peer, kept in {@code users.json} with scrypt password hashes. The owner's password is
 * also the secret that wraps the vault key, so changing it rewraps the vault.
 */
@Component(name = UserServiceImpl.PID, service = {io.peeros.identity.api.UserService.class, UserDirectory.class})
@Designate(ocd = UserServiceImpl.Config.class)
public final class UserServiceImpl implements UserDirectory {

    public static final String PID = "io.peeros.identity.Users";
    private static final Logger LOG = LoggerFactory.getLogger(UserServiceImpl.class);

    @ObjectClassDefinition(name = "PeerOS users", description = "Password policy of the peer's users")
    public @interface Config {
        @AttributeDefinition(name = "Minimum password length", description = "At least 8", min = "8")
        int minPasswordLength() default PasswordPolicy.MIN_LENGTH;
    }

    private final KeyVault vault;
    private final Path dir;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final LoginThrottle throttle;
    private final String decoyHash;
    private volatile int minPasswordLength;
    private volatile UsersFile users;

    @Activate
    public UserServiceImpl(@Reference(name = "vault") KeyVault vault, Config config) {
        this(vault, config, Clock.systemUTC());
    }

    UserServiceImpl(KeyVault vault, Config config, Clock clock) {
        this.vault = vault;
        this.dir = vault.stateDir();
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
        this.minPasswordLength = config.minPasswordLength();
        char[] decoy = new char[16];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < decoy.length; i++) {
            decoy[i] = (char) ('a' + random.nextInt(26));
        }
        this.decoyHash = hasher.hash(decoy);
        this.users = loadOrBootstrap();
    }

    @Modified
    void modified(Config config) {
        minPasswordLength = config.minPasswordLength();
    }

    @Override
    public synchronized User add(String name, char[] password, Role role) {
        PasswordPolicy.checkName(name);
        if (role == null) {
            throw new IdentityException("ROLE_UNKNOWN", "a role is required: use admin, operator or viewer");
        }
        if (record(name).isPresent()) {
            throw new IdentityException("USER_EXISTS", "user '" + name + "' already exists");
        }
        PasswordPolicy.checkPassword(name, password, minPasswordLength);
        UserRecord added = new UserRecord(name, role.id(), clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                hasher.hash(password), users.sequence() + 1);
        List<UserRecord> list = new ArrayList<>(users.users());
        list.add(added);
        store(new UsersFile(1, added.passwordVersion(), list));
        LOG.info("Added user '{}' with role {}", name, role.id());
        return added.toUser();
    }

    @Override
    public synchronized void remove(String name) {
        UserRecord existing = record(name).orElseThrow(() -> unknown(name));
        if (OWNER.equals(existing.name())) {
            throw new IdentityException("USER_IS_OWNER", "user '" + OWNER + "' is the owner of this peer and cannot be removed");
        }
        List<UserRecord> list = new ArrayList<>(users.users());
        list.remove(existing);
        store(new UsersFile(1, users.sequence(), list));
        LOG.info("Removed user '{}'", name);
    }

    @Override
    public synchronized void changePassword(String name, char[] newPassword) {
        UserRecord existing = record(name).orElseThrow(() -> unknown(name));
        PasswordPolicy.checkPassword(name, newPassword, minPasswordLength);
        UsersFile before = users;
        long version = before.sequence() + 1;
        store(replace(before, version, r -> r.name().equals(name) ? r.withPassword(hasher.hash(newPassword), version) : r));
        if (OWNER.equals(existing.name())) {
            try {
                vault.rewrap(newPassword);
            } catch (RuntimeException e) {
                // Keep the owner password and the vault secret equal: without it the vault would not open.
                store(before);
                throw e;
            }
        }
        LOG.info("Changed the password of user '{}'", name);
    }

    @Override
    public List<User> list() {
        return users.users().stream().map(UserRecord::toUser).sorted(Comparator.comparing(User::name)).toList();
    }

    @Override
    public Optional<User> find(String name) {
        return record(name).map(UserRecord::toUser);
    }

    @Override
    public OptionalLong passwordVersion(String name) {
        return record(name).map(r -> OptionalLong.of(r.passwordVersion())).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<User> authenticate(String name, char[] password) {
        if (name == null || password == null || !throttle.allows(name)) {
            return Optional.empty();
        }
        Optional<UserRecord> found = record(name);
        // Unknown names cost one scrypt too, so timing does not tell which names exist.
        boolean matches = hasher.verify(password, found.map(UserRecord::password).orElse(decoyHash));
        if (matches && found.isPresent()) {
            throttle.succeeded(name);
            return found.map(UserRecord::toUser);
        }
        throttle.failed(name);
        return Optional.empty();
    }

    private UsersFile loadOrBootstrap() {
        UsersFile loaded;
        try {
            loaded = UsersFile.load(dir).orElse(new UsersFile(1, 0, List.of()));
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot read " + dir.resolve(UsersFile.NAME) + ": " + e.getMessage(), e);
        }
        Optional<UserRecord> owner = loaded.users().stream().filter(r -> OWNER.equals(r.name())).findFirst();
        if (owner.isEmpty()) {
            char[] password = vault.claimOwnerPassword();
            try {
                List<UserRecord> list = new ArrayList<>(loaded.users());
                list.add(new UserRecord(OWNER, Role.ADMIN.id(), clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                        hasher.hash(password), loaded.sequence() + 1));
                loaded = new UsersFile(1, loaded.sequence() + 1, list);
            } finally {
                Secrets.wipe(password);
            }
            writeFile(loaded);
            LOG.info("Created the owner account '{}'", OWNER);
        } else if (!Role.ADMIN.id().equals(owner.get().role())) {
            LOG.warn("User '{}' had role '{}' in {}; the owner is always admin", OWNER, owner.get().role(), UsersFile.NAME);
            loaded = replace(loaded, loaded.sequence(), r -> OWNER.equals(r.name())
                    ? new UserRecord(OWNER, Role.ADMIN.id(), r.created(), r.password(), r.passwordVersion()) : r);
            writeFile(loaded);
        }
        return loaded;
    }

    private static UsersFile replace(UsersFile file, long sequence, UnaryOperator<UserRecord> change) {
        return new UsersFile(1, sequence, file.users().stream().map(change).toList());
    }

    private Optional<UserRecord> record(String name) {
        return users.users().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private void store(UsersFile file) {
        writeFile(file);
        users = file;
    }

    private void writeFile(UsersFile file) {
        try {
            file.save(dir);
        } catch (IOException e) {
            throw new IdentityException("STATE_IO", "cannot write " + dir.resolve(UsersFile.NAME) + ": " + e.getMessage(), e);
        }
    }

    private static IdentityException unknown(String name) {
        return new IdentityException("USER_UNKNOWN", "there is no user '" + name + "'");
    }
}
