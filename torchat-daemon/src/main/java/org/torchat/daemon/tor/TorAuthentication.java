package org.torchat.daemon.tor;

import java.nio.file.Path;
import java.util.Objects;

/** How we authenticate to a tor's control port. */
public sealed interface TorAuthentication {

    /** The 32-byte cookie in {@code file} ({@code CookieAuthentication 1}; tor writes {@code control_auth_cookie}). */
    static TorAuthentication cookie(Path file) {
        return new Cookie(file);
    }

    /** A {@code HashedControlPassword} password. */
    static TorAuthentication password(String password) {
        return new Password(password);
    }

    /** Whatever tor offers in {@code PROTOCOLINFO}: no authentication, or the cookie file it names. */
    static TorAuthentication auto() {
        return Auto.INSTANCE;
    }

    record Cookie(Path file) implements TorAuthentication {
        public Cookie {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return "cookie " + file;
        }
    }

    record Password(String password) implements TorAuthentication {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "password";
        }
    }

    /** Chooses from tor's {@code PROTOCOLINFO} answer. */
    enum Auto implements TorAuthentication {
        INSTANCE;

        @Override
        public String toString() {
            return "the method tor offers";
        }
    }
}
