// A thin shim over SQLite's session extension (compiled into Debian's and Apple's system
// SQLite), which records the rows a transaction changes as a "changeset" that can be
// inverted and applied: qcode's undo and redo. Connections and sessions are passed as
// opaque pointers so that this header does not clash with GRDB's view of sqlite3.h.
#ifndef QCODE_SQLITE_SESSION_H
#define QCODE_SQLITE_SESSION_H

/// Starts recording changes to the named tables of `db`'s main database.
/// Returns an SQLite result code; on success `*session` must be ended with qcode_session_end.
int qcode_session_begin(void *db, const char *const *tables, int tableCount, void **session);

/// Turns recording on (1) or off (0) without ending the session.
void qcode_session_enable(void *session, int enabled);

/// The changes recorded so far as a changeset. `*buffer` is freed with qcode_free.
int qcode_session_changeset(void *session, int *size, void **buffer);

/// Ends a session.
void qcode_session_end(void *session);

/// Inverts a changeset (inserts become deletes, updates swap old and new values).
int qcode_changeset_invert(int size, const void *changeset, int *outSize, void **outBuffer);

/// Why a changeset could not be applied cleanly.
typedef struct {
    int conflictKind;   // SQLITE_CHANGESET_DATA, _NOTFOUND, _CONFLICT, _CONSTRAINT, _FOREIGN_KEY
    char table[64];     // the table of the first conflicting change
} qcode_conflict;

/// Applies a changeset to `db` inside the caller's transaction; the first conflict aborts it
/// (SQLITE_ABORT) and is described in `*conflict`.
int qcode_changeset_apply(void *db, int size, const void *changeset, qcode_conflict *conflict);

/// One value of a changeset row. `type` is SQLite's (1 integer, 2 float, 3 text, 4 blob,
/// 5 null), or 0 when the changeset holds no value for the column (an update's unchanged
/// column). `bytes` points into the iterator's memory, valid until the next step.
typedef struct {
    int type;
    long long integer;
    double real;
    const void *bytes;
    int length;
} qcode_value;

/// Starts reading a changeset row by row. `*iterator` is finished with qcode_changeset_finish.
int qcode_changeset_start(int size, const void *changeset, void **iterator);

/// Steps to the next row: SQLITE_ROW (100) while there is one, SQLITE_DONE (101) after.
int qcode_changeset_next(void *iterator);

/// The current row's table, column count and operation (SQLITE_INSERT 18, _UPDATE 23, _DELETE 9).
int qcode_changeset_row(void *iterator, const char **table, int *columns, int *operation);

/// Whether each column of the current row's table is part of its primary key (1) or not (0).
int qcode_changeset_primary_key(void *iterator, const unsigned char **flags, int *columns);

/// A column's value before (`after` 0) or after (`after` 1) the current row's change.
int qcode_changeset_value(void *iterator, int after, int column, qcode_value *value);

/// Finishes reading a changeset.
int qcode_changeset_finish(void *iterator);

/// Frees memory returned by the functions above.
void qcode_free(void *buffer);

#endif
