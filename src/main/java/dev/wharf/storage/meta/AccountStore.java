package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/** Accounts and their root access keys. Part of {@link MetadataStore}; same transactional promises. */
public interface AccountStore {

    /** @throws DuplicateException when the id is taken */
    void createAccount(Rows.Account account, Rows.AccessKey rootKey);

    Optional<Rows.Account> findAccount(String accountId);

    List<Rows.Account> listAccounts();

    Optional<Rows.Account> defaultAccount();

    /** Deletes the account and everything it owns (keys, repositories and their images). */
    boolean deleteAccount(String accountId);

    Optional<Rows.AccessKey> findAccessKey(String accessKeyId);

    /** @throws DuplicateException when the id is taken */
    void createAccessKey(Rows.AccessKey key);
}
