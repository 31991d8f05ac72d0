/* pb-sqlite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-sqlite.h"

#include <glib/gi18n.h>

#include "pb-error.h"

void
pb_sqlite_set_error (GError  **error,
                     sqlite3  *db)
{
  const char *path = sqlite3_db_filename (db, "main");

  if (path == NULL)
    path = "";

  /* Administrators can act on a full disk or a busy store; SQLite's
   * "database or disk is full" does not say which, and "database is
   * locked" sounds broken when it only means "try again". */
  switch (sqlite3_errcode (db) & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                   _("Cannot write to the store “%s”: the disk is full"), path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PB_ERROR, PB_ERROR_STORE_BUSY,
                   _("The store “%s” is busy: another program is writing to it. "
                     "Nothing was changed; try again in a moment."), path);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      /* Found in use: say so now, and leave a mark for the next open to
       * check the whole file and move it aside (pb-store.c). */
      if (*path != '\0')
        {
          g_autofree char *marker = g_strconcat (path, PB_SQLITE_DAMAGE_MARKER_SUFFIX, NULL);

          g_file_set_contents (marker, sqlite3_errmsg (db), -1, NULL);
        }
      g_set_error (error, PB_ERROR, PB_ERROR_STORE_CORRUPT,
                   _("The store “%s” is damaged (%s). Nothing was changed. It is checked, and moved "
                     "aside if it is corrupt, the next time Presence Bridge opens it."),
                   path, sqlite3_errmsg (db));
      break;
    case SQLITE_READONLY:
      g_set_error (error, PB_ERROR, PB_ERROR_STORE_READ_ONLY,
                   _("The store “%s” cannot be written: it is read-only"), path);
      break;
    default:
      g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                   _("The store “%s” failed: %s"), path, sqlite3_errmsg (db));
    }
}

gboolean
pb_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      pb_sqlite_set_error (error, db);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
pb_sqlite_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      pb_sqlite_set_error (error, db);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

int
pb_sqlite_step (sqlite3_stmt  *stmt,
                GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pb_sqlite_set_error (error, sqlite3_db_handle (stmt));

  return rc;
}

gboolean
pb_sqlite_step_done (sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = pb_sqlite_step (stmt, error);

  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_critical ("Statement “%s” returned a row where none was expected", sqlite3_sql (stmt));
      g_set_error_literal (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                           _("The store returned an unexpected result"));
      return FALSE;
    }

  return rc == SQLITE_DONE;
}

void
pb_sqlite_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *value)
{
  int rc;

  if (value == NULL)
    rc = sqlite3_bind_null (stmt, index);
  else
    rc = sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);

  /* Only a wrong index (a bug) or a string over SQLite's size limit fails;
   * the statement then fails on its NOT NULL constraints when stepped. */
  if (rc != SQLITE_OK)
    g_critical ("Cannot bind parameter %d of “%s”: %s", index, sqlite3_sql (stmt), sqlite3_errstr (rc));
}

void
pb_sqlite_bind_int64 (sqlite3_stmt *stmt,
                      int           index,
                      gint64        value)
{
  int rc = sqlite3_bind_int64 (stmt, index, value);

  if (rc != SQLITE_OK)
    g_critical ("Cannot bind parameter %d of “%s”: %s", index, sqlite3_sql (stmt), sqlite3_errstr (rc));
}

const char *
pb_sqlite_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

gboolean
pb_sqlite_begin (sqlite3  *db,
                 GError  **error)
{
  return pb_sqlite_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
pb_sqlite_commit (sqlite3  *db,
                  GError  **error)
{
  if (!pb_sqlite_exec (db, "COMMIT", error))
    {
      pb_sqlite_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
pb_sqlite_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}
