import GRDB

/// The project file's schema, as named, append-only migrations.
///
/// Never edit a migration that has shipped: add a new one. Migrations use plain SQL
/// (no app types) so that they keep meaning the same thing as the code changes.
/// SQLite enforces what it can: NOT NULL, foreign keys, `CHECK (start < end)`,
/// uniqueness, and triggers that keep document text immutable and codings inside
/// their document.
enum Schema {
    /// The `application_id` stamped on every qcode project file ("QCOD").
    static let applicationID: Int32 = 0x5143_4F44

    /// The migrations in order. The project's format version is their count.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core", migrate: createCore)
        migrator.registerMigration("v2-codings-in-text-order") { db in
            // Segment listings and exports read codings in text order; the index covers
            // every column they read, so a listing never visits the table itself.
            try db.execute(sql: #"CREATE INDEX codings_text_order ON codings(document_id, start, "end", code_id, coder_id, memo)"#)
        }
        migrator.registerMigration("v3-undo-everything", migrate: undoEverything)
        migrator.registerMigration("v4-done-marks", migrate: doneMarks)
        migrator.registerMigration("v5-search-index", migrate: searchIndex)
        return migrator
    }

    /// Format 3: every audit entry keeps the changeset of its transaction (undo applies
    /// its inverse); a document's text may be replaced, as a new revision; coding ids are
    /// never reused (AUTOINCREMENT), so a stale id can never name someone else's coding;
    /// memos record who wrote them and when (`memo_by`, `memo_at`).
    private static func undoEverything(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE audit_log ADD COLUMN changes BLOB;

            ALTER TABLE documents ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
            ALTER TABLE documents ADD COLUMN memo_by TEXT;
            ALTER TABLE documents ADD COLUMN memo_at TEXT;
            DROP TRIGGER documents_text_immutable;
            CREATE TRIGGER documents_text_immutable
            BEFORE UPDATE OF text, characters, paragraphs, sentences ON documents
            WHEN NEW.revision = OLD.revision
            BEGIN
                SELECT RAISE(ABORT, 'document text is immutable once imported (a replacement is a new revision)');
            END;

            CREATE TABLE codings_v3 (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                code_id     TEXT NOT NULL REFERENCES codes(id) ON DELETE RESTRICT ON UPDATE CASCADE,
                coder_id    INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
                start       INTEGER NOT NULL CHECK (start >= 0),
                "end"       INTEGER NOT NULL,
                memo        TEXT,
                created_at  TEXT NOT NULL,
                memo_by     TEXT,
                memo_at     TEXT,
                CHECK (start < "end"),
                UNIQUE (document_id, code_id, coder_id, start, "end")
            );
            INSERT INTO codings_v3(id, document_id, code_id, coder_id, start, "end", memo, created_at)
                SELECT id, document_id, code_id, coder_id, start, "end", memo, created_at FROM codings;
            DROP TABLE codings;
            ALTER TABLE codings_v3 RENAME TO codings;
            CREATE INDEX codings_code ON codings(code_id);
            CREATE INDEX codings_coder ON codings(coder_id);
            CREATE INDEX codings_text_order ON codings(document_id, start, "end", code_id, coder_id, memo);

            \(codingsInsideDocument)
            """)
    }

    /// Format 4: a coder can mark a document as fully coded, so that exports tell "coded,
    /// nothing found" (0) from "not coded" (missing). One mark per document and coder.
    private static func doneMarks(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE document_marks (
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                coder_id    INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
                marked_at   TEXT NOT NULL,
                PRIMARY KEY (document_id, coder_id)
            ) WITHOUT ROWID;
            CREATE INDEX document_marks_coder ON document_marks(coder_id);
            """)
    }

    /// Format 5: a full-text index of the turns, for `qcode search`. Derived data, not
    /// recorded for undo (see `Store+SearchIndex.swift`): `search_index` is a contentless
    /// FTS5 table (the text is not stored twice) with one row per turn (a document without
    /// turns: one row for its text), rowid `first_row + turn number`;
    /// `search_index_documents` says which revision (and text hash) of each document the
    /// index holds and where its rows are; `search_index_info` the next free rowid and how
    /// many rows are stale (left by documents since removed or replaced, whose text is no
    /// longer there to delete them with; they are never read, and the index is rebuilt when
    /// they outnumber the live rows).
    private static func searchIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE search_index USING fts5(
                text, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE TABLE search_index_documents (
                document_id INTEGER PRIMARY KEY,
                revision    INTEGER NOT NULL,
                sha256      TEXT NOT NULL,
                first_row   INTEGER NOT NULL,
                rows        INTEGER NOT NULL
            );
            CREATE TABLE search_index_info (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                next_row   INTEGER NOT NULL,
                stale_rows INTEGER NOT NULL
            );
            INSERT INTO search_index_info(id, next_row, stale_rows) VALUES (1, 1, 0);
            """)
    }

    /// The triggers that keep codings inside their document, as v1 created them and v3
    /// creates them again on its rebuilt `codings` table (the same text in both).
    private static let codingsInsideDocument = """
        CREATE TRIGGER codings_inside_document_insert
        BEFORE INSERT ON codings
        WHEN NEW."end" > (SELECT characters FROM documents WHERE id = NEW.document_id)
        BEGIN
            SELECT RAISE(ABORT, 'coding ends past the end of its document');
        END;

        CREATE TRIGGER codings_inside_document_update
        BEFORE UPDATE OF start, "end", document_id ON codings
        WHEN NEW."end" > (SELECT characters FROM documents WHERE id = NEW.document_id)
        BEGIN
            SELECT RAISE(ABORT, 'coding ends past the end of its document');
        END;
        """

    /// The format version this build of qcode writes and understands.
    static var formatVersion: Int { migrator().migrations.count }

    private static func createCore(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE project_info (
                key   TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );

            CREATE TABLE coders (
                id   INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
            );

            CREATE TABLE cases (
                id   INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                memo TEXT
            );

            CREATE TABLE attributes (
                id       INTEGER PRIMARY KEY,
                name     TEXT NOT NULL UNIQUE,
                type     TEXT NOT NULL CHECK (type IN ('integer','number','boolean','date','text')),
                position INTEGER NOT NULL DEFAULT 0
            );

            CREATE TABLE case_values (
                case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,
                value        TEXT NOT NULL,
                PRIMARY KEY (case_id, attribute_id)
            ) WITHOUT ROWID;

            CREATE TABLE documents (
                id          INTEGER PRIMARY KEY,
                name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                case_id     INTEGER REFERENCES cases(id) ON DELETE SET NULL,
                format      TEXT NOT NULL,
                encoding    TEXT,
                source_file TEXT NOT NULL,
                sha256      TEXT NOT NULL,
                text        TEXT NOT NULL,
                characters  INTEGER NOT NULL CHECK (characters >= 0),
                paragraphs  BLOB NOT NULL,
                sentences   BLOB NOT NULL,
                imported_at TEXT NOT NULL,
                memo        TEXT
            );
            CREATE INDEX documents_case ON documents(case_id);
            CREATE INDEX documents_sha256 ON documents(sha256);

            CREATE TRIGGER documents_text_immutable
            BEFORE UPDATE OF text, characters, paragraphs, sentences ON documents
            BEGIN
                SELECT RAISE(ABORT, 'document text is immutable once imported');
            END;

            CREATE TABLE turns (
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                number      INTEGER NOT NULL CHECK (number >= 1),
                speaker     TEXT,
                start       INTEGER NOT NULL CHECK (start >= 0),
                "end"       INTEGER NOT NULL,
                time        REAL,
                end_time    REAL,
                PRIMARY KEY (document_id, number),
                CHECK (start < "end")
            ) WITHOUT ROWID;

            CREATE TABLE codes (
                id          TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
                parent_id   TEXT REFERENCES codes(id) ON DELETE RESTRICT,
                name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND instr(name, '/') = 0),
                label       TEXT,
                colour      TEXT,
                description TEXT,
                include     TEXT,
                exclude     TEXT,
                examples    TEXT NOT NULL DEFAULT '[]',
                keywords    TEXT NOT NULL DEFAULT '[]',
                position    INTEGER NOT NULL DEFAULT 0,
                CHECK (parent_id IS NULL OR parent_id <> id)
            );
            CREATE UNIQUE INDEX codes_sibling_name ON codes(ifnull(parent_id, ''), name COLLATE NOCASE);

            CREATE TABLE codings (
                id          INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                code_id     TEXT NOT NULL REFERENCES codes(id) ON DELETE RESTRICT ON UPDATE CASCADE,
                coder_id    INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
                start       INTEGER NOT NULL CHECK (start >= 0),
                "end"       INTEGER NOT NULL,
                memo        TEXT,
                created_at  TEXT NOT NULL,
                CHECK (start < "end"),
                UNIQUE (document_id, code_id, coder_id, start, "end")
            );
            CREATE INDEX codings_code ON codings(code_id);
            CREATE INDEX codings_coder ON codings(coder_id);

            \(codingsInsideDocument)

            CREATE TABLE audit_log (
                id      INTEGER PRIMARY KEY,
                at      TEXT NOT NULL,
                actor   TEXT,
                action  TEXT NOT NULL,
                summary TEXT NOT NULL,
                before  TEXT,
                after   TEXT
            );
            """)
    }
}
