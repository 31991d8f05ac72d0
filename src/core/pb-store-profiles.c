/* pb-store-profiles.c: connection profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

#include <glib/gi18n.h>

#include "pb-error.h"

#define PROFILE_COLUMNS \
  "id, name, platform_url, auth_url, client_id, salesforce_login_url, " \
  "salesforce_client_id, callback_port, sandbox_org, is_default"

static PbProfile *
profile_from_row (sqlite3_stmt *stmt)
{
  PbProfile *profile = pb_profile_new (pb_sqlite_column_text (stmt, 1));
  gint64 port = sqlite3_column_int64 (stmt, 7);

  pb_profile_set_id (profile, sqlite3_column_int64 (stmt, 0));
  pb_profile_set_platform_url (profile, pb_sqlite_column_text (stmt, 2));
  pb_profile_set_auth_url (profile, pb_sqlite_column_text (stmt, 3));
  pb_profile_set_client_id (profile, pb_sqlite_column_text (stmt, 4));
  pb_profile_set_salesforce_login_url (profile, pb_sqlite_column_text (stmt, 5));
  pb_profile_set_salesforce_client_id (profile, pb_sqlite_column_text (stmt, 6));
  if (port > 0 && port <= G_MAXUINT16)
    pb_profile_set_callback_port (profile, port);
  pb_profile_set_sandbox_org (profile, sqlite3_column_int64 (stmt, 8) != 0);
  pb_profile_set_is_default (profile, sqlite3_column_int64 (stmt, 9) != 0);

  return profile;
}

void
_pb_store_set_no_profile_error (GError     **error,
                                const char  *name)
{
  g_set_error (error, PB_ERROR, PB_ERROR_NOT_FOUND,
               _("There is no profile named “%s”"), name);
}

/* One profile from a query taking @text or @id (or nothing): *@profile is
 * NULL, and TRUE returned, when there is no such row. */
static gboolean
query_profile (PbStore     *self,
               const char  *sql,
               const char  *text,
               gint64       id,
               PbProfile  **profile,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = pb_sqlite_prepare (self->db, sql, error);
  int rc;

  *profile = NULL;

  if (stmt == NULL)
    return FALSE;

  if (text != NULL)
    pb_sqlite_bind_text (stmt, 1, text);
  else if (sqlite3_bind_parameter_count (stmt) > 0)
    pb_sqlite_bind_int64 (stmt, 1, id);

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_ROW)
    *profile = profile_from_row (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The profile named @name, NULL without an error when there is none. */
gboolean
_pb_store_find_profile_locked (PbStore     *self,
                               const char  *name,
                               PbProfile  **profile,
                               GError     **error)
{
  return query_profile (self, "SELECT " PROFILE_COLUMNS " FROM profiles WHERE name = ?1",
                        name, 0, profile, error);
}

static PbProfile *
lookup_profile_locked (PbStore     *self,
                       const char  *name,
                       GError     **error)
{
  PbProfile *profile;

  if (!_pb_store_find_profile_locked (self, name, &profile, error))
    return NULL;

  if (profile == NULL)
    _pb_store_set_no_profile_error (error, name);

  return profile;
}

static PbProfile *
get_profile_by_id_locked (PbStore     *self,
                          gint64       id,
                          GError     **error)
{
  PbProfile *profile;

  if (!query_profile (self, "SELECT " PROFILE_COLUMNS " FROM profiles WHERE id = ?1",
                      NULL, id, &profile, error))
    return NULL;

  if (profile == NULL)
    g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND, _("The profile no longer exists"));

  return profile;
}

/* The row id of @profile: its id when it came from the store, else the row
 * of that name. */
gint64
_pb_store_resolve_profile_id (PbStore    *self,
                              PbProfile  *profile,
                              GError    **error)
{
  g_autoptr(PbProfile) stored = NULL;
  gint64 id = pb_profile_get_id (profile);

  if (id > 0)
    {
      g_autoptr(sqlite3_stmt) stmt = _pb_store_prepare_with_id (self, "SELECT 1 FROM profiles WHERE id = ?1", id, error);
      int rc;

      if (stmt == NULL)
        return 0;

      rc = pb_sqlite_step (stmt, error);
      if (rc == SQLITE_ROW)
        return id;
      if (rc == SQLITE_DONE)
        _pb_store_set_no_profile_error (error, pb_profile_get_name (profile));
      return 0;
    }

  stored = lookup_profile_locked (self, pb_profile_get_name (profile), error);
  return stored ? pb_profile_get_id (stored) : 0;
}

/* Takes the store's lock for the caller, then resolves @profile. */
gint64
_pb_store_lock_profile (PbStore       *self,
                        PbProfile     *profile,
                        GMutexLocker **locker,
                        GError       **error)
{
  *locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return 0;
  return _pb_store_resolve_profile_id (self, profile, error);
}

/* Runs @sql on the profile named @name, which must exist. */
static gboolean
exec_on_profile_name (PbStore     *self,
                      const char  *sql,
                      const char  *name,
                      GError     **error)
{
  if (!_pb_store_exec_with_text (self, sql, name, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      _pb_store_set_no_profile_error (error, name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
mark_default_locked (PbStore     *self,
                     const char  *name,
                     GError     **error)
{
  /* Cleared first: the unique index on the flag allows one default at any
   * moment, even within a transaction. */
  return _pb_store_exec_with_text (self, "UPDATE profiles SET is_default = 0 WHERE is_default = 1 AND name <> ?1",
                                   name, error) &&
         exec_on_profile_name (self, "UPDATE profiles SET is_default = 1 WHERE name = ?1", name, error);
}

/* Parameters 2 to 8: the connection settings, in the order of both the
 * INSERT and the UPDATE below. */
static void
bind_profile_settings (sqlite3_stmt *stmt,
                       PbProfile    *profile)
{
  pb_sqlite_bind_text (stmt, 2, pb_profile_get_platform_url (profile));
  pb_sqlite_bind_text (stmt, 3, pb_profile_get_auth_url (profile));
  pb_sqlite_bind_text (stmt, 4, pb_profile_get_client_id (profile));
  pb_sqlite_bind_text (stmt, 5, pb_profile_get_salesforce_login_url (profile));
  pb_sqlite_bind_text (stmt, 6, pb_profile_get_salesforce_client_id (profile));
  pb_sqlite_bind_int64 (stmt, 7, pb_profile_get_callback_port (profile));
  pb_sqlite_bind_int64 (stmt, 8, pb_profile_get_sandbox_org (profile));
}

PbProfile *
_pb_store_insert_profile_locked (PbStore     *self,
                                 PbProfile   *profile,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *name = pb_profile_get_name (profile);

  stmt = pb_sqlite_prepare (self->db,
                            "INSERT INTO profiles (name, platform_url, auth_url, client_id, "
                            "  salesforce_login_url, salesforce_client_id, callback_port, sandbox_org, "
                            "  is_default, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)",
                            error);
  if (stmt == NULL)
    return NULL;

  pb_sqlite_bind_text (stmt, 1, name);
  bind_profile_settings (stmt, profile);
  pb_sqlite_bind_int64 (stmt, 9, _pb_store_now ());

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, PB_ERROR, PB_ERROR_EXISTS,
                     _("A profile named “%s” exists already"), name);
      else
        pb_sqlite_set_error (error, self->db);
      return NULL;
    }

  if (pb_profile_get_is_default (profile) && !mark_default_locked (self, name, error))
    return NULL;

  return get_profile_by_id_locked (self, sqlite3_last_insert_rowid (self->db), error);
}

PbProfile *
_pb_store_get_default_profile_locked (PbStore  *self,
                                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PbProfile) profile = NULL;
  int rc;

  if (!query_profile (self, "SELECT " PROFILE_COLUMNS " FROM profiles WHERE is_default = 1",
                      NULL, 0, &profile, error))
    return NULL;
  if (profile != NULL)
    return g_steal_pointer (&profile);

  stmt = pb_sqlite_prepare (self->db, "SELECT " PROFILE_COLUMNS " FROM profiles LIMIT 2", error);
  if (stmt == NULL)
    return NULL;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                           _("There is no profile yet: add one, or import a configuration file"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return NULL;

  profile = profile_from_row (stmt);

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&profile);
  if (rc == SQLITE_ROW)
    g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                         _("There are several profiles and none is the default: "
                           "choose one with --profile NAME, or make one the default with “profile use NAME”"));

  return NULL;
}

GListModel *
pb_store_list_profiles (PbStore  *self,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GListStore) profiles = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return NULL;

  stmt = pb_sqlite_prepare (self->db, "SELECT " PROFILE_COLUMNS " FROM profiles ORDER BY name", error);
  if (stmt == NULL)
    return NULL;

  profiles = g_list_store_new (PB_TYPE_PROFILE);
  while ((rc = pb_sqlite_step (stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(PbProfile) profile = profile_from_row (stmt);

      g_list_store_append (profiles, profile);
    }
  if (rc != SQLITE_DONE)
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&profiles));
}

/**
 * pb_store_add_profile:
 *
 * Stores a new profile with @profile's name and connection settings (made
 * the default when @profile says so).
 *
 * Returns: (transfer full): the stored profile, with its id
 */
PbProfile *
pb_store_add_profile (PbStore    *self,
                      PbProfile  *profile,
                      GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(PbProfile) stored = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return NULL;

  stored = _pb_store_insert_profile_locked (self, profile, error);
  if (!_pb_store_end_transaction (self, stored != NULL, error))
    return NULL;

  return g_steal_pointer (&stored);
}

/* Writes the connection settings; the name is the identity and the default
 * flag changes with pb_store_set_default_profile() only. */
gboolean
pb_store_update_profile (PbStore    *self,
                         PbProfile  *profile,
                         GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = _pb_store_lock_profile (self, profile, &locker, error);
  if (id == 0 || !_pb_store_ensure_connection (self, error))
    return FALSE;

  stmt = pb_sqlite_prepare (self->db,
                            "UPDATE profiles SET platform_url = ?2, auth_url = ?3, client_id = ?4, "
                            "  salesforce_login_url = ?5, salesforce_client_id = ?6, "
                            "  callback_port = ?7, sandbox_org = ?8 "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_int64 (stmt, 1, id);
  bind_profile_settings (stmt, profile);

  if (!pb_sqlite_step_done (stmt, error))
    return FALSE;

  /* Another process may have removed it since it was resolved. */
  if (sqlite3_changes (self->db) == 0)
    {
      _pb_store_set_no_profile_error (error, pb_profile_get_name (profile));
      return FALSE;
    }

  return TRUE;
}

PbProfile *
pb_store_lookup_profile (PbStore     *self,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return NULL;

  return lookup_profile_locked (self, name, error);
}

PbProfile *
pb_store_get_default_profile (PbStore  *self,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return NULL;

  return _pb_store_get_default_profile_locked (self, error);
}

gboolean
pb_store_set_default_profile (PbStore     *self,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return FALSE;

  return _pb_store_end_transaction (self, mark_default_locked (self, name, error), error);
}

/* Its snapshots, draft and revisions go with it (ON DELETE CASCADE), in the
 * same statement. */
gboolean
pb_store_remove_profile (PbStore     *self,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  return _pb_store_ensure_connection (self, error) &&
         exec_on_profile_name (self, "DELETE FROM profiles WHERE name = ?1", name, error);
}

PbProfile *
pb_store_get_startup_profile (PbStore  *self,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  PbProfile *profile;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return NULL;

  /* The one opened last, else the default; then, rather than an empty
   * window, the first by name. */
  if (!query_profile (self,
                      "SELECT " PROFILE_COLUMNS " FROM profiles "
                      "ORDER BY last_opened_at IS NULL, last_opened_at DESC, is_default DESC, name "
                      "LIMIT 1",
                      NULL, 0, &profile, error))
    return NULL;

  return profile;
}

gboolean
pb_store_mark_profile_opened (PbStore    *self,
                              PbProfile  *profile,
                              GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = _pb_store_lock_profile (self, profile, &locker, error);
  if (id == 0)
    return FALSE;

  /* Reading a read-only store is still worth a window: nothing to
   * remember there. */
  if (self->read_only)
    return TRUE;
  if (!_pb_store_ensure_connection (self, error))
    return FALSE;

  /* Strictly increasing, so two profiles opened within one second keep
   * their order. */
  stmt = _pb_store_prepare_with_id (self,
                                    "UPDATE profiles SET last_opened_at = "
                                    "  max (?2, (SELECT coalesce (max (last_opened_at), 0) + 1 FROM profiles)) "
                                    "WHERE id = ?1",
                                    id, error);
  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_int64 (stmt, 2, _pb_store_now ());
  return pb_sqlite_step_done (stmt, error);
}

gboolean
pb_store_get_generation (PbStore    *self,
                         PbProfile  *profile,
                         guint64    *generation,
                         GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (generation != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = _pb_store_lock_profile (self, profile, &locker, error);
  return id != 0 && _pb_store_read_generation (self, profile, id, generation, error);
}
