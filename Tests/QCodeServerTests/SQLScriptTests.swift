import Testing
@testable import QCodeServer
@testable import QCodeKit

/// Scripts split at the semicolons that end statements only.
@Suite struct SQLScriptTests {
    @Test func splitsOutsideQuotesBodiesAndComments() {
        let script = """
            CREATE TABLE t (a text DEFAULT ';'); -- a comment; not a statement
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
            CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'x;y' $body$;
            SELECT "odd;name", 'it''s; fine' FROM t
            """
        #expect(SQLScript.statements(script) == [
            "CREATE TABLE t (a text DEFAULT ';')",
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$",
            "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'x;y' $body$",
            #"SELECT "odd;name", 'it''s; fine' FROM t"#,
        ])
    }

    @Test func theServerSchemaSplitsIntoItsStatements() {
        let statements = ServerSchema.migrations.flatMap { SQLScript.statements($0.sql) }
        #expect(statements.count > 30)
        #expect(statements.allSatisfy { !$0.hasPrefix("--") && !$0.isEmpty })
        #expect(statements.contains { $0.hasPrefix("CREATE FUNCTION qcode.refuse_text_change()") && $0.hasSuffix("END $$") })
    }
}
