package pdrrun.storage;

import java.util.Locale;

/** How an SFTP server's host key is checked against a known_hosts file ({@code storage.host_key_checking}). */
public enum HostKeyChecking {
    /** The key must already be in the known_hosts file; unknown and changed keys are refused. */
    STRICT,
    /**
     * An unknown host's key is recorded in the known_hosts file and accepted (trust on first use);
     * a changed key is refused.
     */
    ACCEPT_NEW;

    /**
     * @param text {@code strict} (or {@code yes}) or {@code accept-new} ({@code accept_new}), any case
     * @throws IllegalArgumentException for anything else, naming the valid values
     */
    public static HostKeyChecking parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (value) {
            case "strict", "yes" -> STRICT;
            case "accept-new" -> ACCEPT_NEW;
            default ->
                throw new IllegalArgumentException(
                        "storage.host_key_checking: '" + text + "' is not one of strict, accept-new");
        };
    }
}
