/// The team project's schema in PostgreSQL (schema `qcode`), as named, append-only
/// migrations like the project file's (`Schema` in QCodeKit).
///
/// Like all of qcode's SQL it lives in `Sources/QCodeKit/Store/`; the network code that runs
/// it is in the `QCodeServer` target. The server enforces what
/// it can: foreign keys, `CHECK (start < "end")`, immutable document text within a revision,
/// and blind coding by row-level security on every table that holds codings or marks
/// (enabled and forced, so it binds the owner too).
public enum ServerSchema {
    /// The migrations in order: (name, SQL). Never edit one that has shipped.
    public static let migrations: [(name: String, sql: String)] = [
        ("s1-team-project", teamProject),
        ("s2-coding-blocks", codingBlocks),
        ("s3-coding-notifications", codingNotifications),
        ("s4-document-memos", documentMemos),
        ("s5-codings-inside-documents", codingsInsideDocuments),
        ("s6-policies-evaluated-once", policiesEvaluatedOnce),
    ]

    /// Roles' access: `lead` (everything, and sees every coder's work), `coder` (codes; sees
    /// only their own work in the blind phase), `reader` (reads what a coder would see).
    static let accessLevels = ["lead", "coder", "reader"]

    private static let teamProject = #"""
        CREATE TABLE qcode.migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE qcode.team (
            role   text PRIMARY KEY,
            access text NOT NULL CHECK (access IN ('lead', 'coder', 'reader'))
        );
        CREATE TABLE qcode.project_info (key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE qcode.coders (
            id   bigint PRIMARY KEY,
            name text NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
        );
        CREATE TABLE qcode.cases (
            id   bigint PRIMARY KEY,
            name text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            memo text
        );
        CREATE TABLE qcode.attributes (
            id       bigint PRIMARY KEY,
            name     text NOT NULL UNIQUE,
            type     text NOT NULL CHECK (type IN ('integer','number','boolean','date','text')),
            position bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE qcode.case_values (
            case_id      bigint NOT NULL REFERENCES qcode.cases(id) ON DELETE CASCADE,
            attribute_id bigint NOT NULL REFERENCES qcode.attributes(id) ON DELETE CASCADE,
            value        text NOT NULL,
            PRIMARY KEY (case_id, attribute_id)
        );
        CREATE TABLE qcode.documents (
            id          bigint PRIMARY KEY,
            name        text NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            case_id     bigint REFERENCES qcode.cases(id) ON DELETE SET NULL,
            format      text NOT NULL,
            encoding    text,
            source_file text NOT NULL,
            sha256      text NOT NULL,
            text        text NOT NULL,
            characters  bigint NOT NULL CHECK (characters >= 0),
            paragraphs  bytea NOT NULL,
            sentences   bytea NOT NULL,
            imported_at text NOT NULL,
            memo        text,
            revision    bigint NOT NULL DEFAULT 1 CHECK (revision >= 1),
            memo_by     text,
            memo_at     text
        );
        CREATE FUNCTION qcode.refuse_text_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'document text is immutable once imported (a replacement is a new revision)';
        END $$;
        CREATE TRIGGER documents_text_immutable BEFORE UPDATE OF text, characters, paragraphs, sentences
            ON qcode.documents FOR EACH ROW WHEN (NEW.revision = OLD.revision)
            EXECUTE FUNCTION qcode.refuse_text_change();
        CREATE TABLE qcode.turns (
            document_id bigint NOT NULL REFERENCES qcode.documents(id) ON DELETE CASCADE,
            number      bigint NOT NULL CHECK (number >= 1),
            speaker     text,
            start       bigint NOT NULL CHECK (start >= 0),
            "end"       bigint NOT NULL,
            time        double precision,
            end_time    double precision,
            PRIMARY KEY (document_id, number),
            CHECK (start < "end")
        );
        CREATE TABLE qcode.codes (
            id          text PRIMARY KEY CHECK (length(id) > 0),
            parent_id   text REFERENCES qcode.codes(id) ON DELETE RESTRICT,
            name        text NOT NULL CHECK (length(trim(name)) > 0 AND position('/' in name) = 0),
            label       text,
            colour      text,
            description text,
            include     text,
            exclude     text,
            examples    text NOT NULL DEFAULT '[]',
            keywords    text NOT NULL DEFAULT '[]',
            position    bigint NOT NULL DEFAULT 0,
            CHECK (parent_id IS NULL OR parent_id <> id)
        );
        CREATE TABLE qcode.codings (
            id          bigserial PRIMARY KEY,
            document_id bigint NOT NULL REFERENCES qcode.documents(id) ON DELETE CASCADE,
            code_id     text NOT NULL REFERENCES qcode.codes(id) ON DELETE RESTRICT ON UPDATE CASCADE,
            coder       text NOT NULL DEFAULT current_user REFERENCES qcode.coders(name) ON UPDATE CASCADE,
            start       bigint NOT NULL CHECK (start >= 0),
            "end"       bigint NOT NULL,
            memo        text,
            created_at  text NOT NULL,
            memo_by     text,
            memo_at     text,
            CHECK (start < "end"),
            UNIQUE (document_id, code_id, coder, start, "end")
        );
        CREATE INDEX codings_text_order ON qcode.codings(document_id, start, "end");
        CREATE INDEX codings_coder ON qcode.codings(coder);
        CREATE TABLE qcode.document_marks (
            document_id bigint NOT NULL REFERENCES qcode.documents(id) ON DELETE CASCADE,
            coder       text NOT NULL DEFAULT current_user REFERENCES qcode.coders(name) ON UPDATE CASCADE,
            marked_at   text NOT NULL,
            PRIMARY KEY (document_id, coder)
        );
        CREATE TABLE qcode.audit_log (
            id      bigserial PRIMARY KEY,
            at      text NOT NULL,
            actor   text DEFAULT current_user,
            action  text NOT NULL,
            summary text NOT NULL,
            before  text,
            after   text,
            changes bytea
        );

        -- Who may do what: plain functions over qcode.team (readable by the whole team), so
        -- policies see the caller as current_user.
        CREATE FUNCTION qcode.is_lead() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM qcode.team WHERE role = current_user AND access = 'lead')
        $$;
        CREATE FUNCTION qcode.phase_is_open() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM qcode.project_info WHERE key = 'phase' AND value = 'open')
        $$;

        -- Blind coding, enforced by the server for every client, psql included.
        ALTER TABLE qcode.codings ENABLE ROW LEVEL SECURITY;
        ALTER TABLE qcode.codings FORCE ROW LEVEL SECURITY;
        CREATE POLICY codings_read ON qcode.codings FOR SELECT
            USING (coder = current_user OR qcode.is_lead() OR qcode.phase_is_open());
        CREATE POLICY codings_insert ON qcode.codings FOR INSERT
            WITH CHECK (coder = current_user OR qcode.is_lead());
        CREATE POLICY codings_update ON qcode.codings FOR UPDATE
            USING (coder = current_user OR qcode.is_lead()) WITH CHECK (coder = current_user OR qcode.is_lead());
        CREATE POLICY codings_delete ON qcode.codings FOR DELETE
            USING (coder = current_user OR qcode.is_lead());

        ALTER TABLE qcode.document_marks ENABLE ROW LEVEL SECURITY;
        ALTER TABLE qcode.document_marks FORCE ROW LEVEL SECURITY;
        CREATE POLICY marks_read ON qcode.document_marks FOR SELECT
            USING (coder = current_user OR qcode.is_lead() OR qcode.phase_is_open());
        CREATE POLICY marks_insert ON qcode.document_marks FOR INSERT
            WITH CHECK (coder = current_user OR qcode.is_lead());
        CREATE POLICY marks_delete ON qcode.document_marks FOR DELETE
            USING (coder = current_user OR qcode.is_lead());

        -- The audit log holds payloads of codings and memos: the same rule, by actor.
        ALTER TABLE qcode.audit_log ENABLE ROW LEVEL SECURITY;
        ALTER TABLE qcode.audit_log FORCE ROW LEVEL SECURITY;
        CREATE POLICY audit_read ON qcode.audit_log FOR SELECT
            USING (actor = current_user OR qcode.is_lead() OR qcode.phase_is_open());
        CREATE POLICY audit_insert ON qcode.audit_log FOR INSERT
            WITH CHECK (actor = current_user OR qcode.is_lead());
        """#

    /// Blocks of coding ids, one per working copy (`ServerStore.reserveCodingBlock`): codings
    /// made at the same time by different coders never share an id, so each copy's undo data
    /// names the server's rows.
    private static let codingBlocks = #"""
        CREATE SEQUENCE qcode.coding_blocks INCREMENT BY 1048576 MINVALUE 1048576 START WITH 1048576;
        """#

    /// A notification on channel `qcode_codings` after each statement that changes codings
    /// (delivered at commit, with no payload: who coded what stays behind row-level
    /// security), so an open workspace re-reads what its role may see within a second.
    private static let codingNotifications = #"""
        CREATE FUNCTION qcode.notify_codings() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('qcode_codings', '');
            RETURN NULL;
        END $$;
        CREATE TRIGGER codings_notify AFTER INSERT OR UPDATE OR DELETE ON qcode.codings
            FOR EACH STATEMENT EXECUTE FUNCTION qcode.notify_codings();
        """#

    /// Document memos (one coder's reading of a document) move out of the shared `documents`
    /// rows into their own table, one memo per document per author, under the same
    /// row-level security as codings: while blind, a coder sees and writes only their own.
    private static let documentMemos = #"""
        CREATE TABLE qcode.document_memos (
            document_id bigint NOT NULL REFERENCES qcode.documents(id) ON DELETE CASCADE,
            author      text NOT NULL DEFAULT current_user,
            memo        text NOT NULL,
            memo_at     text,
            PRIMARY KEY (document_id, author)
        );
        INSERT INTO qcode.document_memos(document_id, author, memo, memo_at)
            SELECT id, coalesce(memo_by, current_user), memo, memo_at FROM qcode.documents WHERE memo IS NOT NULL;
        UPDATE qcode.documents SET memo = NULL, memo_by = NULL, memo_at = NULL WHERE memo IS NOT NULL OR memo_by IS NOT NULL;
        ALTER TABLE qcode.documents ADD CONSTRAINT document_memos_live_apart
            CHECK (memo IS NULL AND memo_by IS NULL AND memo_at IS NULL);
        ALTER TABLE qcode.document_memos ENABLE ROW LEVEL SECURITY;
        ALTER TABLE qcode.document_memos FORCE ROW LEVEL SECURITY;
        CREATE POLICY document_memos_read ON qcode.document_memos FOR SELECT
            USING (author = current_user OR qcode.is_lead() OR qcode.phase_is_open());
        CREATE POLICY document_memos_insert ON qcode.document_memos FOR INSERT
            WITH CHECK (author = current_user OR qcode.is_lead());
        CREATE POLICY document_memos_update ON qcode.document_memos FOR UPDATE
            USING (author = current_user OR qcode.is_lead()) WITH CHECK (author = current_user OR qcode.is_lead());
        CREATE POLICY document_memos_delete ON qcode.document_memos FOR DELETE
            USING (author = current_user OR qcode.is_lead());
        DO $$
        DECLARE member record;
        BEGIN
            FOR member IN SELECT role FROM qcode.team WHERE access <> 'reader' LOOP
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON qcode.document_memos TO %I', member.role);
            END LOOP;
            FOR member IN SELECT role FROM qcode.team WHERE access = 'reader' LOOP
                EXECUTE format('GRANT SELECT ON qcode.document_memos TO %I', member.role);
            END LOOP;
        END $$;
        """#

    /// A coding must end inside its document, whoever writes it (a project file's trigger
    /// says the same), so no client's SQL can leave a coding that points past the text.
    private static let codingsInsideDocuments = #"""
        CREATE FUNCTION qcode.refuse_coding_outside_document() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."end" > (SELECT characters FROM qcode.documents WHERE id = NEW.document_id) THEN
                RAISE EXCEPTION 'coding ends past the end of its document';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER codings_inside_document BEFORE INSERT OR UPDATE OF start, "end", document_id ON qcode.codings
            FOR EACH ROW EXECUTE FUNCTION qcode.refuse_coding_outside_document();
        """#

    /// The same policies, with who-you-are and the phase asked once per statement rather than
    /// once per row (a scalar subquery becomes an init plan): reading 150,000 codings as the
    /// lead took 270 ms, of which 230 ms were these checks.
    private static let policiesEvaluatedOnce = #"""
        ALTER POLICY codings_read ON qcode.codings
            USING (coder = current_user OR (SELECT qcode.is_lead()) OR (SELECT qcode.phase_is_open()));
        ALTER POLICY codings_insert ON qcode.codings WITH CHECK (coder = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY codings_update ON qcode.codings
            USING (coder = current_user OR (SELECT qcode.is_lead())) WITH CHECK (coder = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY codings_delete ON qcode.codings USING (coder = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY marks_read ON qcode.document_marks
            USING (coder = current_user OR (SELECT qcode.is_lead()) OR (SELECT qcode.phase_is_open()));
        ALTER POLICY marks_insert ON qcode.document_marks WITH CHECK (coder = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY marks_delete ON qcode.document_marks USING (coder = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY audit_read ON qcode.audit_log
            USING (actor = current_user OR (SELECT qcode.is_lead()) OR (SELECT qcode.phase_is_open()));
        ALTER POLICY audit_insert ON qcode.audit_log WITH CHECK (actor = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY document_memos_read ON qcode.document_memos
            USING (author = current_user OR (SELECT qcode.is_lead()) OR (SELECT qcode.phase_is_open()));
        ALTER POLICY document_memos_insert ON qcode.document_memos WITH CHECK (author = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY document_memos_update ON qcode.document_memos
            USING (author = current_user OR (SELECT qcode.is_lead())) WITH CHECK (author = current_user OR (SELECT qcode.is_lead()));
        ALTER POLICY document_memos_delete ON qcode.document_memos USING (author = current_user OR (SELECT qcode.is_lead()));
        """#

    /// The channel of ``codingNotifications``.
    public static let codingsChannel = "qcode_codings"

    /// Grants for one team member, by access level. `role` must be a checked identifier.
    static func grants(role: String, access: String) -> [String] {
        let quoted = quoteIdentifier(role)
        var statements = [
            "GRANT USAGE ON SCHEMA qcode TO \(quoted)",
            "GRANT SELECT ON ALL TABLES IN SCHEMA qcode TO \(quoted)",
            "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA qcode TO \(quoted)",
        ]
        if access != "reader" {
            statements += [
                "GRANT INSERT, UPDATE, DELETE ON qcode.codings, qcode.document_marks, qcode.document_memos TO \(quoted)",
                "GRANT INSERT ON qcode.audit_log TO \(quoted)",
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA qcode TO \(quoted)",
            ]
        }
        if access == "lead" {
            statements += ["GRANT ALL ON ALL TABLES IN SCHEMA qcode TO \(quoted)"]
        }
        return statements
    }

    /// Takes every grant back.
    static func revokes(role: String) -> [String] {
        let quoted = quoteIdentifier(role)
        return ["REVOKE ALL ON ALL TABLES IN SCHEMA qcode FROM \(quoted)",
                "REVOKE ALL ON ALL SEQUENCES IN SCHEMA qcode FROM \(quoted)",
                "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA qcode FROM \(quoted)",
                "REVOKE ALL ON SCHEMA qcode FROM \(quoted)"]
    }

    /// An SQL identifier, double-quoted.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
