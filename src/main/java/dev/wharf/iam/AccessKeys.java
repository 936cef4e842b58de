package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.Rows;

import java.time.Clock;
import java.util.List;

import static dev.wharf.iam.IamEntities.userArn;

/**
 * IAM users' access keys: at most {@value #ACCESS_KEYS_PER_USER} per user, the secret encrypted at rest
 * and shown once. Every method authorizes its IAM action on the key's user first.
 */
public final class AccessKeys {
    /** IAM quota (IAM User Guide, "IAM and AWS STS quotas"). */
    public static final int ACCESS_KEYS_PER_USER = 2;

    private final IamEntities entities;
    private final IamStore iam;
    private final SecretCipher cipher;
    private final Clock clock;

    public AccessKeys(IamEntities entities, SecretCipher cipher, Clock clock) {
        this.entities = entities;
        this.iam = entities.store();
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A new access key with its secret, shown once. */
    public record NewAccessKey(Rows.AccessKey key, String secretAccessKey) {}

    /** Creates a key for the named user, or for the calling user when {@code userName} is null. */
    public NewAccessKey createAccessKey(IamCaller c, String userName) {
        IamRows.User u = keyOwner(c, userName, "iam:CreateAccessKey");
        if (iam.listAccessKeys(u.accountId(), u.userName()).size() >= ACCESS_KEYS_PER_USER) {
            throw new WharfException(ErrorCode.IAM_LIMIT_EXCEEDED, "Cannot exceed quota for AccessKeysPerUser: " + ACCESS_KEYS_PER_USER);
        }
        String secret = Identities.newSecret();
        Rows.AccessKey k = new Rows.AccessKey(Identities.newId("AKIA"), u.accountId(), u.userName(), cipher.encrypt(secret),
                "Active", clock.millis());
        iam.createAccessKey(k);
        return new NewAccessKey(k, secret);
    }

    public List<Rows.AccessKey> listAccessKeys(IamCaller c, String userName) {
        IamRows.User u = keyOwner(c, userName, "iam:ListAccessKeys");
        return iam.listAccessKeys(u.accountId(), u.userName());
    }

    public void updateAccessKey(IamCaller c, String userName, String accessKeyId, String status) {
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + status
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        IamRows.User u = keyOwner(c, userName, "iam:UpdateAccessKey");
        if (!iam.updateAccessKeyStatus(u.accountId(), u.userName(), accessKeyId, status)) {
            throw noSuchKey(accessKeyId);
        }
    }

    public void deleteAccessKey(IamCaller c, String userName, String accessKeyId) {
        IamRows.User u = keyOwner(c, userName, "iam:DeleteAccessKey");
        if (!iam.deleteAccessKey(u.accountId(), u.userName(), accessKeyId)) throw noSuchKey(accessKeyId);
    }

    private static WharfException noSuchKey(String accessKeyId) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "The Access Key with id " + accessKeyId + " cannot be found.");
    }

    private IamRows.User keyOwner(IamCaller c, String userName, String action) {
        String name = userName != null ? userName : c.principal().userName();
        if (name == null) {
            // The root's own keys are managed by the operator (bin/wharf account), not through IAM.
            throw new WharfException(ErrorCode.VALIDATION, "Must specify userName when calling with non-User credentials");
        }
        IamRows.User u = entities.user(c, name);
        entities.authorize(c, action, userArn(u));
        return u;
    }
}
