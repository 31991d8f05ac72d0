/* pb-store-remote.c: what the platform holds, as fetched and published
 *
 * A profile's draft is based on one remote configuration (its ETag).
 * Fetches and publishes record each remote configuration they receive;
 * the draft follows cli.md's "Drafts, fetches and conflicts".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

#include "pb-util.h"

#include <glib/gi18n.h>

#include "pb-diff.h"
#include "pb-error.h"

static int
availability_to_column (PbAvailability availability)
{
  return availability == PB_AVAILABILITY_AVAILABLE ? 1 : 0;
}

static gboolean
insert_remote (PbStore          *self,
               gint64            profile_id,
               const char       *source,
               const char       *etag,
               gint64            remote_revision,
               gint64            snapshot_id,
               PbConfiguration  *configuration,
               PbAvailability    revert_available,
               gint64           *id,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *mapping_json = _pb_store_mapping_to_json (configuration);

  stmt = pb_sqlite_prepare (self->db,
                            "INSERT INTO remote_configurations (profile_id, received_at, source, etag, "
                            "  remote_revision, snapshot_id, mapping_json, feature_omnichannel, "
                            "  feature_revert_to_last_status) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)",
                            error);
  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_int64 (stmt, 1, profile_id);
  pb_sqlite_bind_int64 (stmt, 2, _pb_store_now ());
  pb_sqlite_bind_text (stmt, 3, source);
  pb_sqlite_bind_text (stmt, 4, etag);
  pb_sqlite_bind_int64 (stmt, 5, remote_revision);
  _pb_store_bind_row_id (stmt, 6, snapshot_id);
  pb_sqlite_bind_text (stmt, 7, mapping_json);
  if (revert_available == PB_AVAILABILITY_UNKNOWN)
    sqlite3_bind_null (stmt, 8);
  else
    pb_sqlite_bind_int64 (stmt, 8, availability_to_column (revert_available));

  if (!pb_sqlite_step_done (stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* The remote configuration of row @id, on the lists it came with. */
static PbRemoteConfiguration *
load_remote (PbStore         *self,
             gint64           id,
             PbAvailability  *revert_available,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PbConfiguration) configuration = NULL;
  int rc;

  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT etag, remote_revision, snapshot_id, mapping_json, "
                                    "  feature_revert_to_last_status "
                                    "FROM remote_configurations WHERE id = ?1",
                                    id, error);
  if (stmt == NULL)
    return NULL;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    _pb_store_set_damaged_error (self, error, "remote_configurations");
  if (rc != SQLITE_ROW)
    return NULL;

  configuration = _pb_store_load_configuration (self, sqlite3_column_int64 (stmt, 2),
                                                pb_sqlite_column_text (stmt, 3), error);
  if (configuration == NULL)
    return NULL;

  if (revert_available != NULL)
    {
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        *revert_available = PB_AVAILABILITY_UNKNOWN;
      else
        *revert_available = sqlite3_column_int64 (stmt, 4) ? PB_AVAILABILITY_AVAILABLE
                                                           : PB_AVAILABILITY_UNAVAILABLE;
    }

  return pb_remote_configuration_new (configuration, pb_sqlite_column_text (stmt, 0),
                                      sqlite3_column_int64 (stmt, 1));
}

/* The ids of the draft's base and of the newest remote configuration;
 * 0 where there is none. */
static gboolean
remote_ids (PbStore  *self,
            gint64    profile_id,
            gint64   *base_id,
            gint64   *latest_id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT (SELECT base_remote_id FROM drafts WHERE profile_id = ?1), "
                                    "  (SELECT max (id) FROM remote_configurations WHERE profile_id = ?1)",
                                    profile_id, error);
  if (stmt == NULL || (rc = pb_sqlite_step (stmt, error)) != SQLITE_ROW)
    return FALSE;

  *base_id = sqlite3_column_int64 (stmt, 0);
  *latest_id = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
set_base (PbStore  *self,
          gint64    profile_id,
          gint64    remote_id,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _pb_store_prepare_with_id (self, "UPDATE drafts SET base_remote_id = ?2 WHERE profile_id = ?1",
                                    profile_id, error);
  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_int64 (stmt, 2, remote_id);
  return pb_sqlite_step_done (stmt, error);
}

/* cli.md: in conflict when the remote configuration changed since the
 * draft's base while the draft has edits of its own — unless the draft is
 * what the platform has now, however it got there (the rule a fetch
 * applies too). */
static gboolean
is_conflict (PbConfiguration       *draft,
             PbRemoteConfiguration *base,
             PbRemoteConfiguration *latest)
{
  PbConfiguration *base_config;
  PbConfiguration *latest_config;

  if (base == NULL || latest == NULL || base == latest)
    return FALSE;

  base_config = pb_remote_configuration_get_configuration (base);
  latest_config = pb_remote_configuration_get_configuration (latest);
  return !pb_configuration_published_equal (base_config, latest_config) &&
         !pb_configuration_published_equal (draft, base_config) &&
         !pb_configuration_published_equal (draft, latest_config);
}

gboolean
_pb_store_load_remote_state_locked (PbStore         *self,
                                    gint64           profile_id,
                                    PbProfileState  *state,
                                    GError         **error)
{
  g_autoptr(PbRemoteConfiguration) base = NULL;
  g_autoptr(PbRemoteConfiguration) latest = NULL;
  PbAvailability revert_available = PB_AVAILABILITY_UNKNOWN;
  gint64 base_id, latest_id;

  if (!remote_ids (self, profile_id, &base_id, &latest_id, error))
    return FALSE;

  if (latest_id > 0 && (latest = load_remote (self, latest_id, &revert_available, error)) == NULL)
    return FALSE;
  if (base_id == latest_id)
    base = latest ? g_object_ref (latest) : NULL;
  else if (base_id > 0 && (base = load_remote (self, base_id, NULL, error)) == NULL)
    return FALSE;

  pb_profile_state_set_remote (state, base, latest,
                               is_conflict (pb_profile_state_get_draft (state), base, latest),
                               revert_available);
  return TRUE;
}

/* @draft's mapping on @fetched's lists, with the account's own Agent Post
 * Call State. */
static PbConfiguration *
on_fetched_lists (PbConfiguration *draft,
                  PbConfiguration *fetched)
{
  g_autoptr(PbConfiguration) result = pb_configuration_copy (draft);
  g_autoptr(GPtrArray) states = pb_list_model_to_array (pb_configuration_get_agent_states (fetched));
  g_autoptr(GPtrArray) statuses = pb_list_model_to_array (pb_configuration_get_presence_statuses (fetched));

  pb_configuration_set_agent_states (result, states);
  pb_configuration_set_presence_statuses (result, statuses);
  pb_configuration_set_account (result, pb_configuration_get_account_id (fetched),
                                pb_configuration_get_account_name (fetched));
  /* The platform does not always say which org (a refresh through it does
   * not): what is known stays. */
  if (pb_configuration_get_org_id (fetched) != NULL)
    pb_configuration_set_org (result, pb_configuration_get_org_id (fetched),
                              pb_configuration_get_org_name (fetched),
                              pb_configuration_get_org_sandbox (fetched));
  pb_configuration_set_agent_post_call_state (result, pb_configuration_get_agent_post_call_state (fetched));

  return g_steal_pointer (&result);
}

/* The lists alone, for the changes a fetch shows. */
static PbConfiguration *
lists_only (PbConfiguration *configuration)
{
  PbConfiguration *lists = pb_configuration_new ();
  g_autoptr(GPtrArray) states = pb_list_model_to_array (pb_configuration_get_agent_states (configuration));
  g_autoptr(GPtrArray) statuses = pb_list_model_to_array (pb_configuration_get_presence_statuses (configuration));

  pb_configuration_set_agent_states (lists, states);
  pb_configuration_set_presence_statuses (lists, statuses);
  return lists;
}

static gboolean
newest_revision_equals (PbStore          *self,
                        PbProfile        *profile,
                        gint64            profile_id,
                        PbConfiguration  *configuration,
                        gboolean         *equal,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PbConfiguration) newest = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 snapshot_id;

  *equal = FALSE;
  if (!_pb_store_find_revision (self, profile, profile_id, 0, NULL, &snapshot_id, &mapping_json, &local_error))
    {
      if (g_error_matches (local_error, PB_ERROR, PB_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  newest = _pb_store_load_configuration (self, snapshot_id, mapping_json, error);
  if (newest == NULL)
    return FALSE;

  *equal = pb_configuration_equal (newest, configuration);
  return TRUE;
}

/* Edits of @draft that no revision holds go into the history before @next
 * replaces the draft: nothing is lost. */
static gboolean
keep_replaced_draft (PbStore          *self,
                     PbProfile        *profile,
                     gint64            profile_id,
                     PbConfiguration  *draft,
                     PbConfiguration  *next,
                     const char       *comment,
                     GError          **error)
{
  gboolean draft_saved;

  if (!newest_revision_equals (self, profile, profile_id, draft, &draft_saved, error))
    return FALSE;
  if (draft_saved || pb_configuration_is_empty (draft) || pb_configuration_published_equal (draft, next))
    return TRUE;

  return _pb_store_save_revision_locked (self, profile_id, draft, PB_REVISION_SOURCE_SAVE, comment, error) != 0;
}

static PbFetchOutcome *
record_fetch_locked (PbStore          *self,
                     PbProfile        *profile,
                     gint64            profile_id,
                     PbConfiguration  *fetched,
                     const char       *etag,
                     gint64            remote_revision,
                     PbAvailability    revert_available,
                     GError          **error)
{
  g_autoptr(PbRemoteConfiguration) base = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbConfiguration) before_lists = NULL;
  g_autoptr(PbConfiguration) after_lists = NULL;
  g_autoptr(PbConfiguration) next = NULL;
  g_autoptr(GListModel) list_changes = NULL;
  g_autofree char *source = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 base_id, latest_id, previous_snapshot = 0, snapshot_id, remote_id;
  gboolean taken, conflict = FALSE, unchanged_history;
  guint revision = 0;
  PbFetchDraft outcome;

  if (!remote_ids (self, profile_id, &base_id, &latest_id, error))
    return NULL;

  /* What the lists were: the previous fetch's, else the draft's. */
  if (latest_id > 0)
    {
      g_autoptr(PbRemoteConfiguration) latest = load_remote (self, latest_id, NULL, error);

      if (latest == NULL)
        return NULL;
      before_lists = lists_only (pb_remote_configuration_get_configuration (latest));
    }
  else
    {
      if (!_pb_store_current_snapshot (self, profile_id, &previous_snapshot, &source, error))
        return NULL;
      before_lists = pb_configuration_new ();
      if (previous_snapshot > 0 && !_pb_store_load_snapshot (self, previous_snapshot, before_lists, error))
        return NULL;
    }

  if ((draft = _pb_store_load_draft_locked (self, profile_id, error)) == NULL)
    return NULL;
  if (base_id > 0 && (base = load_remote (self, base_id, NULL, error)) == NULL)
    return NULL;

  if (!_pb_store_ensure_snapshot (self, profile_id, fetched, PB_SNAPSHOT_SOURCE_FETCH, &snapshot_id, error) ||
      !insert_remote (self, profile_id, PB_REMOTE_SOURCE_FETCH, etag, remote_revision, snapshot_id, fetched,
                      revert_available, &remote_id, error))
    return NULL;

  /* A first fetch, or no edits since the base: the remote configuration
   * is the draft. Otherwise the edits stay, on the fetched lists; the base
   * moves on only when the remote configuration did not change. */
  taken = base == NULL ||
          pb_configuration_published_equal (draft, pb_remote_configuration_get_configuration (base));
  if (taken)
    {
      JsonObject *extra = pb_configuration_get_extra (draft);

      next = pb_configuration_copy (fetched);
      /* A file's unknown keys are the administrator's, not the platform's. */
      pb_configuration_set_extra (next, extra);
      outcome = PB_FETCH_DRAFT_TAKEN;
    }
  else
    {
      next = on_fetched_lists (draft, fetched);
      outcome = PB_FETCH_DRAFT_KEPT;
      /* A draft that is what the platform has now is no conflict, however
       * it got there (a publish whose answer was lost, say). */
      conflict = !pb_configuration_published_equal (pb_remote_configuration_get_configuration (base), fetched) &&
                 !pb_configuration_published_equal (draft, fetched);
    }

  /* The history shows what the platform brought into the draft; a draft
   * whose unsaved edits a first fetch replaces keeps them there too. */
  if (!newest_revision_equals (self, profile, profile_id, next, &unchanged_history, error))
    return NULL;

  if (taken && !unchanged_history)
    {
      if (!keep_replaced_draft (self, profile, profile_id, draft, next,
                                _("The draft before the fetch replaced it"), error))
        return NULL;

      revision = _pb_store_save_revision_locked (self, profile_id, next, PB_REVISION_SOURCE_FETCH, NULL, error);
      if (revision == 0)
        return NULL;
    }
  else
    {
      mapping_json = _pb_store_mapping_to_json (next);
      if (!_pb_store_ensure_snapshot (self, profile_id, next, PB_SNAPSHOT_SOURCE_FETCH, &snapshot_id, error) ||
          !_pb_store_write_draft (self, profile_id, snapshot_id, mapping_json, error))
        return NULL;
    }

  if (!conflict && !set_base (self, profile_id, remote_id, error))
    return NULL;

  after_lists = lists_only (fetched);
  list_changes = pb_diff_configurations (before_lists, after_lists);

  return pb_fetch_outcome_new (list_changes, outcome, conflict, revision);
}

PbFetchOutcome *
pb_store_record_fetch (PbStore          *self,
                       PbProfile        *profile,
                       PbConfiguration  *fetched,
                       const char       *etag,
                       gint64            remote_revision,
                       PbAvailability    revert_available,
                       guint64          *generation,
                       GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  gint64 profile_id;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (fetched), NULL);
  g_return_val_if_fail (etag != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return NULL;

  profile_id = _pb_store_resolve_profile_id (self, profile, error);
  if (profile_id != 0 && _pb_store_advance_generation (self, profile, profile_id, generation, error))
    outcome = record_fetch_locked (self, profile, profile_id, fetched, etag, remote_revision,
                                   revert_available, error);

  if (!_pb_store_end_transaction (self, outcome != NULL, error))
    return NULL;

  return g_steal_pointer (&outcome);
}

guint
pb_store_record_publish (PbStore                *self,
                         PbProfile              *profile,
                         PbConfiguration        *published,
                         PbRemoteConfiguration  *stored,
                         const char             *comment,
                         guint64                *generation,
                         GError                **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(PbConfiguration) recorded = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PbConfiguration *stored_mapping;
  gint64 profile_id;
  gint64 snapshot_id;
  gint64 remote_id;
  guint number = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PROFILE (profile), 0);
  g_return_val_if_fail (PB_IS_CONFIGURATION (published), 0);
  g_return_val_if_fail (PB_IS_REMOTE_CONFIGURATION (stored), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  /* What the platform stored is the truth, on the lists it was made on. */
  stored_mapping = pb_remote_configuration_get_configuration (stored);
  recorded = on_fetched_lists (stored_mapping, published);
  pb_configuration_set_extra (recorded, pb_configuration_get_extra (published));

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return 0;

  if ((profile_id = _pb_store_resolve_profile_id (self, profile, error)) != 0 &&
      _pb_store_advance_generation (self, profile, profile_id, generation, error) &&
      _pb_store_ensure_snapshot (self, profile_id, recorded, PB_SNAPSHOT_SOURCE_SAVE, &snapshot_id, error) &&
      insert_remote (self, profile_id, PB_REMOTE_SOURCE_PUBLISH, pb_remote_configuration_get_etag (stored),
                     pb_remote_configuration_get_revision (stored), snapshot_id, recorded,
                     PB_AVAILABILITY_UNKNOWN, &remote_id, error) &&
      (number = _pb_store_save_revision_locked (self, profile_id, recorded, PB_REVISION_SOURCE_PUBLISH,
                                                comment, error)) != 0 &&
      set_base (self, profile_id, remote_id, error) &&
      (stmt = _pb_store_prepare_with_id (self,
                                         "UPDATE revisions SET remote_etag = ?2, remote_revision = ?3 "
                                         "WHERE profile_id = ?1 AND number = ?4",
                                         profile_id, error)) != NULL)
    {
      pb_sqlite_bind_text (stmt, 2, pb_remote_configuration_get_etag (stored));
      pb_sqlite_bind_int64 (stmt, 3, pb_remote_configuration_get_revision (stored));
      pb_sqlite_bind_int64 (stmt, 4, number);
      if (!pb_sqlite_step_done (stmt, error))
        number = 0;
    }
  else
    {
      number = 0;
    }

  return _pb_store_end_transaction (self, number != 0, error) ? number : 0;
}

gboolean
pb_store_resolve_conflict (PbStore          *self,
                           PbProfile        *profile,
                           gboolean          keep_local,
                           guint            *revision,
                           guint64          *generation,
                           GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(PbRemoteConfiguration) latest = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbConfiguration) taken = NULL;
  gint64 profile_id, base_id, latest_id;
  guint number = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);

  if (!_pb_store_begin (self, error))
    return FALSE;

  if ((profile_id = _pb_store_resolve_profile_id (self, profile, error)) == 0 ||
      !_pb_store_advance_generation (self, profile, profile_id, generation, error) ||
      !remote_ids (self, profile_id, &base_id, &latest_id, error))
    goto out;

  if (latest_id == 0)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_NOT_FOUND,
                   _("Profile “%s” has never been fetched: there is nothing to resolve"),
                   pb_profile_get_name (profile));
      goto out;
    }

  /* Keeping the local configuration re-bases it on the remote one, so the
   * next publish replaces it deliberately; taking the remote one makes it
   * the draft. */
  if (keep_local)
    {
      ok = set_base (self, profile_id, latest_id, error);
      goto out;
    }

  if ((latest = load_remote (self, latest_id, NULL, error)) == NULL ||
      (draft = _pb_store_load_draft_locked (self, profile_id, error)) == NULL)
    goto out;

  taken = pb_configuration_copy (pb_remote_configuration_get_configuration (latest));
  pb_configuration_set_extra (taken, pb_configuration_get_extra (draft));
  if (!keep_replaced_draft (self, profile, profile_id, draft, taken,
                            _("The draft before the remote configuration replaced it"), error))
    goto out;
  number = _pb_store_save_revision_locked (self, profile_id, taken, PB_REVISION_SOURCE_FETCH,
                                           _("Took the remote configuration"), error);
  ok = number != 0 && set_base (self, profile_id, latest_id, error);

out:
  if (!_pb_store_end_transaction (self, ok, error))
    return FALSE;

  if (revision != NULL)
    *revision = number;
  return TRUE;
}
