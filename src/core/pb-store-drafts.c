/* pb-store-drafts.c: the draft being edited, edits kept aside, imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-config-file.h"
#include "pb-error.h"

/* Profiles created by an import when the file names no org. It is what a
 * script passes to --profile, so it is not translated. */
#define FALLBACK_PROFILE_NAME "Default"

gboolean
_pb_store_write_draft (PbStore     *self,
                       gint64       profile_id,
                       gint64       snapshot_id,
                       const char  *mapping_json,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = pb_sqlite_prepare (self->db,
                            "INSERT INTO drafts (profile_id, snapshot_id, mapping_json, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (profile_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, "
                            "  mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
                            error);
  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_int64 (stmt, 1, profile_id);
  _pb_store_bind_row_id (stmt, 2, snapshot_id);
  pb_sqlite_bind_text (stmt, 3, mapping_json);
  pb_sqlite_bind_int64 (stmt, 4, _pb_store_now ());

  return pb_sqlite_step_done (stmt, error);
}

/* The configuration in a table keyed by profile (drafts, recoveries);
 * *@config is NULL, and TRUE returned, when the profile has no row. */
static gboolean
load_row (PbStore           *self,
          const char        *sql,
          gint64             profile_id,
          PbConfiguration  **config,
          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = _pb_store_prepare_with_id (self, sql, profile_id, error);
  int rc;

  *config = NULL;

  if (stmt == NULL)
    return FALSE;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return FALSE;

  *config = _pb_store_load_configuration (self, sqlite3_column_int64 (stmt, 0),
                                          pb_sqlite_column_text (stmt, 1), error);
  return *config != NULL;
}

PbConfiguration *
_pb_store_load_draft_locked (PbStore  *self,
                             gint64    profile_id,
                             GError  **error)
{
  PbConfiguration *draft;

  if (!load_row (self, "SELECT snapshot_id, mapping_json FROM drafts WHERE profile_id = ?1",
                 profile_id, &draft, error))
    return NULL;

  return draft != NULL ? draft : pb_configuration_new ();
}

PbConfiguration *
pb_store_load_draft (PbStore    *self,
                     PbProfile  *profile,
                     GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 profile_id;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile_id = _pb_store_lock_profile (self, profile, &locker, error);
  if (profile_id == 0)
    return NULL;

  return _pb_store_load_draft_locked (self, profile_id, error);
}

gboolean
pb_store_save_draft (PbStore          *self,
                     PbProfile        *profile,
                     PbConfiguration  *draft,
                     guint64          *generation,
                     GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 profile_id;
  gint64 snapshot_id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (PB_IS_CONFIGURATION (draft), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mapping_json = _pb_store_mapping_to_json (draft);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return FALSE;

  profile_id = _pb_store_resolve_profile_id (self, profile, error);
  return _pb_store_end_transaction (self,
                                    profile_id != 0 &&
                                    _pb_store_advance_generation (self, profile, profile_id, generation, error) &&
                                    _pb_store_ensure_snapshot (self, profile_id, draft, PB_SNAPSHOT_SOURCE_SAVE,
                                                               &snapshot_id, error) &&
                                    _pb_store_write_draft (self, profile_id, snapshot_id, mapping_json, error),
                                    error);
}


/* Edits kept aside */

gboolean
pb_store_save_recovery (PbStore          *self,
                        PbProfile        *profile,
                        PbConfiguration  *draft,
                        GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 profile_id;
  gint64 snapshot_id;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (PB_IS_CONFIGURATION (draft), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mapping_json = _pb_store_mapping_to_json (draft);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return FALSE;

  profile_id = _pb_store_resolve_profile_id (self, profile, error);
  ok = profile_id != 0 &&
       _pb_store_ensure_snapshot (self, profile_id, draft, PB_SNAPSHOT_SOURCE_SAVE, &snapshot_id, error) &&
       (stmt = pb_sqlite_prepare (self->db,
                                  "INSERT INTO recoveries (profile_id, snapshot_id, mapping_json, saved_at) "
                                  "VALUES (?1, ?2, ?3, ?4) "
                                  "ON CONFLICT (profile_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, "
                                  "  mapping_json = excluded.mapping_json, saved_at = excluded.saved_at",
                                  error)) != NULL;
  if (ok)
    {
      pb_sqlite_bind_int64 (stmt, 1, profile_id);
      _pb_store_bind_row_id (stmt, 2, snapshot_id);
      pb_sqlite_bind_text (stmt, 3, mapping_json);
      pb_sqlite_bind_int64 (stmt, 4, _pb_store_now ());
      ok = pb_sqlite_step_done (stmt, error);
    }

  return _pb_store_end_transaction (self, ok, error);
}

gboolean
pb_store_clear_recovery (PbStore    *self,
                         PbProfile  *profile,
                         GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 profile_id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  profile_id = _pb_store_lock_profile (self, profile, &locker, error);
  if (profile_id == 0 || !_pb_store_ensure_connection (self, error))
    return FALSE;

  stmt = _pb_store_prepare_with_id (self, "DELETE FROM recoveries WHERE profile_id = ?1", profile_id, error);
  return stmt != NULL && pb_sqlite_step_done (stmt, error);
}


/* Everything at once */

/* The newest revision, usually on the draft's own snapshot: its lists are
 * then the draft's (their items are immutable, so shared) and only its
 * mapping is read. At 5,000 statuses, reading the lists a second time cost
 * as much as reading the draft, before a window could show anything. */
static PbConfiguration *
load_saved_locked (PbStore          *self,
                   gint64            profile_id,
                   PbConfiguration  *draft,
                   gint64            snapshot_id,
                   const char       *mapping_json,
                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PbConfiguration) saved = NULL;
  g_autoptr(PbConfiguration) mapping = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc;

  stmt = _pb_store_prepare_with_id (self, "SELECT snapshot_id, mapping_json FROM drafts WHERE profile_id = ?1",
                                    profile_id, error);
  if (stmt == NULL)
    return NULL;

  rc = pb_sqlite_step (stmt, error);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return NULL;
  if (rc == SQLITE_DONE || snapshot_id <= 0 || sqlite3_column_int64 (stmt, 0) != snapshot_id)
    return _pb_store_load_configuration (self, snapshot_id, mapping_json, error);

  saved = pb_configuration_copy (draft);
  if (g_strcmp0 (pb_sqlite_column_text (stmt, 1), mapping_json) == 0)
    return g_steal_pointer (&saved);

  mapping = pb_configuration_new ();
  if (mapping_json != NULL &&
      !pb_config_file_load_mapping (mapping, mapping_json, strlen (mapping_json), &local_error))
    {
      _pb_store_set_damaged_error (self, error, local_error->message);
      return NULL;
    }
  pb_configuration_set_published (saved, mapping);
  pb_configuration_set_extra (saved, pb_configuration_get_extra (mapping));

  return g_steal_pointer (&saved);
}

static PbProfileState *
load_state_locked (PbStore    *self,
                   PbProfile  *profile,
                   GError    **error)
{
  g_autoptr(PbProfile) stored = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbConfiguration) recovery = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 profile_id;
  guint64 generation;
  gint64 snapshot_id;
  guint number;

  profile_id = _pb_store_resolve_profile_id (self, profile, error);
  if (profile_id == 0)
    return NULL;

  /* Fresh from the store: the connection settings may have changed. */
  if (!_pb_store_find_profile_locked (self, pb_profile_get_name (profile), &stored, error))
    return NULL;
  if (stored == NULL)
    {
      _pb_store_set_no_profile_error (error, pb_profile_get_name (profile));
      return NULL;
    }

  if (!_pb_store_read_generation (self, profile, profile_id, &generation, error) ||
      (draft = _pb_store_load_draft_locked (self, profile_id, error)) == NULL ||
      !load_row (self, "SELECT snapshot_id, mapping_json FROM recoveries WHERE profile_id = ?1",
                 profile_id, &recovery, error))
    return NULL;

  state = pb_profile_state_new (stored, draft, generation);
  pb_profile_state_set_recovery (state, recovery);
  if (!_pb_store_load_remote_state_locked (self, profile_id, state, error))
    return NULL;

  if (_pb_store_find_revision (self, profile, profile_id, 0, &number, &snapshot_id, &mapping_json, &local_error))
    {
      g_autoptr(PbConfiguration) saved = load_saved_locked (self, profile_id, draft, snapshot_id, mapping_json, error);

      if (saved == NULL)
        return NULL;
      pb_profile_state_set_saved (state, saved, number);
    }
  else if (!g_error_matches (local_error, PB_ERROR, PB_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&state);
}

PbProfileState *
pb_store_load_state (PbStore    *self,
                     PbProfile  *profile,
                     GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  PbProfileState *state;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return NULL;

  /* One read transaction: another process's commit lands before or after
   * all of it, never between the draft and its generation. */
  if (!pb_sqlite_exec (self->db, "BEGIN", error))
    return NULL;

  state = load_state_locked (self, profile, error);
  pb_sqlite_rollback (self->db);

  return state;
}


/* Import */

/* @profile_id 0 is a profile that does not exist yet. @imported itself
 * when it lands as it is: a copy of thousands of items is not free. */
static PbConfiguration *
prepare_import_locked (PbStore          *self,
                       gint64            profile_id,
                       PbConfiguration  *imported,
                       GError          **error)
{
  g_autofree char *source = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 snapshot_id = 0;

  if (profile_id > 0 && !_pb_store_current_snapshot (self, profile_id, &snapshot_id, &source, error))
    return NULL;

  if (snapshot_id == 0 || g_strcmp0 (source, PB_SNAPSHOT_SOURCE_FETCH) != 0)
    return g_object_ref (imported);

  /* The org is the truth: its fetched lists stay, the file brings the
   * mapping (and its unknown keys). */
  mapping_json = _pb_store_mapping_to_json (imported);
  return _pb_store_load_configuration (self, snapshot_id, mapping_json, error);
}

/**
 * pb_store_prepare_import:
 * @profile: (nullable): the target profile; %NULL, or one that is not
 *   stored yet, for a profile the import would create
 */
PbConfiguration *
pb_store_prepare_import (PbStore          *self,
                         PbProfile        *profile,
                         PbConfiguration  *imported,
                         GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 profile_id = 0;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (profile == NULL || PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (imported), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return NULL;

  if (profile != NULL && pb_profile_get_id (profile) > 0)
    {
      profile_id = _pb_store_resolve_profile_id (self, profile, error);
      if (profile_id == 0)
        return NULL;
    }
  else if (profile != NULL)
    {
      g_autoptr(PbProfile) stored = NULL;

      if (!_pb_store_find_profile_locked (self, pb_profile_get_name (profile), &stored, error))
        return NULL;
      if (stored != NULL)
        profile_id = pb_profile_get_id (stored);
    }

  return prepare_import_locked (self, profile_id, imported, error);
}

/* The profile an import lands in: the stored one, else a new one (not
 * stored yet, id 0) — named @profile_name, or when NULL and the store has
 * no profile, after the org or "Default", made the default. */
static PbProfile *
import_target_locked (PbStore          *self,
                      const char       *profile_name,
                      PbConfiguration  *imported,
                      GError          **error)
{
  g_autoptr(PbProfile) new_profile = NULL;
  const char *org_name;
  gint64 count;

  if (profile_name != NULL)
    {
      PbProfile *profile;

      if (!_pb_store_find_profile_locked (self, profile_name, &profile, error))
        return NULL;

      return profile != NULL ? profile : pb_profile_new (profile_name);
    }

  if (!_pb_store_query_int64 (self, "SELECT count(*) FROM profiles", &count, error))
    return NULL;

  if (count > 0)
    return _pb_store_get_default_profile_locked (self, error);

  org_name = pb_configuration_get_org_name (imported);
  new_profile = pb_profile_new (org_name != NULL && *org_name != '\0' ? org_name : FALLBACK_PROFILE_NAME);
  pb_profile_set_is_default (new_profile, TRUE);
  return g_steal_pointer (&new_profile);
}

PbProfile *
pb_store_dup_import_target (PbStore          *self,
                            const char       *profile_name,
                            PbConfiguration  *imported,
                            GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (profile_name == NULL || *profile_name != '\0', NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (imported), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (!_pb_store_ensure_connection (self, error))
    return NULL;

  return import_target_locked (self, profile_name, imported, error);
}

guint
pb_store_import (PbStore          *self,
                 const char       *profile_name,
                 PbConfiguration  *imported,
                 const char       *comment,
                 guint64          *generation,
                 PbProfile       **profile_out,
                 GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(PbProfile) target = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) landing = NULL;
  guint number = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (profile_name == NULL || *profile_name != '\0', 0);
  g_return_val_if_fail (PB_IS_CONFIGURATION (imported), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return 0;

  /* Created within the transaction, so a failed import leaves no new
   * profile behind. */
  target = import_target_locked (self, profile_name, imported, error);
  if (target != NULL)
    profile = pb_profile_get_id (target) > 0 ? g_object_ref (target)
                                             : _pb_store_insert_profile_locked (self, target, error);

  if (profile != NULL &&
      _pb_store_advance_generation (self, profile, pb_profile_get_id (profile), generation, error) &&
      (landing = prepare_import_locked (self, pb_profile_get_id (profile), imported, error)) != NULL)
    number = _pb_store_save_revision_locked (self, pb_profile_get_id (profile), landing,
                                             PB_REVISION_SOURCE_IMPORT, comment, error);

  if (!_pb_store_end_transaction (self, number != 0, error))
    return 0;

  if (profile_out != NULL)
    *profile_out = g_steal_pointer (&profile);

  return number;
}
