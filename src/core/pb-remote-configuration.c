/* pb-remote-configuration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-remote-configuration.h"

struct _PbRemoteConfiguration
{
  GObject parent_instance;

  PbConfiguration *configuration;
  char *etag;
  gint64 revision;
};

G_DEFINE_FINAL_TYPE (PbRemoteConfiguration, pb_remote_configuration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONFIGURATION,
  PROP_ETAG,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_remote_configuration_finalize (GObject *object)
{
  PbRemoteConfiguration *self = (PbRemoteConfiguration *)object;

  g_clear_object (&self->configuration);
  g_clear_pointer (&self->etag, g_free);

  G_OBJECT_CLASS (pb_remote_configuration_parent_class)->finalize (object);
}

static void
pb_remote_configuration_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PbRemoteConfiguration *self = PB_REMOTE_CONFIGURATION (object);

  switch (prop_id)
    {
    case PROP_CONFIGURATION:
      g_value_set_object (value, self->configuration);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_remote_configuration_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PbRemoteConfiguration *self = PB_REMOTE_CONFIGURATION (object);

  switch (prop_id)
    {
    case PROP_CONFIGURATION:
      self->configuration = g_value_dup_object (value);
      break;
    case PROP_ETAG:
      self->etag = g_value_dup_string (value);
      break;
    case PROP_REVISION:
      self->revision = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_remote_configuration_class_init (PbRemoteConfigurationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_remote_configuration_finalize;
  object_class->get_property = pb_remote_configuration_get_property;
  object_class->set_property = pb_remote_configuration_set_property;

  properties[PROP_CONFIGURATION] =
    g_param_spec_object ("configuration", NULL, NULL,
                         PB_TYPE_CONFIGURATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_remote_configuration_init (PbRemoteConfiguration *self)
{
}

PbRemoteConfiguration *
pb_remote_configuration_new (PbConfiguration *configuration,
                             const char      *etag,
                             gint64           revision)
{
  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);
  g_return_val_if_fail (etag != NULL, NULL);

  return g_object_new (PB_TYPE_REMOTE_CONFIGURATION,
                       "configuration", configuration,
                       "etag", etag,
                       "revision", revision,
                       NULL);
}

PbConfiguration *
pb_remote_configuration_get_configuration (PbRemoteConfiguration *self)
{
  g_return_val_if_fail (PB_IS_REMOTE_CONFIGURATION (self), NULL);

  return self->configuration;
}

const char *
pb_remote_configuration_get_etag (PbRemoteConfiguration *self)
{
  g_return_val_if_fail (PB_IS_REMOTE_CONFIGURATION (self), NULL);

  return self->etag;
}

gint64
pb_remote_configuration_get_revision (PbRemoteConfiguration *self)
{
  g_return_val_if_fail (PB_IS_REMOTE_CONFIGURATION (self), 0);

  return self->revision;
}
