/* pb-preview-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-preview-event.h"

#include <glib/gi18n.h>

struct _PbPreviewEvent
{
  GObject parent_instance;

  PbPreviewEventKind kind;
  char *trigger;
  char *outcome;
  char *subject_id;
};

/* Immutable, and built by the thousand on every edit: the fields are set
 * directly and the properties are read-only, which keeps g_object_new() on
 * its fast path. */
G_DEFINE_FINAL_TYPE (PbPreviewEvent, pb_preview_event, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PbPreviewEventKind, pb_preview_event_kind,
  G_DEFINE_ENUM_VALUE (PB_PREVIEW_EVENT_FIXED, "fixed"),
  G_DEFINE_ENUM_VALUE (PB_PREVIEW_EVENT_PRESENCE, "presence"),
  G_DEFINE_ENUM_VALUE (PB_PREVIEW_EVENT_STATE, "state"),
  G_DEFINE_ENUM_VALUE (PB_PREVIEW_EVENT_REVERT, "revert"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_TRIGGER,
  PROP_OUTCOME,
  PROP_SUBJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_preview_event_finalize (GObject *object)
{
  PbPreviewEvent *self = (PbPreviewEvent *)object;

  g_clear_pointer (&self->trigger, g_free);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_pointer (&self->subject_id, g_free);

  G_OBJECT_CLASS (pb_preview_event_parent_class)->finalize (object);
}

static void
pb_preview_event_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbPreviewEvent *self = PB_PREVIEW_EVENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TRIGGER:
      g_value_set_string (value, self->trigger);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    case PROP_SUBJECT_ID:
      g_value_set_string (value, self->subject_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_preview_event_class_init (PbPreviewEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_preview_event_finalize;
  object_class->get_property = pb_preview_event_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PB_TYPE_PREVIEW_EVENT_KIND, PB_PREVIEW_EVENT_FIXED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRIGGER] =
    g_param_spec_string ("trigger", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTCOME] =
    g_param_spec_string ("outcome", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT_ID] =
    g_param_spec_string ("subject-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_preview_event_init (PbPreviewEvent *self)
{
}

PbPreviewEvent *
pb_preview_event_new (PbPreviewEventKind  kind,
                      const char         *trigger,
                      const char         *outcome,
                      const char         *subject_id)
{
  PbPreviewEvent *self;

  g_return_val_if_fail (trigger != NULL, NULL);
  g_return_val_if_fail (outcome != NULL, NULL);

  self = g_object_new (PB_TYPE_PREVIEW_EVENT, NULL);
  self->kind = kind;
  self->trigger = g_strdup (trigger);
  self->outcome = g_strdup (outcome);
  self->subject_id = g_strdup (subject_id);

  return self;
}

PbPreviewEventKind
pb_preview_event_get_kind (PbPreviewEvent *self)
{
  g_return_val_if_fail (PB_IS_PREVIEW_EVENT (self), PB_PREVIEW_EVENT_FIXED);
  return self->kind;
}

const char *
pb_preview_event_get_trigger (PbPreviewEvent *self)
{
  g_return_val_if_fail (PB_IS_PREVIEW_EVENT (self), NULL);
  return self->trigger;
}

const char *
pb_preview_event_get_outcome (PbPreviewEvent *self)
{
  g_return_val_if_fail (PB_IS_PREVIEW_EVENT (self), NULL);
  return self->outcome;
}

const char *
pb_preview_event_get_subject_id (PbPreviewEvent *self)
{
  g_return_val_if_fail (PB_IS_PREVIEW_EVENT (self), NULL);
  return self->subject_id;
}

char *
pb_preview_event_to_string (PbPreviewEvent *self)
{
  g_return_val_if_fail (PB_IS_PREVIEW_EVENT (self), NULL);

  /* Translators: a preview line, "what happens → what follows"; keep the
   * arrow, or use one that points the way your script reads. */
  return g_strdup_printf (_("%s → %s"), self->trigger, self->outcome);
}

gboolean
pb_preview_event_equal (PbPreviewEvent *a,
                        PbPreviewEvent *b)
{
  g_return_val_if_fail (PB_IS_PREVIEW_EVENT (a), FALSE);
  g_return_val_if_fail (PB_IS_PREVIEW_EVENT (b), FALSE);

  return a->kind == b->kind &&
         g_strcmp0 (a->trigger, b->trigger) == 0 &&
         g_strcmp0 (a->outcome, b->outcome) == 0 &&
         g_strcmp0 (a->subject_id, b->subject_id) == 0;
}
