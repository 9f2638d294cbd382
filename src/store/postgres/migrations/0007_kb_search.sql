-- 0007: what kb search ranks by, kept so that it need not read the articles (issue 16).
-- Why: `kb search` ranks with bm25, which needs each candidate's hits per query word in
-- its title and body, and the number and words of all the articles. Counting the hits
-- meant sending every matching article's body to desk and splitting it there: for a
-- common word tens of thousands of bodies (32 MB at 100,000 articles) for a page of
-- twenty hits; and the totals meant reading the whole table.
-- `body_words` holds the body's words as desk splits and folds them
-- (`domain::search::tokens`), each between two spaces (' tok1  tok2 '), so the server
-- counts a word's hits in it: the occurrences of ' word' (a prefix) or ' word ' (the
-- whole word), which cannot overlap. Titles are short and still counted by desk. desk
-- fills the column for the articles already there as it migrates, and writes it with
-- every article it writes or imports. It is compressed with lz4 where the server has it
-- (PostgreSQL 14 and later, built with it), which a search decompresses several times
-- faster than the default pglz. `articles_search_len` lets the totals (count(*),
-- sum(search_len)) come from the index alone instead of the whole table.
-- Additive: a desk of schema 5 or 6 keeps working on it (compatible with 5). Such a
-- desk writes articles without body_words (NULL: desk counts that body itself, as
-- before); one that changes a body would leave the column behind, so a trigger empties
-- it (NULL) whenever a body changes and the column does not (also when a desk of this
-- schema changes only a body's punctuation, whose words stay the same: counted from
-- the body then).

ALTER TABLE articles ADD COLUMN body_words text COLLATE "C";
DO $$
BEGIN
    EXECUTE 'ALTER TABLE articles ALTER COLUMN body_words SET COMPRESSION lz4';
EXCEPTION WHEN syntax_error OR feature_not_supported THEN
    NULL;
END
$$;

CREATE INDEX articles_search_len ON articles(search_len);

CREATE FUNCTION desk_body_words_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.body IS DISTINCT FROM OLD.body AND NEW.body_words IS NOT DISTINCT FROM OLD.body_words THEN
        NEW.body_words := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER articles_body_words BEFORE UPDATE OF body ON articles
    FOR EACH ROW EXECUTE FUNCTION desk_body_words_follow();
