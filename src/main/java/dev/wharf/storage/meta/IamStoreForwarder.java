package dev.wharf.storage.meta;

// Generated from IamStore by StoreForwarderSource: do not edit. StoreForwardersTest fails when
// the interface changed, and says how to generate it again.

/** {@link IamStore} calls handed to a {@link StoreHandler} ({@link StoreCall} says why). */
@SuppressWarnings("unchecked")
public final class IamStoreForwarder implements IamStore {
    /** Each method of the interface, in this class's order. */
    static final StoreCall[] CALLS = StoreCall.of(IamStore.class, IamStoreForwarder::dispatch,
            "addGroupMember", "attach", "attachedPolicies", "attachmentCount",
            "createAccessKey", "createGroup", "createPolicy", "createPolicyVersion",
            "createRole", "createSession", "createUser", "deleteAccessKey",
            "deleteGroup", "deleteInlinePolicy", "deletePolicy", "deletePolicyVersion",
            "deleteRegistryPolicy", "deleteRepositoryPolicy", "deleteRole", "deleteSessionsExpiredBefore",
            "deleteUser", "detach", "findGroup", "findPolicy",
            "findPolicyVersion", "findRole", "findSession", "findUser",
            "groupMembers", "groupsOfUser", "inlinePolicies", "inlinePolicy",
            "listAccessKeys", "listGroups", "listPolicies", "listPolicyVersions",
            "listRoles", "listUsers", "putInlinePolicy", "putRegistryPolicy",
            "putRepositoryPolicy", "putTags", "registryPolicy", "removeGroupMember",
            "removeTags", "repositoryPolicy", "setDefaultPolicyVersion", "tags",
            "updateAccessKeyStatus", "updateTrustPolicy");
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

    private static Object dispatch(Object target, int index, Object[] a) {
        IamStore store = (IamStore) target;
        switch (index) {
            case 0: store.addGroupMember((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]); return null;
            case 1: store.attach((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3]); return null;
            case 2: return store.attachedPolicies((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2]);
            case 3: return store.attachmentCount((java.lang.String) a[0]);
            case 4: store.createAccessKey((dev.wharf.storage.meta.Rows.AccessKey) a[0]); return null;
            case 5: store.createGroup((dev.wharf.storage.meta.IamRows.Group) a[0]); return null;
            case 6: store.createPolicy((dev.wharf.storage.meta.IamRows.Policy) a[0], (java.lang.String) a[1]); return null;
            case 7: return store.createPolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (boolean) a[3], (int) a[4], (long) a[5]);
            case 8: store.createRole((dev.wharf.storage.meta.IamRows.Role) a[0]); return null;
            case 9: store.createSession((dev.wharf.storage.meta.IamRows.Session) a[0]); return null;
            case 10: store.createUser((dev.wharf.storage.meta.IamRows.User) a[0]); return null;
            case 11: return store.deleteAccessKey((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            case 12: return store.deleteGroup((java.lang.String) a[0], (java.lang.String) a[1]);
            case 13: return store.deleteInlinePolicy((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3]);
            case 14: return store.deletePolicy((java.lang.String) a[0], (java.lang.String) a[1]);
            case 15: return store.deletePolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            case 16: return store.deleteRegistryPolicy((java.lang.String) a[0]);
            case 17: return store.deleteRepositoryPolicy((long) a[0]);
            case 18: return store.deleteRole((java.lang.String) a[0], (java.lang.String) a[1]);
            case 19: return store.deleteSessionsExpiredBefore((long) a[0]);
            case 20: return store.deleteUser((java.lang.String) a[0], (java.lang.String) a[1]);
            case 21: return store.detach((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3]);
            case 22: return store.findGroup((java.lang.String) a[0], (java.lang.String) a[1]);
            case 23: return store.findPolicy((java.lang.String) a[0], (java.lang.String) a[1]);
            case 24: return store.findPolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            case 25: return store.findRole((java.lang.String) a[0], (java.lang.String) a[1]);
            case 26: return store.findSession((java.lang.String) a[0]);
            case 27: return store.findUser((java.lang.String) a[0], (java.lang.String) a[1]);
            case 28: return store.groupMembers((java.lang.String) a[0], (java.lang.String) a[1]);
            case 29: return store.groupsOfUser((java.lang.String) a[0], (java.lang.String) a[1]);
            case 30: return store.inlinePolicies((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2]);
            case 31: return store.inlinePolicy((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3]);
            case 32: return store.listAccessKeys((java.lang.String) a[0], (java.lang.String) a[1]);
            case 33: return store.listGroups((java.lang.String) a[0]);
            case 34: return store.listPolicies((java.lang.String) a[0]);
            case 35: return store.listPolicyVersions((java.lang.String) a[0], (java.lang.String) a[1]);
            case 36: return store.listRoles((java.lang.String) a[0]);
            case 37: return store.listUsers((java.lang.String) a[0]);
            case 38: store.putInlinePolicy((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.lang.String) a[3], (java.lang.String) a[4]); return null;
            case 39: store.putRegistryPolicy((java.lang.String) a[0], (java.lang.String) a[1], (long) a[2]); return null;
            case 40: store.putRepositoryPolicy((long) a[0], (java.lang.String) a[1], (long) a[2]); return null;
            case 41: store.putTags((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.util.Map<java.lang.String, java.lang.String>) a[3], (int) a[4]); return null;
            case 42: return store.registryPolicy((java.lang.String) a[0]);
            case 43: return store.removeGroupMember((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            case 44: store.removeTags((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2], (java.util.List<java.lang.String>) a[3]); return null;
            case 45: return store.repositoryPolicy((long) a[0]);
            case 46: return store.setDefaultPolicyVersion((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (long) a[3]);
            case 47: return store.tags((java.lang.String) a[0], (dev.wharf.storage.meta.IamRows.Kind) a[1], (java.lang.String) a[2]);
            case 48: return store.updateAccessKeyStatus((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2], (java.lang.String) a[3]);
            case 49: return store.updateTrustPolicy((java.lang.String) a[0], (java.lang.String) a[1], (java.lang.String) a[2]);
            default: throw new IllegalArgumentException("no method " + index + " in IamStore");
        }
    }
}
