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

int qcode_changeset_start(int size, const void *changeset, void **iterator) {
    sqlite3_changeset_iter *it = 0;
    int rc = sqlite3changeset_start(&it, size, (void *)changeset);
    *iterator = it;
    return rc;
}

int qcode_changeset_next(void *iterator) { return sqlite3changeset_next((sqlite3_changeset_iter *)iterator); }

int qcode_changeset_row(void *iterator, const char **table, int *columns, int *operation) {
    int indirect = 0;
    return sqlite3changeset_op((sqlite3_changeset_iter *)iterator, table, columns, operation, &indirect);
}

int qcode_changeset_primary_key(void *iterator, const unsigned char **flags, int *columns) {
    unsigned char *pk = 0;
    int rc = sqlite3changeset_pk((sqlite3_changeset_iter *)iterator, &pk, columns);
    *flags = pk;
    return rc;
}

int qcode_changeset_value(void *iterator, int after, int column, qcode_value *value) {
    memset(value, 0, sizeof *value);
    sqlite3_value *v = 0;
    int rc = after ? sqlite3changeset_new((sqlite3_changeset_iter *)iterator, column, &v)
                   : sqlite3changeset_old((sqlite3_changeset_iter *)iterator, column, &v);
    if (rc != SQLITE_OK || v == 0) return rc;
    value->type = sqlite3_value_type(v);
    switch (value->type) {
    case SQLITE_INTEGER: value->integer = sqlite3_value_int64(v); break;
    case SQLITE_FLOAT: value->real = sqlite3_value_double(v); break;
    case SQLITE_TEXT: value->bytes = sqlite3_value_text(v); value->length = sqlite3_value_bytes(v); break;
    case SQLITE_BLOB: value->bytes = sqlite3_value_blob(v); value->length = sqlite3_value_bytes(v); break;
    default: break;
    }
    return SQLITE_OK;
}

int qcode_changeset_finish(void *iterator) { return sqlite3changeset_finalize((sqlite3_changeset_iter *)iterator); }
