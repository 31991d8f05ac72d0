/* pb-agent-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-agent-state.h"

#include <string.h>

/* Profiles hold thousands: the properties are read-only and set here,
 * which keeps g_object_new() on its fast path (see pb-finding.c). */
struct _PbAgentState
{
  GObject parent_instance;
  char *id;
  char *name;
  char *major_id;
};

G_DEFINE_FINAL_TYPE (PbAgentState, pb_agent_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_MAJOR_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_agent_state_finalize (GObject *object)
{
  PbAgentState *self = (PbAgentState *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->major_id, g_free);

  G_OBJECT_CLASS (pb_agent_state_parent_class)->finalize (object);
}

static void
pb_agent_state_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbAgentState *self = PB_AGENT_STATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_MAJOR_ID:
      g_value_set_string (value, self->major_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_agent_state_class_init (PbAgentStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_agent_state_finalize;
  object_class->get_property = pb_agent_state_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAJOR_ID] =
    g_param_spec_string ("major-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_agent_state_init (PbAgentState *self)
{
}

PbAgentState *
pb_agent_state_new (const char *id,
                    const char *name,
                    const char *major_id)
{
  PbAgentState *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (PB_TYPE_AGENT_STATE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : id);
  self->major_id = g_strdup (major_id);

  return self;
}

const char *
pb_agent_state_get_id (PbAgentState *self)
{
  g_return_val_if_fail (PB_IS_AGENT_STATE (self), NULL);
  return self->id;
}

const char *
pb_agent_state_get_name (PbAgentState *self)
{
  g_return_val_if_fail (PB_IS_AGENT_STATE (self), NULL);
  return self->name;
}

const char *
pb_agent_state_get_major_id (PbAgentState *self)
{
  g_return_val_if_fail (PB_IS_AGENT_STATE (self), NULL);
  return self->major_id;
}

gboolean
pb_agent_state_is_major (PbAgentState *self)
{
  g_return_val_if_fail (PB_IS_AGENT_STATE (self), FALSE);
  return self->major_id == NULL;
}

/*
 * Accounts name their majors freely ("Extended Away", "Busy Callback"), so a
 * state is classified by its well-known id first and by the words of its id
 * or name second. Callers pass the *major* state's id and name. The checks
 * call this for every state on every edit, so each string is folded once.
 */
PbStateKind
pb_agent_state_classify (const char *id,
                         const char *name)
{
  static const struct {
    const char *word;
    PbStateKind kind;
  } words[] = {
    { "busy", PB_STATE_KIND_BUSY },
    { "wrap", PB_STATE_KIND_WRAP },
    { "away", PB_STATE_KIND_AWAY },
  };
  g_autofree char *folded_id = NULL;
  g_autofree char *folded_name = NULL;

  if (g_strcmp0 (id, PB_STATE_ID_LOGGED_OUT) == 0)
    return PB_STATE_KIND_LOGGED_OUT;
  if (g_strcmp0 (id, PB_STATE_ID_READY) == 0)
    return PB_STATE_KIND_READY;
  if (g_strcmp0 (id, "ready_offline") == 0)
    return PB_STATE_KIND_READY_OFFLINE;

  folded_id = id ? g_utf8_casefold (id, -1) : g_strdup ("");
  folded_name = name ? g_utf8_casefold (name, -1) : g_strdup ("");

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (folded_id, words[i].word) != NULL || strstr (folded_name, words[i].word) != NULL)
      return words[i].kind;

  if (strstr (folded_name, "ready") != NULL && strstr (folded_name, "offline") != NULL)
    return PB_STATE_KIND_READY_OFFLINE;

  return PB_STATE_KIND_OTHER;
}
