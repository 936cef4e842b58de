package dev.wharf.storage.meta;

// Generated from IamStore by StoreForwarderSource: do not edit. StoreForwardersTest fails when
// the interface changed, and says how to generate it again.

/** {@link IamStore} calls handed to a {@link StoreHandler} ({@link StoreCall} says why). */
@SuppressWarnings("unchecked")
public final class IamStoreForwarder implements IamStore {
    /**
     * Each method of the interface, in this class's order, with a call of it of its own: one small method
     * each, so that the compilers never make one unit of every store method (docs/performance.md,
     * "Warm start: the stores' wrappers without proxies").
     */
    static final StoreCall[] CALLS = {
        StoreCall.of(IamStore.class, "addGroupMember", (s, a) -> {
            ((IamStore) s).addGroupMember((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            return null;
        }),
        StoreCall.of(IamStore.class, "attach", (s, a) -> {
            ((IamStore) s).attach((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3]);
            return null;
        }),
        StoreCall.of(IamStore.class, "attachedPolicies", (s, a) -> ((IamStore) s).attachedPolicies((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2])),
        StoreCall.of(IamStore.class, "attachmentCount", (s, a) -> ((IamStore) s).attachmentCount((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "createAccessKey", (s, a) -> {
            ((IamStore) s).createAccessKey((dev.wharf.storage.meta.Rows.AccessKey) a[0]);
            return null;
        }),
        StoreCall.of(IamStore.class, "createGroup", (s, a) -> {
            ((IamStore) s).createGroup((dev.wharf.storage.meta.IamRows.Group) a[0]);
            return null;
        }),
        StoreCall.of(IamStore.class, "createPolicy", (s, a) -> {
            ((IamStore) s).createPolicy((dev.wharf.storage.meta.IamRows.Policy) a[0], (java.lang.String) a[1]);
            return null;
        }),
        StoreCall.of(IamStore.class, "createPolicyVersion", (s, a) -> ((IamStore) s).createPolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (boolean) a[3], (int) a[4], (long) a[5])),
        StoreCall.of(IamStore.class, "createRole", (s, a) -> {
            ((IamStore) s).createRole((dev.wharf.storage.meta.IamRows.Role) a[0]);
            return null;
        }),
        StoreCall.of(IamStore.class, "createSession", (s, a) -> {
            ((IamStore) s).createSession((dev.wharf.storage.meta.IamRows.Session) a[0]);
            return null;
        }),
        StoreCall.of(IamStore.class, "createUser", (s, a) -> {
            ((IamStore) s).createUser((dev.wharf.storage.meta.IamRows.User) a[0]);
            return null;
        }),
        StoreCall.of(IamStore.class, "deleteAccessKey", (s, a) -> ((IamStore) s).deleteAccessKey((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2])),
        StoreCall.of(IamStore.class, "deleteGroup", (s, a) -> ((IamStore) s).deleteGroup((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "deleteInlinePolicy", (s, a) -> ((IamStore) s).deleteInlinePolicy((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3])),
        StoreCall.of(IamStore.class, "deletePolicy", (s, a) -> ((IamStore) s).deletePolicy((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "deletePolicyVersion", (s, a) -> ((IamStore) s).deletePolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2])),
        StoreCall.of(IamStore.class, "deleteRegistryPolicy", (s, a) -> ((IamStore) s).deleteRegistryPolicy((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "deleteRepositoryPolicy", (s, a) -> ((IamStore) s).deleteRepositoryPolicy((long) a[0])),
        StoreCall.of(IamStore.class, "deleteRole", (s, a) -> ((IamStore) s).deleteRole((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "deleteSessionsExpiredBefore", (s, a) -> ((IamStore) s).deleteSessionsExpiredBefore((long) a[0])),
        StoreCall.of(IamStore.class, "deleteUser", (s, a) -> ((IamStore) s).deleteUser((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "detach", (s, a) -> ((IamStore) s).detach((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3])),
        StoreCall.of(IamStore.class, "findGroup", (s, a) -> ((IamStore) s).findGroup((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "findPolicy", (s, a) -> ((IamStore) s).findPolicy((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "findPolicyVersion", (s, a) -> ((IamStore) s).findPolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2])),
        StoreCall.of(IamStore.class, "findRole", (s, a) -> ((IamStore) s).findRole((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "findSession", (s, a) -> ((IamStore) s).findSession((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "findUser", (s, a) -> ((IamStore) s).findUser((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "groupMembers", (s, a) -> ((IamStore) s).groupMembers((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "groupsOfUser", (s, a) -> ((IamStore) s).groupsOfUser((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "inlinePolicies", (s, a) -> ((IamStore) s).inlinePolicies((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2])),
        StoreCall.of(IamStore.class, "inlinePolicy", (s, a) -> ((IamStore) s).inlinePolicy((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3])),
        StoreCall.of(IamStore.class, "listAccessKeys", (s, a) -> ((IamStore) s).listAccessKeys((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "listGroups", (s, a) -> ((IamStore) s).listGroups((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "listPolicies", (s, a) -> ((IamStore) s).listPolicies((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "listPolicyVersions", (s, a) -> ((IamStore) s).listPolicyVersions((java.lang.String) a[0], (java.lang.String) a[1])),
        StoreCall.of(IamStore.class, "listRoles", (s, a) -> ((IamStore) s).listRoles((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "listUsers", (s, a) -> ((IamStore) s).listUsers((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "putInlinePolicy", (s, a) -> {
            ((IamStore) s).putInlinePolicy((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3], (java.lang.String) a[4]);
            return null;
        }),
        StoreCall.of(IamStore.class, "putRegistryPolicy", (s, a) -> {
            ((IamStore) s).putRegistryPolicy((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2]);
            return null;
        }),
        StoreCall.of(IamStore.class, "putRepositoryPolicy", (s, a) -> {
            ((IamStore) s).putRepositoryPolicy((long) a[0], (java.lang.String) a[1], (long) a[2]);
            return null;
        }),
        StoreCall.of(IamStore.class, "putTags", (s, a) -> {
            ((IamStore) s).putTags((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.util.Map<java.lang.String, java.lang.String>) a[3], (int) a[4]);
            return null;
        }),
        StoreCall.of(IamStore.class, "registryPolicy", (s, a) -> ((IamStore) s).registryPolicy((java.lang.String) a[0])),
        StoreCall.of(IamStore.class, "removeGroupMember", (s, a) -> ((IamStore) s).removeGroupMember((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2])),
        StoreCall.of(IamStore.class, "removeTags", (s, a) -> {
            ((IamStore) s).removeTags((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.util.List<java.lang.String>) a[3]);
            return null;
        }),
        StoreCall.of(IamStore.class, "repositoryPolicy", (s, a) -> ((IamStore) s).repositoryPolicy((long) a[0])),
        StoreCall.of(IamStore.class, "setDefaultPolicyVersion", (s, a) -> ((IamStore) s).setDefaultPolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (long) a[3])),
        StoreCall.of(IamStore.class, "tags", (s, a) -> ((IamStore) s).tags((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2])),
        StoreCall.of(IamStore.class, "updateAccessKeyStatus", (s, a) -> ((IamStore) s).updateAccessKeyStatus((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (java.lang.String) a[3])),
        StoreCall.of(IamStore.class, "updateTrustPolicy", (s, a) -> ((IamStore) s).updateTrustPolicy((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]))
    };
    private static final Object[] NO_ARGS = {};
    private final StoreHandler handler;

    public IamStoreForwarder(StoreHandler handler) {
        this.handler = handler;
    }

    @Override
    public void addGroupMember(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        handler.handle(CALLS[0], new Object[] {a0, a1, a2});
    }

    @Override
    public void attach(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2, java.lang.String a3) {
        handler.handle(CALLS[1], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public java.util.List<java.lang.String> attachedPolicies(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2) {
        return (java.util.List<java.lang.String>) handler.handle(CALLS[2], new Object[] {a0, a1, a2});
    }

    @Override
    public int attachmentCount(java.lang.String a0) {
        return (Integer) handler.handle(CALLS[3], new Object[] {a0});
    }

    @Override
    public void createAccessKey(dev.wharf.storage.meta.Rows.AccessKey a0) {
        handler.handle(CALLS[4], new Object[] {a0});
    }

    @Override
    public void createGroup(dev.wharf.storage.meta.IamRows.Group a0) {
        handler.handle(CALLS[5], new Object[] {a0});
    }

    @Override
    public void createPolicy(dev.wharf.storage.meta.IamRows.Policy a0, java.lang.String a1) {
        handler.handle(CALLS[6], new Object[] {a0, a1});
    }

    @Override
    public java.lang.String createPolicyVersion(java.lang.String a0, java.lang.String a1, java.lang.String a2, boolean a3, int a4, long a5) {
        return (java.lang.String) handler.handle(CALLS[7], new Object[] {a0, a1, a2, a3, a4, a5});
    }

    @Override
    public void createRole(dev.wharf.storage.meta.IamRows.Role a0) {
        handler.handle(CALLS[8], new Object[] {a0});
    }

    @Override
    public void createSession(dev.wharf.storage.meta.IamRows.Session a0) {
        handler.handle(CALLS[9], new Object[] {a0});
    }

    @Override
    public void createUser(dev.wharf.storage.meta.IamRows.User a0) {
        handler.handle(CALLS[10], new Object[] {a0});
    }

    @Override
    public boolean deleteAccessKey(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        return (Boolean) handler.handle(CALLS[11], new Object[] {a0, a1, a2});
    }

    @Override
    public boolean deleteGroup(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[12], new Object[] {a0, a1});
    }

    @Override
    public boolean deleteInlinePolicy(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2, java.lang.String a3) {
        return (Boolean) handler.handle(CALLS[13], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public boolean deletePolicy(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[14], new Object[] {a0, a1});
    }

    @Override
    public boolean deletePolicyVersion(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        return (Boolean) handler.handle(CALLS[15], new Object[] {a0, a1, a2});
    }

    @Override
    public boolean deleteRegistryPolicy(java.lang.String a0) {
        return (Boolean) handler.handle(CALLS[16], new Object[] {a0});
    }

    @Override
    public boolean deleteRepositoryPolicy(long a0) {
        return (Boolean) handler.handle(CALLS[17], new Object[] {a0});
    }

    @Override
    public boolean deleteRole(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[18], new Object[] {a0, a1});
    }

    @Override
    public int deleteSessionsExpiredBefore(long a0) {
        return (Integer) handler.handle(CALLS[19], new Object[] {a0});
    }

    @Override
    public boolean deleteUser(java.lang.String a0, java.lang.String a1) {
        return (Boolean) handler.handle(CALLS[20], new Object[] {a0, a1});
    }

    @Override
    public boolean detach(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2, java.lang.String a3) {
        return (Boolean) handler.handle(CALLS[21], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.IamRows.Group> findGroup(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.IamRows.Group>) handler.handle(CALLS[22], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.IamRows.Policy> findPolicy(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.IamRows.Policy>) handler.handle(CALLS[23], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.IamRows.PolicyVersion> findPolicyVersion(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        return (java.util.Optional<dev.wharf.storage.meta.IamRows.PolicyVersion>) handler.handle(CALLS[24], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.IamRows.Role> findRole(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.IamRows.Role>) handler.handle(CALLS[25], new Object[] {a0, a1});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.IamRows.Session> findSession(java.lang.String a0) {
        return (java.util.Optional<dev.wharf.storage.meta.IamRows.Session>) handler.handle(CALLS[26], new Object[] {a0});
    }

    @Override
    public java.util.Optional<dev.wharf.storage.meta.IamRows.User> findUser(java.lang.String a0, java.lang.String a1) {
        return (java.util.Optional<dev.wharf.storage.meta.IamRows.User>) handler.handle(CALLS[27], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<java.lang.String> groupMembers(java.lang.String a0, java.lang.String a1) {
        return (java.util.List<java.lang.String>) handler.handle(CALLS[28], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<java.lang.String> groupsOfUser(java.lang.String a0, java.lang.String a1) {
        return (java.util.List<java.lang.String>) handler.handle(CALLS[29], new Object[] {a0, a1});
    }

    @Override
    public java.util.Map<java.lang.String, java.lang.String> inlinePolicies(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2) {
        return (java.util.Map<java.lang.String, java.lang.String>) handler.handle(CALLS[30], new Object[] {a0, a1, a2});
    }

    @Override
    public java.util.Optional<java.lang.String> inlinePolicy(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2, java.lang.String a3) {
        return (java.util.Optional<java.lang.String>) handler.handle(CALLS[31], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.Rows.AccessKey> listAccessKeys(java.lang.String a0, java.lang.String a1) {
        return (java.util.List<dev.wharf.storage.meta.Rows.AccessKey>) handler.handle(CALLS[32], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.IamRows.Group> listGroups(java.lang.String a0) {
        return (java.util.List<dev.wharf.storage.meta.IamRows.Group>) handler.handle(CALLS[33], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.IamRows.Policy> listPolicies(java.lang.String a0) {
        return (java.util.List<dev.wharf.storage.meta.IamRows.Policy>) handler.handle(CALLS[34], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.IamRows.PolicyVersion> listPolicyVersions(java.lang.String a0, java.lang.String a1) {
        return (java.util.List<dev.wharf.storage.meta.IamRows.PolicyVersion>) handler.handle(CALLS[35], new Object[] {a0, a1});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.IamRows.Role> listRoles(java.lang.String a0) {
        return (java.util.List<dev.wharf.storage.meta.IamRows.Role>) handler.handle(CALLS[36], new Object[] {a0});
    }

    @Override
    public java.util.List<dev.wharf.storage.meta.IamRows.User> listUsers(java.lang.String a0) {
        return (java.util.List<dev.wharf.storage.meta.IamRows.User>) handler.handle(CALLS[37], new Object[] {a0});
    }

    @Override
    public void putInlinePolicy(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2, java.lang.String a3, java.lang.String a4) {
        handler.handle(CALLS[38], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public void putRegistryPolicy(java.lang.String a0, java.lang.String a1, long a2) {
        handler.handle(CALLS[39], new Object[] {a0, a1, a2});
    }

    @Override
    public void putRepositoryPolicy(long a0, java.lang.String a1, long a2) {
        handler.handle(CALLS[40], new Object[] {a0, a1, a2});
    }

    @Override
    public void putTags(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2, java.util.Map<java.lang.String, java.lang.String> a3, int a4) {
        handler.handle(CALLS[41], new Object[] {a0, a1, a2, a3, a4});
    }

    @Override
    public java.util.Optional<java.lang.String> registryPolicy(java.lang.String a0) {
        return (java.util.Optional<java.lang.String>) handler.handle(CALLS[42], new Object[] {a0});
    }

    @Override
    public boolean removeGroupMember(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        return (Boolean) handler.handle(CALLS[43], new Object[] {a0, a1, a2});
    }

    @Override
    public void removeTags(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2, java.util.List<java.lang.String> a3) {
        handler.handle(CALLS[44], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public java.util.Optional<java.lang.String> repositoryPolicy(long a0) {
        return (java.util.Optional<java.lang.String>) handler.handle(CALLS[45], new Object[] {a0});
    }

    @Override
    public boolean setDefaultPolicyVersion(java.lang.String a0, java.lang.String a1, java.lang.String a2, long a3) {
        return (Boolean) handler.handle(CALLS[46], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public java.util.Map<java.lang.String, java.lang.String> tags(java.lang.String a0, dev.wharf.storage.meta.IamRows.Kind a1, java.lang.String a2) {
        return (java.util.Map<java.lang.String, java.lang.String>) handler.handle(CALLS[47], new Object[] {a0, a1, a2});
    }

    @Override
    public boolean updateAccessKeyStatus(java.lang.String a0, java.lang.String a1, java.lang.String a2, java.lang.String a3) {
        return (Boolean) handler.handle(CALLS[48], new Object[] {a0, a1, a2, a3});
    }

    @Override
    public boolean updateTrustPolicy(java.lang.String a0, java.lang.String a1, java.lang.String a2) {
        return (Boolean) handler.handle(CALLS[49], new Object[] {a0, a1, a2});
    }

    /** What this forwarder hands its calls to. */
    StoreHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return handler.toString();
    }
}
