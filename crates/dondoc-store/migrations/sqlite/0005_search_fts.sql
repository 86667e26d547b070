-- Full-text index over the folded search text, so that a search reads the matching rows only
-- instead of every indexed text. The text is folded by the program (no diacritics, đ as d)
-- before it gets here; the tokenizer only splits words.
CREATE VIRTUAL TABLE search_fts USING fts5(
    folded,
    content = 'search_index',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO search_fts (rowid, folded) SELECT rowid, folded FROM search_index;
CREATE TRIGGER search_index_fts AFTER INSERT ON search_index BEGIN
    INSERT INTO search_fts (rowid, folded) VALUES (new.rowid, new.folded);
END;
