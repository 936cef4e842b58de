package dev.wharf.policy;

/** A statement's Effect element. */
public enum StatementEffect { ALLOW, DENY }
