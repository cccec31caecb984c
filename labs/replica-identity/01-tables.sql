-- The same accounts table four times, one per replica identity.
-- (An index used as replica identity must cover NOT NULL columns only.)
CREATE TABLE accounts_default (id integer PRIMARY KEY, email text, balance integer);
CREATE TABLE accounts_full    (id integer PRIMARY KEY, email text, balance integer);
CREATE TABLE accounts_index   (id integer PRIMARY KEY, email text NOT NULL, balance integer);
CREATE TABLE accounts_nothing (id integer PRIMARY KEY, email text, balance integer);

ALTER TABLE accounts_full REPLICA IDENTITY FULL;
CREATE UNIQUE INDEX accounts_index_id_email ON accounts_index (id, email);
ALTER TABLE accounts_index REPLICA IDENTITY USING INDEX accounts_index_id_email;
ALTER TABLE accounts_nothing REPLICA IDENTITY NOTHING;

INSERT INTO accounts_default VALUES (1, 'ada@example.com', 100), (2, 'bob@example.com', 50);
INSERT INTO accounts_full    VALUES (1, 'ada@example.com', 100), (2, 'bob@example.com', 50);
INSERT INTO accounts_index   VALUES (1, 'ada@example.com', 100), (2, 'bob@example.com', 50);
INSERT INTO accounts_nothing VALUES (1, 'ada@example.com', 100), (2, 'bob@example.com', 50);

-- Two documents tables whose body is stored out of line (TOAST), uncompressed.
CREATE TABLE documents_default (id integer PRIMARY KEY, title text NOT NULL, body text);
CREATE TABLE documents_full    (id integer PRIMARY KEY, title text NOT NULL, body text);
ALTER TABLE documents_default ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE documents_full ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE documents_full REPLICA IDENTITY FULL;

INSERT INTO documents_default VALUES (1, 'draft', repeat('lorem ipsum ', 500));
INSERT INTO documents_full    VALUES (1, 'draft', repeat('lorem ipsum ', 500));

SELECT c.relname AS "table", c.relreplident AS replica_identity
FROM pg_class c
WHERE c.relname IN ('accounts_default', 'accounts_full', 'accounts_index', 'accounts_nothing', 'documents_default', 'documents_full')
ORDER BY c.relname;
