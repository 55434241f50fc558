#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <string.h>
#include "CSQLiteSession.h"

int qcode_session_begin(void *db, const char *const *tables, int tableCount, void **session) {
    sqlite3_session *s = 0;
    int rc = sqlite3session_create((sqlite3 *)db, "main", &s);
    if (rc != SQLITE_OK) return rc;
    for (int i = 0; i < tableCount; i++) {
        rc = sqlite3session_attach(s, tables[i]);
        if (rc != SQLITE_OK) { sqlite3session_delete(s); return rc; }
    }
    *session = s;
    return SQLITE_OK;
}

void qcode_session_enable(void *session, int enabled) {
    sqlite3session_enable((sqlite3_session *)session, enabled);
}

int qcode_session_changeset(void *session, int *size, void **buffer) {
    return sqlite3session_changeset((sqlite3_session *)session, size, buffer);
}

void qcode_session_end(void *session) { sqlite3session_delete((sqlite3_session *)session); }

int qcode_changeset_invert(int size, const void *changeset, int *outSize, void **outBuffer) {
    return sqlite3changeset_invert(size, changeset, outSize, outBuffer);
}

static int on_conflict(void *context, int kind, sqlite3_changeset_iter *iterator) {
    qcode_conflict *conflict = (qcode_conflict *)context;
    if (conflict->conflictKind == 0) {
        conflict->conflictKind = kind;
        const char *table = 0;
        int columns = 0, op = 0, indirect = 0;
        if (kind != SQLITE_CHANGESET_FOREIGN_KEY &&
            sqlite3changeset_op(iterator, &table, &columns, &op, &indirect) == SQLITE_OK && table) {
            strncpy(conflict->table, table, sizeof conflict->table - 1);
            conflict->table[sizeof conflict->table - 1] = 0;
        }
    }
    return SQLITE_CHANGESET_ABORT;
}

int qcode_changeset_apply(void *db, int size, const void *changeset, qcode_conflict *conflict) {
    memset(conflict, 0, sizeof *conflict);
    return sqlite3changeset_apply((sqlite3 *)db, size, (void *)changeset, 0, on_conflict, conflict);
}

void qcode_free(void *buffer) { sqlite3_free(buffer); }
