/* pb-revision.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-revision.h"

struct _PbRevision
{
  GObject parent_instance;

  guint number;
  GDateTime *time;
  char *source;
  char *comment;
};

G_DEFINE_FINAL_TYPE (PbRevision, pb_revision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TIME,
  PROP_SOURCE,
  PROP_COMMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_revision_finalize (GObject *object)
{
  PbRevision *self = (PbRevision *)object;

  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (pb_revision_parent_class)->finalize (object);
}

static void
pb_revision_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PbRevision *self = PB_REVISION (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_revision_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PbRevision *self = PB_REVISION (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      self->number = g_value_get_uint (value);
      break;
    case PROP_TIME:
      self->time = g_value_dup_boxed (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_string (value);
      break;
    case PROP_COMMENT:
      self->comment = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_revision_class_init (PbRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_revision_finalize;
  object_class->get_property = pb_revision_get_property;
  object_class->set_property = pb_revision_set_property;

  /* History is written once and never edited, so everything is
   * construct-only. */
  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, PB_REVISION_SOURCE_SAVE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_revision_init (PbRevision *self)
{
}

PbRevision *
pb_revision_new (guint       number,
                 GDateTime  *time,
                 const char *source,
                 const char *comment)
{
  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  return g_object_new (PB_TYPE_REVISION,
                       "number", number,
                       "time", time,
                       "source", source,
                       "comment", comment,
                       NULL);
}

guint
pb_revision_get_number (PbRevision *self)
{
  g_return_val_if_fail (PB_IS_REVISION (self), 0);
  return self->number;
}

GDateTime *
pb_revision_get_time (PbRevision *self)
{
  g_return_val_if_fail (PB_IS_REVISION (self), NULL);
  return self->time;
}

const char *
pb_revision_get_source (PbRevision *self)
{
  g_return_val_if_fail (PB_IS_REVISION (self), NULL);
  return self->source;
}

const char *
pb_revision_get_comment (PbRevision *self)
{
  g_return_val_if_fail (PB_IS_REVISION (self), NULL);
  return self->comment;
}

char *
pb_revision_dup_time_string (PbRevision *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (PB_IS_REVISION (self), NULL);

  utc = g_date_time_to_utc (self->time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}
