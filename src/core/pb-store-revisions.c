/* pb-store-revisions.c: the history of a profile's configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

#include <glib/gi18n.h>

#include "pb-error.h"

static guint
insert_revision (PbStore     *self,
                 gint64       profile_id,
                 gint64       snapshot_id,
                 const char  *mapping_json,
                 const char  *source,
                 const char  *comment,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) next = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  gint64 number;

  next = _pb_store_prepare_with_id (self,
                                    "SELECT coalesce (max (number), 0) + 1 FROM revisions WHERE profile_id = ?1",
                                    profile_id, error);
  if (next == NULL)
    return 0;

  if (pb_sqlite_step (next, error) != SQLITE_ROW)
    return 0;
  number = sqlite3_column_int64 (next, 0);

  insert = pb_sqlite_prepare (self->db,
                              "INSERT INTO revisions (profile_id, number, created_at, source, comment, "
                              "  snapshot_id, mapping_json) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
  if (insert == NULL)
    return 0;

  pb_sqlite_bind_int64 (insert, 1, profile_id);
  pb_sqlite_bind_int64 (insert, 2, number);
  pb_sqlite_bind_int64 (insert, 3, _pb_store_now ());
  pb_sqlite_bind_text (insert, 4, source);
  pb_sqlite_bind_text (insert, 5, comment);
  _pb_store_bind_row_id (insert, 6, snapshot_id);
  pb_sqlite_bind_text (insert, 7, mapping_json);

  if (!pb_sqlite_step_done (insert, error))
    return 0;

  return number;
}

static const char *
snapshot_source_for_revision (const char *revision_source)
{
  if (g_str_equal (revision_source, PB_REVISION_SOURCE_FETCH))
    return PB_SNAPSHOT_SOURCE_FETCH;
  if (g_str_equal (revision_source, PB_REVISION_SOURCE_IMPORT))
    return PB_SNAPSHOT_SOURCE_IMPORT;
  return PB_SNAPSHOT_SOURCE_SAVE;
}

static gboolean
is_revision_source (const char *source)
{
  static const char * const sources[] = {
    PB_REVISION_SOURCE_SAVE,
    PB_REVISION_SOURCE_IMPORT,
    PB_REVISION_SOURCE_RESTORE,
    PB_REVISION_SOURCE_FETCH,
    PB_REVISION_SOURCE_PUBLISH,
    PB_REVISION_SOURCE_PROMOTE,
    NULL
  };

  return source != NULL && g_strv_contains (sources, source);
}

guint
_pb_store_save_revision_locked (PbStore          *self,
                                gint64            profile_id,
                                PbConfiguration  *configuration,
                                const char       *source,
                                const char       *comment,
                                GError          **error)
{
  g_autofree char *mapping_json = NULL;
  gint64 snapshot_id;
  guint number;

  if (!_pb_store_ensure_snapshot (self, profile_id, configuration,
                                  snapshot_source_for_revision (source), &snapshot_id, error))
    return 0;

  mapping_json = _pb_store_mapping_to_json (configuration);

  number = insert_revision (self, profile_id, snapshot_id, mapping_json, source, comment, error);
  if (number == 0)
    return 0;

  if (!_pb_store_write_draft (self, profile_id, snapshot_id, mapping_json, error))
    return 0;

  return number;
}

guint
pb_store_save_revision (PbStore          *self,
                        PbProfile        *profile,
                        PbConfiguration  *configuration,
                        const char       *source,
                        const char       *comment,
                        guint64          *generation,
                        GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 profile_id;
  guint number = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PROFILE (profile), 0);
  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), 0);
  g_return_val_if_fail (is_revision_source (source), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return 0;

  profile_id = _pb_store_resolve_profile_id (self, profile, error);
  if (profile_id != 0 &&
      _pb_store_advance_generation (self, profile, profile_id, generation, error))
    number = _pb_store_save_revision_locked (self, profile_id, configuration, source, comment, error);

  return _pb_store_end_transaction (self, number != 0, error) ? number : 0;
}

GListModel *
pb_store_list_revisions (PbStore    *self,
                         PbProfile  *profile,
                         GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GListStore) revisions = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 profile_id;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile_id = _pb_store_lock_profile (self, profile, &locker, error);
  if (profile_id == 0)
    return NULL;

  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT number, created_at, source, comment FROM revisions "
                                    "WHERE profile_id = ?1 ORDER BY number DESC",
                                    profile_id, error);
  if (stmt == NULL)
    return NULL;

  revisions = g_list_store_new (PB_TYPE_REVISION);
  while ((rc = pb_sqlite_step (stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));
      g_autoptr(PbRevision) revision = NULL;

      if (created == NULL)
        created = g_date_time_new_from_unix_utc (0);

      revision = pb_revision_new (sqlite3_column_int64 (stmt, 0), created,
                                  pb_sqlite_column_text (stmt, 2),
                                  pb_sqlite_column_text (stmt, 3));
      g_list_store_append (revisions, revision);
    }
  if (rc != SQLITE_DONE)
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&revisions));
}

static void
set_no_revision_error (GError    **error,
                       PbProfile  *profile,
                       guint       number)
{
  g_set_error (error, PB_ERROR, PB_ERROR_NOT_FOUND,
               _("Profile “%s” has no revision %u"), pb_profile_get_name (profile), number);
}

gboolean
_pb_store_find_revision (PbStore     *self,
                         PbProfile   *profile,
                         gint64       profile_id,
                         guint        number,
                         guint       *found_number,
                         gint64      *snapshot_id,
                         char       **mapping_json,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare_with_id (self,
                                    number > 0
                                    ? "SELECT number, snapshot_id, mapping_json FROM revisions "
                                      "WHERE profile_id = ?1 AND number = ?2"
                                    : "SELECT number, snapshot_id, mapping_json FROM revisions "
                                      "WHERE profile_id = ?1 ORDER BY number DESC LIMIT 1",
                                    profile_id, error);
  if (stmt == NULL)
    return FALSE;
  if (number > 0)
    pb_sqlite_bind_int64 (stmt, 2, number);

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    {
      if (number > 0)
        set_no_revision_error (error, profile, number);
      else
        g_set_error (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                     _("Profile “%s” has no revision yet"), pb_profile_get_name (profile));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return FALSE;

  if (found_number != NULL)
    *found_number = sqlite3_column_int64 (stmt, 0);
  *snapshot_id = sqlite3_column_int64 (stmt, 1);
  *mapping_json = g_strdup (pb_sqlite_column_text (stmt, 2));
  return TRUE;
}

PbConfiguration *
pb_store_load_revision (PbStore    *self,
                        PbProfile  *profile,
                        guint       number,
                        GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 profile_id;
  gint64 snapshot_id;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (number == 0)
    {
      set_no_revision_error (error, profile, number);
      return NULL;
    }

  profile_id = _pb_store_lock_profile (self, profile, &locker, error);
  if (profile_id == 0 ||
      !_pb_store_find_revision (self, profile, profile_id, number, NULL, &snapshot_id, &mapping_json, error))
    return NULL;

  return _pb_store_load_configuration (self, snapshot_id, mapping_json, error);
}

PbConfiguration *
pb_store_load_latest_revision (PbStore    *self,
                               PbProfile  *profile,
                               GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 profile_id;
  gint64 snapshot_id;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile_id = _pb_store_lock_profile (self, profile, &locker, error);
  if (profile_id == 0)
    return NULL;

  if (!_pb_store_find_revision (self, profile, profile_id, 0, NULL, &snapshot_id, &mapping_json, &local_error))
    {
      if (!g_error_matches (local_error, PB_ERROR, PB_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return _pb_store_load_configuration (self, snapshot_id, mapping_json, error);
}

guint
pb_store_restore_revision (PbStore    *self,
                           PbProfile  *profile,
                           guint       number,
                           guint64    *generation,
                           GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *mapping_json = NULL;
  g_autofree char *comment = NULL;
  gint64 profile_id;
  gint64 snapshot_id;
  guint new_number = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PROFILE (profile), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (number == 0)
    {
      set_no_revision_error (error, profile, number);
      return 0;
    }

  /* Translators: the comment recorded in the history when an old revision
   * is made the draft again; %u is its number. */
  comment = g_strdup_printf (_("Restored revision %u"), number);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return 0;

  /* The stored rows are reused as they are: a restore copies no list. */
  if ((profile_id = _pb_store_resolve_profile_id (self, profile, error)) != 0 &&
      _pb_store_advance_generation (self, profile, profile_id, generation, error) &&
      _pb_store_find_revision (self, profile, profile_id, number, NULL, &snapshot_id, &mapping_json, error) &&
      _pb_store_write_draft (self, profile_id, snapshot_id, mapping_json, error))
    new_number = insert_revision (self, profile_id, snapshot_id, mapping_json,
                                  PB_REVISION_SOURCE_RESTORE, comment, error);

  return _pb_store_end_transaction (self, new_number != 0, error) ? new_number : 0;
}
