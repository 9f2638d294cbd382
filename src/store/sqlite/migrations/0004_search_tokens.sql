-- 0004: the search indexes hold desk's own words.
-- Why: a desk on PostgreSQL must find the same tickets and articles, in the same order,
-- as one on SQLite. Until now SQLite's `unicode61` tokenizer split and folded the text
-- (after desk_fold()), and PostgreSQL's parser and `unaccent` do it differently (`й`,
-- `PC-0423`, e-mail addresses). Now desk splits and folds in Rust
-- (`domain::search::tokens`) for every engine: the indexes hold desk_tokens(text), the
-- words joined by single spaces, and the `ascii` tokenizer, which splits at ASCII
-- characters that are not letters or digits and keeps every other byte inside a word,
-- splits them back at exactly those spaces. Ranking (bm25) and snippets are computed by
-- desk from the text and the index's counts. The three indexes are made again from
-- their tables; the words are the same as before for all but a few texts (combining
-- marks), so the same searches find the same rows.

DROP TRIGGER tickets_fts_insert;
DROP TRIGGER tickets_fts_delete;
DROP TRIGGER tickets_fts_update;
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE tickets_fts USING fts5(
    title, description, content = 'tickets', content_rowid = 'id',
    tokenize = 'ascii'
);
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_fts(rowid, title, description)
    VALUES (new.id, desk_tokens(new.title), desk_tokens(new.description));
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description)
    VALUES ('delete', old.id, desk_tokens(old.title), desk_tokens(old.description));
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF title, description ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description)
    VALUES ('delete', old.id, desk_tokens(old.title), desk_tokens(old.description));
    INSERT INTO tickets_fts(rowid, title, description)
    VALUES (new.id, desk_tokens(new.title), desk_tokens(new.description));
END;
INSERT INTO tickets_fts(rowid, title, description)
    SELECT id, desk_tokens(title), desk_tokens(description) FROM tickets ORDER BY id;

DROP TRIGGER comments_fts_insert;
DROP TRIGGER comments_fts_delete;
DROP TABLE comments_fts;
CREATE VIRTUAL TABLE comments_fts USING fts5(
    text, content = 'comments', content_rowid = 'id',
    tokenize = 'ascii'
);
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts(rowid, text) VALUES (new.id, desk_tokens(new.text));
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts(comments_fts, rowid, text) VALUES ('delete', old.id, desk_tokens(old.text));
END;
INSERT INTO comments_fts(rowid, text) SELECT id, desk_tokens(text) FROM comments ORDER BY id;

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content = 'articles', content_rowid = 'id',
    tokenize = 'ascii'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.id, desk_tokens(new.title), desk_tokens(new.body));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, desk_tokens(old.title), desk_tokens(old.body));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, desk_tokens(old.title), desk_tokens(old.body));
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.id, desk_tokens(new.title), desk_tokens(new.body));
END;
INSERT INTO articles_fts(rowid, title, body)
    SELECT id, desk_tokens(title), desk_tokens(body) FROM articles ORDER BY id;
