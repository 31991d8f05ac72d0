/* pb-day-script.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A day is read like a configuration file (pb-json-reader.c: bounded size,
 * strict JSON with line:column, nesting guard, duplicate keys refused), then
 * event by event, every problem naming its JSON path. The format and every
 * decision taken here are in docs/simulation-format.md; the built-in days
 * in docs/simulation.md.
 */
#include "pb-day-script.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-error.h"
#include "pb-json-reader.h"

/* Long text from a file is cut in messages: a one-line error must stay one
 * readable line whatever the file holds. */
#define MESSAGE_TEXT_MAX 64

typedef struct
{
  PbDayEventType  type;
  PbCallDirection direction;
  char           *subject;
} DayEvent;

struct _PbDayScript
{
  GObject parent_instance;

  char *name;
  GArray *events; /* DayEvent */
};

G_DEFINE_FINAL_TYPE (PbDayScript, pb_day_script, G_TYPE_OBJECT)

/* The nicks are the names in the file. */
G_DEFINE_ENUM_TYPE (PbDayEventType, pb_day_event_type,
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_LOG_IN, "log-in"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_LOG_OUT, "log-out"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_GO_OFFLINE, "go-offline"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_PICK_PRESENCE, "pick-presence"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_STATE_CHANGE, "state-change"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_CALL, "call"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_WRAP_UP, "wrap-up"),
  G_DEFINE_ENUM_VALUE (PB_DAY_EVENT_POST_CALL, "post-call"))

G_DEFINE_ENUM_TYPE (PbCallDirection, pb_call_direction,
  G_DEFINE_ENUM_VALUE (PB_CALL_INBOUND, "inbound"),
  G_DEFINE_ENUM_VALUE (PB_CALL_OUTBOUND, "outbound"),
  G_DEFINE_ENUM_VALUE (PB_CALL_EXTERNAL, "external"))

static const PbJsonFormat day_format = {
  PB_JSON_DOCUMENT_DAY_SCRIPT,
  PB_DAY_SCRIPT_FORMAT,
  PB_DAY_SCRIPT_VERSION,
  PB_DAY_SCRIPT_MAX_SIZE,
  PB_DAY_SCRIPT_MAX_DEPTH,
};

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  /* Static types: the class and its nicks outlive the reference. */
  g_type_class_unref (klass);
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

const char *
pb_day_event_type_to_string (PbDayEventType type)
{
  return enum_nick (PB_TYPE_DAY_EVENT_TYPE, type);
}

const char *
pb_call_direction_to_string (PbCallDirection direction)
{
  return enum_nick (PB_TYPE_CALL_DIRECTION, direction);
}

static void
day_event_clear (gpointer data)
{
  DayEvent *event = data;

  g_clear_pointer (&event->subject, g_free);
}

static void
pb_day_script_finalize (GObject *object)
{
  PbDayScript *self = (PbDayScript *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->events, g_array_unref);

  G_OBJECT_CLASS (pb_day_script_parent_class)->finalize (object);
}

static void
pb_day_script_class_init (PbDayScriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_day_script_finalize;
}

static void
pb_day_script_init (PbDayScript *self)
{
  self->events = g_array_new (FALSE, TRUE, sizeof (DayEvent));
  g_array_set_clear_func (self->events, day_event_clear);
}

/**
 * pb_day_script_new:
 * @name: (nullable): what the day is called
 *
 * Returns: (transfer full): a day without events
 */
PbDayScript *
pb_day_script_new (const char *name)
{
  PbDayScript *self = g_object_new (PB_TYPE_DAY_SCRIPT, NULL);

  self->name = g_strdup (name);
  return self;
}

const char *
pb_day_script_get_name (PbDayScript *self)
{
  g_return_val_if_fail (PB_IS_DAY_SCRIPT (self), NULL);
  return self->name;
}

void
pb_day_script_append (PbDayScript    *self,
                      PbDayEventType  type,
                      const char     *subject)
{
  DayEvent event = { type, PB_CALL_INBOUND, NULL };

  g_return_if_fail (PB_IS_DAY_SCRIPT (self));
  g_return_if_fail (type != PB_DAY_EVENT_CALL);
  g_return_if_fail ((subject != NULL) ==
                    (type == PB_DAY_EVENT_PICK_PRESENCE || type == PB_DAY_EVENT_STATE_CHANGE));

  event.subject = g_strdup (subject);
  g_array_append_val (self->events, event);
}

void
pb_day_script_append_call (PbDayScript     *self,
                           PbCallDirection  direction)
{
  DayEvent event = { PB_DAY_EVENT_CALL, direction, NULL };

  g_return_if_fail (PB_IS_DAY_SCRIPT (self));

  g_array_append_val (self->events, event);
}

guint
pb_day_script_get_n_events (PbDayScript *self)
{
  g_return_val_if_fail (PB_IS_DAY_SCRIPT (self), 0);
  return self->events->len;
}

static DayEvent *
get_event (PbDayScript *self,
           guint        index)
{
  return &g_array_index (self->events, DayEvent, index);
}

PbDayEventType
pb_day_script_get_event_type (PbDayScript *self,
                              guint        index)
{
  g_return_val_if_fail (PB_IS_DAY_SCRIPT (self), PB_DAY_EVENT_LOG_IN);
  g_return_val_if_fail (index < self->events->len, PB_DAY_EVENT_LOG_IN);

  return get_event (self, index)->type;
}

/* The API name of a pick, the state id of a state change, else NULL. */
const char *
pb_day_script_get_event_subject (PbDayScript *self,
                                 guint        index)
{
  g_return_val_if_fail (PB_IS_DAY_SCRIPT (self), NULL);
  g_return_val_if_fail (index < self->events->len, NULL);

  return get_event (self, index)->subject;
}

PbCallDirection
pb_day_script_get_call_direction (PbDayScript *self,
                                  guint        index)
{
  g_return_val_if_fail (PB_IS_DAY_SCRIPT (self), PB_CALL_INBOUND);
  g_return_val_if_fail (index < self->events->len, PB_CALL_INBOUND);

  return get_event (self, index)->direction;
}

/* Built-in days */

static gboolean
is_first_state (PbConfiguration *config,
                PbAgentState    *state)
{
  /* Duplicates are an error of their own; lookups see the first. */
  return pb_configuration_lookup_state (config, pb_agent_state_get_id (state)) == state;
}

/* An Away minor with @word, else any Away minor, else an Away major. */
static const char *
find_away_state (PbConfiguration *config,
                 const char      *word,
                 const char      *other)
{
  const char *id;

  if ((id = pb_configuration_find_state (config, PB_STATE_KIND_AWAY, TRUE, word, other)) != NULL ||
      (id = pb_configuration_find_state (config, PB_STATE_KIND_AWAY, TRUE, NULL, other)) != NULL ||
      (id = pb_configuration_find_state (config, PB_STATE_KIND_AWAY, FALSE, NULL, other)) != NULL)
    return id;

  return NULL;
}

/* The status @state_id shows, when it is one of the org's statuses. */
static const char *
state_presence (PbConfiguration *config,
                const char      *state_id)
{
  const char *presence = NULL;

  if (state_id == NULL)
    return NULL;

  pb_configuration_resolve_state (config, state_id, &presence);
  return pb_configuration_lookup_presence (config, presence) != NULL ? presence : NULL;
}

/* The first status an agent picks to take a break: one mapped to @state_id. */
static const char *
find_presence_for_state (PbConfiguration *config,
                         const char      *state_id)
{
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  guint n = g_list_model_get_n_items (statuses);

  if (state_id == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);

      if (g_strcmp0 (pb_configuration_get_presence_mapping (config, api_name), state_id) == 0)
        return api_name;
    }

  return NULL;
}

/* An online status the agent works in: one other than Ready's own (the
 * agent chooses a channel), else Ready's own. */
static const char *
find_ready_presence (PbConfiguration *config)
{
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  guint n = g_list_model_get_n_items (statuses);
  const char *login = state_presence (config, PB_STATE_ID_READY);
  const char *fallback = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);

      if (!pb_presence_status_is_online (status))
        continue;
      if (g_strcmp0 (api_name, login) != 0)
        return api_name;
      fallback = api_name;
    }

  return fallback;
}

/* Picks each status at most once in the day, so every pick says something new. */
static void
append_pick (PbDayScript *self,
             GHashTable  *picked,
             const char  *api_name)
{
  if (api_name == NULL || !g_hash_table_add (picked, (char *)api_name))
    return;

  pb_day_script_append (self, PB_DAY_EVENT_PICK_PRESENCE, api_name);
}

static void
append_interaction (PbDayScript     *self,
                    PbCallDirection  direction)
{
  pb_day_script_append_call (self, direction);
  pb_day_script_append (self, PB_DAY_EVENT_WRAP_UP, NULL);
  pb_day_script_append (self, PB_DAY_EVENT_POST_CALL, NULL);
}

/**
 * pb_day_script_new_default:
 *
 * A typical day on @configuration's own lists: log in, pick an online
 * status, an inbound call with wrap-up and the post-call state, a chat, a
 * break, lunch, the status wrap-up shows (to finish notes), the status Busy
 * shows before an outbound call, going offline in Omni-Channel, logging in
 * again and out. Steps the lists cannot give (no Away state, no online
 * status) are left out. docs/simulation.md has the rules.
 *
 * Returns: (transfer full): the day, named "default"
 */
PbDayScript *
pb_day_script_new_default (PbConfiguration *configuration)
{
  g_autoptr(GHashTable) picked = g_hash_table_new (g_str_hash, g_str_equal);
  PbDayScript *self;
  const char *break_state;
  const char *break_presence;
  const char *lunch_state;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  self = pb_day_script_new (PB_DAY_SCRIPT_DEFAULT);

  pb_day_script_append (self, PB_DAY_EVENT_LOG_IN, NULL);
  append_pick (self, picked, find_ready_presence (configuration));
  append_interaction (self, PB_CALL_INBOUND);
  pb_day_script_append (self, PB_DAY_EVENT_CHAT, NULL);

  /* A break is taken in Omni-Channel when a status leads to it, so the day
   * shows that mapping; lunch in ContactPad. */
  break_state = find_away_state (configuration, "break", NULL);
  break_presence = find_presence_for_state (configuration, break_state);
  if (break_presence != NULL)
    append_pick (self, picked, break_presence);
  else if (break_state != NULL)
    pb_day_script_append (self, PB_DAY_EVENT_STATE_CHANGE, break_state);

  lunch_state = find_away_state (configuration, "lunch", break_state);
  if (lunch_state != NULL)
    pb_day_script_append (self, PB_DAY_EVENT_STATE_CHANGE, lunch_state);

  append_pick (self, picked,
               state_presence (configuration, pb_configuration_find_state (configuration, PB_STATE_KIND_WRAP, FALSE, NULL, NULL)));
  append_pick (self, picked,
               state_presence (configuration, pb_configuration_find_state (configuration, PB_STATE_KIND_BUSY, FALSE, NULL, NULL)));
  append_interaction (self, PB_CALL_OUTBOUND);

  pb_day_script_append (self, PB_DAY_EVENT_GO_OFFLINE, NULL);
  pb_day_script_append (self, PB_DAY_EVENT_LOG_IN, NULL);
  pb_day_script_append (self, PB_DAY_EVENT_LOG_OUT, NULL);

  return self;
}

/**
 * pb_day_script_new_every_status:
 *
 * Logs in, picks every presence status once (logging in again after one
 * that logs the agent out), enters every agent state once, in list order,
 * and logs out (which enters Logged out).
 *
 * Returns: (transfer full): the day, named "every-status"
 */
PbDayScript *
pb_day_script_new_every_status (PbConfiguration *configuration)
{
  GListModel *statuses;
  GListModel *states;
  PbDayScript *self;
  guint n;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  self = pb_day_script_new (PB_DAY_SCRIPT_EVERY_STATUS);
  pb_day_script_append (self, PB_DAY_EVENT_LOG_IN, NULL);

  statuses = pb_configuration_get_presence_statuses (configuration);
  n = g_list_model_get_n_items (statuses);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);
      const char *state_id;

      if (pb_configuration_lookup_presence (configuration, api_name) != status)
        continue;

      pb_day_script_append (self, PB_DAY_EVENT_PICK_PRESENCE, api_name);
      state_id = pb_configuration_resolve_presence (configuration, api_name, NULL);
      if (pb_configuration_get_state_kind (configuration, state_id) == PB_STATE_KIND_LOGGED_OUT)
        pb_day_script_append (self, PB_DAY_EVENT_LOG_IN, NULL);
    }

  states = pb_configuration_get_agent_states (configuration);
  n = g_list_model_get_n_items (states);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);
      const char *id = pb_agent_state_get_id (state);

      if (is_first_state (configuration, state) &&
          pb_configuration_get_state_kind (configuration, id) != PB_STATE_KIND_LOGGED_OUT)
        pb_day_script_append (self, PB_DAY_EVENT_STATE_CHANGE, id);
    }

  pb_day_script_append (self, PB_DAY_EVENT_LOG_OUT, NULL);

  return self;
}

/* Reading */

/* Text from the file cut short: a one-line message stays one readable
 * line whatever the file holds. */
static char *
dup_cut_text (const char *text)
{
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (text, -1) <= MESSAGE_TEXT_MAX)
    return g_strdup (text);

  cut = g_utf8_substring (text, 0, MESSAGE_TEXT_MAX);
  /* Translators: text cut short in a message, followed by an ellipsis */
  return g_strdup_printf (_("%s…"), cut);
}

/* Text from the file, cut and escaped, for a message. */
static char *
dup_message_text (const char *text)
{
  g_autofree char *cut = dup_cut_text (text);

  return pb_json_escape (cut);
}

static char *
dup_enum_nicks (GType type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GString *nicks = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (nicks, ", ");
      g_string_append (nicks, klass->values[i].value_nick);
    }

  return g_string_free (nicks, FALSE);
}

static gboolean
read_event_type (JsonObject      *entry,
                 const char      *path,
                 PbDayEventType  *type,
                 GError         **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_DAY_EVENT_TYPE);
  GEnumValue *value;
  const char *name;

  if (!pb_json_read_string (entry, path, "event", PB_JSON_REQUIRED, PB_JSON_ID, &name, error))
    return FALSE;

  value = g_enum_get_value_by_nick (klass, name);
  if (value == NULL)
    {
      g_autofree char *shown = dup_message_text (name);
      g_autofree char *known = dup_enum_nicks (PB_TYPE_DAY_EVENT_TYPE);
      g_autofree char *problem = NULL;

      /* Translators: the first %s is the unknown event, the second the list of known ones */
      problem = g_strdup_printf (_("unknown event “%s” (the events are %s)"), shown, known);
      return pb_json_set_path_error (error, path, "event", problem);
    }

  *type = value->value;
  return TRUE;
}

/* The members an event may have besides "event" and "note". */
static const char *
event_parameter (PbDayEventType type)
{
  switch (type)
    {
    case PB_DAY_EVENT_PICK_PRESENCE:
      return "presence";
    case PB_DAY_EVENT_STATE_CHANGE:
      return "state";
    case PB_DAY_EVENT_CALL:
      return "direction";
    case PB_DAY_EVENT_LOG_IN:
    case PB_DAY_EVENT_LOG_OUT:
    case PB_DAY_EVENT_GO_OFFLINE:
    case PB_DAY_EVENT_CHAT:
    case PB_DAY_EVENT_WRAP_UP:
    case PB_DAY_EVENT_POST_CALL:
    default:
      return NULL;
    }
}

/* A misspelt member would otherwise be ignored, and the day would not be
 * the one its author wrote. */
static gboolean
check_event_members (JsonObject      *entry,
                     const char      *path,
                     PbDayEventType   type,
                     GError         **error)
{
  g_autoptr(GList) members = json_object_get_members (entry);
  const char *parameter = event_parameter (type);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *problem = NULL;
      g_autofree char *shown_key = NULL;
      g_autofree char *key_path = NULL;

      if (g_str_equal (key, "event") || g_str_equal (key, "note") || g_strcmp0 (key, parameter) == 0)
        continue;

      if (parameter != NULL)
        {
          /* Translators: the first %s is an event such as “call”, the second
           * the member it takes, such as “direction” */
          problem = g_strdup_printf (_("not a member of a “%s” event (it takes “%s” and an optional “note”)"),
                                     pb_day_event_type_to_string (type), parameter);
        }
      else
        {
          /* Translators: %s is an event such as “log-in” */
          problem = g_strdup_printf (_("not a member of a “%s” event (it takes only an optional “note”)"),
                                     pb_day_event_type_to_string (type));
        }

      /* The path escapes a key that would not read as one. */
      shown_key = dup_cut_text (key);
      key_path = pb_json_join_path (path, shown_key);
      return pb_json_set_path_error (error, NULL, key_path, problem);
    }

  return TRUE;
}

static gboolean
read_event (PbDayScript  *self,
            JsonArray    *array,
            guint         index,
            GError      **error)
{
  g_autofree char *path = NULL;
  JsonObject *entry;
  PbDayEventType type = PB_DAY_EVENT_LOG_IN;
  const char *text;

  if (!pb_json_get_array_object (array, index, "events", &path, &entry, error) ||
      !read_event_type (entry, path, &type, error) ||
      !check_event_members (entry, path, type, error) ||
      !pb_json_read_string (entry, path, "note", PB_JSON_OPTIONAL, PB_JSON_STRING, &text, error))
    return FALSE;

  switch (type)
    {
    case PB_DAY_EVENT_PICK_PRESENCE:
    case PB_DAY_EVENT_STATE_CHANGE:
      if (!pb_json_read_string (entry, path, event_parameter (type), PB_JSON_REQUIRED, PB_JSON_ID, &text, error))
        return FALSE;
      pb_day_script_append (self, type, text);
      break;

    case PB_DAY_EVENT_CALL:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_CALL_DIRECTION);
        GEnumValue *direction;

        if (!pb_json_read_string (entry, path, "direction", PB_JSON_REQUIRED, PB_JSON_ID, &text, error))
          return FALSE;

        direction = g_enum_get_value_by_nick (klass, text);
        if (direction == NULL)
          return pb_json_set_path_error (error, path, "direction",
                                         _("expected “inbound”, “outbound” or “external”"));
        pb_day_script_append_call (self, direction->value);
      }
      break;

    case PB_DAY_EVENT_LOG_IN:
    case PB_DAY_EVENT_LOG_OUT:
    case PB_DAY_EVENT_GO_OFFLINE:
    case PB_DAY_EVENT_CHAT:
    case PB_DAY_EVENT_WRAP_UP:
    case PB_DAY_EVENT_POST_CALL:
    default:
      pb_day_script_append (self, type, NULL);
    }

  return TRUE;
}

static gboolean
check_top_level_members (JsonObject  *root,
                         GError     **error)
{
  static const char * const known[] = { "format", "version", "name", "events", NULL };
  g_autoptr(GList) members = json_object_get_members (root);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *shown_key = NULL;

      if (g_strv_contains (known, l->data))
        continue;

      shown_key = dup_message_text (l->data);
      return pb_json_set_path_error (error, NULL, shown_key,
                                     _("not a member of a day script (it has format, version, an optional name, and events)"));
    }

  return TRUE;
}

static PbDayScript *
script_from_root (JsonNode  *root_node,
                  GError   **error)
{
  g_autoptr(PbDayScript) self = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *events;
  const char *name;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                           _("top level: expected a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  /* The header first: a newer version may have changed everything else. */
  if (!pb_json_check_header (root, &day_format, error) ||
      !check_top_level_members (root, error) ||
      !pb_json_read_string (root, NULL, "name", PB_JSON_OPTIONAL, PB_JSON_STRING, &name, error) ||
      !pb_json_read_container (root, NULL, "events", PB_JSON_REQUIRED, JSON_NODE_ARRAY, &node, error))
    return NULL;

  events = json_node_get_array (node);
  n = json_array_get_length (events);
  if (n > PB_DAY_SCRIPT_MAX_EVENTS)
    {
      g_autofree char *problem = NULL;

      /* Translators: %u is the number of events a day script may have at most */
      problem = g_strdup_printf (_("more than %u events"), (guint)PB_DAY_SCRIPT_MAX_EVENTS);
      pb_json_set_path_error (error, NULL, "events", problem);
      return NULL;
    }

  self = pb_day_script_new (name);
  for (guint i = 0; i < n; i++)
    if (!read_event (self, events, i, error))
      return NULL;

  return g_steal_pointer (&self);
}

/**
 * pb_day_script_load_bytes:
 * @bytes: the file's contents
 *
 * Reads a day script. Whether its statuses and states exist is a question
 * for a configuration: pb_day_script_check_references().
 *
 * Returns: (transfer full): the day, or %NULL with @error set
 */
PbDayScript *
pb_day_script_load_bytes (GBytes  *bytes,
                          GError **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = pb_json_parse (bytes, &day_format, error);
  if (root == NULL)
    return NULL;

  return script_from_root (root, error);
}

PbDayScript *
pb_day_script_load_path (const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  PbDayScript *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = pb_json_read_file (path, &day_format, error);
  if (bytes == NULL)
    return NULL;

  self = pb_day_script_load_bytes (bytes, error);
  if (self != NULL && self->name == NULL)
    self->name = g_path_get_basename (path);

  return self;
}

gboolean
pb_day_script_check_references (PbDayScript      *self,
                                PbConfiguration  *configuration,
                                GError          **error)
{
  g_return_val_if_fail (PB_IS_DAY_SCRIPT (self), FALSE);
  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->events->len; i++)
    {
      DayEvent *event = get_event (self, i);
      g_autofree char *path = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *problem = NULL;

      if (event->type == PB_DAY_EVENT_PICK_PRESENCE &&
          pb_configuration_lookup_presence (configuration, event->subject) == NULL)
        {
          shown = dup_message_text (event->subject);
          /* Translators: %s is a presence status API name */
          problem = g_strdup_printf (_("“%s” is not one of the configuration's presence statuses"), shown);
        }
      else if (event->type == PB_DAY_EVENT_STATE_CHANGE &&
               pb_configuration_lookup_state (configuration, event->subject) == NULL)
        {
          shown = dup_message_text (event->subject);
          /* Translators: %s is an agent state id */
          problem = g_strdup_printf (_("“%s” is not one of the configuration's agent states"), shown);
        }
      else
        {
          continue;
        }

      path = g_strdup_printf ("events[%u]", i);
      return pb_json_set_path_error (error, path, event_parameter (event->type), problem);
    }

  return TRUE;
}
