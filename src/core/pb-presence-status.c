/* pb-presence-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-presence-status.h"

/* Profiles hold thousands: the properties are read-only and set here,
 * which keeps g_object_new() on its fast path (see pb-finding.c). */
struct _PbPresenceStatus
{
  GObject parent_instance;
  char *api_name;
  char *label;
  char *record_id;
  char **channels;
};

G_DEFINE_FINAL_TYPE (PbPresenceStatus, pb_presence_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_NAME,
  PROP_LABEL,
  PROP_RECORD_ID,
  PROP_CHANNELS,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_presence_status_finalize (GObject *object)
{
  PbPresenceStatus *self = (PbPresenceStatus *)object;

  g_clear_pointer (&self->api_name, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->channels, g_strfreev);

  G_OBJECT_CLASS (pb_presence_status_parent_class)->finalize (object);
}

static void
pb_presence_status_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PbPresenceStatus *self = PB_PRESENCE_STATUS (object);

  switch (prop_id)
    {
    case PROP_API_NAME:
      g_value_set_string (value, self->api_name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_CHANNELS:
      g_value_set_boxed (value, self->channels);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, pb_presence_status_is_online (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_presence_status_class_init (PbPresenceStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_presence_status_finalize;
  object_class->get_property = pb_presence_status_get_property;

  properties[PROP_API_NAME] =
    g_param_spec_string ("api-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] =
    g_param_spec_string ("record-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNELS] =
    g_param_spec_boxed ("channels", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_presence_status_init (PbPresenceStatus *self)
{
}

PbPresenceStatus *
pb_presence_status_new (const char         *api_name,
                        const char         *label,
                        const char         *record_id,
                        const char * const *channels)
{
  static const char * const no_channels[] = { NULL };
  PbPresenceStatus *self;

  g_return_val_if_fail (api_name != NULL, NULL);

  self = g_object_new (PB_TYPE_PRESENCE_STATUS, NULL);
  self->api_name = g_strdup (api_name);
  self->label = g_strdup (label ? label : api_name);
  self->record_id = g_strdup (record_id);
  self->channels = g_strdupv ((char **)(channels ? channels : no_channels));

  return self;
}

const char *
pb_presence_status_get_api_name (PbPresenceStatus *self)
{
  g_return_val_if_fail (PB_IS_PRESENCE_STATUS (self), NULL);
  return self->api_name;
}

const char *
pb_presence_status_get_label (PbPresenceStatus *self)
{
  g_return_val_if_fail (PB_IS_PRESENCE_STATUS (self), NULL);
  return self->label;
}

const char *
pb_presence_status_get_record_id (PbPresenceStatus *self)
{
  g_return_val_if_fail (PB_IS_PRESENCE_STATUS (self), NULL);
  return self->record_id;
}

const char * const *
pb_presence_status_get_channels (PbPresenceStatus *self)
{
  g_return_val_if_fail (PB_IS_PRESENCE_STATUS (self), NULL);
  return (const char * const *)self->channels;
}

/* Online means Omni-Channel routes work to the agent: the status is linked to
 * at least one service channel. A status with none is "busy". */
gboolean
pb_presence_status_is_online (PbPresenceStatus *self)
{
  g_return_val_if_fail (PB_IS_PRESENCE_STATUS (self), FALSE);
  return self->channels != NULL && self->channels[0] != NULL;
}

/* Record ids differ between orgs, so they take no part in equality. */
gboolean
pb_presence_status_equal (PbPresenceStatus *a,
                          PbPresenceStatus *b)
{
  g_return_val_if_fail (PB_IS_PRESENCE_STATUS (a), FALSE);
  g_return_val_if_fail (PB_IS_PRESENCE_STATUS (b), FALSE);

  return g_strcmp0 (a->api_name, b->api_name) == 0 &&
         g_strcmp0 (a->label, b->label) == 0 &&
         g_strv_equal ((const char * const *)a->channels,
                       (const char * const *)b->channels);
}
