/* pb-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-profile.h"
#include "pb-util.h"

struct _PbProfile
{
  GObject parent_instance;

  char *name;
  gint64 id;
  gboolean is_default;
  char *platform_url;
  char *auth_url;
  char *client_id;
  char *salesforce_login_url;
  char *salesforce_client_id;
  guint callback_port;
  gboolean sandbox_org;
};

G_DEFINE_FINAL_TYPE (PbProfile, pb_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ID,
  PROP_IS_DEFAULT,
  PROP_PLATFORM_URL,
  PROP_AUTH_URL,
  PROP_CLIENT_ID,
  PROP_SALESFORCE_LOGIN_URL,
  PROP_SALESFORCE_CLIENT_ID,
  PROP_CALLBACK_PORT,
  PROP_SANDBOX_ORG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_profile_finalize (GObject *object)
{
  PbProfile *self = (PbProfile *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->platform_url, g_free);
  g_clear_pointer (&self->auth_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->salesforce_login_url, g_free);
  g_clear_pointer (&self->salesforce_client_id, g_free);

  G_OBJECT_CLASS (pb_profile_parent_class)->finalize (object);
}

static void
pb_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbProfile *self = PB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;
    case PROP_PLATFORM_URL:
      g_value_set_string (value, self->platform_url);
      break;
    case PROP_AUTH_URL:
      g_value_set_string (value, self->auth_url);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_SALESFORCE_LOGIN_URL:
      g_value_set_string (value, self->salesforce_login_url);
      break;
    case PROP_SALESFORCE_CLIENT_ID:
      g_value_set_string (value, self->salesforce_client_id);
      break;
    case PROP_CALLBACK_PORT:
      g_value_set_uint (value, self->callback_port);
      break;
    case PROP_SANDBOX_ORG:
      g_value_set_boolean (value, self->sandbox_org);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_profile_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PbProfile *self = PB_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_ID:
      pb_profile_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_IS_DEFAULT:
      pb_profile_set_is_default (self, g_value_get_boolean (value));
      break;
    case PROP_PLATFORM_URL:
      pb_profile_set_platform_url (self, g_value_get_string (value));
      break;
    case PROP_AUTH_URL:
      pb_profile_set_auth_url (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_ID:
      pb_profile_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_SALESFORCE_LOGIN_URL:
      pb_profile_set_salesforce_login_url (self, g_value_get_string (value));
      break;
    case PROP_SALESFORCE_CLIENT_ID:
      pb_profile_set_salesforce_client_id (self, g_value_get_string (value));
      break;
    case PROP_CALLBACK_PORT:
      pb_profile_set_callback_port (self, g_value_get_uint (value));
      break;
    case PROP_SANDBOX_ORG:
      pb_profile_set_sandbox_org (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_profile_class_init (PbProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_profile_finalize;
  object_class->get_property = pb_profile_get_property;
  object_class->set_property = pb_profile_set_property;

  /* The name is the profile's identity for the CLI (`--profile NAME`), so it
   * is fixed at construction. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The store's row id; 0 until the profile has been stored. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLATFORM_URL] =
    g_param_spec_string ("platform-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTH_URL] =
    g_param_spec_string ("auth-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SALESFORCE_LOGIN_URL] =
    g_param_spec_string ("salesforce-login-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SALESFORCE_CLIENT_ID] =
    g_param_spec_string ("salesforce-client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Salesforce matches callback URLs exactly, so the sign-in redirect uses
   * this fixed, registered port rather than an ephemeral one. */
  properties[PROP_CALLBACK_PORT] =
    g_param_spec_uint ("callback-port", NULL, NULL, 1, G_MAXUINT16, PB_PROFILE_DEFAULT_CALLBACK_PORT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SANDBOX_ORG] =
    g_param_spec_boolean ("sandbox-org", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_profile_init (PbProfile *self)
{
  self->callback_port = PB_PROFILE_DEFAULT_CALLBACK_PORT;
}

PbProfile *
pb_profile_new (const char *name)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  return g_object_new (PB_TYPE_PROFILE, "name", name, NULL);
}

/* A profile to edit without changing the one the store handed out (which
 * windows and sessions share). */
PbProfile *
pb_profile_copy (PbProfile *self)
{
  PbProfile *copy;

  g_return_val_if_fail (PB_IS_PROFILE (self), NULL);

  copy = pb_profile_new (self->name);
  copy->id = self->id;
  copy->is_default = self->is_default;
  copy->platform_url = g_strdup (self->platform_url);
  copy->auth_url = g_strdup (self->auth_url);
  copy->client_id = g_strdup (self->client_id);
  copy->salesforce_login_url = g_strdup (self->salesforce_login_url);
  copy->salesforce_client_id = g_strdup (self->salesforce_client_id);
  copy->callback_port = self->callback_port;
  copy->sandbox_org = self->sandbox_org;
  return copy;
}

const char *
pb_profile_get_name (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), NULL);
  return self->name;
}

gint64
pb_profile_get_id (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), 0);
  return self->id;
}

void
pb_profile_set_id (PbProfile *self,
                   gint64     id)
{
  g_return_if_fail (PB_IS_PROFILE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gboolean
pb_profile_get_is_default (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), FALSE);
  return self->is_default;
}

void
pb_profile_set_is_default (PbProfile *self,
                           gboolean   is_default)
{
  g_return_if_fail (PB_IS_PROFILE (self));

  is_default = !!is_default;
  if (self->is_default == is_default)
    return;

  self->is_default = is_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEFAULT]);
}

const char *
pb_profile_get_platform_url (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), NULL);
  return self->platform_url;
}

void
pb_profile_set_platform_url (PbProfile  *self,
                             const char *url)
{
  g_return_if_fail (PB_IS_PROFILE (self));

  if (pb_set_str (&self->platform_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLATFORM_URL]);
}

const char *
pb_profile_get_auth_url (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), NULL);
  return self->auth_url;
}

void
pb_profile_set_auth_url (PbProfile  *self,
                         const char *url)
{
  g_return_if_fail (PB_IS_PROFILE (self));

  if (pb_set_str (&self->auth_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_URL]);
}

const char *
pb_profile_get_client_id (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), NULL);
  return self->client_id;
}

void
pb_profile_set_client_id (PbProfile  *self,
                          const char *client_id)
{
  g_return_if_fail (PB_IS_PROFILE (self));

  if (pb_set_str (&self->client_id, client_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

const char *
pb_profile_get_salesforce_login_url (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), NULL);
  return self->salesforce_login_url;
}

void
pb_profile_set_salesforce_login_url (PbProfile  *self,
                                     const char *url)
{
  g_return_if_fail (PB_IS_PROFILE (self));

  if (pb_set_str (&self->salesforce_login_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALESFORCE_LOGIN_URL]);
}

const char *
pb_profile_get_salesforce_client_id (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), NULL);
  return self->salesforce_client_id;
}

void
pb_profile_set_salesforce_client_id (PbProfile  *self,
                                     const char *client_id)
{
  g_return_if_fail (PB_IS_PROFILE (self));

  if (pb_set_str (&self->salesforce_client_id, client_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALESFORCE_CLIENT_ID]);
}

guint
pb_profile_get_callback_port (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), PB_PROFILE_DEFAULT_CALLBACK_PORT);
  return self->callback_port;
}

void
pb_profile_set_callback_port (PbProfile *self,
                              guint      port)
{
  g_return_if_fail (PB_IS_PROFILE (self));
  g_return_if_fail (port > 0 && port <= G_MAXUINT16);

  if (self->callback_port == port)
    return;

  self->callback_port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLBACK_PORT]);
}

gboolean
pb_profile_get_sandbox_org (PbProfile *self)
{
  g_return_val_if_fail (PB_IS_PROFILE (self), FALSE);
  return self->sandbox_org;
}

void
pb_profile_set_sandbox_org (PbProfile *self,
                            gboolean   sandbox_org)
{
  g_return_if_fail (PB_IS_PROFILE (self));

  sandbox_org = !!sandbox_org;
  if (self->sandbox_org == sandbox_org)
    return;

  self->sandbox_org = sandbox_org;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOX_ORG]);
}
