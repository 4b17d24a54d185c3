package org.torchat.protocol.backup;

/**
 * A backup file cannot be used: not a backup, the wrong passphrase, damaged or truncated. The message is the one line
 * the user sees; {@link #kind()} lets a program tell them apart.
 */
public final class BackupException extends Exception {
    /** Why the backup was refused. */
    public enum Kind {
        NOT_A_BACKUP,
        WRONG_PASSPHRASE,
        DAMAGED,
        TRUNCATED,
        UNSUPPORTED
    }

    private final Kind kind;

    public BackupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
