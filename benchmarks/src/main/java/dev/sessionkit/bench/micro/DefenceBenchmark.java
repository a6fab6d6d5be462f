package dev.sessionkit.bench.micro;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.sessionkit.config.SessionConfig;
import dev.sessionkit.config.SessionConfigBuilder;
import org.openjdk.jmh.annotations.Param;

import java.security.GeneralSecurityException;

/**
 * What the defence-in-depth options cost one request of {@link FilterBenchmark} (in-memory store, sessions of
 * four attributes): {@code plain} keys sessions by their IDs ({@code store.hash-ids=false}), {@code hashed} by
 * store IDs (the default), {@code encrypted} also seals every attribute value (AES-256-GCM). A {@code read}
 * opens four values; a {@code write} seals one.
 */
public class DefenceBenchmark extends FilterBenchmark {

    @Param({"plain", "hashed", "encrypted"})
    public String storage;

    @Override
    protected SessionConfigBuilder configure(SessionConfigBuilder config) {
        switch (storage) {
            case "plain" -> config.hashStoreIds(false);
            case "hashed" -> config.hashStoreIds(true);
            case "encrypted" -> config.hashStoreIds(true).encryptAttributes(keyset());
            default -> throw new IllegalArgumentException(storage);
        }
        return config;
    }

    private static KeysetHandle keyset() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
