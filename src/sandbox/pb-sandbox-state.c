/* pb-sandbox-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The platform keeps the list of presence statuses it last fetched; a
 * configuration is checked against that list (as the real platform can only
 * know what it fetched), while Salesforce queries read the org as it is
 * now. So an admin change to the org shows in a query at once and on the
 * platform only after a refresh, as it would for real.
 */
#include "pb-sandbox-state.h"

#include <string.h>

#include "pb-agent-state.h"
#include "pb-checks.h"
#include "pb-config-file.h"
#include "pb-error.h"
#include "pb-presence-status.h"
#include "pb-sandbox-reply.h"
#include "pb-util.h"

#define STATE_FILE_FORMAT  "presence-bridge-sandbox-state"
#define STATE_FILE_VERSION 1

struct _PbSandboxState
{
  GObject          parent_instance;

  PbConfiguration *seed;
  char            *path;
  gboolean         loading;

  PbSandboxOrg    *org;
  PbSandboxTokens *tokens;

  char            *account_id;
  char            *account_name;
  gboolean         omnichannel;
  gboolean         revert_allowed;
  char            *post_call_state;
  GPtrArray       *agent_states; /* PbAgentState */

  GPtrArray       *fetched;      /* PbPresenceStatus */
  gint64           fetched_at;

  JsonObject      *mapping;      /* presenceToState, stateToPresence, revertToLastStatus */
  gint64           revision;
  char            *epoch;
  char            *etag;
};

G_DEFINE_FINAL_TYPE (PbSandboxState, pb_sandbox_state, G_TYPE_OBJECT)

static const char * const mapping_members[] = {
  "presenceToState", "stateToPresence", "revertToLastStatus",
};

static void save (PbSandboxState *self);

static void
pb_sandbox_state_finalize (GObject *object)
{
  PbSandboxState *self = PB_SANDBOX_STATE (object);

  g_clear_object (&self->seed);
  g_free (self->path);
  if (self->org != NULL)
    g_signal_handlers_disconnect_by_data (self->org, self);
  g_clear_object (&self->org);
  if (self->tokens != NULL)
    g_signal_handlers_disconnect_by_data (self->tokens, self);
  g_clear_object (&self->tokens);
  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->post_call_state);
  g_clear_pointer (&self->agent_states, g_ptr_array_unref);
  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, json_object_unref);
  g_free (self->epoch);
  g_free (self->etag);

  G_OBJECT_CLASS (pb_sandbox_state_parent_class)->finalize (object);
}

static void
pb_sandbox_state_class_init (PbSandboxStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_state_finalize;
}

static void
pb_sandbox_state_init (PbSandboxState *self)
{
  self->tokens = pb_sandbox_tokens_new ();
  g_signal_connect_swapped (self->tokens, "changed", G_CALLBACK (save), self);
}

static void
set_org (PbSandboxState *self,
         PbSandboxOrg   *org)
{
  if (self->org != NULL)
    g_signal_handlers_disconnect_by_data (self->org, self);
  g_set_object (&self->org, org);
  g_signal_connect_swapped (self->org, "changed", G_CALLBACK (save), self);
}

static void
update_etag (PbSandboxState *self)
{
  g_autofree char *source = g_strdup_printf ("%s:%" G_GINT64_FORMAT, self->epoch, self->revision);
  g_autofree char *digest = pb_sandbox_sha256 (source);

  g_free (self->etag);
  self->etag = g_strdup_printf ("\"%.24s\"", digest);
}

static JsonObject *
mapping_from_configuration (PbConfiguration *config)
{
  JsonObject *mapping = json_object_new ();
  JsonObject *presence_to_state = json_object_new ();
  JsonObject *state_to_presence = json_object_new ();
  g_autoptr(GPtrArray) presences = pb_configuration_list_presence_mappings (config);
  g_autoptr(GPtrArray) states = pb_configuration_list_state_mappings (config);

  for (guint i = 0; i < presences->len; i++)
    json_object_set_string_member (presence_to_state, g_ptr_array_index (presences, i),
                                   pb_configuration_get_presence_mapping (config, g_ptr_array_index (presences, i)));

  for (guint i = 0; i < states->len; i++)
    {
      const char *presence = NULL;

      pb_configuration_get_state_mapping (config, g_ptr_array_index (states, i), &presence);
      if (presence != NULL)
        json_object_set_string_member (state_to_presence, g_ptr_array_index (states, i), presence);
      else
        json_object_set_null_member (state_to_presence, g_ptr_array_index (states, i));
    }

  json_object_set_object_member (mapping, "presenceToState", presence_to_state);
  json_object_set_object_member (mapping, "stateToPresence", state_to_presence);
  json_object_set_boolean_member (mapping, "revertToLastStatus",
                                  pb_configuration_get_revert_to_last_status (config));
  return mapping;
}

static void
load_seed (PbSandboxState *self)
{
  PbConfiguration *seed = self->seed;
  g_autoptr(PbSandboxOrg) org = pb_sandbox_org_new (pb_configuration_get_org_id (seed),
                                                    pb_configuration_get_org_name (seed));
  g_autoptr(GPtrArray) statuses = pb_list_model_to_array (pb_configuration_get_presence_statuses (seed));
  const char *post_call = pb_configuration_get_agent_post_call_state (seed);

  self->loading = TRUE;

  pb_sandbox_org_set_presence_statuses (org, statuses);
  set_org (self, org);
  pb_sandbox_tokens_clear (self->tokens);

  g_free (self->account_id);
  self->account_id = g_strdup (pb_configuration_get_account_id (seed) != NULL ?
                               pb_configuration_get_account_id (seed) : "ACC-SANDBOX");
  g_free (self->account_name);
  self->account_name = g_strdup (pb_configuration_get_account_name (seed) != NULL ?
                                 pb_configuration_get_account_name (seed) : "Sandbox Contact Centre");
  self->omnichannel = TRUE;
  self->revert_allowed = TRUE;
  g_free (self->post_call_state);
  self->post_call_state = g_strdup (post_call != NULL ? post_call : PB_STATE_ID_READY);

  g_clear_pointer (&self->agent_states, g_ptr_array_unref);
  self->agent_states = pb_list_model_to_array (pb_configuration_get_agent_states (seed));

  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  self->fetched = g_ptr_array_ref (pb_sandbox_org_get_presence_statuses (self->org));
  self->fetched_at = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_pointer (&self->mapping, json_object_unref);
  self->mapping = mapping_from_configuration (seed);
  self->revision = 1;
  g_free (self->epoch);
  self->epoch = pb_sandbox_random_string (12);
  update_etag (self);

  self->loading = FALSE;
}

PbSandboxState *
pb_sandbox_state_new (PbConfiguration *seed)
{
  PbSandboxState *self;

  g_return_val_if_fail (PB_IS_CONFIGURATION (seed), NULL);

  self = g_object_new (PB_TYPE_SANDBOX_STATE, NULL);
  self->seed = pb_configuration_copy (seed);
  load_seed (self);

  return self;
}

void
pb_sandbox_state_reset (PbSandboxState *self)
{
  g_return_if_fail (PB_IS_SANDBOX_STATE (self));

  load_seed (self);
  save (self);
}

PbSandboxOrg *
pb_sandbox_state_get_org (PbSandboxState *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);
  return self->org;
}

PbSandboxTokens *
pb_sandbox_state_get_tokens (PbSandboxState *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);
  return self->tokens;
}

/* JSON of the lists */

static JsonArray *
agent_states_to_array (GPtrArray *states)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < states->len; i++)
    {
      PbAgentState *state = g_ptr_array_index (states, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "id", pb_agent_state_get_id (state));
      json_object_set_string_member (entry, "name", pb_agent_state_get_name (state));
      if (pb_agent_state_get_major_id (state) != NULL)
        json_object_set_string_member (entry, "major", pb_agent_state_get_major_id (state));
      else
        json_object_set_null_member (entry, "major");
      json_array_add_object_element (array, entry);
    }

  return array;
}

static GPtrArray *
agent_states_from_array (JsonArray   *array,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *id = pb_sandbox_json_get_string (object, "id");
      const char *name = pb_sandbox_json_get_string (object, "name");
      JsonNode *major = object != NULL ? json_object_get_member (object, "major") : NULL;
      const char *major_id = pb_sandbox_json_get_string (object, "major");

      if (id == NULL || *id == '\0' || name == NULL || major == NULL ||
          (!JSON_NODE_HOLDS_NULL (major) && (major_id == NULL || *major_id == '\0')))
        {
          g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                       "%s[%u]: expected an object with id, name and major (a state id or null)", path, i);
          return NULL;
        }

      g_ptr_array_add (states, pb_agent_state_new (id, name, major_id));
    }

  return g_steal_pointer (&states);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

JsonNode *
pb_sandbox_state_account_to_json (PbSandboxState *self,
                                  gboolean        feature_off)
{
  JsonObject *account = json_object_new ();
  JsonObject *features = json_object_new ();

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);

  json_object_set_boolean_member (features, "omnichannel", self->omnichannel && !feature_off);
  json_object_set_boolean_member (features, "revertToLastStatus", self->revert_allowed);
  json_object_set_string_member (account, "id", self->account_id);
  json_object_set_string_member (account, "name", self->account_name);
  json_object_set_object_member (account, "features", features);
  json_object_set_string_member (account, "agentPostCallState", self->post_call_state);

  return object_node (account);
}

gboolean
pb_sandbox_state_get_omnichannel (PbSandboxState *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), FALSE);
  return self->omnichannel;
}

JsonNode *
pb_sandbox_state_agent_states_to_json (PbSandboxState *self)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);

  json_object_set_array_member (object, "agentStates", agent_states_to_array (self->agent_states));
  return object_node (object);
}

JsonNode *
pb_sandbox_state_presence_statuses_to_json (PbSandboxState *self)
{
  JsonObject *object = json_object_new ();
  g_autofree char *fetched_at = NULL;

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);

  fetched_at = pb_sandbox_format_time (self->fetched_at);
  json_object_set_string_member (object, "fetchedAt", fetched_at);
  json_object_set_array_member (object, "presenceStatuses", pb_sandbox_org_statuses_to_json (self->fetched));
  return object_node (object);
}

void
pb_sandbox_state_refresh_presence_statuses (PbSandboxState *self)
{
  g_return_if_fail (PB_IS_SANDBOX_STATE (self));

  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  self->fetched = g_ptr_array_ref (pb_sandbox_org_get_presence_statuses (self->org));
  self->fetched_at = g_get_real_time () / G_USEC_PER_SEC;
  save (self);
}

JsonNode *
pb_sandbox_state_configuration_to_json (PbSandboxState *self)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);

  json_object_set_int_member (object, "revision", self->revision);
  for (guint i = 0; i < G_N_ELEMENTS (mapping_members); i++)
    json_object_set_member (object, mapping_members[i],
                            json_node_copy (json_object_get_member (self->mapping, mapping_members[i])));

  return object_node (object);
}

const char *
pb_sandbox_state_get_etag (PbSandboxState *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);
  return self->etag;
}

JsonNode *
pb_sandbox_state_lists_to_json (PbSandboxState *self)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), NULL);

  json_object_set_member (object, "org", pb_sandbox_org_to_json (self->org));
  json_object_set_array_member (object, "agentStates", agent_states_to_array (self->agent_states));
  return object_node (object);
}

/* Checking and storing a configuration */

static void
add_finding (JsonArray  *findings,
             const char *code,
             const char *path,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_finding (JsonArray  *findings,
             const char *code,
             const char *path,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_array_add_object_element (findings, pb_sandbox_error_new (code, message, path));
}

static gboolean
is_mapping_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (mapping_members); i++)
    if (g_str_equal (name, mapping_members[i]))
      return TRUE;

  return FALSE;
}

static void
check_mapping_object (JsonObject *body,
                      const char *member,
                      gboolean    null_allowed,
                      JsonArray  *findings)
{
  JsonNode *node = json_object_get_member (body, member);
  g_autoptr(GList) keys = NULL;

  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_finding (findings, "invalid_body", member, "%s must be an object", member);
      return;
    }

  keys = json_object_get_members (json_node_get_object (node));
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (node), l->data);
      g_autofree char *path = g_strdup_printf ("%s.%s", member, (const char *)l->data);

      if (JSON_NODE_HOLDS_NULL (value) && null_allowed)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
          *json_node_get_string (value) == '\0')
        add_finding (findings, "invalid_body", path,
                     null_allowed ? "Expected the API name of a presence status, or null for offline"
                                  : "Expected the id of an agent state");
    }
}

/* The shape of a PUT body; @partial: members may be left out. */
static void
check_body_shape (JsonNode   *body,
                  gboolean    partial,
                  JsonArray  *findings)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  gboolean revert;

  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      json_array_add_object_element (findings,
                                     pb_sandbox_error_new ("invalid_body",
                                                           "The body must be a JSON object with presenceToState, "
                                                           "stateToPresence and revertToLastStatus", NULL));
      return;
    }

  object = json_node_get_object (body);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!is_mapping_member (l->data))
      add_finding (findings, "invalid_body", l->data,
                   g_str_equal (l->data, "revision")
                     ? "The revision is not sent: If-Match says which revision the change is based on"
                     : "Unknown member; a configuration has presenceToState, stateToPresence and revertToLastStatus");

  for (guint i = 0; i < G_N_ELEMENTS (mapping_members); i++)
    if (!partial && !json_object_has_member (object, mapping_members[i]))
      add_finding (findings, "invalid_body", mapping_members[i], "Missing member %s", mapping_members[i]);

  check_mapping_object (object, "presenceToState", FALSE, findings);
  check_mapping_object (object, "stateToPresence", TRUE, findings);

  if (json_object_has_member (object, "revertToLastStatus") &&
      !pb_sandbox_json_get_boolean (object, "revertToLastStatus", &revert))
    add_finding (findings, "invalid_body", "revertToLastStatus", "Expected true or false");
}

/* What the platform refuses: the checks' errors about the mapping. */
static void
check_against_lists (PbSandboxState *self,
                     JsonObject     *mapping,
                     JsonArray      *findings)
{
  g_autoptr(PbConfiguration) config = pb_configuration_new ();
  g_autoptr(GListModel) results = NULL;
  JsonObject *presence_to_state = pb_sandbox_json_get_object (mapping, "presenceToState");
  JsonObject *state_to_presence = pb_sandbox_json_get_object (mapping, "stateToPresence");
  g_autoptr(GList) presences = json_object_get_members (presence_to_state);
  g_autoptr(GList) states = json_object_get_members (state_to_presence);
  gboolean revert = FALSE;

  pb_configuration_set_agent_states (config, self->agent_states);
  pb_configuration_set_presence_statuses (config, self->fetched);
  pb_configuration_set_agent_post_call_state (config, self->post_call_state);
  for (GList *l = presences; l != NULL; l = l->next)
    pb_configuration_set_presence_mapping (config, l->data, pb_sandbox_json_get_string (presence_to_state, l->data));
  for (GList *l = states; l != NULL; l = l->next)
    pb_configuration_set_state_mapping (config, l->data, pb_sandbox_json_get_string (state_to_presence, l->data));

  results = pb_checks_run (config);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (results, i);
      const char *code = pb_finding_get_code (finding);
      const char *path = pb_finding_get_path (finding);

      if (pb_finding_get_severity (finding) != PB_SEVERITY_ERROR ||
          !(g_str_has_prefix (path, "presenceToState") || g_str_has_prefix (path, "stateToPresence")))
        continue;
      if (g_str_equal (code, PB_CHECK_UNMAPPED_MAJOR_STATE) || g_str_equal (code, PB_CHECK_UNKNOWN_STATE) ||
          g_str_equal (code, PB_CHECK_UNKNOWN_PRESENCE))
        json_array_add_object_element (findings,
                                       pb_sandbox_error_new (code, pb_finding_get_message (finding), path));
    }

  pb_sandbox_json_get_boolean (mapping, "revertToLastStatus", &revert);
  if (revert && !self->revert_allowed)
    add_finding (findings, "feature_unavailable", "revertToLastStatus",
                 "This account does not have the Revert to last status feature");
}

gboolean
pb_sandbox_state_store_configuration (PbSandboxState  *self,
                                      JsonNode        *body,
                                      gboolean         partial,
                                      JsonArray      **findings)
{
  g_autoptr(JsonArray) problems = json_array_new ();
  g_autoptr(JsonObject) merged = json_object_new ();

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), FALSE);

  check_body_shape (body, partial, problems);
  if (json_array_get_length (problems) == 0)
    {
      JsonObject *object = json_node_get_object (body);

      for (guint i = 0; i < G_N_ELEMENTS (mapping_members); i++)
        {
          JsonNode *value = json_object_get_member (object, mapping_members[i]);

          if (value == NULL)
            value = json_object_get_member (self->mapping, mapping_members[i]);
          json_object_set_member (merged, mapping_members[i], json_node_copy (value));
        }

      check_against_lists (self, merged, problems);
    }

  if (json_array_get_length (problems) > 0)
    {
      *findings = g_steal_pointer (&problems);
      return FALSE;
    }

  json_object_unref (self->mapping);
  self->mapping = g_steal_pointer (&merged);
  self->revision++;
  update_etag (self);
  save (self);

  return TRUE;
}

void
pb_sandbox_state_touch_configuration (PbSandboxState *self)
{
  g_return_if_fail (PB_IS_SANDBOX_STATE (self));

  self->revision++;
  update_etag (self);
  save (self);
}

static gboolean
state_exists (PbSandboxState *self,
              const char     *state_id)
{
  for (guint i = 0; i < self->agent_states->len; i++)
    if (g_str_equal (pb_agent_state_get_id (g_ptr_array_index (self->agent_states, i)), state_id))
      return TRUE;

  return FALSE;
}

static void
check_known_members (JsonObject         *object,
                     const char * const *known,
                     const char         *prefix,
                     JsonArray          *findings)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *path = g_strconcat (prefix, l->data, NULL);

        add_finding (findings, "invalid_body", path, "Unknown member");
      }
}

gboolean
pb_sandbox_state_update_account (PbSandboxState  *self,
                                 JsonNode        *body,
                                 JsonArray      **findings)
{
  static const char * const known[] = { "id", "name", "features", "agentPostCallState", NULL };
  static const char * const known_features[] = { "omnichannel", "revertToLastStatus", NULL };
  g_autoptr(JsonArray) problems = json_array_new ();
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonObject *features = pb_sandbox_json_get_object (object, "features");
  const char *id = pb_sandbox_json_get_string (object, "id");
  const char *name = pb_sandbox_json_get_string (object, "name");
  const char *post_call = pb_sandbox_json_get_string (object, "agentPostCallState");
  gboolean omnichannel = self->omnichannel;
  gboolean revert_allowed = self->revert_allowed;

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), FALSE);

  if (object == NULL)
    {
      add_finding (problems, "invalid_body", NULL, "The body must be a JSON object");
      *findings = g_steal_pointer (&problems);
      return FALSE;
    }

  check_known_members (object, known, "", problems);
  if (json_object_has_member (object, "id") && (id == NULL || *id == '\0'))
    add_finding (problems, "invalid_body", "id", "Expected a non-empty string");
  if (json_object_has_member (object, "name") && name == NULL)
    add_finding (problems, "invalid_body", "name", "Expected a string");
  if (json_object_has_member (object, "agentPostCallState") && (post_call == NULL || !state_exists (self, post_call)))
    add_finding (problems, "unknown_state", "agentPostCallState", "Expected the id of one of the account's agent states");
  if (json_object_has_member (object, "features"))
    {
      if (features == NULL)
        add_finding (problems, "invalid_body", "features", "Expected an object");
      else
        {
          check_known_members (features, known_features, "features.", problems);
          if (json_object_has_member (features, "omnichannel") &&
              !pb_sandbox_json_get_boolean (features, "omnichannel", &omnichannel))
            add_finding (problems, "invalid_body", "features.omnichannel", "Expected true or false");
          if (json_object_has_member (features, "revertToLastStatus") &&
              !pb_sandbox_json_get_boolean (features, "revertToLastStatus", &revert_allowed))
            add_finding (problems, "invalid_body", "features.revertToLastStatus", "Expected true or false");
        }
    }

  if (json_array_get_length (problems) > 0)
    {
      *findings = g_steal_pointer (&problems);
      return FALSE;
    }

  if (id != NULL)
    pb_set_str (&self->account_id, id);
  if (name != NULL)
    pb_set_str (&self->account_name, name);
  if (post_call != NULL)
    pb_set_str (&self->post_call_state, post_call);
  self->omnichannel = omnichannel;
  self->revert_allowed = revert_allowed;
  save (self);

  return TRUE;
}

gboolean
pb_sandbox_state_update_lists (PbSandboxState  *self,
                               JsonNode        *body,
                               JsonArray      **findings)
{
  static const char * const known[] = { "agentStates", "presenceStatuses", NULL };
  g_autoptr(JsonArray) problems = json_array_new ();
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonArray *state_array = pb_sandbox_json_get_array (object, "agentStates");
  JsonArray *status_array = pb_sandbox_json_get_array (object, "presenceStatuses");

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), FALSE);

  if (object == NULL)
    add_finding (problems, "invalid_body", NULL, "The body must be a JSON object");
  else
    {
      check_known_members (object, known, "", problems);
      if (json_object_has_member (object, "agentStates") &&
          (state_array == NULL || (states = agent_states_from_array (state_array, "agentStates", &error)) == NULL))
        add_finding (problems, "invalid_body", "agentStates", "%s",
                     error != NULL ? error->message : "Expected an array");
      g_clear_error (&error);
      if (json_object_has_member (object, "presenceStatuses") &&
          (status_array == NULL ||
           (statuses = pb_sandbox_org_statuses_from_json (status_array, "presenceStatuses", &error)) == NULL))
        add_finding (problems, "invalid_body", "presenceStatuses", "%s",
                     error != NULL ? error->message : "Expected an array");
    }

  if (json_array_get_length (problems) > 0)
    {
      *findings = g_steal_pointer (&problems);
      return FALSE;
    }

  self->loading = TRUE;
  if (states != NULL)
    {
      g_ptr_array_unref (self->agent_states);
      self->agent_states = g_steal_pointer (&states);
    }
  if (statuses != NULL)
    pb_sandbox_org_set_presence_statuses (self->org, statuses);
  self->loading = FALSE;
  save (self);

  return TRUE;
}

/* The state file */

static JsonNode *
state_to_json (PbSandboxState *self)
{
  JsonObject *root = json_object_new ();
  JsonObject *fetched = json_object_new ();
  JsonObject *configuration = json_object_new ();
  g_autofree char *fetched_at = pb_sandbox_format_time (self->fetched_at);

  json_object_set_string_member (root, "format", STATE_FILE_FORMAT);
  json_object_set_int_member (root, "version", STATE_FILE_VERSION);
  json_object_set_member (root, "account", pb_sandbox_state_account_to_json (self, FALSE));
  json_object_set_array_member (root, "agentStates", agent_states_to_array (self->agent_states));
  json_object_set_member (root, "org", pb_sandbox_org_to_json (self->org));

  json_object_set_string_member (fetched, "fetchedAt", fetched_at);
  json_object_set_array_member (fetched, "presenceStatuses", pb_sandbox_org_statuses_to_json (self->fetched));
  json_object_set_object_member (root, "fetched", fetched);

  json_object_set_int_member (configuration, "revision", self->revision);
  json_object_set_string_member (configuration, "epoch", self->epoch);
  for (guint i = 0; i < G_N_ELEMENTS (mapping_members); i++)
    json_object_set_member (configuration, mapping_members[i],
                            json_node_copy (json_object_get_member (self->mapping, mapping_members[i])));
  json_object_set_object_member (root, "configuration", configuration);

  json_object_set_member (root, "tokens", pb_sandbox_tokens_to_json (self->tokens));

  return object_node (root);
}

static gboolean
write_file (PbSandboxState  *self,
            GError         **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = state_to_json (self);
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_file_set_contents_full (self->path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
save (PbSandboxState *self)
{
  g_autoptr(GError) error = NULL;

  if (self->path == NULL || self->loading)
    return;

  /* The change is made; a full disk should not stop the sandbox. */
  if (!write_file (self, &error))
    g_printerr ("presence-bridge-sandbox: could not write the state file: %s\n", error->message);
}

static gboolean
set_state_file_error (GError     **error,
                      const char  *what)
{
  g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, "%s", what);
  return FALSE;
}

static gboolean
load_state_json (PbSandboxState  *self,
                 JsonNode        *root_node,
                 GError         **error)
{
  JsonObject *root = JSON_NODE_HOLDS_OBJECT (root_node) ? json_node_get_object (root_node) : NULL;
  JsonObject *account = pb_sandbox_json_get_object (root, "account");
  JsonObject *features = pb_sandbox_json_get_object (account, "features");
  JsonObject *fetched = pb_sandbox_json_get_object (root, "fetched");
  JsonObject *configuration = pb_sandbox_json_get_object (root, "configuration");
  JsonArray *state_array = pb_sandbox_json_get_array (root, "agentStates");
  JsonArray *fetched_array = pb_sandbox_json_get_array (fetched, "presenceStatuses");
  JsonNode *org_node = root != NULL ? json_object_get_member (root, "org") : NULL;
  JsonNode *tokens_node = root != NULL ? json_object_get_member (root, "tokens") : NULL;
  const char *format = pb_sandbox_json_get_string (root, "format");
  const char *fetched_at_text = pb_sandbox_json_get_string (fetched, "fetchedAt");
  g_autoptr(GDateTime) fetched_at = NULL;
  g_autoptr(PbSandboxOrg) org = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) fetched_statuses = NULL;
  g_autoptr(JsonArray) findings = json_array_new ();
  g_autoptr(JsonObject) mapping = json_object_new ();
  gboolean omnichannel, revert_allowed;
  gint64 version, revision;

  if (g_strcmp0 (format, STATE_FILE_FORMAT) != 0)
    return set_state_file_error (error, "not a sandbox state file (format is not " STATE_FILE_FORMAT ")");
  if (!pb_sandbox_json_get_int (root, "version", &version) || version != STATE_FILE_VERSION)
    return set_state_file_error (error, "a state file version this sandbox does not read");
  if (pb_sandbox_json_get_string (account, "id") == NULL || pb_sandbox_json_get_string (account, "name") == NULL ||
      pb_sandbox_json_get_string (account, "agentPostCallState") == NULL ||
      !pb_sandbox_json_get_boolean (features, "omnichannel", &omnichannel) ||
      !pb_sandbox_json_get_boolean (features, "revertToLastStatus", &revert_allowed))
    return set_state_file_error (error, "account: expected id, name, features and agentPostCallState");
  if (state_array == NULL || fetched_array == NULL || org_node == NULL || tokens_node == NULL ||
      fetched_at_text == NULL || configuration == NULL)
    return set_state_file_error (error, "expected agentStates, org, fetched, configuration and tokens");
  fetched_at = g_date_time_new_from_iso8601 (fetched_at_text, NULL);
  if (fetched_at == NULL)
    return set_state_file_error (error, "fetched.fetchedAt: expected a time");
  if (!pb_sandbox_json_get_int (configuration, "revision", &revision) || revision < 1 ||
      pb_sandbox_json_get_string (configuration, "epoch") == NULL)
    return set_state_file_error (error, "configuration: expected revision and epoch");

  states = agent_states_from_array (state_array, "agentStates", error);
  if (states == NULL)
    return FALSE;
  fetched_statuses = pb_sandbox_org_statuses_from_json (fetched_array, "fetched.presenceStatuses", error);
  if (fetched_statuses == NULL)
    return FALSE;
  org = pb_sandbox_org_new_from_json (org_node, error);
  if (org == NULL)
    return FALSE;

  {
    g_autoptr(JsonNode) mapping_node = json_node_new (JSON_NODE_OBJECT);

    for (guint i = 0; i < G_N_ELEMENTS (mapping_members); i++)
      if (json_object_has_member (configuration, mapping_members[i]))
        json_object_set_member (mapping, mapping_members[i],
                                json_node_copy (json_object_get_member (configuration, mapping_members[i])));
    json_node_set_object (mapping_node, mapping);
    check_body_shape (mapping_node, FALSE, findings);
    if (json_array_get_length (findings) > 0)
      return set_state_file_error (error, "configuration: expected presenceToState, stateToPresence and revertToLastStatus");
  }

  if (!pb_sandbox_tokens_load_json (self->tokens, tokens_node, error))
    return FALSE;

  set_org (self, org);
  pb_set_str (&self->account_id, pb_sandbox_json_get_string (account, "id"));
  pb_set_str (&self->account_name, pb_sandbox_json_get_string (account, "name"));
  pb_set_str (&self->post_call_state, pb_sandbox_json_get_string (account, "agentPostCallState"));
  self->omnichannel = omnichannel;
  self->revert_allowed = revert_allowed;
  g_ptr_array_unref (self->agent_states);
  self->agent_states = g_steal_pointer (&states);
  g_ptr_array_unref (self->fetched);
  self->fetched = g_steal_pointer (&fetched_statuses);
  self->fetched_at = g_date_time_to_unix (fetched_at);
  json_object_unref (self->mapping);
  self->mapping = g_steal_pointer (&mapping);
  self->revision = revision;
  pb_set_str (&self->epoch, pb_sandbox_json_get_string (configuration, "epoch"));
  update_etag (self);

  return TRUE;
}

gboolean
pb_sandbox_state_attach_file (PbSandboxState  *self,
                              const char      *path,
                              GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PB_IS_SANDBOX_STATE (self), FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &local_error);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonNode) root = NULL;
      gboolean loaded;

      if (file != NULL)
        {
          bytes = g_mapped_file_get_bytes (file);
          root = pb_config_file_parse_json (bytes, &local_error);
        }

      self->loading = TRUE;
      loaded = root != NULL && load_state_json (self, root, &local_error);
      self->loading = FALSE;

      if (!loaded)
        {
          g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, "%s: %s", path, local_error->message);
          return FALSE;
        }
    }

  self->path = g_strdup (path);
  if (!write_file (self, &local_error))
    {
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, "%s: %s", path, local_error->message);
      g_clear_pointer (&self->path, g_free);
      return FALSE;
    }

  return TRUE;
}
