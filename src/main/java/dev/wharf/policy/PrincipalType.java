package dev.wharf.policy;

public enum PrincipalType { ROOT, USER, ASSUMED_ROLE, FEDERATED_USER, SERVICE, ANONYMOUS }
