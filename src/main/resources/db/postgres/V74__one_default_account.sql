-- At most one default account. Nodes that start at once on an empty database each try to create
-- the first account (the bootstrap): the index lets one win, and the others find its account.
CREATE UNIQUE INDEX accounts_one_default ON accounts (is_default) WHERE is_default = 1;
