/* pb-undo-stack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-undo-stack.h"

typedef enum
{
  EDIT_PRESENCE_MAPPING,
  EDIT_STATE_MAPPING,
  EDIT_REVERT_TO_LAST_STATUS,
  EDIT_REPLACE,
} EditKind;

/* One edit as a pair of values, so undoing and redoing are the same
 * operation in opposite directions. For the presence mapping a NULL value
 * means "no entry"; for the state mapping an entry can exist with a NULL
 * presence (offline), hence the separate flags; for the switch the flags
 * are the values; a replacement keeps both whole configurations. */
typedef struct
{
  EditKind  kind;
  char     *key;
  gboolean  had_before;
  gboolean  had_after;
  char     *before;
  char     *after;
  PbConfiguration *whole_before;
  PbConfiguration *whole_after;
} Edit;

struct _PbUndoStack
{
  GObject parent_instance;

  PbConfiguration *configuration;
  GQueue undo;  /* Edit*, most recent first */
  GQueue redo;  /* Edit*, next to redo first */
};

G_DEFINE_FINAL_TYPE (PbUndoStack, pb_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONFIGURATION,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->key);
  g_free (edit->before);
  g_free (edit->after);
  g_clear_object (&edit->whole_before);
  g_clear_object (&edit->whole_after);
  g_free (edit);
}

static Edit *
edit_new (EditKind    kind,
          const char *key)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = kind;
  edit->key = g_strdup (key);
  return edit;
}

static void
edit_apply (Edit            *edit,
            PbConfiguration *configuration,
            gboolean         forward)
{
  gboolean has = forward ? edit->had_after : edit->had_before;
  const char *value = forward ? edit->after : edit->before;

  switch (edit->kind)
    {
    case EDIT_PRESENCE_MAPPING:
      pb_configuration_set_presence_mapping (configuration, edit->key, value);
      break;
    case EDIT_STATE_MAPPING:
      if (has)
        pb_configuration_set_state_mapping (configuration, edit->key, value);
      else
        pb_configuration_unset_state_mapping (configuration, edit->key);
      break;
    case EDIT_REVERT_TO_LAST_STATUS:
      pb_configuration_set_revert_to_last_status (configuration, has);
      break;
    case EDIT_REPLACE:
      pb_configuration_assign (configuration, forward ? edit->whole_after : edit->whole_before);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
pb_undo_stack_notify_state (PbUndoStack *self,
                            gboolean     could_undo,
                            gboolean     could_redo)
{
  if (could_undo != pb_undo_stack_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != pb_undo_stack_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Applies @edit and records it; takes ownership. */
static void
pb_undo_stack_push (PbUndoStack *self,
                    Edit        *edit)
{
  gboolean could_undo = pb_undo_stack_get_can_undo (self);
  gboolean could_redo = pb_undo_stack_get_can_redo (self);

  g_queue_clear_full (&self->redo, edit_free);
  g_queue_push_head (&self->undo, edit);
  while (self->undo.length > PB_UNDO_STACK_MAX_DEPTH)
    edit_free (g_queue_pop_tail (&self->undo));

  /* Applied last: the configuration's "changed" handlers then already see
   * the stack in its new state (an undo button updates correctly). */
  edit_apply (edit, self->configuration, TRUE);

  pb_undo_stack_notify_state (self, could_undo, could_redo);
}

static void
pb_undo_stack_dispose (GObject *object)
{
  PbUndoStack *self = (PbUndoStack *)object;

  g_queue_clear_full (&self->undo, edit_free);
  g_queue_clear_full (&self->redo, edit_free);
  g_clear_object (&self->configuration);

  G_OBJECT_CLASS (pb_undo_stack_parent_class)->dispose (object);
}

static void
pb_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbUndoStack *self = PB_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CONFIGURATION:
      g_value_set_object (value, self->configuration);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pb_undo_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pb_undo_stack_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_undo_stack_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PbUndoStack *self = PB_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CONFIGURATION:
      self->configuration = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_undo_stack_class_init (PbUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_undo_stack_dispose;
  object_class->get_property = pb_undo_stack_get_property;
  object_class->set_property = pb_undo_stack_set_property;

  properties[PROP_CONFIGURATION] =
    g_param_spec_object ("configuration", NULL, NULL, PB_TYPE_CONFIGURATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_undo_stack_init (PbUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

PbUndoStack *
pb_undo_stack_new (PbConfiguration *configuration)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  return g_object_new (PB_TYPE_UNDO_STACK, "configuration", configuration, NULL);
}

PbConfiguration *
pb_undo_stack_get_configuration (PbUndoStack *self)
{
  g_return_val_if_fail (PB_IS_UNDO_STACK (self), NULL);
  return self->configuration;
}

void
pb_undo_stack_set_presence_mapping (PbUndoStack *self,
                                    const char  *api_name,
                                    const char  *state_id)
{
  const char *current;
  Edit *edit;

  g_return_if_fail (PB_IS_UNDO_STACK (self));
  g_return_if_fail (api_name != NULL);

  current = pb_configuration_get_presence_mapping (self->configuration, api_name);
  if (g_strcmp0 (current, state_id) == 0)
    return;

  edit = edit_new (EDIT_PRESENCE_MAPPING, api_name);
  edit->had_before = current != NULL;
  edit->before = g_strdup (current);
  edit->had_after = state_id != NULL;
  edit->after = g_strdup (state_id);
  pb_undo_stack_push (self, edit);
}

static void
pb_undo_stack_change_state_mapping (PbUndoStack *self,
                                    const char  *state_id,
                                    gboolean     has_entry,
                                    const char  *presence_api_name)
{
  const char *current = NULL;
  gboolean had_entry;
  Edit *edit;

  had_entry = pb_configuration_get_state_mapping (self->configuration, state_id, &current);
  if (had_entry == has_entry &&
      (!has_entry || g_strcmp0 (current, presence_api_name) == 0))
    return;

  edit = edit_new (EDIT_STATE_MAPPING, state_id);
  edit->had_before = had_entry;
  edit->before = g_strdup (current);
  edit->had_after = has_entry;
  edit->after = has_entry ? g_strdup (presence_api_name) : NULL;
  pb_undo_stack_push (self, edit);
}

void
pb_undo_stack_set_state_mapping (PbUndoStack *self,
                                 const char  *state_id,
                                 const char  *presence_api_name)
{
  g_return_if_fail (PB_IS_UNDO_STACK (self));
  g_return_if_fail (state_id != NULL);

  pb_undo_stack_change_state_mapping (self, state_id, TRUE, presence_api_name);
}

void
pb_undo_stack_unset_state_mapping (PbUndoStack *self,
                                   const char  *state_id)
{
  g_return_if_fail (PB_IS_UNDO_STACK (self));
  g_return_if_fail (state_id != NULL);

  pb_undo_stack_change_state_mapping (self, state_id, FALSE, NULL);
}

void
pb_undo_stack_set_revert_to_last_status (PbUndoStack *self,
                                         gboolean     revert)
{
  gboolean current;
  Edit *edit;

  g_return_if_fail (PB_IS_UNDO_STACK (self));

  revert = !!revert;
  current = pb_configuration_get_revert_to_last_status (self->configuration);
  if (current == revert)
    return;

  edit = edit_new (EDIT_REVERT_TO_LAST_STATUS, NULL);
  edit->had_before = current;
  edit->had_after = revert;
  pb_undo_stack_push (self, edit);
}

gboolean
pb_undo_stack_get_can_undo (PbUndoStack *self)
{
  g_return_val_if_fail (PB_IS_UNDO_STACK (self), FALSE);
  return self->undo.length > 0;
}

gboolean
pb_undo_stack_get_can_redo (PbUndoStack *self)
{
  g_return_val_if_fail (PB_IS_UNDO_STACK (self), FALSE);
  return self->redo.length > 0;
}

guint
pb_undo_stack_get_n_undo (PbUndoStack *self)
{
  g_return_val_if_fail (PB_IS_UNDO_STACK (self), 0);
  return self->undo.length;
}

gboolean
pb_undo_stack_undo (PbUndoStack *self)
{
  gboolean could_undo, could_redo;
  Edit *edit;

  g_return_val_if_fail (PB_IS_UNDO_STACK (self), FALSE);

  could_undo = pb_undo_stack_get_can_undo (self);
  could_redo = pb_undo_stack_get_can_redo (self);

  edit = g_queue_pop_head (&self->undo);
  if (edit == NULL)
    return FALSE;

  g_queue_push_head (&self->redo, edit);
  edit_apply (edit, self->configuration, FALSE);
  pb_undo_stack_notify_state (self, could_undo, could_redo);

  return TRUE;
}

gboolean
pb_undo_stack_redo (PbUndoStack *self)
{
  gboolean could_undo, could_redo;
  Edit *edit;

  g_return_val_if_fail (PB_IS_UNDO_STACK (self), FALSE);

  could_undo = pb_undo_stack_get_can_undo (self);
  could_redo = pb_undo_stack_get_can_redo (self);

  edit = g_queue_pop_head (&self->redo);
  if (edit == NULL)
    return FALSE;

  g_queue_push_head (&self->undo, edit);
  edit_apply (edit, self->configuration, TRUE);
  pb_undo_stack_notify_state (self, could_undo, could_redo);

  return TRUE;
}

void
pb_undo_stack_clear (PbUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (PB_IS_UNDO_STACK (self));

  could_undo = pb_undo_stack_get_can_undo (self);
  could_redo = pb_undo_stack_get_can_redo (self);

  g_queue_clear_full (&self->undo, edit_free);
  g_queue_clear_full (&self->redo, edit_free);
  pb_undo_stack_notify_state (self, could_undo, could_redo);
}

/**
 * pb_undo_stack_replace:
 * @with: what the configuration becomes, lists included
 *
 * Replaces the whole configuration as one edit (taking another version of
 * it, say): undoing it brings back what was there, lists included.
 */
void
pb_undo_stack_replace (PbUndoStack     *self,
                       PbConfiguration *with)
{
  Edit *edit;

  g_return_if_fail (PB_IS_UNDO_STACK (self));
  g_return_if_fail (PB_IS_CONFIGURATION (with));

  if (pb_configuration_equal (self->configuration, with))
    return;

  edit = edit_new (EDIT_REPLACE, NULL);
  edit->whole_before = pb_configuration_copy (self->configuration);
  edit->whole_after = pb_configuration_copy (with);
  pb_undo_stack_push (self, edit);
}
