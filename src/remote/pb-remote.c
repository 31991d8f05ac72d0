/* pb-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where credentials come from: the environment for one run (the CLI's
 * scripts), else the keyring; never the store. The clients made from them
 * are kept for the PbRemote's life, so a token serves several operations.
 */
#include "config.h"

#include "pb-remote.h"

#include <glib/gi18n.h>

#include "pb-platform-client.h"
#include "pb-salesforce-client.h"
#include "pb-salesforce-sign-in.h"
#include "pb-secrets.h"

struct _PbRemote
{
  GObject parent_instance;

  PbProfile *profile;
  PbHttpClient *http;
  PbRemoteFlags flags;

  char *env_client_secret;
  char *env_instance_url;
  char *env_access_token;

  PbPlatformClient *platform;
  PbSalesforceClient *salesforce;
  gboolean salesforce_looked_up;
};

G_DEFINE_FINAL_TYPE (PbRemote, pb_remote, G_TYPE_OBJECT)

enum {
  SIGNAL_WAITING,
  SIGNAL_AUTHORIZE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Settings */

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
set_not_configured (GError     **error,
                    PbProfile   *profile,
                    const char  *setting)
{
  g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED,
               /* Translators: the first %s is a profile name, the second a setting ("the platform URL") */
               _("The profile “%s” has no %s: set it in the profile's connection settings"),
               pb_profile_get_name (profile), setting);
  return FALSE;
}

static gboolean
platform_settings (PbRemote  *self,
                   GUri     **platform_url,
                   GUri     **auth_url,
                   GError   **error)
{
  if (!is_set (pb_profile_get_platform_url (self->profile)))
    return set_not_configured (error, self->profile, _("platform URL"));
  if (!is_set (pb_profile_get_auth_url (self->profile)))
    return set_not_configured (error, self->profile, _("platform authentication URL"));
  if (!is_set (pb_profile_get_client_id (self->profile)))
    return set_not_configured (error, self->profile, _("platform client id"));

  *platform_url = pb_http_client_parse_url (pb_profile_get_platform_url (self->profile),
                                            _("The platform URL"), error);
  if (*platform_url == NULL)
    return FALSE;

  *auth_url = pb_http_client_parse_url (pb_profile_get_auth_url (self->profile),
                                        _("The platform authentication URL"), error);
  if (*auth_url == NULL)
    {
      g_clear_pointer (platform_url, g_uri_unref);
      return FALSE;
    }

  return TRUE;
}

/* The login URL (Salesforce's own by default, test.salesforce.com for a
 * sandbox org) and the connected app; the keyring files the sign-in under
 * both. */
static gboolean
salesforce_settings (PbRemote  *self,
                     GUri     **login_url,
                     char     **login_key,
                     GError   **error)
{
  const char *url = pb_profile_get_salesforce_login_url (self->profile);

  if (!is_set (url))
    url = pb_profile_get_sandbox_org (self->profile) ? PB_SALESFORCE_SANDBOX_LOGIN_URL : PB_SALESFORCE_LOGIN_URL;

  if (!is_set (pb_profile_get_salesforce_client_id (self->profile)))
    return set_not_configured (error, self->profile, _("Salesforce client id (the connected app's consumer key)"));

  *login_url = pb_http_client_parse_url (url, _("The Salesforce login URL"), error);
  if (*login_url == NULL)
    return FALSE;

  *login_key = pb_remote_uri_to_display (*login_url);
  return TRUE;
}

static gboolean
uses_salesforce_environment (PbRemote *self)
{
  return self->env_instance_url != NULL || self->env_access_token != NULL;
}

static char *
platform_key (GUri *auth_url)
{
  return pb_remote_uri_to_display (auth_url);
}

/* Completing an operation whose steps are GTasks of their own */

static void
return_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gpointer
finish_pointer (PbRemote      *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (PB_IS_REMOTE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (PbRemote      *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (PB_IS_REMOTE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The platform client */

static void
on_platform_secret (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  g_autoptr(GUri) platform_url = NULL;
  g_autoptr(GUri) auth_url = NULL;
  GError *error = NULL;
  char *secret;

  secret = pb_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  if (secret == NULL)
    {
      return_error (task, g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED,
                                       /* Translators: the first %s is a profile name, the second an
                                        * environment variable's name */
                                       _("No platform client secret is kept for the profile “%s”: enter it in the "
                                         "profile's connection settings, or set %s for one run"),
                                       pb_profile_get_name (self->profile), PB_ENV_PLATFORM_CLIENT_SECRET));
      return;
    }

  if (!platform_settings (self, &platform_url, &auth_url, &error))
    {
      pb_secrets_free (secret);
      return_error (task, error);
      return;
    }

  self->platform = pb_platform_client_new (self->http, platform_url, auth_url,
                                           pb_profile_get_client_id (self->profile), secret);
  pb_secrets_free (secret);
  g_task_return_pointer (task, g_object_ref (self->platform), g_object_unref);
  g_object_unref (task);
}

static void
ensure_platform_async (PbRemote            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GUri) platform_url = NULL;
  g_autoptr(GUri) auth_url = NULL;
  g_autofree char *key = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, ensure_platform_async);

  if (self->platform != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->platform), g_object_unref);
      g_object_unref (task);
      return;
    }

  if (!platform_settings (self, &platform_url, &auth_url, &error))
    {
      return_error (task, error);
      return;
    }

  if (self->env_client_secret != NULL)
    {
      self->platform = pb_platform_client_new (self->http, platform_url, auth_url,
                                               pb_profile_get_client_id (self->profile), self->env_client_secret);
      g_task_return_pointer (task, g_object_ref (self->platform), g_object_unref);
      g_object_unref (task);
      return;
    }

  key = platform_key (auth_url);
  pb_secrets_lookup_async (pb_profile_get_name (self->profile), PB_SECRET_PLATFORM_CLIENT_SECRET, key,
                           pb_profile_get_client_id (self->profile), cancellable, on_platform_secret, task);
}

static PbPlatformClient *
ensure_platform_finish (PbRemote      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The Salesforce client: NULL without an error when there are no
 * Salesforce credentials at hand */

typedef struct
{
  char *login_key;
  GUri *login_url;
  char *refresh_token;
} SalesforceLookup;

static void
salesforce_lookup_free (SalesforceLookup *lookup)
{
  g_free (lookup->login_key);
  g_clear_pointer (&lookup->login_url, g_uri_unref);
  g_clear_pointer (&lookup->refresh_token, pb_secrets_free);
  g_free (lookup);
}

static void
return_salesforce (GTask *task)
{
  PbRemote *self = g_task_get_source_object (task);

  self->salesforce_looked_up = TRUE;
  g_task_return_pointer (task, self->salesforce != NULL ? g_object_ref (self->salesforce) : NULL,
                         g_object_unref);
  g_object_unref (task);
}

static void
on_instance_url (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  SalesforceLookup *lookup = g_task_get_task_data (task);
  g_autoptr(GUri) instance_url = NULL;
  g_autofree char *instance_text = NULL;
  GError *error = NULL;

  instance_text = pb_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  /* Only a hint: the refresh answer names the instance in any case. */
  if (instance_text != NULL)
    instance_url = pb_http_client_parse_url (instance_text, _("The Salesforce instance URL"), NULL);

  g_clear_object (&self->salesforce);
  self->salesforce = pb_salesforce_client_new_signed_in (self->http, lookup->login_url,
                                                         pb_profile_get_salesforce_client_id (self->profile),
                                                         lookup->refresh_token, instance_url);
  return_salesforce (task);
}

static void
on_refresh_token (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  SalesforceLookup *lookup = g_task_get_task_data (task);
  GError *error = NULL;

  lookup->refresh_token = pb_secrets_lookup_finish (result, &error);
  /* Scripts that bring their credentials in the environment run where
   * there may be no keyring at all (CI): one that cannot be used holds no
   * sign-in for them, and the platform fetches the statuses. */
  if (g_error_matches (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_KEYRING) &&
      (self->flags & PB_REMOTE_FLAGS_USE_ENVIRONMENT))
    g_clear_error (&error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  if (lookup->refresh_token == NULL)
    {
      return_salesforce (task);
      return;
    }

  pb_secrets_lookup_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_INSTANCE_URL,
                           lookup->login_key, pb_profile_get_salesforce_client_id (self->profile),
                           g_task_get_cancellable (task), on_instance_url, task);
}

static void
ensure_salesforce_async (PbRemote            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SalesforceLookup *lookup;

  g_task_set_source_tag (task, ensure_salesforce_async);

  if (self->salesforce_looked_up)
    {
      return_salesforce (task);
      return;
    }

  if (uses_salesforce_environment (self))
    {
      g_autoptr(GUri) instance_url = NULL;
      GError *error = NULL;

      if (self->env_instance_url == NULL || self->env_access_token == NULL)
        {
          return_error (task, g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED,
                                           /* Translators: both %s are environment variables' names */
                                           _("Set both %s and %s, or neither"),
                                           PB_ENV_SALESFORCE_INSTANCE_URL, PB_ENV_SALESFORCE_ACCESS_TOKEN));
          return;
        }

      instance_url = pb_http_client_parse_url (self->env_instance_url, PB_ENV_SALESFORCE_INSTANCE_URL, &error);
      if (instance_url == NULL)
        {
          return_error (task, error);
          return;
        }

      self->salesforce = pb_salesforce_client_new_with_access_token (self->http, instance_url,
                                                                     self->env_access_token);
      return_salesforce (task);
      return;
    }

  lookup = g_new0 (SalesforceLookup, 1);
  g_task_set_task_data (task, lookup, (GDestroyNotify)salesforce_lookup_free);

  /* Without a connected app there can be no sign-in: the platform fetches
   * the statuses then. */
  if (!salesforce_settings (self, &lookup->login_url, &lookup->login_key, NULL))
    {
      return_salesforce (task);
      return;
    }

  pb_secrets_lookup_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_REFRESH_TOKEN,
                           lookup->login_key, pb_profile_get_salesforce_client_id (self->profile),
                           cancellable, on_refresh_token, task);
}

static PbSalesforceClient *
ensure_salesforce_finish (PbRemote      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Fetch: credentials, then account, agent states, configuration and
 * statuses, one after the other */

typedef struct
{
  PbPlatformClient *platform;
  PbSalesforceClient *salesforce;
  char *stored_refresh_token;
  PbPlatformAccount *account;
  GPtrArray *states;
  PbRemoteConfiguration *remote;
  GPtrArray *statuses;
  GDateTime *fetched_at;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->platform);
  g_clear_object (&fetch->salesforce);
  g_clear_pointer (&fetch->stored_refresh_token, pb_secrets_free);
  g_clear_pointer (&fetch->account, pb_platform_account_free);
  g_clear_pointer (&fetch->states, g_ptr_array_unref);
  g_clear_object (&fetch->remote);
  g_clear_pointer (&fetch->statuses, g_ptr_array_unref);
  g_clear_pointer (&fetch->fetched_at, g_date_time_unref);
  g_free (fetch);
}

static void
fetch_return_result (GTask *task)
{
  PbRemote *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(PbConfiguration) configuration = pb_configuration_copy (
    pb_remote_configuration_get_configuration (fetch->remote));
  const char *org_id = fetch->salesforce != NULL ? pb_salesforce_client_get_org_id (fetch->salesforce) : NULL;

  pb_configuration_set_agent_states (configuration, fetch->states);
  pb_configuration_set_presence_statuses (configuration, fetch->statuses);
  pb_configuration_set_account (configuration, fetch->account->id, fetch->account->name);
  pb_configuration_set_agent_post_call_state (configuration, fetch->account->agent_post_call_state);
  pb_configuration_set_org (configuration, org_id, NULL, pb_profile_get_sandbox_org (self->profile));

  g_task_return_pointer (task,
                         pb_fetch_result_new (configuration,
                                              pb_remote_configuration_get_etag (fetch->remote),
                                              pb_remote_configuration_get_revision (fetch->remote),
                                              fetch->account->revert_to_last_status,
                                              fetch->salesforce != NULL ? PB_STATUS_SOURCE_SALESFORCE
                                                                        : PB_STATUS_SOURCE_PLATFORM,
                                              fetch->fetched_at),
                         g_object_unref);
  g_object_unref (task);
}

static void
on_rotated_token_stored (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!pb_secrets_store_finish (result, &error))
    {
      return_error (task, error);
      return;
    }

  fetch_return_result (task);
}

/* Salesforce may rotate refresh tokens: the keyring keeps the one that
 * works. */
static void
fetch_finish_statuses (GTask *task)
{
  PbRemote *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GUri) login_url = NULL;
  g_autofree char *login_key = NULL;
  const char *refresh_token;

  refresh_token = fetch->salesforce != NULL ? pb_salesforce_client_get_refresh_token (fetch->salesforce) : NULL;
  if (refresh_token == NULL || g_strcmp0 (refresh_token, fetch->stored_refresh_token) == 0 ||
      !salesforce_settings (self, &login_url, &login_key, NULL))
    {
      fetch_return_result (task);
      return;
    }

  pb_secrets_store_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_REFRESH_TOKEN, login_key,
                          pb_profile_get_salesforce_client_id (self->profile), refresh_token,
                          g_task_get_cancellable (task), on_rotated_token_stored, task);
}

static void
on_salesforce_statuses (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->statuses = pb_salesforce_client_fetch_presence_statuses_finish (PB_SALESFORCE_CLIENT (source),
                                                                         result, &error);
  if (fetch->statuses == NULL)
    {
      return_error (task, error);
      return;
    }

  fetch->fetched_at = g_date_time_new_now_utc ();
  fetch_finish_statuses (task);
}

static void
on_platform_statuses (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->statuses = pb_platform_client_get_presence_statuses_finish (PB_PLATFORM_CLIENT (source), result,
                                                                     &fetch->fetched_at, &error);
  if (fetch->statuses == NULL)
    {
      return_error (task, error);
      return;
    }

  if (fetch->fetched_at == NULL)
    fetch->fetched_at = g_date_time_new_now_utc ();
  fetch_finish_statuses (task);
}

static void
on_fetch_configuration (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->remote = pb_platform_client_get_configuration_finish (PB_PLATFORM_CLIENT (source), result, &error);
  if (fetch->remote == NULL)
    {
      return_error (task, error);
      return;
    }

  if (fetch->salesforce != NULL)
    pb_salesforce_client_fetch_presence_statuses_async (fetch->salesforce, g_task_get_cancellable (task),
                                                        on_salesforce_statuses, task);
  else
    pb_platform_client_get_presence_statuses_async (fetch->platform, TRUE, g_task_get_cancellable (task),
                                                    on_platform_statuses, task);
}

static void
on_fetch_agent_states (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->states = pb_platform_client_get_agent_states_finish (PB_PLATFORM_CLIENT (source), result, &error);
  if (fetch->states == NULL)
    {
      return_error (task, error);
      return;
    }

  pb_platform_client_get_configuration_async (fetch->platform, g_task_get_cancellable (task),
                                              on_fetch_configuration, task);
}

static void
on_fetch_account (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->account = pb_platform_client_get_account_finish (PB_PLATFORM_CLIENT (source), result, &error);
  if (fetch->account == NULL)
    {
      return_error (task, error);
      return;
    }

  if (!fetch->account->omnichannel)
    {
      return_error (task, pb_platform_client_feature_disabled_error (fetch->account));
      return;
    }

  pb_platform_client_get_agent_states_async (fetch->platform, g_task_get_cancellable (task),
                                             on_fetch_agent_states, task);
}

static void
on_fetch_salesforce (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->salesforce = ensure_salesforce_finish (PB_REMOTE (source), result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  if (fetch->salesforce != NULL)
    fetch->stored_refresh_token = g_strdup (pb_salesforce_client_get_refresh_token (fetch->salesforce));

  pb_platform_client_get_account_async (fetch->platform, g_task_get_cancellable (task), on_fetch_account, task);
}

static void
on_fetch_platform (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->platform = ensure_platform_finish (PB_REMOTE (source), result, &error);
  if (fetch->platform == NULL)
    {
      return_error (task, error);
      return;
    }

  ensure_salesforce_async (PB_REMOTE (source), g_task_get_cancellable (task), on_fetch_salesforce, task);
}

void
pb_remote_fetch_async (PbRemote            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PB_IS_REMOTE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_fetch_async);
  g_task_set_task_data (task, g_new0 (Fetch, 1), (GDestroyNotify)fetch_free);

  ensure_platform_async (self, cancellable, on_fetch_platform, task);
}

/**
 * pb_remote_fetch_finish:
 *
 * Returns: (transfer full): what was fetched, or %NULL with @error set
 */
PbFetchResult *
pb_remote_fetch_finish (PbRemote      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return finish_pointer (self, result, error);
}

/* The remote configuration alone */

static void
on_remote_configuration (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  PbRemoteConfiguration *remote;
  GError *error = NULL;

  remote = pb_platform_client_get_configuration_finish (PB_PLATFORM_CLIENT (source), result, &error);
  if (remote == NULL)
    {
      return_error (task, error);
      return;
    }

  g_task_return_pointer (task, remote, g_object_unref);
  g_object_unref (task);
}

static void
on_remote_configuration_platform (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(PbPlatformClient) platform = NULL;
  GError *error = NULL;

  platform = ensure_platform_finish (PB_REMOTE (source), result, &error);
  if (platform == NULL)
    {
      return_error (task, error);
      return;
    }

  pb_platform_client_get_configuration_async (platform, g_task_get_cancellable (task),
                                              on_remote_configuration, task);
}

void
pb_remote_get_remote_configuration_async (PbRemote            *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PB_IS_REMOTE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_get_remote_configuration_async);

  ensure_platform_async (self, cancellable, on_remote_configuration_platform, task);
}

/**
 * pb_remote_get_remote_configuration_finish:
 *
 * Returns: (transfer full): the platform's configuration, or %NULL with
 *   @error set
 */
PbRemoteConfiguration *
pb_remote_get_remote_configuration_finish (PbRemote      *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return finish_pointer (self, result, error);
}

/* Publish: the account first (an account without the integration is told
 * so, and nothing is sent), then the PUT */

typedef struct
{
  PbPlatformClient *platform;
  PbConfiguration *configuration;
  char *etag;
} Publish;

static void
publish_free (Publish *publish)
{
  g_clear_object (&publish->platform);
  g_clear_object (&publish->configuration);
  g_free (publish->etag);
  g_free (publish);
}

static void
on_published (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  PbRemoteConfiguration *remote;
  GError *error = NULL;

  remote = pb_platform_client_put_configuration_finish (PB_PLATFORM_CLIENT (source), result, &error);
  if (remote == NULL)
    {
      return_error (task, error);
      return;
    }

  g_task_return_pointer (task, remote, g_object_unref);
  g_object_unref (task);
}

static void
on_publish_account (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Publish *publish = g_task_get_task_data (task);
  g_autoptr(PbPlatformAccount) account = NULL;
  GError *error = NULL;

  account = pb_platform_client_get_account_finish (PB_PLATFORM_CLIENT (source), result, &error);
  if (account == NULL)
    {
      return_error (task, error);
      return;
    }

  if (!account->omnichannel)
    {
      return_error (task, pb_platform_client_feature_disabled_error (account));
      return;
    }

  pb_platform_client_put_configuration_async (publish->platform, publish->configuration, publish->etag,
                                              g_task_get_cancellable (task), on_published, task);
}

static void
on_publish_platform (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Publish *publish = g_task_get_task_data (task);
  GError *error = NULL;

  publish->platform = ensure_platform_finish (PB_REMOTE (source), result, &error);
  if (publish->platform == NULL)
    {
      return_error (task, error);
      return;
    }

  pb_platform_client_get_account_async (publish->platform, g_task_get_cancellable (task),
                                        on_publish_account, task);
}

void
pb_remote_publish_async (PbRemote            *self,
                         PbConfiguration     *configuration,
                         const char          *etag,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  Publish *publish;

  g_return_if_fail (PB_IS_REMOTE (self));
  g_return_if_fail (PB_IS_CONFIGURATION (configuration));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_publish_async);

  publish = g_new0 (Publish, 1);
  publish->configuration = pb_configuration_copy (configuration);
  publish->etag = g_strdup (etag);
  g_task_set_task_data (task, publish, (GDestroyNotify)publish_free);

  ensure_platform_async (self, cancellable, on_publish_platform, task);
}

/**
 * pb_remote_publish_finish:
 *
 * Returns: (transfer full): what the platform stored, or %NULL with
 *   @error set
 */
PbRemoteConfiguration *
pb_remote_publish_finish (PbRemote      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish_pointer (self, result, error);
}

/* Signing in and out */

typedef struct
{
  PbSalesforceSignIn *sign_in;
  GUri *login_url;
  char *login_key;
  PbSalesforceToken *token;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->sign_in);
  g_clear_pointer (&sign_in->login_url, g_uri_unref);
  g_free (sign_in->login_key);
  g_clear_pointer (&sign_in->token, pb_salesforce_token_free);
  g_free (sign_in);
}

static void
on_instance_url_stored (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GUri) instance_url = NULL;
  GError *error = NULL;

  if (!pb_secrets_store_finish (result, &error))
    {
      return_error (task, error);
      return;
    }

  /* The environment's credentials, when given, still win for this run. */
  if (!uses_salesforce_environment (self))
    {
      /* The sign-in checked it already. */
      instance_url = pb_http_client_parse_url (sign_in->token->instance_url, _("The Salesforce instance URL"),
                                               NULL);
      g_clear_object (&self->salesforce);
      self->salesforce = pb_salesforce_client_new_signed_in (self->http, sign_in->login_url,
                                                             pb_profile_get_salesforce_client_id (self->profile),
                                                             sign_in->token->refresh_token, instance_url);
      self->salesforce_looked_up = TRUE;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_refresh_token_stored (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pb_secrets_store_finish (result, &error))
    {
      return_error (task, error);
      return;
    }

  pb_secrets_store_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_INSTANCE_URL,
                          sign_in->login_key, pb_profile_get_salesforce_client_id (self->profile),
                          sign_in->token->instance_url, g_task_get_cancellable (task),
                          on_instance_url_stored, task);
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;

  sign_in->token = pb_salesforce_sign_in_run_finish (PB_SALESFORCE_SIGN_IN (source), result, &error);
  if (sign_in->token == NULL)
    {
      return_error (task, error);
      return;
    }

  pb_secrets_store_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_REFRESH_TOKEN,
                          sign_in->login_key, pb_profile_get_salesforce_client_id (self->profile),
                          sign_in->token->refresh_token, g_task_get_cancellable (task),
                          on_refresh_token_stored, task);
}

static void
on_authorize (PbSalesforceSignIn *sign_in,
              const char         *url,
              PbRemote           *self)
{
  g_signal_emit (self, signals[SIGNAL_AUTHORIZE], 0, url);
}

void
pb_remote_sign_in_async (PbRemote            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  SignIn *sign_in;
  GError *error = NULL;

  g_return_if_fail (PB_IS_REMOTE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_sign_in_async);

  sign_in = g_new0 (SignIn, 1);
  g_task_set_task_data (task, sign_in, (GDestroyNotify)sign_in_free);

  if (!salesforce_settings (self, &sign_in->login_url, &sign_in->login_key, &error))
    {
      return_error (task, error);
      return;
    }

  sign_in->sign_in = pb_salesforce_sign_in_new (self->http, sign_in->login_url,
                                                pb_profile_get_salesforce_client_id (self->profile),
                                                pb_profile_get_callback_port (self->profile));
  g_signal_connect_object (sign_in->sign_in, "authorize", G_CALLBACK (on_authorize), self, 0);
  pb_salesforce_sign_in_run_async (sign_in->sign_in, cancellable, on_signed_in, task);
}

gboolean
pb_remote_sign_in_finish (PbRemote      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return finish_boolean (self, result, error);
}

static void
on_instance_url_cleared (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!pb_secrets_clear_finish (result, &error))
    {
      return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_refresh_token_cleared (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pb_secrets_clear_finish (result, &error))
    {
      return_error (task, error);
      return;
    }

  pb_secrets_clear_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_INSTANCE_URL, FALSE,
                          g_task_get_cancellable (task), on_instance_url_cleared, task);
}

void
pb_remote_sign_out_async (PbRemote            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PB_IS_REMOTE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_sign_out_async);

  if (!uses_salesforce_environment (self))
    {
      g_clear_object (&self->salesforce);
      self->salesforce_looked_up = FALSE;
    }

  pb_secrets_clear_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_REFRESH_TOKEN, FALSE,
                          cancellable, on_refresh_token_cleared, task);
}

gboolean
pb_remote_sign_out_finish (PbRemote      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return finish_boolean (self, result, error);
}

/* Whether the keyring holds a secret: the answer of is_signed_in and
 * has_platform_client_secret (the secret itself is wiped at once). */
static void
on_presence_looked_up (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  char *secret;

  secret = pb_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  g_task_return_boolean (task, secret != NULL);
  pb_secrets_free (secret);
  g_object_unref (task);
}

static gboolean
finish_presence (PbRemote      *self,
                 GAsyncResult  *result,
                 gboolean      *present,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean value;

  g_return_val_if_fail (PB_IS_REMOTE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (present != NULL, FALSE);

  value = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *present = value;
  return TRUE;
}

void
pb_remote_is_signed_in_async (PbRemote            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GUri) login_url = NULL;
  g_autofree char *login_key = NULL;
  GTask *task;

  g_return_if_fail (PB_IS_REMOTE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_is_signed_in_async);

  if (!salesforce_settings (self, &login_url, &login_key, NULL))
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  pb_secrets_lookup_async (pb_profile_get_name (self->profile), PB_SECRET_SALESFORCE_REFRESH_TOKEN, login_key,
                           pb_profile_get_salesforce_client_id (self->profile), cancellable,
                           on_presence_looked_up, task);
}

gboolean
pb_remote_is_signed_in_finish (PbRemote      *self,
                               GAsyncResult  *result,
                               gboolean      *signed_in,
                               GError       **error)
{
  return finish_presence (self, result, signed_in, error);
}

/* The platform client secret */

static void
on_client_secret_stored (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  PbRemote *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pb_secrets_store_finish (result, &error))
    {
      return_error (task, error);
      return;
    }

  /* The next operation uses the new secret. */
  g_clear_object (&self->platform);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
pb_remote_store_platform_client_secret_async (PbRemote            *self,
                                              const char          *secret,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GUri) platform_url = NULL;
  g_autoptr(GUri) auth_url = NULL;
  g_autofree char *key = NULL;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (PB_IS_REMOTE (self));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_store_platform_client_secret_async);

  if (!platform_settings (self, &platform_url, &auth_url, &error))
    {
      return_error (task, error);
      return;
    }

  key = platform_key (auth_url);
  pb_secrets_store_async (pb_profile_get_name (self->profile), PB_SECRET_PLATFORM_CLIENT_SECRET, key,
                          pb_profile_get_client_id (self->profile), secret, cancellable,
                          on_client_secret_stored, task);
}

void
pb_remote_has_platform_client_secret_async (PbRemote            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GUri) platform_url = NULL;
  g_autoptr(GUri) auth_url = NULL;
  g_autofree char *key = NULL;
  GTask *task;

  g_return_if_fail (PB_IS_REMOTE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_remote_has_platform_client_secret_async);

  /* Without the URLs and the client id no secret can be filed for them. */
  if (!platform_settings (self, &platform_url, &auth_url, NULL))
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  key = platform_key (auth_url);
  pb_secrets_lookup_async (pb_profile_get_name (self->profile), PB_SECRET_PLATFORM_CLIENT_SECRET, key,
                           pb_profile_get_client_id (self->profile), cancellable,
                           on_presence_looked_up, task);
}

gboolean
pb_remote_has_platform_client_secret_finish (PbRemote      *self,
                                             GAsyncResult  *result,
                                             gboolean      *has_secret,
                                             GError       **error)
{
  return finish_presence (self, result, has_secret, error);
}

gboolean
pb_remote_store_platform_client_secret_finish (PbRemote      *self,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  return finish_boolean (self, result, error);
}

/* The object */

static void
on_waiting (PbHttpClient *http,
            guint         seconds,
            const char   *message,
            PbRemote     *self)
{
  g_signal_emit (self, signals[SIGNAL_WAITING], 0, seconds, message);
}

static void
pb_remote_dispose (GObject *object)
{
  PbRemote *self = (PbRemote *)object;

  g_clear_object (&self->platform);
  g_clear_object (&self->salesforce);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (pb_remote_parent_class)->dispose (object);
}

static void
pb_remote_finalize (GObject *object)
{
  PbRemote *self = (PbRemote *)object;

  g_clear_object (&self->profile);
  g_clear_pointer (&self->env_client_secret, pb_secrets_free);
  g_clear_pointer (&self->env_instance_url, g_free);
  g_clear_pointer (&self->env_access_token, pb_secrets_free);

  G_OBJECT_CLASS (pb_remote_parent_class)->finalize (object);
}

static void
pb_remote_class_init (PbRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_remote_dispose;
  object_class->finalize = pb_remote_finalize;

  /**
   * PbRemote::waiting:
   * @seconds: how long
   * @message: why, for the administrator
   *
   * Emitted before the client waits to try a request again (rate limited
   * or unavailable), so the window or the CLI can say so.
   */
  signals[SIGNAL_WAITING] =
    g_signal_new ("waiting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * PbRemote::authorize:
   * @url: the Salesforce page to open in the system browser
   *
   * Emitted during pb_remote_sign_in_async().
   */
  signals[SIGNAL_AUTHORIZE] =
    g_signal_new ("authorize",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pb_remote_init (PbRemote *self)
{
  self->http = pb_http_client_new ();
  g_signal_connect_object (self->http, "waiting", G_CALLBACK (on_waiting), self, 0);
}

static char *
dup_env (const char *name)
{
  const char *value = g_getenv (name);

  return is_set (value) ? g_strdup (value) : NULL;
}

PbRemote *
pb_remote_new (PbProfile     *profile,
               PbRemoteFlags  flags)
{
  PbRemote *self;

  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);

  self = g_object_new (PB_TYPE_REMOTE, NULL);
  self->flags = flags;

  self->profile = pb_profile_new (pb_profile_get_name (profile));
  pb_profile_set_id (self->profile, pb_profile_get_id (profile));
  pb_profile_set_platform_url (self->profile, pb_profile_get_platform_url (profile));
  pb_profile_set_auth_url (self->profile, pb_profile_get_auth_url (profile));
  pb_profile_set_client_id (self->profile, pb_profile_get_client_id (profile));
  pb_profile_set_salesforce_login_url (self->profile, pb_profile_get_salesforce_login_url (profile));
  pb_profile_set_salesforce_client_id (self->profile, pb_profile_get_salesforce_client_id (profile));
  pb_profile_set_callback_port (self->profile, pb_profile_get_callback_port (profile));
  pb_profile_set_sandbox_org (self->profile, pb_profile_get_sandbox_org (profile));

  if (flags & PB_REMOTE_FLAGS_USE_ENVIRONMENT)
    {
      self->env_client_secret = dup_env (PB_ENV_PLATFORM_CLIENT_SECRET);
      self->env_instance_url = dup_env (PB_ENV_SALESFORCE_INSTANCE_URL);
      self->env_access_token = dup_env (PB_ENV_SALESFORCE_ACCESS_TOKEN);
    }

  return self;
}

PbProfile *
pb_remote_get_profile (PbRemote *self)
{
  g_return_val_if_fail (PB_IS_REMOTE (self), NULL);

  return self->profile;
}

PbHttpClient *
pb_remote_get_http_client (PbRemote *self)
{
  g_return_val_if_fail (PB_IS_REMOTE (self), NULL);

  return self->http;
}
