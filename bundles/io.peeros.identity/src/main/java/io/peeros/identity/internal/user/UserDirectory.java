package io.peeros.identity.internal.user;

import io.peeros.identity.api.UserService;
import java.util.OptionalLong;

/** The user service seen from inside this bundle: also answers the password version tokens are bound to. */
public interface UserDirectory extends UserService {

    /** The version of the user's current password, empty for an unknown user. Never repeats for a name. */
    OptionalLong passwordVersion(String name);
}
