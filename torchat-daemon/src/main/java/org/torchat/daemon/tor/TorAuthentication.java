package org.torchat.daemon.tor;

import java.nio.file.Path;
import java.util.Objects;

/** How we authenticate to a tor's control port. */
public sealed interface TorAuthentication {

    /**
     * The 32-byte cookie in {@code file} ({@code CookieAuthentication 1}; tor writes {@code control_auth_cookie}),
     * used with SAFECOOKIE only: tor proves it knows the cookie first, and the cookie itself is never sent.
     */
    static TorAuthentication cookie(Path file) {
        return new Cookie(file);
    }

    /**
     * A {@code HashedControlPassword} password, the user's explicit choice: sent (hex) to a port that asks for a
     * password, which cannot prove it is tor first; prefer the cookie.
     */
    static TorAuthentication password(String password) {
        return new Password(password);
    }

    /**
     * SAFECOOKIE with the cookie file tor names in {@code PROTOCOLINFO}. A port that asks for no authentication is
     * refused: it could be anyone.
     */
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
