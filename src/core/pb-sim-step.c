/* pb-sim-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-sim-step.h"

struct _PbSimStep
{
  GObject parent_instance;

  guint index;
  PbDayEventType event_type;
  char *event_subject;
  char *event_text;

  char *state_id;
  char *state_name;
  char *presence;
  char *presence_label;
  guint logged_in : 1;
  guint presence_online : 1;
  PbSimChange changes;

  const char *rule;
  GStrv explanation;

  GPtrArray *flags; /* PbFinding, NULL when there are none */
};

/* A day of every status at 5,000 statuses is thousands of steps: the
 * fields are set directly and the properties are read-only (for views to
 * bind), which keeps g_object_new() on its fast path. */
G_DEFINE_FINAL_TYPE (PbSimStep, pb_sim_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_EVENT_TEXT,
  PROP_STATE_NAME,
  PROP_PRESENCE_LABEL,
  PROP_RULE,
  PROP_EXPLANATION,
  PROP_N_FLAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_sim_step_finalize (GObject *object)
{
  PbSimStep *self = (PbSimStep *)object;

  g_clear_pointer (&self->event_subject, g_free);
  g_clear_pointer (&self->event_text, g_free);
  g_clear_pointer (&self->state_id, g_free);
  g_clear_pointer (&self->state_name, g_free);
  g_clear_pointer (&self->presence, g_free);
  g_clear_pointer (&self->presence_label, g_free);
  g_clear_pointer (&self->explanation, g_strfreev);
  g_clear_pointer (&self->flags, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_sim_step_parent_class)->finalize (object);
}

static void
pb_sim_step_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PbSimStep *self = PB_SIM_STEP (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_EVENT_TEXT:
      g_value_set_string (value, self->event_text);
      break;
    case PROP_STATE_NAME:
      g_value_set_string (value, self->state_name);
      break;
    case PROP_PRESENCE_LABEL:
      g_value_set_string (value, self->presence_label);
      break;
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    case PROP_EXPLANATION:
      g_value_take_string (value, self->explanation ? g_strjoinv ("\n", self->explanation) : NULL);
      break;
    case PROP_N_FLAGS:
      g_value_set_uint (value, pb_sim_step_get_n_flags (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_sim_step_class_init (PbSimStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sim_step_finalize;
  object_class->get_property = pb_sim_step_get_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_TEXT] =
    g_param_spec_string ("event-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_NAME] =
    g_param_spec_string ("state-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* NULL: offline. */
  properties[PROP_PRESENCE_LABEL] =
    g_param_spec_string ("presence-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RULE] =
    g_param_spec_string ("rule", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The explanation's sentences, one a line. */
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FLAGS] =
    g_param_spec_uint ("n-flags", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_sim_step_init (PbSimStep *self)
{
}

PbSimStep *
pb_sim_step_new (guint           index,
                 PbDayEventType  event_type,
                 const char     *event_subject,
                 const char     *event_text)
{
  PbSimStep *self;

  g_return_val_if_fail (event_text != NULL, NULL);

  self = g_object_new (PB_TYPE_SIM_STEP, NULL);
  self->index = index;
  self->event_type = event_type;
  self->event_subject = g_strdup (event_subject);
  self->event_text = g_strdup (event_text);

  return self;
}

void
pb_sim_step_set_agent (PbSimStep   *self,
                       const char  *state_id,
                       const char  *state_name,
                       gboolean     logged_in,
                       const char  *presence,
                       const char  *presence_label,
                       gboolean     presence_online,
                       PbSimChange  changes)
{
  g_return_if_fail (PB_IS_SIM_STEP (self));
  g_return_if_fail (state_id != NULL && state_name != NULL);
  g_return_if_fail ((presence == NULL) == (presence_label == NULL));

  g_free (self->state_id);
  self->state_id = g_strdup (state_id);
  g_free (self->state_name);
  self->state_name = g_strdup (state_name);
  self->logged_in = !!logged_in;
  g_free (self->presence);
  self->presence = g_strdup (presence);
  g_free (self->presence_label);
  self->presence_label = g_strdup (presence_label);
  self->presence_online = presence != NULL && presence_online;
  self->changes = changes;
}

void
pb_sim_step_set_rule (PbSimStep  *self,
                      const char *rule,
                      GStrv       explanation)
{
  g_return_if_fail (PB_IS_SIM_STEP (self));
  g_return_if_fail (rule != NULL);

  self->rule = rule;
  g_strfreev (self->explanation);
  self->explanation = explanation;
}

void
pb_sim_step_add_flag (PbSimStep *self,
                      PbFinding *flag)
{
  g_return_if_fail (PB_IS_SIM_STEP (self));
  g_return_if_fail (PB_IS_FINDING (flag));

  if (self->flags == NULL)
    self->flags = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->flags, g_object_ref (flag));
}

guint
pb_sim_step_get_index (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), 0);
  return self->index;
}

PbDayEventType
pb_sim_step_get_event_type (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), PB_DAY_EVENT_LOG_IN);
  return self->event_type;
}

const char *
pb_sim_step_get_event_subject (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return self->event_subject;
}

const char *
pb_sim_step_get_event_text (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return self->event_text;
}

const char *
pb_sim_step_get_state_id (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return self->state_id;
}

const char *
pb_sim_step_get_state_name (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return self->state_name;
}

gboolean
pb_sim_step_get_logged_in (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), FALSE);
  return self->logged_in;
}

const char *
pb_sim_step_get_presence (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return self->presence;
}

const char *
pb_sim_step_get_presence_label (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return self->presence_label;
}

gboolean
pb_sim_step_get_presence_online (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), FALSE);
  return self->presence_online;
}

PbSimChange
pb_sim_step_get_changes (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), PB_SIM_CHANGE_NONE);
  return self->changes;
}

const char *
pb_sim_step_get_rule (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return self->rule;
}

const char * const *
pb_sim_step_get_explanation (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  return (const char * const *)self->explanation;
}

guint
pb_sim_step_get_n_flags (PbSimStep *self)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), 0);
  return self->flags != NULL ? self->flags->len : 0;
}

/**
 * pb_sim_step_get_flag:
 *
 * Returns: (transfer none): the @index-th flag
 */
PbFinding *
pb_sim_step_get_flag (PbSimStep *self,
                      guint      index)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), NULL);
  g_return_val_if_fail (index < pb_sim_step_get_n_flags (self), NULL);

  return g_ptr_array_index (self->flags, index);
}

/* @subject_id NULL matches any subject. */
gboolean
pb_sim_step_has_flag (PbSimStep  *self,
                      const char *code,
                      const char *subject_id)
{
  g_return_val_if_fail (PB_IS_SIM_STEP (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < pb_sim_step_get_n_flags (self); i++)
    {
      PbFinding *flag = g_ptr_array_index (self->flags, i);

      if (g_str_equal (pb_finding_get_code (flag), code) &&
          (subject_id == NULL || g_strcmp0 (pb_finding_get_subject_id (flag), subject_id) == 0))
        return TRUE;
    }

  return FALSE;
}
