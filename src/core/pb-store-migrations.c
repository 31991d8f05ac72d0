/* pb-store-migrations.c: the schema, one frozen step per version
 *
 * A migration is frozen once released: a later change is a new step, never
 * an edit of an old one (docs/store.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

#include <glib/gi18n.h>

#include "pb-error.h"

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

      if (!_pb_store_load_snapshot (self, id, lists, error))
        return FALSE;

      digest = _pb_store_compute_snapshot_digest (lists);
      pb_sqlite_bind_int64 (update, 1, id);
      pb_sqlite_bind_text (update, 2, digest);
      if (!pb_sqlite_step_done (update, error))
        return FALSE;
    }

  return pb_sqlite_exec (self->db, "PRAGMA user_version = 2;", error);
}

/* The mapping of a draft or revision (or a recovery) as version 3 stores
 * it: version 2 nested a file's unknown top-level keys under "extra"; from
 * version 3 the stored mapping is a configuration file's mapping members,
 * unknown keys included, written and read by pb-config-file.c alone. */
static char *
lift_extra_members (const char  *mapping_json,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *root;
  JsonObject *extra;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, mapping_json, -1, error))
    return NULL;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_STORE_FAILED, "mapping_json");
      return NULL;
    }
  root = json_node_get_object (node);

  node = json_object_get_member (root, "extra");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      extra = json_object_ref (json_node_get_object (node));
      json_object_remove_member (root, "extra");

      members = json_object_get_members (extra);
      for (const GList *l = members; l != NULL; l = l->next)
        if (!json_object_has_member (root, l->data))
          json_object_set_member (root, l->data, json_node_copy (json_object_get_member (extra, l->data)));
      json_object_unref (extra);
    }
  else if (node != NULL)
    {
      json_object_remove_member (root, "extra");
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static gboolean
lift_extra_in_table (PbStore     *self,
                     const char  *select_sql,
                     const char  *update_sql,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  select = pb_sqlite_prepare (self->db, select_sql, error);
  if (select == NULL)
    return FALSE;
  while ((rc = pb_sqlite_step (select, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (rows, g_strdup (pb_sqlite_column_text (select, 1)));
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  update = pb_sqlite_prepare (self->db, update_sql, error);
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *lifted = lift_extra_members (g_ptr_array_index (rows, i), &local_error);

      if (lifted == NULL)
        {
          _pb_store_set_damaged_error (self, error, local_error->message);
          return FALSE;
        }

      pb_sqlite_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      pb_sqlite_bind_text (update, 2, lifted);
      if (!pb_sqlite_step_done (update, error))
        return FALSE;
    }

  return TRUE;
}

/* Version 3: a generation per profile (how views learn of writes by other
 * processes) and the profile opened last; the remote configurations a
 * profile fetched or published (ETag, remote revision, mapping), the one
 * its draft is based on (with the account's features as fetched), and the
 * remote version a published revision got; edits kept aside while a profile
 * changed elsewhere; the stored mapping in the file's own shape. */
static gboolean
migrate_to_3 (PbStore  *self,
              GError  **error)
{
  return pb_sqlite_exec (self->db,
                         "ALTER TABLE profiles ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;"
                         "ALTER TABLE profiles ADD COLUMN last_opened_at INTEGER;"
                         "CREATE TABLE remote_configurations ("
                         "  id INTEGER PRIMARY KEY,"
                         "  profile_id INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,"
                         "  received_at INTEGER NOT NULL,"
                         "  source TEXT NOT NULL CHECK (source IN ('fetch', 'publish')),"
                         "  etag TEXT NOT NULL,"
                         "  remote_revision INTEGER,"
                         "  snapshot_id INTEGER REFERENCES snapshots (id),"
                         "  mapping_json TEXT NOT NULL,"
                         "  feature_omnichannel INTEGER,"
                         "  feature_revert_to_last_status INTEGER"
                         ");"
                         "CREATE INDEX remote_configurations_profile ON remote_configurations (profile_id, id);"
                         "CREATE INDEX remote_configurations_snapshot ON remote_configurations (snapshot_id);"
                         "ALTER TABLE drafts ADD COLUMN base_remote_id INTEGER "
                         "  REFERENCES remote_configurations (id) ON DELETE SET NULL;"
                         "ALTER TABLE revisions ADD COLUMN remote_etag TEXT;"
                         "ALTER TABLE revisions ADD COLUMN remote_revision INTEGER;"
                         "CREATE TABLE recoveries ("
                         "  profile_id INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,"
                         "  snapshot_id INTEGER REFERENCES snapshots (id),"
                         "  mapping_json TEXT NOT NULL,"
                         "  saved_at INTEGER NOT NULL"
                         ");"
                         "CREATE INDEX recoveries_snapshot ON recoveries (snapshot_id);",
                         error) &&
         lift_extra_in_table (self, "SELECT profile_id, mapping_json FROM drafts",
                              "UPDATE drafts SET mapping_json = ?2 WHERE profile_id = ?1", error) &&
         lift_extra_in_table (self, "SELECT id, mapping_json FROM revisions",
                              "UPDATE revisions SET mapping_json = ?2 WHERE id = ?1", error) &&
         pb_sqlite_exec (self->db, "PRAGMA user_version = 3;", error);
}

typedef gboolean (*PbStoreMigration) (PbStore  *self,
                                      GError  **error);

/* migrations[N] takes schema N - 1 to N. */
static const PbStoreMigration migrations[] = {
  NULL,
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PB_STORE_SCHEMA_VERSION + 1);

void
_pb_store_set_newer_error (PbStore  *self,
                           gint64    version,
                           GError  **error)
{
  /* %lld, not G_GINT64_FORMAT: xgettext cannot see through the macro and
   * would cut the message short for the translators. */
  g_set_error (error, PB_ERROR, PB_ERROR_STORE_NEWER,
               _("The store “%s” was written by a newer version of Presence Bridge "
                 "(schema %lld, this version knows up to %d). It was left untouched."),
               self->path, (long long) version, PB_STORE_SCHEMA_VERSION);
}

/* Each step runs in its own transaction together with its version bump, so
 * an interrupted upgrade resumes from the last finished step. */
gboolean
_pb_store_migrate (PbStore  *self,
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
      if (!_pb_store_query_int64 (self, "PRAGMA user_version", &version, error))
        {
          pb_sqlite_rollback (self->db);
          return FALSE;
        }
      if (version > PB_STORE_SCHEMA_VERSION)
        {
          pb_sqlite_rollback (self->db);
          _pb_store_set_newer_error (self, version, error);
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
                       _("Cannot update the store “%s” to schema %lld: %s"),
                       self->path, (long long) target, local_error->message);
          return FALSE;
        }

      version = target;
    }

  return TRUE;
}
