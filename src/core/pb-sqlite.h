/* pb-sqlite.h: a thin, private layer over SQLite for PbStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* sqlite3_finalize() returns the last step's error, which callers have
 * already seen: the cleanup only frees. */
/* Beside a store in which SQLite found damage while in use. */
#define PB_SQLITE_DAMAGE_MARKER_SUFFIX ".damaged"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

void          pb_sqlite_set_error       (GError       **error,
                                         sqlite3       *db);
/* Statements without parameters only (schema, pragmas, transactions). */
gboolean      pb_sqlite_exec            (sqlite3       *db,
                                         const char    *sql,
                                         GError       **error);
sqlite3_stmt *pb_sqlite_prepare         (sqlite3       *db,
                                         const char    *sql,
                                         GError       **error);
/* SQLITE_ROW, SQLITE_DONE, or another code with @error set. */
int           pb_sqlite_step            (sqlite3_stmt  *stmt,
                                         GError       **error);
/* Steps a statement that returns no row, then resets it for the next use. */
gboolean      pb_sqlite_step_done       (sqlite3_stmt  *stmt,
                                         GError       **error);

/* NULL binds SQL NULL. Values are copied, so temporaries may be passed. */
void          pb_sqlite_bind_text       (sqlite3_stmt  *stmt,
                                         int            index,
                                         const char    *value);
void          pb_sqlite_bind_int64      (sqlite3_stmt  *stmt,
                                         int            index,
                                         gint64         value);
const char   *pb_sqlite_column_text     (sqlite3_stmt  *stmt,
                                         int            column);

/* BEGIN IMMEDIATE: the write lock is taken up front, so two writers wait on
 * each other (busy timeout) instead of failing halfway with SQLITE_BUSY. */
gboolean      pb_sqlite_begin           (sqlite3       *db,
                                         GError       **error);
/* On failure the transaction is rolled back before returning. */
gboolean      pb_sqlite_commit          (sqlite3       *db,
                                         GError       **error);
/* Safe to call when SQLite already rolled back on its own (SQLITE_FULL,
 * SQLITE_IOERR, …) or when no transaction is open. */
void          pb_sqlite_rollback        (sqlite3       *db);

G_END_DECLS
