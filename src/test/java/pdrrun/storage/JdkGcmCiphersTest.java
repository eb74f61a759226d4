package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdkGcmCiphersTest {
    private static final int LENGTH_FIELD = 4; // the SSH packet length: authenticated, not encrypted
    private static final int TAG = 16;
    private final Random random = new Random(7);

    @ParameterizedTest
    @ValueSource(strings = {"aes128-gcm@openssh.com", "aes256-gcm@openssh.com"})
    void packetsSealedOnTheJdkOpenWithSshjsOwnCipherAndTheOtherWayRound(String name) {
        byte[] key = bytes(32);
        byte[] iv = bytes(12);
        assertPacketsTravel(ours(name), sshjs(name), key, iv);
        assertPacketsTravel(sshjs(name), ours(name), key, iv);
    }

    @Test
    void aPacketChangedOnTheWayIsRefused() {
        byte[] key = bytes(16);
        byte[] iv = bytes(12);
        Cipher sender = sshjs("aes128-gcm@openssh.com").create();
        Cipher receiver = ours("aes128-gcm@openssh.com").create();
        sender.init(Cipher.Mode.Encrypt, key, iv);
        receiver.init(Cipher.Mode.Decrypt, key, iv);
        byte[] packet = Arrays.copyOf(bytes(LENGTH_FIELD + 64), LENGTH_FIELD + 64 + TAG);
        sender.updateWithAAD(packet, 0, LENGTH_FIELD, 64);
        packet[LENGTH_FIELD + 10] ^= 1;

        assertThatThrownBy(() -> receiver.updateWithAAD(packet, 0, LENGTH_FIELD, 64))
                .isInstanceOf(SSHRuntimeException.class);
    }

    @Test
    void connectionsOfferTheJdkCiphersFirstAndSshjsOwnGcmNoMore() {
        List<Factory.Named<Cipher>> offered = SftpConnection.config().getCipherFactories();

        assertThat(offered.stream().map(Factory.Named::getName).toList())
                .startsWith("aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr")
                .doesNotHaveDuplicates();
        JdkGcmCiphers.JdkGcmCipher first =
                (JdkGcmCiphers.JdkGcmCipher) offered.get(0).create();
        first.init(Cipher.Mode.Encrypt, bytes(16), bytes(12));
        assertThat(first.provider().getName()).isNotEqualTo("BC"); // sshj's own would be BouncyCastle
    }

    /** Three packets of different sizes: the nonce counter must advance alike on both ends. */
    private void assertPacketsTravel(
            Factory.Named<Cipher> sending, Factory.Named<Cipher> receiving, byte[] key, byte[] iv) {
        Cipher sender = sending.create();
        Cipher receiver = receiving.create();
        sender.init(Cipher.Mode.Encrypt, key, iv);
        receiver.init(Cipher.Mode.Decrypt, key, iv);
        for (int payload : List.of(32, 32_768, 1_000)) {
            byte[] plain = bytes(LENGTH_FIELD + payload);
            byte[] packet = Arrays.copyOf(plain, plain.length + TAG);
            sender.updateWithAAD(packet, 0, LENGTH_FIELD, payload);
            assertThat(Arrays.copyOfRange(packet, LENGTH_FIELD, plain.length))
                    .isNotEqualTo(Arrays.copyOfRange(plain, LENGTH_FIELD, plain.length));

            receiver.updateWithAAD(packet, 0, LENGTH_FIELD, payload);
            assertThat(Arrays.copyOf(packet, plain.length)).isEqualTo(plain);
        }
    }

    private static Factory.Named<Cipher> ours(String name) {
        return JdkGcmCiphers.factories().stream()
                .filter(f -> f.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Factory.Named<Cipher> sshjs(String name) {
        return name.startsWith("aes128") ? GcmCiphers.AES128GCM() : GcmCiphers.AES256GCM();
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
