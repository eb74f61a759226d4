package pdrrun.storage;

import com.hierynomus.sshj.transport.cipher.GcmCipher;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import java.util.List;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * The SSH AES-GCM ciphers ({@code aes128-gcm@openssh.com}, {@code aes256-gcm@openssh.com}) on the
 * JDK's own AES-GCM. sshj asks BouncyCastle for every cipher once BouncyCastle is on the class path
 * (it always is: sshj depends on it), and BouncyCastle's AES is plain Java: about 110 MB/s, where
 * the JDK's AES-GCM runs on the CPU's AES and carry-less multiply instructions at several GB/s
 * (once the server compiler has compiled it; see the launcher). Only the provider differs: the
 * packet format, nonce counter and tag are sshj's {@link GcmCipher}. Stateless factories; each
 * cipher instance belongs to one direction of one connection.
 */
final class JdkGcmCiphers {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;

    private JdkGcmCiphers() {}

    /** aes128 before aes256, in OpenSSH's order: 10 AES rounds a block instead of 14. */
    static List<Factory.Named<Cipher>> factories() {
        return List.of(new JdkFactory("aes128-gcm@openssh.com", 16), new JdkFactory("aes256-gcm@openssh.com", 32));
    }

    private record JdkFactory(String name, int keyBytes) implements Factory.Named<Cipher> {
        @Override
        public Cipher create() {
            return new JdkGcmCipher(keyBytes);
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class JdkGcmCipher extends GcmCipher {
        private final int keyBytes;

        JdkGcmCipher(int keyBytes) {
            super(IV_BYTES, TAG_BYTES, keyBytes, "AES", TRANSFORMATION);
            this.keyBytes = keyBytes;
        }

        /** As sshj's init (key and IV cut to size), but the cipher from the JDK's providers. */
        @Override
        public void init(Mode mode, byte[] key, byte[] iv) {
            try {
                // No provider named: the JDK's own come first; sshj appends BouncyCastle last.
                cipher = javax.crypto.Cipher.getInstance(TRANSFORMATION);
                initCipher(cipher, mode, Arrays.copyOf(key, keyBytes), Arrays.copyOf(iv, IV_BYTES));
            } catch (GeneralSecurityException e) {
                cipher = null;
                throw new SSHRuntimeException(e);
            }
        }

        /** The provider of the initialised cipher (for tests). */
        Provider provider() {
            return cipher.getProvider();
        }
    }
}
