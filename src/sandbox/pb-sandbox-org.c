/* pb-sandbox-org.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Record Ids look like Salesforce's 18-character Ids: a key prefix, a
 * case-sensitive 15-character body and the three-character suffix that
 * encodes which of its letters are capitals. Every Id the org hands out is
 * remembered by what it names ("ServicePresenceStatus:On_a_call"), so a
 * status keeps its Id across a rename and across restarts with --state.
 */
#include "pb-sandbox-org.h"

#include <string.h>

#include "pb-error.h"
#include "pb-presence-status.h"
#include "pb-sandbox-reply.h"
#include "pb-util.h"

struct _PbSandboxOrg
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  GPtrArray  *statuses;     /* PbPresenceStatus */
  GHashTable *ids;          /* "Object:name" → record Id */
  guint64     next_sequence;
};

G_DEFINE_FINAL_TYPE (PbSandboxOrg, pb_sandbox_org, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *developer_name;
  const char *label;
} known_channels[] = {
  { "sfdc_case", "Case" },
  { "sfdc_livechat", "Chat" },
  { "sfdc_messaging", "Messaging" },
  { "sfdc_lead", "Lead" },
  { "sfdc_voice", "Phone" },
};

static void
pb_sandbox_org_finalize (GObject *object)
{
  PbSandboxOrg *self = PB_SANDBOX_ORG (object);

  g_free (self->id);
  g_free (self->name);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);

  G_OBJECT_CLASS (pb_sandbox_org_parent_class)->finalize (object);
}

static void
pb_sandbox_org_class_init (PbSandboxOrgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_org_finalize;

  /**
   * PbSandboxOrg::changed:
   *
   * The statuses changed, or a new record Id was handed out.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_sandbox_org_init (PbSandboxOrg *self)
{
  self->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->next_sequence = 1;
}

/* Salesforce's case-safe suffix: for each five characters of the body, a
 * bit per capital letter, as one of 32 characters. */
static char *
make_record_id (const char *prefix,
                guint64     sequence)
{
  static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static const char suffix_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  char body[16];
  char id[19];

  g_assert (strlen (prefix) == 3);
  memcpy (body, prefix, 3);
  body[3] = '5';
  body[4] = 'g';
  for (int i = 14; i >= 5; i--)
    {
      body[i] = digits[sequence % 62];
      sequence /= 62;
    }
  body[15] = '\0';

  memcpy (id, body, 15);
  for (int chunk = 0; chunk < 3; chunk++)
    {
      guint flags = 0;

      for (int j = 0; j < 5; j++)
        if (g_ascii_isupper (body[chunk * 5 + j]))
          flags |= 1u << j;
      id[15 + chunk] = suffix_chars[flags];
    }
  id[18] = '\0';

  return g_strdup (id);
}

static const char *
lookup_id (PbSandboxOrg *self,
           const char   *prefix,
           const char   *key)
{
  const char *id = g_hash_table_lookup (self->ids, key);

  if (id == NULL)
    {
      char *new_id = make_record_id (prefix, self->next_sequence++);

      g_hash_table_insert (self->ids, g_strdup (key), new_id);
      id = new_id;
    }

  return id;
}

PbSandboxOrg *
pb_sandbox_org_new (const char *org_id,
                    const char *name)
{
  PbSandboxOrg *self = g_object_new (PB_TYPE_SANDBOX_ORG, NULL);

  self->id = org_id != NULL ? g_strdup (org_id)
                            : g_strdup (lookup_id (self, PB_SANDBOX_PREFIX_ORGANIZATION, "Organization"));
  self->name = g_strdup (name != NULL ? name : "Sandbox Org");
  pb_sandbox_org_get_user_id (self);

  return self;
}

const char *
pb_sandbox_org_get_id (PbSandboxOrg *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);
  return self->id;
}

const char *
pb_sandbox_org_get_name (PbSandboxOrg *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);
  return self->name;
}

const char *
pb_sandbox_org_get_user_id (PbSandboxOrg *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);
  return lookup_id (self, PB_SANDBOX_PREFIX_USER, "User:sandbox");
}

const char *
pb_sandbox_org_get_username (PbSandboxOrg *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);
  return "admin@sandbox.presencebridge.invalid";
}

GPtrArray *
pb_sandbox_org_get_presence_statuses (PbSandboxOrg *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);
  return self->statuses;
}

void
pb_sandbox_org_set_presence_statuses (PbSandboxOrg *self,
                                      GPtrArray    *statuses)
{
  g_autoptr(GPtrArray) with_ids = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (PB_IS_SANDBOX_ORG (self));

  for (guint i = 0; i < statuses->len; i++)
    {
      PbPresenceStatus *status = g_ptr_array_index (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);
      g_autofree char *key = g_strconcat ("ServicePresenceStatus:", api_name, NULL);
      const char *id = lookup_id (self, PB_SANDBOX_PREFIX_PRESENCE_STATUS, key);
      const char * const *channels = pb_presence_status_get_channels (status);

      g_ptr_array_add (with_ids, pb_presence_status_new (api_name, pb_presence_status_get_label (status),
                                                         id, channels));
      for (guint c = 0; channels != NULL && channels[c] != NULL; c++)
        {
          pb_sandbox_org_get_channel_id (self, channels[c]);
          pb_sandbox_org_get_link_id (self, api_name, channels[c]);
        }
    }

  g_ptr_array_unref (self->statuses);
  self->statuses = g_steal_pointer (&with_ids);
  g_signal_emit (self, signals[CHANGED], 0);
}

GPtrArray *
pb_sandbox_org_dup_channels (PbSandboxOrg *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *channels = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);

  for (guint i = 0; i < self->statuses->len; i++)
    {
      const char * const *names = pb_presence_status_get_channels (g_ptr_array_index (self->statuses, i));

      for (guint c = 0; names != NULL && names[c] != NULL; c++)
        if (g_hash_table_add (seen, (gpointer)names[c]))
          g_ptr_array_add (channels, g_strdup (names[c]));
    }

  g_ptr_array_sort (channels, pb_compare_strings);
  return channels;
}

const char *
pb_sandbox_org_get_channel_id (PbSandboxOrg *self,
                               const char   *developer_name)
{
  g_autofree char *key = g_strconcat ("ServiceChannel:", developer_name, NULL);

  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);
  return lookup_id (self, PB_SANDBOX_PREFIX_SERVICE_CHANNEL, key);
}

const char *
pb_sandbox_org_get_channel_label (const char *developer_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_channels); i++)
    if (g_str_equal (known_channels[i].developer_name, developer_name))
      return known_channels[i].label;

  return developer_name;
}

const char *
pb_sandbox_org_get_link_id (PbSandboxOrg *self,
                            const char   *api_name,
                            const char   *developer_name)
{
  g_autofree char *key = g_strconcat ("ServiceChannelStatus:", api_name, "/", developer_name, NULL);

  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);
  return lookup_id (self, PB_SANDBOX_PREFIX_SERVICE_CHANNEL_STATUS, key);
}

JsonArray *
pb_sandbox_org_statuses_to_json (GPtrArray *statuses)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < statuses->len; i++)
    {
      PbPresenceStatus *status = g_ptr_array_index (statuses, i);
      const char * const *channels = pb_presence_status_get_channels (status);
      JsonObject *entry = json_object_new ();
      JsonArray *channel_array = json_array_new ();

      json_object_set_string_member (entry, "id", pb_presence_status_get_record_id (status));
      json_object_set_string_member (entry, "apiName", pb_presence_status_get_api_name (status));
      json_object_set_string_member (entry, "label", pb_presence_status_get_label (status));
      for (guint c = 0; channels != NULL && channels[c] != NULL; c++)
        json_array_add_string_element (channel_array, channels[c]);
      json_object_set_array_member (entry, "channels", channel_array);
      json_array_add_object_element (array, entry);
    }

  return array;
}

JsonNode *
pb_sandbox_org_to_json (PbSandboxOrg *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) ids = json_object_new ();
  g_autoptr(GList) keys = NULL;
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (PB_IS_SANDBOX_ORG (self), NULL);

  keys = g_list_sort (g_hash_table_get_keys (self->ids), (GCompareFunc)g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    json_object_set_string_member (ids, l->data, g_hash_table_lookup (self->ids, l->data));

  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "userId", pb_sandbox_org_get_user_id (self));
  json_object_set_string_member (object, "username", pb_sandbox_org_get_username (self));
  json_object_set_array_member (object, "presenceStatuses", pb_sandbox_org_statuses_to_json (self->statuses));
  json_object_set_object_member (object, "recordIds", g_steal_pointer (&ids));
  json_object_set_int_member (object, "nextSequence", self->next_sequence);

  json_node_set_object (node, object);
  return node;
}

GPtrArray *
pb_sandbox_org_statuses_from_json (JsonArray   *array,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *api_name = pb_sandbox_json_get_string (object, "apiName");
      const char *label = pb_sandbox_json_get_string (object, "label");
      JsonArray *channel_array = pb_sandbox_json_get_array (object, "channels");
      g_autoptr(GPtrArray) channels = g_ptr_array_new ();

      if (api_name == NULL || *api_name == '\0' || label == NULL || channel_array == NULL)
        {
          g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                       "%s[%u]: expected an object with apiName, label and channels", path, i);
          return NULL;
        }

      for (guint c = 0; c < json_array_get_length (channel_array); c++)
        {
          JsonNode *channel = json_array_get_element (channel_array, c);

          if (!JSON_NODE_HOLDS_VALUE (channel) || json_node_get_value_type (channel) != G_TYPE_STRING ||
              *json_node_get_string (channel) == '\0')
            {
              g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                           "%s[%u].channels[%u]: expected a channel's developer name", path, i, c);
              return NULL;
            }
          g_ptr_array_add (channels, (gpointer)json_node_get_string (channel));
        }
      g_ptr_array_add (channels, NULL);

      g_ptr_array_add (statuses, pb_presence_status_new (api_name, label,
                                                         pb_sandbox_json_get_string (object, "id"),
                                                         (const char * const *)channels->pdata));
    }

  return g_steal_pointer (&statuses);
}

PbSandboxOrg *
pb_sandbox_org_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(PbSandboxOrg) self = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id = pb_sandbox_json_get_string (object, "id");
  const char *name = pb_sandbox_json_get_string (object, "name");
  JsonArray *status_array = pb_sandbox_json_get_array (object, "presenceStatuses");
  JsonObject *ids = pb_sandbox_json_get_object (object, "recordIds");
  gint64 next_sequence;

  if (id == NULL || name == NULL || status_array == NULL || ids == NULL ||
      !pb_sandbox_json_get_int (object, "nextSequence", &next_sequence) || next_sequence < 1)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                           "org: expected id, name, presenceStatuses, recordIds and nextSequence");
      return NULL;
    }

  statuses = pb_sandbox_org_statuses_from_json (status_array, "org.presenceStatuses", error);
  if (statuses == NULL)
    return NULL;

  self = g_object_new (PB_TYPE_SANDBOX_ORG, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->next_sequence = next_sequence;

  {
    g_autoptr(GList) members = json_object_get_members (ids);

    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *value = pb_sandbox_json_get_string (ids, l->data);

        if (value == NULL)
          {
            g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, "org.recordIds: expected strings");
            return NULL;
          }
        g_hash_table_insert (self->ids, g_strdup (l->data), g_strdup (value));
      }
  }

  /* The statuses carry their Ids, which recordIds already remembers. */
  g_ptr_array_unref (self->statuses);
  self->statuses = g_steal_pointer (&statuses);

  return g_steal_pointer (&self);
}
