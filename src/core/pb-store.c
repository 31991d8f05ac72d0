/* pb-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pb-error.h"
#include "pb-sqlite.h"

/* docs/store.md describes the schema, the migrations and the rules below. */

#define BUSY_TIMEOUT_MS 10000

/* Where a snapshot's lists came from. Only "fetch" matters to the code: lists
 * fetched from the org are the truth an import must not overwrite. */
#define SNAPSHOT_SOURCE_FETCH  "fetch"
#define SNAPSHOT_SOURCE_IMPORT "import"
#define SNAPSHOT_SOURCE_SAVE   "save"

/* Profiles created by an import when the file names no org. It is what a
 * script passes to --profile, so it is not translated. */
#define FALLBACK_PROFILE_NAME "Default"

#define PROFILE_COLUMNS \
  "id, name, platform_url, auth_url, client_id, salesforce_login_url, " \
  "salesforce_client_id, callback_port, sandbox_org, is_default"

struct _PbStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  /* SQLite serialises calls on the connection itself (FULLMUTEX), but a
   * transaction spans many calls: this keeps other threads out of it. */
  GMutex mutex;
};

G_DEFINE_FINAL_TYPE (PbStore, pb_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_store_finalize (GObject *object)
{
  PbStore *self = (PbStore *)object;

  /* A clean close checkpoints the WAL, leaving one self-contained file. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pb_store_parent_class)->finalize (object);
}

static void
pb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PbStore *self = PB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PbStore *self = PB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_store_class_init (PbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_store_finalize;
  object_class->get_property = pb_store_get_property;
  object_class->set_property = pb_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_store_init (PbStore *self)
{
  g_mutex_init (&self->mutex);
}

char *
pb_store_dup_default_path (void)
{
  const char *path = g_getenv ("PRESENCE_BRIDGE_STORE");

  if (path != NULL && *path != '\0')
    return g_strdup (path);

  return g_build_filename (g_get_user_data_dir (), "presence-bridge", "store.db", NULL);
}

const char *
pb_store_get_path (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return self->path;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
bind_row_id (sqlite3_stmt *stmt,
             int           index,
             gint64        id)
{
  if (id > 0)
    pb_sqlite_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
set_damaged_error (PbStore     *self,
                   GError     **error,
                   const char  *detail)
{
  g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
               _("The store “%s” holds data that cannot be read: %s"),
               self->path, detail);
}

/* A statement whose first parameter is a row id, the most common shape. */
static sqlite3_stmt *
prepare_with_id (PbStore     *self,
                 const char  *sql,
                 gint64       id,
                 GError     **error)
{
  sqlite3_stmt *stmt = pb_sqlite_prepare (self->db, sql, error);

  if (stmt != NULL)
    pb_sqlite_bind_int64 (stmt, 1, id);
  return stmt;
}

/* Runs a statement that returns no row and takes @text as its parameter. */
static gboolean
exec_with_text (PbStore     *self,
                const char  *sql,
                const char  *text,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = pb_sqlite_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_text (stmt, 1, text);
  return pb_sqlite_step_done (stmt, error);
}

/* The first column of a query's only row. */
static gboolean
query_int64 (PbStore     *self,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = pb_sqlite_prepare (self->db, sql, error);

  if (stmt == NULL || pb_sqlite_step (stmt, error) != SQLITE_ROW)
    return FALSE;

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Ends the transaction the caller began: committed when @ok, else rolled
 * back. */
static gboolean
end_transaction (PbStore   *self,
                 gboolean   ok,
                 GError   **error)
{
  if (ok && pb_sqlite_commit (self->db, error))
    return TRUE;

  pb_sqlite_rollback (self->db);
  return FALSE;
}


/* Snapshots: the lists a mapping was made against. */

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
static char *
compute_snapshot_digest (PbConfiguration *config)
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

static char *
channels_to_json (JsonGenerator      *generator,
                  const char * const *channels)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
    json_array_add_string_element (array, channels[i]);
  json_node_take_array (node, array);

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
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
  g_autoptr(JsonGenerator) generator = json_generator_new ();
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
  pb_sqlite_bind_int64 (snapshot_stmt, 2, now_seconds ());
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
      g_autofree char *channels = channels_to_json (generator, pb_presence_status_get_channels (status));

      pb_sqlite_bind_int64 (status_stmt, 1, id);
      pb_sqlite_bind_int64 (status_stmt, 2, i);
      pb_sqlite_bind_text (status_stmt, 3, pb_presence_status_get_api_name (status));
      pb_sqlite_bind_text (status_stmt, 4, pb_presence_status_get_label (status));
      pb_sqlite_bind_text (status_stmt, 5, pb_presence_status_get_record_id (status));
      pb_sqlite_bind_text (status_stmt, 6, channels);
      if (!pb_sqlite_step_done (status_stmt, error))
        return FALSE;
    }

  *snapshot_id = id;
  return TRUE;
}

/* The snapshot holding @config's lists: an existing one with the same
 * contents, else a new one. Lists that match a fetched snapshot keep
 * pointing at it, so they stay recognisable as the org's own. */
static gboolean
ensure_snapshot (PbStore          *self,
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

  digest = compute_snapshot_digest (config);

  stmt = prepare_with_id (self,
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
      if (g_strcmp0 (source, SNAPSHOT_SOURCE_FETCH) != 0 ||
          g_strcmp0 (found_source, SNAPSHOT_SOURCE_FETCH) == 0)
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

static gboolean
load_snapshot (PbStore          *self,
               gint64            snapshot_id,
               PbConfiguration  *config,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  StatusRows rows = { 0 };
  int rc;

  stmt = prepare_with_id (self,
                          "SELECT account_id, account_name, org_id, org_name, org_sandbox "
                          "FROM snapshots WHERE id = ?1",
                          snapshot_id, error);
  if (stmt == NULL)
    return FALSE;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    {
      set_damaged_error (self, error, "snapshots");
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

  stmt = prepare_with_id (self,
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
  stmt = prepare_with_id (self,
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
          set_damaged_error (self, error, "snapshot_presence_statuses.channels");
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


/* The mapping, stored as JSON (docs/store.md). */

static char *
mapping_to_json (PbConfiguration *config)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GPtrArray) presences = pb_configuration_list_presence_mappings (config);
  g_autoptr(GPtrArray) states = pb_configuration_list_state_mappings (config);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *extra = json_node_new (JSON_NODE_OBJECT);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "presenceToState");
  json_builder_begin_object (builder);
  for (guint i = 0; i < presences->len; i++)
    {
      const char *api_name = g_ptr_array_index (presences, i);

      json_builder_set_member_name (builder, api_name);
      json_builder_add_string_value (builder, pb_configuration_get_presence_mapping (config, api_name));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "stateToPresence");
  json_builder_begin_object (builder);
  for (guint i = 0; i < states->len; i++)
    {
      const char *state_id = g_ptr_array_index (states, i);
      const char *api_name = NULL;

      pb_configuration_get_state_mapping (config, state_id, &api_name);
      json_builder_set_member_name (builder, state_id);
      if (api_name != NULL)
        json_builder_add_string_value (builder, api_name);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "revertToLastStatus");
  json_builder_add_boolean_value (builder, pb_configuration_get_revert_to_last_status (config));
  json_builder_set_member_name (builder, "agentPostCallState");
  json_builder_add_string_value (builder, pb_configuration_get_agent_post_call_state (config));

  json_node_set_object (extra, pb_configuration_get_extra (config));
  json_builder_set_member_name (builder, "extra");
  json_builder_add_value (builder, extra);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
apply_mapping_json (PbStore          *self,
                    PbConfiguration  *config,
                    const char       *text,
                    GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      set_damaged_error (self, error, local_error->message);
      return FALSE;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_damaged_error (self, error, "mapping_json");
      return FALSE;
    }
  root = json_node_get_object (node);

  node = json_object_get_member (root, "presenceToState");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *api_name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &api_name, &value))
        {
          if (JSON_NODE_HOLDS_NULL (value))
            continue;
          if (json_node_get_value_type (value) != G_TYPE_STRING)
            {
              set_damaged_error (self, error, "mapping_json.presenceToState");
              return FALSE;
            }
          pb_configuration_set_presence_mapping (config, api_name, json_node_get_string (value));
        }
    }
  else if (node != NULL)
    {
      set_damaged_error (self, error, "mapping_json.presenceToState");
      return FALSE;
    }

  node = json_object_get_member (root, "stateToPresence");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *state_id;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &state_id, &value))
        {
          if (JSON_NODE_HOLDS_NULL (value))
            {
              pb_configuration_set_state_mapping (config, state_id, NULL);
            }
          else if (json_node_get_value_type (value) == G_TYPE_STRING)
            {
              pb_configuration_set_state_mapping (config, state_id, json_node_get_string (value));
            }
          else
            {
              set_damaged_error (self, error, "mapping_json.stateToPresence");
              return FALSE;
            }
        }
    }
  else if (node != NULL)
    {
      set_damaged_error (self, error, "mapping_json.stateToPresence");
      return FALSE;
    }

  node = json_object_get_member (root, "revertToLastStatus");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    pb_configuration_set_revert_to_last_status (config, json_node_get_boolean (node));

  node = json_object_get_member (root, "agentPostCallState");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    pb_configuration_set_agent_post_call_state (config, json_node_get_string (node));

  node = json_object_get_member (root, "extra");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    pb_configuration_set_extra (config, json_node_get_object (node));

  return TRUE;
}

/* A configuration from a snapshot (0: none) and a stored mapping. */
static PbConfiguration *
load_configuration (PbStore     *self,
                    gint64       snapshot_id,
                    const char  *mapping_json,
                    GError     **error)
{
  g_autoptr(PbConfiguration) config = pb_configuration_new ();

  if (snapshot_id > 0 && !load_snapshot (self, snapshot_id, config, error))
    return NULL;

  if (mapping_json != NULL && !apply_mapping_json (self, config, mapping_json, error))
    return NULL;

  return g_steal_pointer (&config);
}


/* Profiles */

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

static void
set_no_profile_error (GError     **error,
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
static gboolean
find_profile_locked (PbStore     *self,
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

  if (!find_profile_locked (self, name, &profile, error))
    return NULL;

  if (profile == NULL)
    set_no_profile_error (error, name);

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
static gint64
resolve_profile_id (PbStore    *self,
                    PbProfile  *profile,
                    GError    **error)
{
  g_autoptr(PbProfile) stored = NULL;
  gint64 id = pb_profile_get_id (profile);

  if (id > 0)
    {
      g_autoptr(sqlite3_stmt) stmt = prepare_with_id (self, "SELECT 1 FROM profiles WHERE id = ?1", id, error);
      int rc;

      if (stmt == NULL)
        return 0;

      rc = pb_sqlite_step (stmt, error);
      if (rc == SQLITE_ROW)
        return id;
      if (rc == SQLITE_DONE)
        set_no_profile_error (error, pb_profile_get_name (profile));
      return 0;
    }

  stored = lookup_profile_locked (self, pb_profile_get_name (profile), error);
  return stored ? pb_profile_get_id (stored) : 0;
}

/* Takes the store's lock for the caller, then resolves @profile. */
static gint64
lock_profile (PbStore       *self,
              PbProfile     *profile,
              GMutexLocker **locker,
              GError       **error)
{
  *locker = g_mutex_locker_new (&self->mutex);
  return resolve_profile_id (self, profile, error);
}

/* Runs @sql on the profile named @name, which must exist. */
static gboolean
exec_on_profile_name (PbStore     *self,
                      const char  *sql,
                      const char  *name,
                      GError     **error)
{
  if (!exec_with_text (self, sql, name, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      set_no_profile_error (error, name);
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
  return exec_with_text (self, "UPDATE profiles SET is_default = 0 WHERE is_default = 1 AND name <> ?1",
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

static PbProfile *
insert_profile_locked (PbStore     *self,
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
  pb_sqlite_bind_int64 (stmt, 9, now_seconds ());

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

static PbProfile *
get_default_profile_locked (PbStore  *self,
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

  if (!pb_sqlite_begin (self->db, error))
    return NULL;

  stored = insert_profile_locked (self, profile, error);
  if (!end_transaction (self, stored != NULL, error))
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

  id = lock_profile (self, profile, &locker, error);
  if (id == 0)
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
      set_no_profile_error (error, pb_profile_get_name (profile));
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

  return get_default_profile_locked (self, error);
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

  if (!pb_sqlite_begin (self->db, error))
    return FALSE;

  return end_transaction (self, mark_default_locked (self, name, error), error);
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

  return exec_on_profile_name (self, "DELETE FROM profiles WHERE name = ?1", name, error);
}


/* Drafts and revisions */

static gboolean
write_draft (PbStore     *self,
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
  bind_row_id (stmt, 2, snapshot_id);
  pb_sqlite_bind_text (stmt, 3, mapping_json);
  pb_sqlite_bind_int64 (stmt, 4, now_seconds ());

  return pb_sqlite_step_done (stmt, error);
}

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

  next = prepare_with_id (self,
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
  pb_sqlite_bind_int64 (insert, 3, now_seconds ());
  pb_sqlite_bind_text (insert, 4, source);
  pb_sqlite_bind_text (insert, 5, comment);
  bind_row_id (insert, 6, snapshot_id);
  pb_sqlite_bind_text (insert, 7, mapping_json);

  if (!pb_sqlite_step_done (insert, error))
    return 0;

  return number;
}

static const char *
snapshot_source_for_revision (const char *revision_source)
{
  if (g_str_equal (revision_source, PB_REVISION_SOURCE_FETCH))
    return SNAPSHOT_SOURCE_FETCH;
  if (g_str_equal (revision_source, PB_REVISION_SOURCE_IMPORT))
    return SNAPSHOT_SOURCE_IMPORT;
  return SNAPSHOT_SOURCE_SAVE;
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

/* Records a revision and makes it the draft; the caller holds the
 * transaction. */
static guint
save_revision_locked (PbStore          *self,
                      gint64            profile_id,
                      PbConfiguration  *configuration,
                      const char       *source,
                      const char       *comment,
                      GError          **error)
{
  g_autofree char *mapping_json = NULL;
  gint64 snapshot_id;
  guint number;

  if (!ensure_snapshot (self, profile_id, configuration,
                        snapshot_source_for_revision (source), &snapshot_id, error))
    return 0;

  mapping_json = mapping_to_json (configuration);

  number = insert_revision (self, profile_id, snapshot_id, mapping_json, source, comment, error);
  if (number == 0)
    return 0;

  if (!write_draft (self, profile_id, snapshot_id, mapping_json, error))
    return 0;

  return number;
}

PbConfiguration *
pb_store_load_draft (PbStore    *self,
                     PbProfile  *profile,
                     GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 profile_id;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile_id = lock_profile (self, profile, &locker, error);
  if (profile_id == 0)
    return NULL;

  stmt = prepare_with_id (self, "SELECT snapshot_id, mapping_json FROM drafts WHERE profile_id = ?1",
                          profile_id, error);
  if (stmt == NULL)
    return NULL;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    return pb_configuration_new ();
  if (rc != SQLITE_ROW)
    return NULL;

  return load_configuration (self, sqlite3_column_int64 (stmt, 0), pb_sqlite_column_text (stmt, 1), error);
}

gboolean
pb_store_save_draft (PbStore          *self,
                     PbProfile        *profile,
                     PbConfiguration  *draft,
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

  mapping_json = mapping_to_json (draft);

  locker = g_mutex_locker_new (&self->mutex);

  if (!pb_sqlite_begin (self->db, error))
    return FALSE;

  profile_id = resolve_profile_id (self, profile, error);
  return end_transaction (self,
                          profile_id != 0 &&
                          ensure_snapshot (self, profile_id, draft, SNAPSHOT_SOURCE_SAVE, &snapshot_id, error) &&
                          write_draft (self, profile_id, snapshot_id, mapping_json, error),
                          error);
}

guint
pb_store_save_revision (PbStore          *self,
                        PbProfile        *profile,
                        PbConfiguration  *configuration,
                        const char       *source,
                        const char       *comment,
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

  if (!pb_sqlite_begin (self->db, error))
    return 0;

  profile_id = resolve_profile_id (self, profile, error);
  if (profile_id != 0)
    number = save_revision_locked (self, profile_id, configuration, source, comment, error);

  return end_transaction (self, number != 0, error) ? number : 0;
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

  profile_id = lock_profile (self, profile, &locker, error);
  if (profile_id == 0)
    return NULL;

  stmt = prepare_with_id (self,
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

/* Looks up revision @number (0: the newest) of @profile_id. Returns FALSE
 * with PB_ERROR_NOT_FOUND when there is none. */
static gboolean
find_revision (PbStore     *self,
               PbProfile   *profile,
               gint64       profile_id,
               guint        number,
               gint64      *snapshot_id,
               char       **mapping_json,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_with_id (self,
                          number > 0
                          ? "SELECT snapshot_id, mapping_json FROM revisions "
                            "WHERE profile_id = ?1 AND number = ?2"
                          : "SELECT snapshot_id, mapping_json FROM revisions "
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

  *snapshot_id = sqlite3_column_int64 (stmt, 0);
  *mapping_json = g_strdup (pb_sqlite_column_text (stmt, 1));
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

  locker = g_mutex_locker_new (&self->mutex);

  if (number == 0)
    {
      set_no_revision_error (error, profile, number);
      return NULL;
    }

  profile_id = resolve_profile_id (self, profile, error);
  if (profile_id == 0 ||
      !find_revision (self, profile, profile_id, number, &snapshot_id, &mapping_json, error))
    return NULL;

  return load_configuration (self, snapshot_id, mapping_json, error);
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

  profile_id = lock_profile (self, profile, &locker, error);
  if (profile_id == 0)
    return NULL;

  if (!find_revision (self, profile, profile_id, 0, &snapshot_id, &mapping_json, &local_error))
    {
      if (!g_error_matches (local_error, PB_ERROR, PB_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return load_configuration (self, snapshot_id, mapping_json, error);
}

guint
pb_store_restore_revision (PbStore    *self,
                           PbProfile  *profile,
                           guint       number,
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

  if (!pb_sqlite_begin (self->db, error))
    return 0;

  /* The stored rows are reused as they are: a restore copies no list. */
  if ((profile_id = resolve_profile_id (self, profile, error)) != 0 &&
      find_revision (self, profile, profile_id, number, &snapshot_id, &mapping_json, error) &&
      write_draft (self, profile_id, snapshot_id, mapping_json, error))
    new_number = insert_revision (self, profile_id, snapshot_id, mapping_json,
                                  PB_REVISION_SOURCE_RESTORE, comment, error);

  return end_transaction (self, new_number != 0, error) ? new_number : 0;
}


/* Import */

/* The snapshot holding the profile's current lists: its draft's, else its
 * newest. 0 when it has none. */
static gboolean
current_snapshot (PbStore  *self,
                  gint64    profile_id,
                  gint64   *snapshot_id,
                  char    **source,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_with_id (self,
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

/* @profile_id 0 is a profile that does not exist yet. */
static PbConfiguration *
prepare_import_locked (PbStore          *self,
                       gint64            profile_id,
                       PbConfiguration  *imported,
                       GError          **error)
{
  g_autofree char *source = NULL;
  g_autofree char *mapping_json = NULL;
  gint64 snapshot_id = 0;

  if (profile_id > 0 && !current_snapshot (self, profile_id, &snapshot_id, &source, error))
    return NULL;

  if (snapshot_id == 0 || g_strcmp0 (source, SNAPSHOT_SOURCE_FETCH) != 0)
    return pb_configuration_copy (imported);

  /* The org is the truth: its fetched lists stay, the file brings the
   * mapping (and its unknown keys). */
  mapping_json = mapping_to_json (imported);
  return load_configuration (self, snapshot_id, mapping_json, error);
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

  if (profile != NULL && pb_profile_get_id (profile) > 0)
    {
      profile_id = resolve_profile_id (self, profile, error);
      if (profile_id == 0)
        return NULL;
    }
  else if (profile != NULL)
    {
      g_autoptr(PbProfile) stored = NULL;

      if (!find_profile_locked (self, pb_profile_get_name (profile), &stored, error))
        return NULL;
      if (stored != NULL)
        profile_id = pb_profile_get_id (stored);
    }

  return prepare_import_locked (self, profile_id, imported, error);
}

/* The profile an import lands in, created when needed; the caller holds
 * the transaction, so a failed import leaves no new profile behind. */
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

      if (!find_profile_locked (self, profile_name, &profile, error))
        return NULL;
      if (profile != NULL)
        return profile;

      new_profile = pb_profile_new (profile_name);
      return insert_profile_locked (self, new_profile, error);
    }

  if (!query_int64 (self, "SELECT count(*) FROM profiles", &count, error))
    return NULL;

  if (count > 0)
    return get_default_profile_locked (self, error);

  org_name = pb_configuration_get_org_name (imported);
  new_profile = pb_profile_new (org_name != NULL && *org_name != '\0' ? org_name : FALLBACK_PROFILE_NAME);
  pb_profile_set_is_default (new_profile, TRUE);
  return insert_profile_locked (self, new_profile, error);
}

guint
pb_store_import (PbStore          *self,
                 const char       *profile_name,
                 PbConfiguration  *imported,
                 const char       *comment,
                 PbProfile       **profile_out,
                 GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) landing = NULL;
  guint number = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (profile_name == NULL || *profile_name != '\0', 0);
  g_return_val_if_fail (PB_IS_CONFIGURATION (imported), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  locker = g_mutex_locker_new (&self->mutex);

  if (!pb_sqlite_begin (self->db, error))
    return 0;

  if ((profile = import_target_locked (self, profile_name, imported, error)) != NULL &&
      (landing = prepare_import_locked (self, pb_profile_get_id (profile), imported, error)) != NULL)
    number = save_revision_locked (self, pb_profile_get_id (profile), landing,
                                   PB_REVISION_SOURCE_IMPORT, comment, error);

  if (!end_transaction (self, number != 0, error))
    return 0;

  if (profile_out != NULL)
    *profile_out = g_steal_pointer (&profile);

  return number;
}


/* Opening, integrity and migrations */

static gboolean
aside_name_taken (const char *candidate)
{
  g_autofree char *wal = g_strconcat (candidate, "-wal", NULL);
  g_autofree char *shm = g_strconcat (candidate, "-shm", NULL);

  return g_file_test (candidate, G_FILE_TEST_EXISTS) ||
         g_file_test (wal, G_FILE_TEST_EXISTS) ||
         g_file_test (shm, G_FILE_TEST_EXISTS);
}

/* Renames a corrupt store, with its -wal and -shm, to a free
 * "<path>.corrupt-YYYYMMDD-HHMMSS[-N]" and returns that name. The -wal must
 * go along: SQLite would replay a stale one into the next, new store. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  g_autofree char *target = g_strdup (base);

  for (guint i = 2; aside_name_taken (target); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s-%u", base, i);
    }

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                   _("The store “%s” is corrupt and could not be moved aside: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                       _("The store “%s” is corrupt and was moved aside to “%s”, but “%s” could not be moved: %s"),
                       path, target, from, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&target);
}

static gboolean
is_corruption (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

/* Closes the connection, moves the file aside and explains. */
static void
set_corrupt (PbStore  *self,
             GError  **error)
{
  g_autofree char *aside = NULL;

  g_clear_pointer (&self->db, sqlite3_close_v2);

  aside = move_aside (self->path, error);
  if (aside == NULL)
    return;

  g_set_error (error, PB_ERROR, PB_ERROR_STORE_CORRUPT,
               _("The store “%s” is corrupt. It was moved aside to “%s”; "
                 "a new, empty store is created the next time it is opened."),
               self->path, aside);
}

/* Reports @local_error, or the corruption that caused it. Returns FALSE. */
static gboolean
fail_opening (PbStore  *self,
              GError   *local_error,
              GError  **error)
{
  if (is_corruption (sqlite3_errcode (self->db)))
    {
      set_corrupt (self, error);
      g_error_free (local_error);
    }
  else
    {
      g_propagate_error (error, local_error);
    }
  return FALSE;
}

/* A stale -wal next to a file that is no database at all would be opened
 * by SQLite and deleted when it closes: such a file never reaches SQLite.
 * A missing or empty file is a new store. */
static gboolean
looks_like_database (const char *path)
{
  static const char magic[] = "SQLite format 3";
  char header[sizeof magic];
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    return TRUE;

  n = fread (header, 1, sizeof header, file);
  fclose (file);

  return n == 0 || (n == sizeof header && memcmp (header, magic, sizeof magic) == 0);
}

static gboolean
read_user_version (PbStore  *self,
                   gint64   *version,
                   GError  **error)
{
  return query_int64 (self, "PRAGMA user_version", version, error);
}

/* PRAGMA quick_check reports most damage as result rows, not as an error. */
static gboolean
check_integrity (PbStore   *self,
                 gboolean  *intact,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *intact = FALSE;

  stmt = pb_sqlite_prepare (self->db, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return FALSE;

  rc = pb_sqlite_step (stmt, error);
  if (rc != SQLITE_ROW)
    return FALSE;

  *intact = g_strcmp0 (pb_sqlite_column_text (stmt, 0), "ok") == 0;
  if (!*intact)
    g_debug ("Store %s failed its integrity check: %s", self->path, pb_sqlite_column_text (stmt, 0));

  return TRUE;
}

static gboolean
migrate_to_1 (PbStore  *self,
              GError  **error)
{
  return pb_sqlite_exec (self->db,
                         "CREATE TABLE profiles ("
                         "  id INTEGER PRIMARY KEY,"
                         "  name TEXT NOT NULL UNIQUE,"
                         "  platform_url TEXT,"
                         "  client_id TEXT,"
                         "  created_at INTEGER NOT NULL"
                         ");"
                         "CREATE TABLE settings ("
                         "  key TEXT PRIMARY KEY,"
                         "  value TEXT"
                         ");"
                         "CREATE TABLE snapshots ("
                         "  id INTEGER PRIMARY KEY,"
                         "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
                         "  created_at INTEGER NOT NULL,"
                         "  account_id TEXT,"
                         "  account_name TEXT,"
                         "  org_id TEXT,"
                         "  org_name TEXT,"
                         "  org_sandbox INTEGER NOT NULL DEFAULT 0"
                         ");"
                         "CREATE INDEX snapshots_profile ON snapshots (profile_id);"
                         "CREATE TABLE snapshot_agent_states ("
                         "  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,"
                         "  position INTEGER NOT NULL,"
                         "  id TEXT NOT NULL,"
                         "  name TEXT NOT NULL,"
                         "  major TEXT,"
                         "  PRIMARY KEY (snapshot_id, position)"
                         ") WITHOUT ROWID;"
                         "CREATE TABLE snapshot_presence_statuses ("
                         "  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,"
                         "  position INTEGER NOT NULL,"
                         "  api_name TEXT NOT NULL,"
                         "  label TEXT NOT NULL,"
                         "  record_id TEXT,"
                         "  channels TEXT NOT NULL DEFAULT '[]',"
                         "  PRIMARY KEY (snapshot_id, position)"
                         ") WITHOUT ROWID;"
                         "CREATE TABLE drafts ("
                         "  profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,"
                         "  snapshot_id INTEGER REFERENCES snapshots (id),"
                         "  mapping_json TEXT NOT NULL,"
                         "  updated_at INTEGER NOT NULL"
                         ");"
                         "CREATE INDEX drafts_snapshot ON drafts (snapshot_id);"
                         "CREATE TABLE revisions ("
                         "  id INTEGER PRIMARY KEY,"
                         "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
                         "  number INTEGER NOT NULL,"
                         "  created_at INTEGER NOT NULL,"
                         "  snapshot_id INTEGER REFERENCES snapshots (id),"
                         "  mapping_json TEXT NOT NULL,"
                         "  UNIQUE (profile_id, number)"
                         ");"
                         "CREATE INDEX revisions_snapshot ON revisions (snapshot_id);"
                         "PRAGMA user_version = 1;",
                         error);
}

/* Version 2: connection settings and the default flag on profiles (the
 * default moves out of version 1's settings table), where a snapshot came
 * from and its digest, a source and a comment on revisions. */
static gboolean
migrate_to_2 (PbStore  *self,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  /* Version 1 only wrote snapshots when fetching, hence the default. */
  if (!pb_sqlite_exec (self->db,
                       "ALTER TABLE profiles ADD COLUMN auth_url TEXT;"
                       "ALTER TABLE profiles ADD COLUMN salesforce_login_url TEXT;"
                       "ALTER TABLE profiles ADD COLUMN salesforce_client_id TEXT;"
                       "ALTER TABLE profiles ADD COLUMN callback_port INTEGER NOT NULL DEFAULT 8717;"
                       "ALTER TABLE profiles ADD COLUMN sandbox_org INTEGER NOT NULL DEFAULT 0;"
                       "ALTER TABLE profiles ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0;"
                       "UPDATE profiles SET is_default = 1 "
                       "  WHERE name = (SELECT value FROM settings WHERE key = 'default_profile');"
                       "DROP TABLE settings;"
                       "CREATE UNIQUE INDEX profiles_one_default ON profiles (is_default) WHERE is_default = 1;"
                       "ALTER TABLE snapshots ADD COLUMN source TEXT NOT NULL DEFAULT 'fetch' "
                       "  CHECK (source IN ('fetch', 'import', 'save'));"
                       "ALTER TABLE snapshots ADD COLUMN digest TEXT;"
                       "CREATE INDEX snapshots_digest ON snapshots (profile_id, digest);"
                       "ALTER TABLE revisions ADD COLUMN source TEXT NOT NULL DEFAULT 'save' "
                       "  CHECK (source IN ('save', 'import', 'restore', 'fetch', 'publish', 'promote'));"
                       "ALTER TABLE revisions ADD COLUMN comment TEXT;",
                       error))
    return FALSE;

  /* Existing snapshots get their digest now, so that the next save finds
   * them instead of copying their lists once more. */
  select = pb_sqlite_prepare (self->db, "SELECT id FROM snapshots", error);
  if (select == NULL)
    return FALSE;
  while ((rc = pb_sqlite_step (select, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  update = pb_sqlite_prepare (self->db, "UPDATE snapshots SET digest = ?2 WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(PbConfiguration) lists = pb_configuration_new ();
      g_autofree char *digest = NULL;

      if (!load_snapshot (self, id, lists, error))
        return FALSE;

      digest = compute_snapshot_digest (lists);
      pb_sqlite_bind_int64 (update, 1, id);
      pb_sqlite_bind_text (update, 2, digest);
      if (!pb_sqlite_step_done (update, error))
        return FALSE;
    }

  return pb_sqlite_exec (self->db, "PRAGMA user_version = 2;", error);
}

typedef gboolean (*PbStoreMigration) (PbStore  *self,
                                      GError  **error);

/* migrations[N] takes schema N - 1 to N. */
static const PbStoreMigration migrations[] = {
  NULL,
  migrate_to_1,
  migrate_to_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PB_STORE_SCHEMA_VERSION + 1);

static void
set_newer_error (PbStore  *self,
                 gint64    version,
                 GError  **error)
{
  g_set_error (error, PB_ERROR, PB_ERROR_STORE_NEWER,
               _("The store “%s” was written by a newer version of Presence Bridge "
                 "(schema %" G_GINT64_FORMAT ", this version knows up to %d). It was left untouched."),
               self->path, version, PB_STORE_SCHEMA_VERSION);
}

/* Each step runs in its own transaction together with its version bump, so
 * an interrupted upgrade resumes from the last finished step. */
static gboolean
migrate (PbStore  *self,
         gint64    version,
         GError  **error)
{
  while (version < PB_STORE_SCHEMA_VERSION)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 target;

      if (!pb_sqlite_begin (self->db, error))
        return FALSE;

      /* Another process may have upgraded the file while we waited for the
       * write lock. */
      if (!read_user_version (self, &version, error))
        {
          pb_sqlite_rollback (self->db);
          return FALSE;
        }
      if (version > PB_STORE_SCHEMA_VERSION)
        {
          pb_sqlite_rollback (self->db);
          set_newer_error (self, version, error);
          return FALSE;
        }
      if (version == PB_STORE_SCHEMA_VERSION)
        {
          pb_sqlite_rollback (self->db);
          break;
        }

      target = version + 1;
      if (!migrations[target] (self, &local_error) ||
          !pb_sqlite_commit (self->db, &local_error))
        {
          pb_sqlite_rollback (self->db);
          g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                       _("Cannot update the store “%s” to schema %" G_GINT64_FORMAT ": %s"),
                       self->path, target, local_error->message);
          return FALSE;
        }

      version = target;
    }

  return TRUE;
}

static gboolean
open_connection (PbStore  *self,
                 GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  gboolean had_wal = g_file_test (wal_path, G_FILE_TEST_EXISTS);
  gint64 version = 0;
  gboolean intact;
  int rc;

  if (!looks_like_database (self->path))
    {
      set_corrupt (self, error);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      if (is_corruption (rc))
        {
          set_corrupt (self, error);
          return FALSE;
        }

      if (self->db != NULL)
        pb_sqlite_set_error (error, self->db);
      else
        g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                     _("The store “%s” failed: %s"), self->path, sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Until the file is known to be ours and sound, closing must not
   * checkpoint: that would write into a newer version's file, or fold a
   * corrupt file's -wal into it and delete the -wal. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  /* Before anything that writes: switching to WAL rewrites the header, and
   * a newer version's file must stay exactly as it is. */
  if (!read_user_version (self, &version, &local_error))
    return fail_opening (self, g_steal_pointer (&local_error), error);

  if (version > PB_STORE_SCHEMA_VERSION)
    {
      /* A -wal that only this connection created is empty: checkpointing it
       * writes nothing and removes it, with its -shm, as it came. */
      if (!had_wal)
        sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
      set_newer_error (self, version, error);
      return FALSE;
    }

  if (!check_integrity (self, &intact, &local_error))
    return fail_opening (self, g_steal_pointer (&local_error), error);
  if (!intact)
    {
      set_corrupt (self, error);
      return FALSE;
    }

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  /* FULL: in WAL mode every commit is synced, so an autosaved draft
   * survives a crash or a power cut. */
  if (!pb_sqlite_exec (self->db, "PRAGMA journal_mode = WAL", error) ||
      !pb_sqlite_exec (self->db, "PRAGMA synchronous = FULL", error) ||
      !pb_sqlite_exec (self->db, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  return migrate (self, version, error);
}

PbStore *
pb_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PbStore) self = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                   _("Cannot create the folder “%s” for the store: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (PB_TYPE_STORE, "path", path, NULL);

  if (!open_connection (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
