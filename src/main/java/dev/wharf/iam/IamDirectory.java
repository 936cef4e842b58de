package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.PolicyKind;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.LimitException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wharf.iam.IamEntities.TAGS_PER_ENTITY;
import static dev.wharf.iam.IamEntities.account;
import static dev.wharf.iam.IamEntities.arn;
import static dev.wharf.iam.IamEntities.checkTagCount;
import static dev.wharf.iam.IamEntities.groupArn;
import static dev.wharf.iam.IamEntities.kindWord;
import static dev.wharf.iam.IamEntities.tagLimit;
import static dev.wharf.iam.IamEntities.userArn;
import static dev.wharf.iam.IamEntities.validate;

/**
 * IAM's users, groups (and their members) and roles, and the tags of users and roles. Every method
 * authorizes its IAM action first and acts in the caller's account only; errors and messages are IAM's.
 */
public final class IamDirectory {
    /** A role's maximum session when CreateRole names none (IAM's default: one hour). */
    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    private final IamEntities entities;
    private final IamStore iam;
    private final Clock clock;

    public IamDirectory(IamEntities entities, Clock clock) {
        this.entities = entities;
        this.iam = entities.store();
        this.clock = clock;
    }

    // ---------------------------------------------------------------- users

    public IamRows.User createUser(IamCaller c, String userName, String path, Map<String, String> tags) {
        entities.authorize(c, "iam:CreateUser", arn(c, "user", path, userName));
        checkTagCount(tags);
        IamRows.User u = new IamRows.User(account(c), userName, Identities.newId("AIDA"), path, clock.millis());
        try {
            iam.createUser(u);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "User with name " + userName + " already exists.");
        }
        if (!tags.isEmpty()) iam.putTags(u.accountId(), IamRows.Kind.USER, userName, tags, TAGS_PER_ENTITY);
        return u;
    }

    /** The named user, or the caller itself when {@code userName} is null and the caller is a user. */
    public IamRows.User getUser(IamCaller c, String userName) {
        String name = userName != null ? userName : c.principal().userName();
        if (name == null) {
            throw new WharfException(ErrorCode.VALIDATION, "Must specify userName when calling with non-User credentials");
        }
        IamRows.User u = entities.user(c, name);
        entities.authorize(c, "iam:GetUser", userArn(u));
        return u;
    }

    public List<IamRows.User> listUsers(IamCaller c, String pathPrefix) {
        entities.authorize(c, "iam:ListUsers", arn(c, "user", "/", ""));
        return iam.listUsers(account(c)).stream().filter(u -> pathPrefix == null || u.path().startsWith(pathPrefix)).toList();
    }

    public void deleteUser(IamCaller c, String userName) {
        IamRows.User u = entities.user(c, userName);
        entities.authorize(c, "iam:DeleteUser", userArn(u));
        if (!iam.listAccessKeys(u.accountId(), userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete access keys first.");
        }
        if (!iam.attachedPolicies(u.accountId(), IamRows.Kind.USER, userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (!iam.inlinePolicies(u.accountId(), IamRows.Kind.USER, userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        if (!iam.groupsOfUser(u.accountId(), userName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must remove user from all groups first.");
        }
        iam.deleteUser(u.accountId(), userName);
    }

    // ---------------------------------------------------------------- groups

    public IamRows.Group createGroup(IamCaller c, String groupName, String path) {
        entities.authorize(c, "iam:CreateGroup", arn(c, "group", path, groupName));
        IamRows.Group g = new IamRows.Group(account(c), groupName, Identities.newId("AGPA"), path, clock.millis());
        try {
            iam.createGroup(g);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "Group with name " + groupName + " already exists.");
        }
        return g;
    }

    public IamRows.Group getGroup(IamCaller c, String groupName) {
        IamRows.Group g = entities.group(c, groupName);
        entities.authorize(c, "iam:GetGroup", groupArn(g));
        return g;
    }

    public List<IamRows.User> groupMembers(IamRows.Group g) {
        List<IamRows.User> out = new ArrayList<>();
        for (String n : iam.groupMembers(g.accountId(), g.groupName())) iam.findUser(g.accountId(), n).ifPresent(out::add);
        return out;
    }

    public List<IamRows.Group> listGroups(IamCaller c, String pathPrefix) {
        entities.authorize(c, "iam:ListGroups", arn(c, "group", "/", ""));
        return iam.listGroups(account(c)).stream().filter(g -> pathPrefix == null || g.path().startsWith(pathPrefix)).toList();
    }

    public void deleteGroup(IamCaller c, String groupName) {
        IamRows.Group g = entities.group(c, groupName);
        entities.authorize(c, "iam:DeleteGroup", groupArn(g));
        if (!iam.groupMembers(g.accountId(), groupName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must remove users from group first.");
        }
        if (!iam.attachedPolicies(g.accountId(), IamRows.Kind.GROUP, groupName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (!iam.inlinePolicies(g.accountId(), IamRows.Kind.GROUP, groupName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        iam.deleteGroup(g.accountId(), groupName);
    }

    public void addUserToGroup(IamCaller c, String groupName, String userName) {
        IamRows.Group g = entities.group(c, groupName);
        entities.authorize(c, "iam:AddUserToGroup", groupArn(g));
        entities.user(c, userName);
        iam.addGroupMember(g.accountId(), groupName, userName);
    }

    public void removeUserFromGroup(IamCaller c, String groupName, String userName) {
        IamRows.Group g = entities.group(c, groupName);
        entities.authorize(c, "iam:RemoveUserFromGroup", groupArn(g));
        entities.user(c, userName);
        iam.removeGroupMember(g.accountId(), groupName, userName);
    }

    public List<IamRows.Group> listGroupsForUser(IamCaller c, String userName) {
        IamRows.User u = entities.user(c, userName);
        entities.authorize(c, "iam:ListGroupsForUser", userArn(u));
        List<IamRows.Group> out = new ArrayList<>();
        for (String g : iam.groupsOfUser(u.accountId(), userName)) iam.findGroup(u.accountId(), g).ifPresent(out::add);
        return out;
    }

    // ---------------------------------------------------------------- roles

    public IamRows.Role createRole(IamCaller c, String roleName, String path, String trustPolicy, String description,
                                   Integer maxSessionSeconds, Map<String, String> tags) {
        entities.authorize(c, "iam:CreateRole", arn(c, "role", path, roleName));
        validate(trustPolicy, PolicyKind.TRUST);
        checkTagCount(tags);
        IamRows.Role r = new IamRows.Role(account(c), roleName, Identities.newId("AROA"), path, trustPolicy, description,
                maxSessionSeconds == null ? DEFAULT_MAX_SESSION_SECONDS : maxSessionSeconds, clock.millis());
        try {
            iam.createRole(r);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "Role with name " + roleName + " already exists.");
        }
        if (!tags.isEmpty()) iam.putTags(r.accountId(), IamRows.Kind.ROLE, roleName, tags, TAGS_PER_ENTITY);
        return r;
    }

    public IamRows.Role getRole(IamCaller c, String roleName) {
        IamRows.Role r = entities.role(account(c), roleName);
        entities.authorize(c, "iam:GetRole", Identities.roleArn(r));
        return r;
    }

    public List<IamRows.Role> listRoles(IamCaller c, String pathPrefix) {
        entities.authorize(c, "iam:ListRoles", arn(c, "role", "/", ""));
        return iam.listRoles(account(c)).stream().filter(r -> pathPrefix == null || r.path().startsWith(pathPrefix)).toList();
    }

    public void deleteRole(IamCaller c, String roleName) {
        IamRows.Role r = entities.role(account(c), roleName);
        entities.authorize(c, "iam:DeleteRole", Identities.roleArn(r));
        if (!iam.attachedPolicies(r.accountId(), IamRows.Kind.ROLE, roleName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        if (!iam.inlinePolicies(r.accountId(), IamRows.Kind.ROLE, roleName).isEmpty()) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        iam.deleteRole(r.accountId(), roleName);
    }

    public void updateAssumeRolePolicy(IamCaller c, String roleName, String trustPolicy) {
        IamRows.Role r = entities.role(account(c), roleName);
        entities.authorize(c, "iam:UpdateAssumeRolePolicy", Identities.roleArn(r));
        validate(trustPolicy, PolicyKind.TRUST);
        iam.updateTrustPolicy(r.accountId(), roleName, trustPolicy);
    }

    // ---------------------------------------------------------------- tags

    public void tag(IamCaller c, IamRows.Kind kind, String name, Map<String, String> tags) {
        entities.entity(c, kind, name, "iam:Tag" + kindWord(kind));
        try {
            iam.putTags(account(c), kind, name, tags, TAGS_PER_ENTITY);
        } catch (LimitException e) {
            throw tagLimit();
        }
    }

    public void untag(IamCaller c, IamRows.Kind kind, String name, List<String> keys) {
        entities.entity(c, kind, name, "iam:Untag" + kindWord(kind));
        iam.removeTags(account(c), kind, name, keys);
    }

    public Map<String, String> listTags(IamCaller c, IamRows.Kind kind, String name) {
        entities.entity(c, kind, name, "iam:List" + kindWord(kind) + "Tags");
        return iam.tags(account(c), kind, name);
    }

    /** Tags of an entity already authorized (for Get* answers). */
    public Map<String, String> tagsOf(String accountId, IamRows.Kind kind, String name) {
        return iam.tags(accountId, kind, name);
    }
}
