/* pb-store-snapshots.c: the lists a mapping was made against, and the
 * mapping as stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

#include <string.h>

#include "pb-config-file.h"
#include "pb-error.h"

static gboolean
configuration_has_snapshot (PbConfiguration *config)
{
  return g_list_model_get_n_items (pb_configuration_get_agent_states (config)) > 0 ||
         g_list_model_get_n_items (pb_configuration_get_presence_statuses (config)) > 0 ||
         pb_configuration_get_account_id (config) != NULL ||
         pb_configuration_get_account_name (config) != NULL ||
         pb_configuration_get_org_id (config) != NULL ||
         pb_configuration_get_org_name (config) != NULL ||
         pb_configuration_get_org_sandbox (config);
}

/* Length-prefixed, so that no two different lists give the same bytes. */
static void
digest_add_string (GString    *buffer,
                   const char *value)
{
  guint32 length;

  if (value == NULL)
    {
      g_string_append_c (buffer, 'N');
      return;
    }

  length = GUINT32_TO_LE (strlen (value));
  g_string_append_c (buffer, 'S');
  g_string_append_len (buffer, (const char *)&length, sizeof length);
  g_string_append (buffer, value);
}

static void
digest_add_count (GString *buffer,
                  guint32  count)
{
  count = GUINT32_TO_LE (count);
  g_string_append_c (buffer, '#');
  g_string_append_len (buffer, (const char *)&count, sizeof count);
}

/* Comparing a stored snapshot row by row would read thousands of rows on
 * every autosave; the SHA-256 of everything a snapshot holds stands for its
 * contents instead. Built in one buffer: hashing field by field costs more
 * than the hash. */
char *
_pb_store_compute_snapshot_digest (PbConfiguration *config)
{
  g_autoptr(GString) buffer = g_string_sized_new (64 * 1024);
  GListModel *states = pb_configuration_get_agent_states (config);
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  guint n_states = g_list_model_get_n_items (states);
  guint n_statuses = g_list_model_get_n_items (statuses);

  digest_add_string (buffer, "presence-bridge-snapshot-1");
  digest_add_string (buffer, pb_configuration_get_account_id (config));
  digest_add_string (buffer, pb_configuration_get_account_name (config));
  digest_add_string (buffer, pb_configuration_get_org_id (config));
  digest_add_string (buffer, pb_configuration_get_org_name (config));
  digest_add_count (buffer, pb_configuration_get_org_sandbox (config));

  digest_add_count (buffer, n_states);
  for (guint i = 0; i < n_states; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);

      digest_add_string (buffer, pb_agent_state_get_id (state));
      digest_add_string (buffer, pb_agent_state_get_name (state));
      digest_add_string (buffer, pb_agent_state_get_major_id (state));
    }

  digest_add_count (buffer, n_statuses);
  for (guint i = 0; i < n_statuses; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char * const *channels = pb_presence_status_get_channels (status);
      guint n_channels = channels ? g_strv_length ((char **)channels) : 0;

      digest_add_string (buffer, pb_presence_status_get_api_name (status));
      digest_add_string (buffer, pb_presence_status_get_label (status));
      digest_add_string (buffer, pb_presence_status_get_record_id (status));
      digest_add_count (buffer, n_channels);
      for (guint j = 0; j < n_channels; j++)
        digest_add_string (buffer, channels[j]);
    }

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)buffer->str, buffer->len);
}

/* One presence status being read from several rows (one per channel). */
typedef struct
{
  gint64 position;
  char *api_name;
  char *label;
  char *record_id;
  GStrvBuilder *channels;
} StatusRows;

static void
status_rows_flush (StatusRows *rows,
                   GPtrArray  *statuses)
{
  g_auto(GStrv) channels = NULL;

  if (rows->channels == NULL)
    return;

  channels = g_strv_builder_end (rows->channels);
  g_ptr_array_add (statuses, pb_presence_status_new (rows->api_name, rows->label, rows->record_id,
                                                     (const char * const *)channels));

  g_clear_pointer (&rows->api_name, g_free);
  g_clear_pointer (&rows->label, g_free);
  g_clear_pointer (&rows->record_id, g_free);
  g_clear_pointer (&rows->channels, g_strv_builder_unref);
}

static gboolean
insert_snapshot (PbStore          *self,
                 gint64            profile_id,
                 PbConfiguration  *config,
                 const char       *source,
                 const char       *digest,
                 gint64           *snapshot_id,
                 GError          **error)
{
  g_autoptr(sqlite3_stmt) snapshot_stmt = NULL;
  g_autoptr(sqlite3_stmt) state_stmt = NULL;
  g_autoptr(sqlite3_stmt) status_stmt = NULL;
  g_autoptr(GString) channels = g_string_sized_new (256);
  GListModel *states = pb_configuration_get_agent_states (config);
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  guint n_states = g_list_model_get_n_items (states);
  guint n_statuses = g_list_model_get_n_items (statuses);
  gint64 id;

  snapshot_stmt = pb_sqlite_prepare (self->db,
                                     "INSERT INTO snapshots (profile_id, created_at, source, digest, "
                                     "  account_id, account_name, org_id, org_name, org_sandbox) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                     error);
  if (snapshot_stmt == NULL)
    return FALSE;

  pb_sqlite_bind_int64 (snapshot_stmt, 1, profile_id);
  pb_sqlite_bind_int64 (snapshot_stmt, 2, _pb_store_now ());
  pb_sqlite_bind_text (snapshot_stmt, 3, source);
  pb_sqlite_bind_text (snapshot_stmt, 4, digest);
  pb_sqlite_bind_text (snapshot_stmt, 5, pb_configuration_get_account_id (config));
  pb_sqlite_bind_text (snapshot_stmt, 6, pb_configuration_get_account_name (config));
  pb_sqlite_bind_text (snapshot_stmt, 7, pb_configuration_get_org_id (config));
  pb_sqlite_bind_text (snapshot_stmt, 8, pb_configuration_get_org_name (config));
  pb_sqlite_bind_int64 (snapshot_stmt, 9, pb_configuration_get_org_sandbox (config));
  if (!pb_sqlite_step_done (snapshot_stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (self->db);

  state_stmt = pb_sqlite_prepare (self->db,
                                  "INSERT INTO snapshot_agent_states (snapshot_id, position, id, name, major) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error);
  if (state_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_states; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);

      pb_sqlite_bind_int64 (state_stmt, 1, id);
      pb_sqlite_bind_int64 (state_stmt, 2, i);
      pb_sqlite_bind_text (state_stmt, 3, pb_agent_state_get_id (state));
      pb_sqlite_bind_text (state_stmt, 4, pb_agent_state_get_name (state));
      pb_sqlite_bind_text (state_stmt, 5, pb_agent_state_get_major_id (state));
      if (!pb_sqlite_step_done (state_stmt, error))
        return FALSE;
    }

  status_stmt = pb_sqlite_prepare (self->db,
                                   "INSERT INTO snapshot_presence_statuses "
                                   "  (snapshot_id, position, api_name, label, record_id, channels) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error);
  if (status_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_statuses; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);

      g_string_truncate (channels, 0);
      pb_config_file_append_channels (channels, pb_presence_status_get_channels (status));

      pb_sqlite_bind_int64 (status_stmt, 1, id);
      pb_sqlite_bind_int64 (status_stmt, 2, i);
      pb_sqlite_bind_text (status_stmt, 3, pb_presence_status_get_api_name (status));
      pb_sqlite_bind_text (status_stmt, 4, pb_presence_status_get_label (status));
      pb_sqlite_bind_text (status_stmt, 5, pb_presence_status_get_record_id (status));
      pb_sqlite_bind_text (status_stmt, 6, channels->str);
      if (!pb_sqlite_step_done (status_stmt, error))
        return FALSE;
    }

  *snapshot_id = id;
  return TRUE;
}

/* The snapshot holding @config's lists: an existing one with the same
 * contents, else a new one. Lists that match a fetched snapshot keep
 * pointing at it, so they stay recognisable as the org's own. */
gboolean
_pb_store_ensure_snapshot (PbStore          *self,
                           gint64            profile_id,
                           PbConfiguration  *config,
                           const char       *source,
                           gint64           *snapshot_id,
                           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *digest = NULL;
  int rc;

  *snapshot_id = 0;

  if (!configuration_has_snapshot (config))
    return TRUE;

  digest = _pb_store_compute_snapshot_digest (config);

  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT id, source FROM snapshots "
                                    "WHERE profile_id = ?1 AND digest = ?2 "
                                    "ORDER BY source = 'fetch' DESC, id DESC LIMIT 1",
                                    profile_id, error);
  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_text (stmt, 2, digest);

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_ROW)
    {
      const char *found_source = pb_sqlite_column_text (stmt, 1);

      /* A fetch is an event of its own: lists that were only imported or
       * saved before do not become "fetched" by matching. */
      if (g_strcmp0 (source, PB_SNAPSHOT_SOURCE_FETCH) != 0 ||
          g_strcmp0 (found_source, PB_SNAPSHOT_SOURCE_FETCH) == 0)
        {
          *snapshot_id = sqlite3_column_int64 (stmt, 0);
          return TRUE;
        }
    }
  else if (rc != SQLITE_DONE)
    {
      return FALSE;
    }

  return insert_snapshot (self, profile_id, config, source, digest, snapshot_id, error);
}

gboolean
_pb_store_load_snapshot (PbStore          *self,
                         gint64            snapshot_id,
                         PbConfiguration  *config,
                         GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  StatusRows rows = { 0 };
  int rc;

  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT account_id, account_name, org_id, org_name, org_sandbox "
                                    "FROM snapshots WHERE id = ?1",
                                    snapshot_id, error);
  if (stmt == NULL)
    return FALSE;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    {
      _pb_store_set_damaged_error (self, error, "snapshots");
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return FALSE;

  pb_configuration_set_account (config,
                                pb_sqlite_column_text (stmt, 0),
                                pb_sqlite_column_text (stmt, 1));
  pb_configuration_set_org (config,
                            pb_sqlite_column_text (stmt, 2),
                            pb_sqlite_column_text (stmt, 3),
                            sqlite3_column_int64 (stmt, 4) != 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT id, name, major FROM snapshot_agent_states "
                                    "WHERE snapshot_id = ?1 ORDER BY position",
                                    snapshot_id, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = pb_sqlite_step (stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (states, pb_agent_state_new (pb_sqlite_column_text (stmt, 0),
                                                 pb_sqlite_column_text (stmt, 1),
                                                 pb_sqlite_column_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* SQLite splits the channel arrays itself: one row per channel, or one
   * without a channel for a status that has none. Parsing thousands of small
   * arrays with json-glib took longer than the rest of the load. */
  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT s.position, s.api_name, s.label, s.record_id, c.type, c.value "
                                    "FROM snapshot_presence_statuses AS s LEFT JOIN json_each (s.channels) AS c "
                                    "WHERE s.snapshot_id = ?1 ORDER BY s.position, c.key",
                                    snapshot_id, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = pb_sqlite_step (stmt, error)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);
      const char *type = pb_sqlite_column_text (stmt, 4);

      if (rows.channels == NULL || position != rows.position)
        {
          status_rows_flush (&rows, statuses);
          rows.position = position;
          rows.api_name = g_strdup (pb_sqlite_column_text (stmt, 1));
          rows.label = g_strdup (pb_sqlite_column_text (stmt, 2));
          rows.record_id = g_strdup (pb_sqlite_column_text (stmt, 3));
          rows.channels = g_strv_builder_new ();
        }

      if (type == NULL)
        continue;
      if (!g_str_equal (type, "text"))
        {
          _pb_store_set_damaged_error (self, error, "snapshot_presence_statuses.channels");
          break;
        }
      g_strv_builder_add (rows.channels, pb_sqlite_column_text (stmt, 5));
    }

  /* Also frees what an error left behind. */
  status_rows_flush (&rows, statuses);
  if (rc != SQLITE_DONE)
    return FALSE;

  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_statuses (config, statuses);

  return TRUE;
}


/* The mapping, stored as the file's mapping members (docs/store.md). */

char *
_pb_store_mapping_to_json (PbConfiguration *config)
{
  return pb_config_file_mapping_to_data (config, NULL);
}

PbConfiguration *
_pb_store_load_configuration (PbStore     *self,
                              gint64       snapshot_id,
                              const char  *mapping_json,
                              GError     **error)
{
  g_autoptr(PbConfiguration) config = pb_configuration_new ();
  g_autoptr(GError) local_error = NULL;

  if (snapshot_id > 0 && !_pb_store_load_snapshot (self, snapshot_id, config, error))
    return NULL;

  if (mapping_json != NULL &&
      !pb_config_file_load_mapping (config, mapping_json, strlen (mapping_json), &local_error))
    {
      _pb_store_set_damaged_error (self, error, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&config);
}


gboolean
_pb_store_current_snapshot (PbStore  *self,
                            gint64    profile_id,
                            gint64   *snapshot_id,
                            char    **source,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare_with_id (self,
                                    "SELECT id, source FROM snapshots WHERE profile_id = ?1 "
                                    "ORDER BY id = (SELECT snapshot_id FROM drafts WHERE profile_id = ?1) DESC, "
                                    "  id DESC LIMIT 1",
                                    profile_id, error);
  if (stmt == NULL)
    return FALSE;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_ROW)
    {
      *snapshot_id = sqlite3_column_int64 (stmt, 0);
      *source = g_strdup (pb_sqlite_column_text (stmt, 1));
      return TRUE;
    }

  *snapshot_id = 0;
  *source = NULL;
  return rc == SQLITE_DONE;
}
