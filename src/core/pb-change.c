/* pb-change.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-change.h"

#include <string.h>

/* An import into an empty profile has a change for every item: its four
 * strings live in one block, as a finding's do. */
struct _PbChange
{
  GObject parent_instance;

  PbChangeKind kind;
  char *strings;
  const char *path;
  const char *before;
  const char *after;
  const char *description;
};

/* Immutable: the fields are set once by pb_change_new(), so the properties
 * are read-only. */
G_DEFINE_FINAL_TYPE (PbChange, pb_change, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PbChangeKind, pb_change_kind,
  G_DEFINE_ENUM_VALUE (PB_CHANGE_ADDED, "added"),
  G_DEFINE_ENUM_VALUE (PB_CHANGE_REMOVED, "removed"),
  G_DEFINE_ENUM_VALUE (PB_CHANGE_MODIFIED, "modified"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_PATH,
  PROP_BEFORE,
  PROP_AFTER,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_change_finalize (GObject *object)
{
  PbChange *self = (PbChange *)object;

  g_clear_pointer (&self->strings, g_free);

  G_OBJECT_CLASS (pb_change_parent_class)->finalize (object);
}

static void
pb_change_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbChange *self = PB_CHANGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BEFORE:
      g_value_set_string (value, self->before);
      break;
    case PROP_AFTER:
      g_value_set_string (value, self->after);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_change_class_init (PbChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_change_finalize;
  object_class->get_property = pb_change_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PB_TYPE_CHANGE_KIND, PB_CHANGE_MODIFIED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEFORE] =
    g_param_spec_string ("before", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AFTER] =
    g_param_spec_string ("after", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_change_init (PbChange *self)
{
}

PbChange *
pb_change_new (PbChangeKind  kind,
               const char   *path,
               const char   *before,
               const char   *after,
               const char   *description)
{
  gsize path_size, before_size, after_size, description_size;
  PbChange *self;
  char *p;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (description != NULL, NULL);

  path_size = strlen (path) + 1;
  before_size = before != NULL ? strlen (before) + 1 : 0;
  after_size = after != NULL ? strlen (after) + 1 : 0;
  description_size = strlen (description) + 1;

  self = g_object_new (PB_TYPE_CHANGE, NULL);
  self->kind = kind;

  p = self->strings = g_malloc (path_size + before_size + after_size + description_size);
  self->path = memcpy (p, path, path_size);
  p += path_size;
  self->before = before != NULL ? memcpy (p, before, before_size) : NULL;
  p += before_size;
  self->after = after != NULL ? memcpy (p, after, after_size) : NULL;
  p += after_size;
  self->description = memcpy (p, description, description_size);

  return self;
}

PbChangeKind
pb_change_get_kind (PbChange *self)
{
  g_return_val_if_fail (PB_IS_CHANGE (self), PB_CHANGE_MODIFIED);
  return self->kind;
}

const char *
pb_change_get_path (PbChange *self)
{
  g_return_val_if_fail (PB_IS_CHANGE (self), NULL);
  return self->path;
}

const char *
pb_change_get_before (PbChange *self)
{
  g_return_val_if_fail (PB_IS_CHANGE (self), NULL);
  return self->before;
}

const char *
pb_change_get_after (PbChange *self)
{
  g_return_val_if_fail (PB_IS_CHANGE (self), NULL);
  return self->after;
}

const char *
pb_change_get_description (PbChange *self)
{
  g_return_val_if_fail (PB_IS_CHANGE (self), NULL);
  return self->description;
}
